import type DataLoader from 'dataloader';
import type { AppConfig } from '../config/config.types';
import type { ConnectorSet } from '../connectors/registry';
import type { ConnectorLoaders } from '../federation/connector-loaders';
import type { FederatedSources } from '../federation/federated-sources';
import type { LedgerEntry } from '../domain/consent-ledger';
import type { Logger } from '../observability/logger';
import type { GatewayMetrics } from '../observability/metrics';
import type { Register } from '../policy/register.types';
import type { AuditRepository } from '../store/audit.repository';
import type { ConsentRepository } from '../store/consent.repository';
import type { SubjectRepository } from '../store/subject.repository';
import type { Viewer } from './auth/authenticate';

/** Long-lived collaborators, built once in main.ts. */
export interface GatewayServices {
  config: AppConfig;
  register: Register;
  subjects: SubjectRepository;
  consents: ConsentRepository;
  audit: AuditRepository;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Connected vendors (absent = not configured: its source shows SKIPPED). */
  connectors: ConnectorSet;
}

/** Per-request loaders: built for every request so nothing is cached across callers. */
export interface RequestLoaders {
  consentsBySubjectId: DataLoader<number, LedgerEntry[]>;
  connectors: ConnectorLoaders;
}

/** A system that could not answer, reported as a GraphQL error next to the partial data. */
export interface UpstreamErrorReport {
  system: string;
  message: string;
  path: ReadonlyArray<string | number>;
}

export interface GatewayContext {
  viewer: Viewer;
  requestId: string;
  services: GatewayServices;
  loaders: RequestLoaders;
  /** Per-request, memoised federated lookups (one per email across all fields). */
  federation: FederatedSources;
  upstreamErrors: UpstreamErrorReport[];
  logger: Logger;
}
