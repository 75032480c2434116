import type {
  ConnectedSystem,
  ConnectorCapabilities,
  LookupResult,
  PersonRecord,
  SystemConnector,
} from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { scanVendors } from '../../../src/requests/retention/vendor-scan';

function person(system: ConnectedSystem, email: string | null, fields: Partial<PersonRecord> = {}): PersonRecord {
  return {
    system,
    kind: 'CRM_CONTACT',
    externalId: `${system}-${email ?? 'none'}`,
    email,
    firstName: null,
    lastName: null,
    phone: null,
    company: null,
    optedOut: null,
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    birthDate: null,
    identifiers: [],
    raw: {},
    ...fields,
  };
}

const CAPABILITIES: ConnectorCapabilities = {
  lookupByEmail: true,
  lookupBatchSize: 300,
  lookupIdentifiers: [],
  rectify: 'FULL',
  erase: 'DELETE',
  optOut: true,
  verifyErased: true,
  eraseRequires: [],
  carriesIdentifiers: [],
};

function connector(system: ConnectedSystem, parts: Partial<SystemConnector>): SystemConnector {
  const refuse = async (): Promise<never> => {
    throw new Error('not used by the scan');
  };
  return {
    system,
    capabilities: CAPABILITIES,
    lookupByEmails: refuse,
    lookupByIdentifiers: refuse,
    rectify: refuse,
    erase: refuse,
    optOut: refuse,
    verifyErased: refuse,
    ...parts,
  };
}

describe('reading every system for retention', () => {
  it('when a listing fails midway, then what it listed is kept and the system is a READ_FAILED gap; erasure placeholders (.invalid) are nobody', async () => {
    const salesforce = connector('SALESFORCE', {
      async *scanPeople() {
        yield [person('SALESFORCE', 'Ann@Example.org'), person('SALESFORCE', 'erased.003abc@erased.invalid'), person('SALESFORCE', null)];
        throw new ConnectorError('SALESFORCE', 'TRANSIENT', 'SALESFORCE answered soql.queryMore with 503');
      },
    });
    const scan = await scanVendors(new Map([['SALESFORCE', salesforce]]), { call: {}, knownEmails: [] });
    expect([...scan.records.keys()]).toEqual(['ann@example.org']);
    expect(scan.gaps).toEqual([
      { system: 'SALESFORCE', kind: 'READ_FAILED', reason: 'listing failed (TRANSIENT): SALESFORCE answered soql.queryMore with 503' },
    ]);
  });

  it('when a system cannot list (Marketo), then it is asked about everyone found and every local subject in batches of its size, and says who it cannot see', async () => {
    const listed = Array.from({ length: 650 }, (_, index) => person('LIVECHAT', `person${String(index).padStart(3, '0')}@example.org`));
    const livechat = connector('LIVECHAT', {
      async *scanPeople() {
        yield listed.slice(0, 400);
        yield listed.slice(400);
      },
    });
    const batches: number[] = [];
    const marketo = connector('MARKETO', {
      lookupByEmails: async (emails): Promise<LookupResult[]> => {
        batches.push(emails.length);
        return emails.map((email) =>
          email === 'local.only@example.org' ? [person('MARKETO', email, { kind: 'MARKETING_LEAD', birthDate: '2012-02-02' })] : [],
        );
      },
    });
    const google = connector('GOOGLE_ANALYTICS', { capabilities: { ...CAPABILITIES, lookupByEmail: false } });
    const connectors = new Map<ConnectedSystem, SystemConnector>([
      ['MARKETO', marketo],
      ['LIVECHAT', livechat],
      ['GOOGLE_ANALYTICS', google],
    ]);

    const scan = await scanVendors(connectors, { call: {}, knownEmails: ['Local.Only@example.org'] });

    expect(batches).toEqual([300, 300, 51]);
    expect(scan.records.get('local.only@example.org')).toEqual([
      {
        system: 'MARKETO',
        kind: 'MARKETING_LEAD',
        externalId: 'MARKETO-local.only@example.org',
        at: '2026-01-01T00:00:00.000Z',
        birthDate: '2012-02-02',
      },
    ]);
    expect(scan.gaps.map((gap) => `${gap.system} ${gap.kind}`)).toEqual(['MARKETO NOT_LISTED', 'GOOGLE_ANALYTICS NOT_LISTED']);
  });

  it('when some lookups fail, then the system is a READ_FAILED gap counting the people it could not answer for', async () => {
    const marketo = connector('MARKETO', {
      lookupByEmails: async (emails): Promise<LookupResult[]> =>
        emails.map((email) => (email.startsWith('b') ? new ConnectorError('MARKETO', 'RATE_LIMITED', 'MARKETO 606') : [])),
    });
    const scan = await scanVendors(new Map([['MARKETO', marketo]]), { call: {}, knownEmails: ['a@example.org', 'b@example.org'] });
    expect(scan.gaps[0]).toEqual({
      system: 'MARKETO',
      kind: 'READ_FAILED',
      reason: 'lookup failed (RATE_LIMITED): MARKETO 606 for 1 of 2 people',
    });
  });
});
