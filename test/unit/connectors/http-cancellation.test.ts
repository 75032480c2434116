import type { CallOptions, LookupResult, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { abortScope, cancelledError, raceAbort, sleep } from '../../../src/connectors/http/abortable';
import { overridePolicy, resolvePolicy } from '../../../src/connectors/http/http-policy';
import { createConnectorLoaders } from '../../../src/federation/connector-loaders';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('abort scopes', () => {
  it("when the parent aborts, then the scope aborts with the parent's reason", () => {
    const parent = new AbortController();
    const scope = abortScope(parent.signal);
    const reason = new Error('request ended');
    parent.abort(reason);
    expect(scope.signal.aborted).toBe(true);
    expect(scope.signal.reason).toBe(reason);
  });

  it('when the parent is already aborted, then the scope starts aborted', () => {
    expect(abortScope(AbortSignal.abort('gone')).signal.reason).toBe('gone');
  });

  it('when the timeout passes, then the scope aborts with the timeout reason; after dispose it never does', async () => {
    const reason = new ConnectorError('MARKETO', 'TIMEOUT', 'late');
    const timed = abortScope(undefined, { ms: 20, reason: () => reason });
    const disposed = abortScope(undefined, { ms: 20, reason: () => reason });
    disposed.dispose();
    await wait(40);
    expect(timed.signal.reason).toBe(reason);
    expect(disposed.signal.aborted).toBe(false);
  });

  it('when a disposed scope outlives its parent, then the parent no longer aborts it', () => {
    const parent = new AbortController();
    const scope = abortScope(parent.signal);
    scope.dispose();
    parent.abort();
    expect(scope.signal.aborted).toBe(false);
    scope.abort(new Error('own'));
    expect((scope.signal.reason as Error).message).toBe('own');
  });
});

describe('cancellation helpers', () => {
  it("when the reason is this system's ConnectorError it is the answer; any other reason is a CANCELLED TIMEOUT", () => {
    const mine = new ConnectorError('MARKETO', 'TIMEOUT', 'MARKETO late');
    expect(cancelledError('MARKETO', 'leads.filter', AbortSignal.abort(mine))).toBe(mine);
    const other = cancelledError('MARKETO', 'leads.filter', AbortSignal.abort(new ConnectorError('LIVECHAT', 'TIMEOUT', 'late')));
    expect([other.system, other.kind, other.details.vendorCode, other.message]).toEqual([
      'MARKETO',
      'TIMEOUT',
      'CANCELLED',
      'MARKETO call cancelled during leads.filter',
    ]);
  });

  it('when a sleep is aborted it ends early; an already aborted signal does not sleep at all', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleep(5_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await sleeping;
    await sleep(5_000, AbortSignal.abort());
    expect(Date.now() - started).toBeLessThan(1_000);
    const plain = Date.now();
    await sleep(30);
    expect(Date.now() - plain).toBeGreaterThanOrEqual(25);
  });

  it('when raced against a signal, work settles as usual, or rejects with the abort error as soon as the signal aborts', async () => {
    expect(await raceAbort(Promise.resolve(1), undefined, () => new Error('x'))).toBe(1);
    expect(await raceAbort(Promise.resolve(2), new AbortController().signal, () => new Error('x'))).toBe(2);
    const failed = await rejection(raceAbort(Promise.reject(new Error('boom')), new AbortController().signal, () => new Error('x')));
    expect((failed as Error).message).toBe('boom');
    const controller = new AbortController();
    const pending = raceAbort(new Promise(() => undefined), controller.signal, () => new Error('cancelled'));
    controller.abort();
    expect(((await rejection(pending)) as Error).message).toBe('cancelled');
    expect(((await rejection(raceAbort(Promise.resolve(3), AbortSignal.abort(), () => new Error('early')))) as Error).message).toBe(
      'early',
    );
  });

  it("when a call's policy leaves a field undefined, then the client's value stays", () => {
    const base = resolvePolicy({ maxAttempts: 5 });
    expect(overridePolicy(base, { maxAttempts: 1, timeoutMs: undefined })).toEqual({ ...base, maxAttempts: 1 });
    expect(resolvePolicy({ timeoutMs: undefined }).timeoutMs).toBe(10_000);
  });
});

describe('per-request connector loaders', () => {
  /** A connector whose lookup waits until its call is aborted, and records what it was given. */
  function hangingConnector(seen: CallOptions[]): SystemConnector {
    return {
      system: 'MARKETO',
      capabilities: {
        lookupByEmail: true,
        lookupBatchSize: 300,
        lookupIdentifiers: [],
        rectify: 'FULL',
        erase: 'DELETE',
        optOut: true,
        verifyErased: true,
        eraseRequires: [],
        carriesIdentifiers: [],
      },
      lookupByEmails: (emails, call) => {
        seen.push(call ?? {});
        return new Promise<LookupResult[]>((resolve) => {
          call?.signal?.addEventListener('abort', () =>
            resolve(emails.map(() => cancelledError('MARKETO', 'leads.filter', call.signal as AbortSignal))),
          );
        });
      },
      lookupByIdentifiers: async () => [],
      rectify: async () => ({ status: 'NOTHING_TO_DO' }),
      erase: async () => ({ status: 'NOTHING_TO_DO' }),
      optOut: async () => ({ status: 'NOTHING_TO_DO' }),
      verifyErased: async () => ({ status: 'VERIFIED' }),
    };
  }

  it("when a batch outlives the upstream deadline, then its call is aborted with this system's TIMEOUT and the actor is passed on", async () => {
    const seen: CallOptions[] = [];
    const loaders = createConnectorLoaders(new Map([['MARKETO', hangingConnector(seen)]]), { actor: 'VIEWER:abc', deadlineMs: 30 });
    const error = await rejection(loaders.get('MARKETO')?.load('a@example.com') ?? Promise.resolve());
    expect(error instanceof ConnectorError && [error.kind, error.message]).toEqual(['TIMEOUT', 'MARKETO did not answer within 30 ms']);
    expect(seen[0]?.actor).toBe('VIEWER:abc');
  });

  it("when the request ends, then the request's outstanding lookups are aborted", async () => {
    const seen: CallOptions[] = [];
    const request = new AbortController();
    const loaders = createConnectorLoaders(new Map([['MARKETO', hangingConnector(seen)]]), { signal: request.signal });
    const pending = rejection(loaders.get('MARKETO')?.load('a@example.com') ?? Promise.resolve());
    await wait(10);
    expect(seen[0]?.signal?.aborted).toBe(false);
    request.abort(new Error('the HTTP request ended'));
    expect(((await pending) as ConnectorError).details.vendorCode).toBe('CANCELLED');
    expect(seen[0]?.signal?.aborted).toBe(true);
  });
});
