import { readFileSync, existsSync } from 'node:fs';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import type { GatewayHarness } from '../../helpers/gateway-harness';
import { DPO_ACTOR, confirmAllManual, startEngine, until } from './engine-kit';

/**
 * An erased email must not stay readable in the SQLite file: deleted rows linger in free pages and
 * old page versions in the write-ahead log unless the database overwrites them (secure_delete) and
 * the log is checkpointed after the erasure.
 */
describe('the bytes of the SQLite file after an erasure', () => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startEngine('sqlite', sandboxes);
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  const fileBytes = (): Buffer => {
    if (gateway.db.settings.kind !== 'sqlite') throw new Error('sqlite only');
    const path = gateway.db.settings.path;
    return Buffer.concat([path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
  };

  it('when a person with local consents is erased to completion, then neither the database file nor its log holds their email in any letter case', async () => {
    const email = 'Ann.Lee@Example.edu';
    await gateway.app.services.consents.append(email, {
      purpose: 'PROMOTE_LMS',
      channel: 'WEB_FORM',
      legalBasis: 'CONSENT',
      action: 'GRANTED',
      evidence: 'newsletter form',
      actor: DPO_ACTOR.label,
    });
    // The email is in the file while the person is known (the test can see it when it is there).
    expect(fileBytes().includes(Buffer.from('ann.lee@example.edu'))).toBe(true);

    const filed = await gateway.app.services.requests.file({ type: 'ERASURE', email, reason: 'asked by email' }, DPO_ACTOR);
    const rested = await until(gateway, filed.request.id, (view) =>
      view.tasks.every(
        (task) =>
          !['PENDING', 'RUNNING', 'RETRYING'].includes(task.status) &&
          !(task.status === 'DONE' && task.system !== 'LOCAL' && task.verification === null),
      ),
    );
    await confirmAllManual(gateway, rested);
    await until(gateway, filed.request.id, (view) => view.status === 'COMPLETED');

    const bytes = fileBytes();
    for (const variant of ['ann.lee@example.edu', 'Ann.Lee@Example.edu', 'ANN.LEE@EXAMPLE.EDU']) {
      expect(bytes.includes(Buffer.from(variant, 'utf8'))).toBe(false);
    }
  }, 40_000);
});
