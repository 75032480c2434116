import type { DataSource } from 'typeorm';
import type { ConnectedSystem } from '../../connectors/connector.types';
import type { ConnectorSet } from '../../connectors/registry';
import type { Clock } from '../../domain/clock';
import type { GatewayMetrics } from '../../observability/metrics';
import type { Register } from '../../policy/register.types';
import { SubjectEntity } from '../../store/entities/subject.entity';
import type { Actor, PrivacyRequestService } from '../request.types';
import { gatewayEvents } from './gateway-events';
import { planRetention, type RetentionRuleSet } from './plan-retention';
import type { RetentionScan } from './retention-scan.types';
import type { RetentionEntry, RetentionPlan, VendorCallCount } from './retention.types';
import { scanVendors, type ScanProgress } from './vendor-scan';

/** The audit label retention files under; its own requests are not the person's activity. */
export const RETENTION_ACTOR_LABEL = 'retention';

export interface RetentionServiceDeps {
  dataSource: DataSource;
  connectors: ConnectorSet;
  register: Register;
  requests: PrivacyRequestService;
  /** The audit log's keyed hash of an email. */
  subjectKey(email: string): string;
  metrics: GatewayMetrics;
  clock: Clock;
}

export interface PlanOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

/** What one filing of a plan entry gave: the request (new, or the open one returned). */
export interface FiledRetention {
  email: string;
  type: 'ERASURE' | 'CHAT_REMOVAL';
  reason: string;
  requestId: string;
  created: boolean;
}

/** The actor of a retention run (the sweep, or the CLI): audited as `retention`. */
export function retentionActor(runId: string): Actor {
  return { label: RETENTION_ACTOR_LABEL, role: 'RETENTION', requestId: runId };
}

async function callsBySystem(metrics: GatewayMetrics): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const { labels, value } of (await metrics.upstreamCalls.get()).values) {
    const system = String(labels.system);
    totals.set(system, (totals.get(system) ?? 0) + value);
  }
  return totals;
}

function callsSince(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  systems: Iterable<ConnectedSystem>,
): VendorCallCount[] {
  return [...systems].map((system) => ({ system, calls: (after.get(system) ?? 0) - (before.get(system) ?? 0) }));
}

/**
 * Retention as code: reads the register's rules and every connected system, plans (pure:
 * plan-retention.ts) and files what the plan says through the request engine, which dedupes by
 * open request, so two runs file each request once.
 */
export class RetentionService {
  constructor(private readonly deps: RetentionServiceDeps) {}

  rules(): RetentionRuleSet {
    const { retention, processors } = this.deps.register;
    const livechat = processors.find((processor) => processor.system === 'LIVECHAT');
    return {
      inactivityMonths: retention.inactivityMonths,
      minimumAgeYears: retention.minimumAgeYears,
      chatRetentionMonths: livechat?.retentionMonths ?? null,
    };
  }

  /**
   * The plan as of now. Vendor calls are counted from the process's upstream metrics, so calls
   * other callers make meanwhile are counted too (an upper bound).
   */
  async plan(options: PlanOptions = {}): Promise<RetentionPlan> {
    const { dataSource, connectors, clock, metrics } = this.deps;
    const now = clock.now();
    const before = await callsBySystem(metrics);
    const local = await dataSource.getRepository(SubjectEntity).find({ select: { emailNormalised: true } });
    const call = { signal: options.signal, actor: RETENTION_ACTOR_LABEL };
    const vendors = await scanVendors(connectors, {
      call,
      knownEmails: local.map((subject) => subject.emailNormalised),
      onProgress: options.onProgress,
    });
    const events = await gatewayEvents(
      { dataSource, subjectKey: (email) => this.deps.subjectKey(email), ownActors: [RETENTION_ACTOR_LABEL] },
      vendors.records.keys(),
    );
    const scan: RetentionScan = { records: vendors.records, events, gaps: vendors.gaps };
    const vendorCalls = callsSince(before, await callsBySystem(metrics), connectors.keys());
    const rules = this.rules();
    // Holds are read for the people a rule would act on only.
    const draft = planRetention({ scan, rules, held: new Set(), now, vendorCalls });
    const held = new Set<string>();
    for (const entry of draft.entries.filter((candidate) => candidate.status !== 'UNKNOWN'))
      if (await this.deps.requests.legalHoldOf(entry.email)) held.add(entry.email);
    return planRetention({ scan, rules, held, now, vendorCalls });
  }

  /** Files the plan's erasures (reason MINOR or RETENTION) and chat removals; HELD and UNKNOWN are not filed. */
  async file(plan: RetentionPlan, actor: Actor): Promise<FiledRetention[]> {
    const filed: FiledRetention[] = [];
    for (const entry of plan.entries) {
      const result = await this.fileEntry(entry, actor);
      if (result) filed.push(result);
    }
    return filed;
  }

  private async fileEntry(entry: RetentionEntry, actor: Actor): Promise<FiledRetention | null> {
    const { requests } = this.deps;
    if (entry.status === 'ERASE') {
      const reason = entry.rule === 'MINOR' ? 'MINOR' : 'RETENTION';
      const { request, created } = await requests.file({ type: 'ERASURE', email: entry.email, reason }, actor);
      return { email: entry.email, type: 'ERASURE', reason, requestId: request.id, created };
    }
    if (entry.status === 'REMOVE_CHATS') {
      const input = { type: 'CHAT_REMOVAL' as const, email: entry.email, chatIds: entry.chats, reason: 'RETENTION' };
      const { request, created } = await requests.file(input, actor);
      return { email: entry.email, type: 'CHAT_REMOVAL', reason: input.reason, requestId: request.id, created };
    }
    return null;
  }
}
