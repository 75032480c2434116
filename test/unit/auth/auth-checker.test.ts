import type { GraphQLResolveInfo } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { authChecker } from '../../../src/graphql/auth/auth-checker';
import type { GatewayContext } from '../../../src/graphql/context';

interface Recorded {
  actor: string;
  role: string;
  operation: string;
  subjectEmail: string | null;
  outcome: string;
  requestId: string;
  detail: string | null;
}

function call(role: 'DPO' | 'VIEWER', args: Record<string, unknown> = {}): { data: ResolverData<GatewayContext>; audited: Recorded[] } {
  const audited: Recorded[] = [];
  const context = {
    viewer: { role, label: `${role}#abcd` },
    requestId: 'req-1',
    clientRequestId: null,
    services: { audit: { record: async (entries: Recorded[]) => void audited.push(...entries) } },
  } as unknown as GatewayContext;
  const info = { fieldName: 'auditLog', path: { prev: undefined, key: 'auditLog' } } as unknown as GraphQLResolveInfo;
  return { data: { root: {}, args, context, info }, audited };
}

describe('authorising by role', () => {
  it('when the field names no role, then anyone authenticated passes and nothing is audited', async () => {
    const { data, audited } = call('VIEWER');
    await expect(authChecker(data, [])).resolves.toBe(true);
    expect(audited).toEqual([]);
  });

  it('when the viewer has one of the roles, then it passes and nothing is audited', async () => {
    const { data, audited } = call('DPO');
    await expect(authChecker(data, ['VIEWER', 'DPO'])).resolves.toBe(true);
    expect(audited).toEqual([]);
  });

  it('when the viewer lacks the role, then FORBIDDEN names the field and roles, and the refusal is audited under the person asked about', async () => {
    const { data, audited } = call('VIEWER', { subjectEmail: 'Ann.Lee@example.edu' });
    await expect(authChecker(data, ['DPO'])).rejects.toMatchObject({
      message: 'auditLog needs the role DPO',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(audited).toEqual([
      {
        actor: 'VIEWER#abcd',
        role: 'VIEWER',
        operation: 'auditLog',
        subjectEmail: 'Ann.Lee@example.edu',
        outcome: 'DENIED',
        requestId: 'req-1',
        detail: 'needs DPO',
      },
    ]);
  });

  it('when several roles would do and the viewer has none, then the audit detail lists them all', async () => {
    const { data, audited } = call('VIEWER');
    await expect(authChecker(data, ['DPO', 'AUDITOR'])).rejects.toMatchObject({ message: 'auditLog needs the role DPO or AUDITOR' });
    expect(audited[0]).toMatchObject({ subjectEmail: null, detail: 'needs DPO|AUDITOR' });
  });
});
