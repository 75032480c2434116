import { CONNECTED_SYSTEMS, type ConnectedSystem, type PersonRecord } from '../connectors/connector.types';
import { ConnectorError } from '../connectors/connector-error';
import type { ConnectorSet } from '../connectors/registry';
import { normaliseEmail } from '../domain/email';
import type { ConnectorLoaders } from './connector-loaders';
import type { IndexedPresence, PresenceLoaders } from './index-presence';
import { indexAsOf } from './indexed-lookups';
import type { SourcePresence, SourceResult } from './source-result';

function withDeadline<T>(system: ConnectedSystem, work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectorError(system, 'TIMEOUT', `${system} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function toResult(system: ConnectedSystem, settled: PromiseSettledResult<PersonRecord[]>): SourceResult {
  if (settled.status === 'rejected') {
    const error =
      settled.reason instanceof ConnectorError ? settled.reason : new ConnectorError(system, 'TRANSIENT', `${system} lookup failed`);
    return { system, status: 'ERROR', error };
  }
  if (settled.value.length > 0) return { system, status: 'FOUND', records: settled.value };
  const asOf = indexAsOf(settled.value);
  return asOf ? { system, status: 'NOT_FOUND', asOf } : { system, status: 'NOT_FOUND' };
}

function fromIndex(system: ConnectedSystem, presence: IndexedPresence): SourcePresence {
  return presence.externalIds.length > 0
    ? { system, status: 'INDEXED', externalIds: presence.externalIds, asOf: presence.asOf }
    : { system, status: 'NOT_FOUND', asOf: presence.asOf };
}

/**
 * Asks every connected system about one email concurrently, each under the same deadline
 * (UPSTREAM_TIMEOUT_MS); a failure or a late answer is that system's ERROR, never the subject's.
 * The deadline here answers on time whatever a connector does; the loaders' batches abort the
 * vendor calls behind a late answer at the same deadline, and when the request ends
 * (connector-loaders.ts), so no abandoned lookup keeps a vendor's queue busy.
 * Memoised per request so that every field of a subject shares one lookup.
 */
export class FederatedSources {
  private readonly memo = new Map<string, Promise<SourceResult[]>>();
  private readonly presenceMemo = new Map<string, Promise<SourcePresence[]>>();
  /** One lookup per system and email in a request, shared by the full answer and the presence answer. */
  private readonly asked = new Map<string, Promise<SourceResult>>();
  /** Emails this request reads live (`fresh: true`): the vendor index is bypassed for them. */
  private readonly live = new Set<string>();

  constructor(
    private readonly connectors: ConnectorSet,
    private readonly loaders: ConnectorLoaders,
    private readonly timeoutMs: number,
    private readonly liveLoaders: ConnectorLoaders = new Map(),
    private readonly presenceLoaders: PresenceLoaders = new Map(),
  ) {}

  /** From now on in this request, `email` is read from the vendors themselves, spending their quota. */
  readLive(email: string): void {
    const key = normaliseEmail(email);
    if (this.live.has(key)) return;
    this.live.add(key);
    this.forgetKey(key);
  }

  /** Private: loads are issued synchronously, so all subjects of a page land in one batch. */
  sourcesFor(email: string): Promise<SourceResult[]> {
    const key = normaliseEmail(email);
    const known = this.memo.get(key);
    if (known) return known;
    const pending = Promise.all(CONNECTED_SYSTEMS.map((system) => this.askOnce(system, key)));
    this.memo.set(key, pending);
    return pending;
  }

  /**
   * Who holds the email, without the indexed vendors' details: while the vendor index is fresh,
   * SurveyMonkey and LiveChat answer from it with their record ids (INDEXED) or nobody, at no
   * vendor call; every other system, and an index that cannot answer, as in `sourcesFor`. For
   * callers that show which systems hold a person but not what they hold (a list of subjects).
   */
  presenceFor(email: string): Promise<SourcePresence[]> {
    const key = normaliseEmail(email);
    const known = this.presenceMemo.get(key);
    if (known) return known;
    const pending = Promise.all(CONNECTED_SYSTEMS.map((system) => this.presenceOf(system, key)));
    this.presenceMemo.set(key, pending);
    return pending;
  }

  forget(email: string): void {
    this.forgetKey(normaliseEmail(email));
  }

  private forgetKey(key: string): void {
    this.memo.delete(key);
    this.presenceMemo.delete(key);
    for (const system of CONNECTED_SYSTEMS) this.asked.delete(`${system} ${key}`);
  }

  private presenceOf(system: ConnectedSystem, email: string): Promise<SourcePresence> {
    const loader = this.live.has(email) || !this.connectors.has(system) ? undefined : this.presenceLoaders.get(system);
    if (!loader) return this.askOnce(system, email);
    return loader.load(email).then(
      (presence) => (presence ? fromIndex(system, presence) : this.askOnce(system, email)),
      () => this.askOnce(system, email),
    );
  }

  /** Issued synchronously on first use, so that every email of a page lands in the same batch. */
  private askOnce(system: ConnectedSystem, email: string): Promise<SourceResult> {
    const key = `${system} ${email}`;
    const known = this.asked.get(key);
    if (known) return known;
    const pending = this.ask(system, email);
    this.asked.set(key, pending);
    return pending;
  }

  private async ask(system: ConnectedSystem, email: string): Promise<SourceResult> {
    const connector = this.connectors.get(system);
    if (!connector) return { system, status: 'SKIPPED', reason: `${system} is not connected` };
    const loader = (this.live.has(email) ? this.liveLoaders.get(system) : undefined) ?? this.loaders.get(system);
    if (!loader) return { system, status: 'SKIPPED', reason: `${system} cannot look people up by email` };
    const [settled] = await Promise.allSettled([withDeadline(system, loader.load(email), this.timeoutMs)]);
    return settled ? toResult(system, settled) : { system, status: 'NOT_FOUND' };
  }
}
