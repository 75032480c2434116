/**
 * Demo mode's first minute: the local store starts with the demo population's consents, written
 * through the consent ledger, once (a store that holds anyone is left alone), and never outside demo mode.
 */
import { openCore, type Core } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { DEMO_SEED_ACTOR } from '../../../src/lifecycle/demo-consent-seed';
import { createLogger } from '../../../src/observability/logger';
import { createMetrics } from '../../../src/observability/metrics';
import { ConsentEntryEntity } from '../../../src/store/entities/consent-entry.entity';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../helpers/test-databases';

function open(url: string, demo: boolean): Promise<Core> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DEMO_SANDBOXES: demo ? 'on' : 'off' });
  return openCore(config, { logger: createLogger('silent'), metrics: createMetrics(false) });
}

async function ledgerOf(core: Core, email: string): Promise<Array<{ action: string; purpose: string; channel: string | null }>> {
  const subject = await core.services.subjects.findByEmail(email);
  if (!subject) return [];
  const entries = (await core.services.consents.entriesFor([subject.id])).get(subject.id) ?? [];
  return entries.map(({ action, purpose, channel }) => ({ action, purpose, channel }));
}

describeEachDatabase('the demo consent seed', (kind) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });

  afterEach(async () => {
    await database.drop();
  });

  it('when demo mode opens an empty store, then the demo people have consents with history, written once', async () => {
    const first = await open(database.url, true);
    const entries = first.dataSource.getRepository(ConsentEntryEntity);
    const written = await entries.count();
    try {
      expect(written).toBeGreaterThan(200);
      expect(await entries.count({ where: { actor: DEMO_SEED_ACTOR } })).toBe(written);
      expect(await ledgerOf(first, 'ann.lee@example.edu')).toEqual([
        { action: 'GRANTED', purpose: 'NURTURE_RELATIONSHIPS', channel: 'WEB_FORM' },
        { action: 'GRANTED', purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS', channel: 'LIVE_CHAT' },
        { action: 'GRANTED', purpose: 'NURTURE_RELATIONSHIPS', channel: 'REPRESENTATIVE' },
      ]);
      // Opted out in Marketo: the web-form consent was withdrawn (the ledger shows both).
      expect(await ledgerOf(first, 'opted.out@example.com')).toEqual([
        { action: 'GRANTED', purpose: 'NURTURE_RELATIONSHIPS', channel: 'WEB_FORM' },
        { action: 'WITHDRAWN', purpose: 'NURTURE_RELATIONSHIPS', channel: null },
      ]);
    } finally {
      await first.close();
    }
    const again = await open(database.url, true);
    try {
      expect(await again.dataSource.getRepository(ConsentEntryEntity).count()).toBe(written);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('when connected mode opens an empty store, then nothing is seeded', async () => {
    const core = await open(database.url, false);
    try {
      expect(await core.dataSource.getRepository(ConsentEntryEntity).count()).toBe(0);
    } finally {
      await core.close();
    }
  }, 60_000);
});
