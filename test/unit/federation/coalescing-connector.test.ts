import type { CallOptions, LookupResult, PersonRecord, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { coalesceBatchingLookups, coalesceLookups } from '../../../src/federation/coalescing-connector';

interface VendorCall {
  emails: readonly string[];
  call: CallOptions | undefined;
}

/** A Marketo-like connector (300 emails per call) that records every call and answers each email with one record. */
function fakeMarketo(answer?: (emails: readonly string[], call?: CallOptions) => Promise<LookupResult[]>) {
  const calls: VendorCall[] = [];
  const connector = {
    system: 'MARKETO',
    capabilities: { lookupByEmail: true, lookupBatchSize: 300 },
    lookupByEmails: (emails: readonly string[], call?: CallOptions) => {
      calls.push({ emails: [...emails], call });
      return answer ? answer(emails, call) : Promise.resolve(emails.map((email) => [recordOf(email)]));
    },
    erase: () => Promise.resolve({ status: 'DONE', affected: 1 }),
  } as unknown as SystemConnector; // only the methods these tests call
  return { connector, calls };
}

function recordOf(email: string): PersonRecord {
  return { system: 'MARKETO', kind: 'MARKETING_LEAD', externalId: `lead-${email}`, email } as unknown as PersonRecord;
}

function emailOf(slot: LookupResult | undefined): string | null | undefined {
  return slot instanceof ConnectorError ? undefined : slot?.[0]?.email;
}

const people = (count: number): string[] => Array.from({ length: count }, (_, index) => `person${index}@example.edu`);

describe('coalescing lookups across requests', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when 50 callers each ask for one email within the window, then the vendor gets one call of 50 and each caller its own record', async () => {
    const marketo = fakeMarketo();
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const answers = Promise.all(people(50).map((email) => shared.lookupByEmails([email])));
    expect(marketo.calls).toHaveLength(0); // the window is still open
    await jest.advanceTimersByTimeAsync(5);
    const results = await answers;
    expect(marketo.calls).toHaveLength(1);
    expect(marketo.calls[0]?.emails).toHaveLength(50);
    expect(results.map((slots) => emailOf(slots[0]))).toEqual(people(50));
  });

  it('when 450 callers ask at once, then the vendor gets two calls (300 at once, then 150 when the window closes)', async () => {
    const marketo = fakeMarketo();
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const answers = Promise.all(people(450).map((email) => shared.lookupByEmails([email])));
    expect(marketo.calls.map((call) => call.emails.length)).toEqual([300]); // a full batch does not wait
    await jest.advanceTimersByTimeAsync(5);
    const results = await answers;
    expect(marketo.calls.map((call) => call.emails.length)).toEqual([300, 150]);
    expect(results.map((slots) => emailOf(slots[0]))).toEqual(people(450));
  });

  it('when callers arrive while a call is out, then they wait for it and go together as the next call', async () => {
    const answers: Array<() => void> = [];
    const marketo = fakeMarketo(
      (emails) => new Promise((resolve) => answers.push(() => resolve(emails.map((email) => [recordOf(email)])))),
    );
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const first = shared.lookupByEmails(['first@example.edu']);
    await jest.advanceTimersByTimeAsync(5);
    const later = people(20).map((email) => shared.lookupByEmails([email]));
    await jest.advanceTimersByTimeAsync(50); // their window closed long ago: they wait for the call that is out
    expect(marketo.calls.map((call) => call.emails.length)).toEqual([1]);
    answers[0]?.();
    expect(emailOf((await first)[0])).toBe('first@example.edu');
    await jest.advanceTimersByTimeAsync(0);
    expect(marketo.calls.map((call) => call.emails.length)).toEqual([1, 20]);
    answers[1]?.();
    expect((await Promise.all(later)).map((slots) => emailOf(slots[0]))).toEqual(people(20));
  });

  it('when two callers ask for the same person in different case, then the email is sent once and both get the record', async () => {
    const marketo = fakeMarketo();
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const answers = Promise.all([shared.lookupByEmails(['Ann@Example.edu']), shared.lookupByEmails(['ann@example.edu', 'bo@example.edu'])]);
    await jest.advanceTimersByTimeAsync(5);
    const [first, second] = await answers;
    expect(marketo.calls.map((call) => call.emails)).toEqual([['Ann@Example.edu', 'bo@example.edu']]);
    expect(emailOf(first?.[0])).toBe('Ann@Example.edu');
    expect(second?.map(emailOf)).toEqual(['Ann@Example.edu', 'bo@example.edu']);
  });

  it('when a caller aborts before the window closes, then it rejects at once with its reason and its email is not sent', async () => {
    const marketo = fakeMarketo();
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const gone = new AbortController();
    const reason = new ConnectorError('MARKETO', 'TIMEOUT', 'MARKETO did not answer within 5000 ms');
    const leaving = shared.lookupByEmails(['leaving@example.edu'], { signal: gone.signal });
    const staying = shared.lookupByEmails(['staying@example.edu']);
    gone.abort(reason);
    await expect(leaving).rejects.toBe(reason); // before any timer ran
    await jest.advanceTimersByTimeAsync(5);
    expect(emailOf((await staying)[0])).toBe('staying@example.edu');
    expect(marketo.calls.map((call) => call.emails)).toEqual([['staying@example.edu']]);
  });

  it('when a caller aborts without a reason of its own, then it rejects as a cancelled TIMEOUT; when every caller has gone, no call is made', async () => {
    const marketo = fakeMarketo();
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const gone = new AbortController();
    const leaving = shared.lookupByEmails(['leaving@example.edu'], { signal: gone.signal });
    gone.abort();
    await expect(leaving).rejects.toMatchObject({ kind: 'TIMEOUT', details: { vendorCode: 'CANCELLED' } });
    await jest.advanceTimersByTimeAsync(5);
    expect(marketo.calls).toHaveLength(0);
  });

  it('when a caller aborts after its batch was sent, then it stops waiting, the others get their answers, and the vendor call is cut only when all have gone', async () => {
    let finish: (value: LookupResult[]) => void = () => undefined;
    const marketo = fakeMarketo((emails) => new Promise((resolve) => (finish = () => resolve(emails.map((email) => [recordOf(email)])))));
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const first = new AbortController();
    const second = new AbortController();
    const leaving = shared.lookupByEmails(['a@example.edu'], { signal: first.signal });
    const staying = shared.lookupByEmails(['b@example.edu'], { signal: second.signal });
    await jest.advanceTimersByTimeAsync(5);
    expect(marketo.calls).toHaveLength(1);
    const vendorSignal = marketo.calls[0]?.call?.signal;
    first.abort();
    await expect(leaving).rejects.toMatchObject({ kind: 'TIMEOUT' });
    expect(vendorSignal?.aborted).toBe(false); // the second caller still waits for this call
    finish([]);
    expect(emailOf((await staying)[0])).toBe('b@example.edu');

    const third = new AbortController();
    const alone = shared.lookupByEmails(['c@example.edu'], { signal: third.signal });
    await jest.advanceTimersByTimeAsync(5);
    third.abort();
    await expect(alone).rejects.toMatchObject({ kind: 'TIMEOUT' });
    expect(marketo.calls[1]?.call?.signal?.aborted).toBe(true); // nobody waits: the vendor call is cancelled
  });

  it('when the batch call throws, then every caller of that batch rejects with the error', async () => {
    const outage = new ConnectorError('MARKETO', 'TRANSIENT', 'MARKETO answered 503');
    const marketo = fakeMarketo(() => Promise.reject(outage));
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const answers = people(3).map((email) => shared.lookupByEmails([email]));
    const settled = Promise.allSettled(answers);
    await jest.advanceTimersByTimeAsync(5);
    expect((await settled).map((outcome) => (outcome.status === 'rejected' ? outcome.reason : outcome.value))).toEqual([
      outage,
      outage,
      outage,
    ]);
    expect(marketo.calls).toHaveLength(1);
  });

  it('when the vendor fails one key, then only the caller who asked for it gets the error', async () => {
    const refused = new ConnectorError('MARKETO', 'PERMANENT', 'MARKETO refused a key');
    const marketo = fakeMarketo(async (emails) => emails.map((email) => (email.startsWith('bad') ? refused : [recordOf(email)])));
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const answers = Promise.all([
      shared.lookupByEmails(['good@example.edu']),
      shared.lookupByEmails(['bad@example.edu', 'fine@example.edu']),
    ]);
    await jest.advanceTimersByTimeAsync(5);
    const [mine, theirs] = await answers;
    expect(emailOf(mine?.[0])).toBe('good@example.edu');
    expect(theirs?.[0]).toBe(refused);
    expect(emailOf(theirs?.[1])).toBe('fine@example.edu');
  });

  it('when callers have different deadlines, then the batch starts by the latest of them, and by none when one caller has none', async () => {
    const marketo = fakeMarketo();
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const both = Promise.all([
      shared.lookupByEmails(['a@example.edu'], { startBy: 1_000, actor: 'first-viewer' }),
      shared.lookupByEmails(['b@example.edu'], { startBy: 9_000, actor: 'second-viewer' }),
    ]);
    await jest.advanceTimersByTimeAsync(5);
    await both;
    expect(marketo.calls[0]?.call).toMatchObject({ startBy: 9_000, actor: 'first-viewer' });

    const mixed = Promise.all([shared.lookupByEmails(['c@example.edu'], { startBy: 1_000 }), shared.lookupByEmails(['d@example.edu'])]);
    await jest.advanceTimersByTimeAsync(5);
    await mixed;
    expect(marketo.calls[1]?.call?.startBy).toBeUndefined();
  });

  it("when a caller's deadline passes while its batch runs, then it rejects with its deadline error and the others still get answers", async () => {
    let finish: () => void = () => undefined;
    const marketo = fakeMarketo((emails) => new Promise((resolve) => (finish = () => resolve(emails.map((email) => [recordOf(email)])))));
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    const late = new ConnectorError('MARKETO', 'TIMEOUT', 'MARKETO did not answer within 100 ms');
    const plainDeadline = new AbortController();
    setTimeout(() => plainDeadline.abort(), 100);
    const short = shared.lookupByEmails(['a@example.edu'], { signal: plainDeadline.signal, startBy: Date.now() + 100 });
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(late), 100);
    const shortWithReason = shared.lookupByEmails(['b@example.edu'], { signal: deadline.signal });
    const patient = shared.lookupByEmails(['c@example.edu']);
    const shortSettled = Promise.allSettled([short, shortWithReason]);
    await jest.advanceTimersByTimeAsync(150);
    const [first, second] = await shortSettled;
    expect(first).toMatchObject({ status: 'rejected', reason: { kind: 'TIMEOUT' } });
    expect(second).toMatchObject({ status: 'rejected', reason: late });
    finish();
    expect(emailOf((await patient)[0])).toBe('c@example.edu');
    expect(marketo.calls).toHaveLength(1);
  });

  it('when other methods are called, then they reach the connector unchanged', async () => {
    const marketo = fakeMarketo();
    const shared = coalesceLookups(marketo.connector, { windowMs: 5 });
    await expect(shared.erase({ email: 'a@example.edu', identifiers: [] })).resolves.toEqual({ status: 'DONE', affected: 1 });
    expect(shared.system).toBe('MARKETO');
  });

  it('when the connector set is wrapped, then only vendors that batch lookups share calls, and a window of 0 changes nothing', () => {
    const marketo = fakeMarketo().connector;
    const livechat = { system: 'LIVECHAT', capabilities: { lookupByEmail: true, lookupBatchSize: 1 } } as unknown as SystemConnector;
    const set = new Map([
      ['MARKETO', marketo],
      ['LIVECHAT', livechat],
    ] as const);
    const wrapped = coalesceBatchingLookups(set, 5);
    expect(wrapped.get('MARKETO')).not.toBe(marketo);
    expect(wrapped.get('LIVECHAT')).toBe(livechat);
    expect(coalesceBatchingLookups(set, 0)).toBe(set);
  });
});
