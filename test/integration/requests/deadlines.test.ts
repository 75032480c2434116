import { TestClock } from '../../../src/domain/clock';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { confirmAllManual, DPO_ACTOR, FAST_QUEUE, settled, until } from './engine-kit';

/**
 * GDPR Art. 12(3) deadlines through the service, on the gateway's injected clock: one calendar
 * month from receipt (clamped to the month's end), extended once by 1-2 months counted from receipt.
 * No vendor is connected: the deadline does not depend on them.
 */
describeEachDatabase('request deadlines', (kind) => {
  const clock = new TestClock('2026-01-31T10:00:00.000Z');
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness(kind, { ...FAST_QUEUE }, { clock });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  const erase = (email: string) => gateway.app.services.requests.file({ type: 'ERASURE', email, reason: 'asked by email' }, DPO_ACTOR);

  it('is due one calendar month after receipt, clamped to the end of a shorter month', async () => {
    clock.set('2026-01-31T10:00:00.000Z');
    const filed = await erase('due.month@example.com');
    expect(filed.request.receivedAt.toISOString()).toBe('2026-01-31T10:00:00.000Z');
    expect(filed.request.dueAt.toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect((await gateway.app.services.requests.get(filed.request.id))?.dueAt.toISOString()).toBe('2026-02-28T10:00:00.000Z');
  });

  it('extends once by up to two months counted from receipt, audited; refuses a second extension, 3 months and a completed request', async () => {
    const { requests } = gateway.app.services;
    clock.set('2026-01-31T10:00:00.000Z');
    const filed = await erase('extended@example.com');
    clock.advance(86_400_000);
    const extended = await requests.extendDeadline(filed.request.id, 2, 'complex request: six systems', DPO_ACTOR);
    expect(extended).toMatchObject({ extendedByMonths: 2, extensionReason: 'complex request: six systems' });
    // 31 Jan + 1 + 2 = 30 Apr; chaining from 28 Feb would give 28 Apr.
    expect(extended.dueAt.toISOString()).toBe('2026-04-30T10:00:00.000Z');

    await expect(requests.extendDeadline(filed.request.id, 1, 'again', DPO_ACTOR)).rejects.toMatchObject({ field: 'id' });
    expect((await requests.get(filed.request.id))?.dueAt.toISOString()).toBe('2026-04-30T10:00:00.000Z');

    const other = await erase('three.months@example.com');
    await expect(requests.extendDeadline(other.request.id, 3, 'too long', DPO_ACTOR)).rejects.toMatchObject({ field: 'months' });
    await expect(requests.extendDeadline(other.request.id, 0, 'nothing', DPO_ACTOR)).rejects.toMatchObject({ field: 'months' });
    expect((await requests.get(other.request.id))?.extendedByMonths).toBe(0);

    const done = await requests.file({ type: 'UNSUBSCRIBE', email: 'completed@example.com' }, DPO_ACTOR);
    await confirmAllManual(gateway, await until(gateway, done.request.id, settled));
    await until(gateway, done.request.id, (view) => view.status === 'COMPLETED');
    await expect(requests.extendDeadline(done.request.id, 1, 'late', DPO_ACTOR)).rejects.toMatchObject({ field: 'id' });

    const audit = await gateway.app.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { operation: 'extendDeadline', subjectKey: filed.request.subjectKey } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: DPO_ACTOR.label, outcome: 'OK' });
    expect(audit[0]?.detail).toContain('+2 month(s) to 2026-04-30T10:00:00.000Z');
    // The refused extensions wrote nothing.
    const refusedAudit = await gateway.app.dataSource
      .getRepository(AuditEntryEntity)
      .count({ where: { operation: 'extendDeadline', subjectKey: other.request.subjectKey } });
    expect(refusedAudit).toBe(0);
  });

  it('is overdue from 1 ms after the deadline, and list({ overdue: true }) returns exactly the overdue open requests', async () => {
    const { requests } = gateway.app.services;
    // A fresh set of requests: the ones the earlier tests filed are overdue too by March.
    const before = new Set((await requests.list({}, 100, null)).requests.map((request) => request.id));
    clock.set('2026-01-31T10:00:00.000Z');
    const late = await erase('late@example.com');
    const extended = await erase('late.but.extended@example.com');
    await requests.extendDeadline(extended.request.id, 1, 'complex', DPO_ACTOR);
    clock.set('2026-02-10T00:00:00.000Z');
    const later = await erase('later@example.com');
    clock.set('2026-01-05T00:00:00.000Z');
    const completed = await requests.file({ type: 'UNSUBSCRIBE', email: 'done.early@example.com' }, DPO_ACTOR);
    await confirmAllManual(gateway, await until(gateway, completed.request.id, settled));
    await until(gateway, completed.request.id, (view) => view.status === 'COMPLETED');

    const overdueIds = async (): Promise<string[]> =>
      (await requests.list({ overdue: true }, 100, null)).requests.map((request) => request.id).filter((id) => !before.has(id));

    clock.set('2026-02-28T10:00:00.000Z');
    expect((await requests.get(late.request.id))?.overdue).toBe(false);
    expect(await overdueIds()).toEqual([]);
    clock.advance(1);
    expect((await requests.get(late.request.id))?.overdue).toBe(true);
    expect(await overdueIds()).toEqual([late.request.id]);

    clock.set('2026-03-10T00:00:00.001Z');
    expect(await overdueIds()).toEqual([later.request.id, late.request.id]);
    const notOverdue = (await requests.list({ overdue: false }, 100, null)).requests.map((request) => request.id);
    expect(notOverdue).toEqual(expect.arrayContaining([extended.request.id, completed.request.id]));
    expect(notOverdue).not.toContain(late.request.id);
    expect((await requests.get(completed.request.id))?.overdue).toBe(false);
  });

  it('is due on 29 February in a leap year', async () => {
    clock.set('2028-01-31T10:00:00.000Z');
    const filed = await erase('leap.year@example.com');
    expect(filed.request.dueAt.toISOString()).toBe('2028-02-29T10:00:00.000Z');
  });
});
