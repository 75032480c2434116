import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { sandboxVendorSettings } from './config/vendor-config';
import type { AppConfig, VendorSettings } from './config/config.types';
import { createConnectors, createVendorTransports, type ConnectorSet, type VendorTransports } from './connectors/registry';
import type { GatewayServices } from './graphql/context';
import { coalesceBatchingLookups } from './federation/coalescing-connector';
import { startGateway, type RunningGateway } from './http/start-gateway';
import type { Logger } from './observability/logger';
import { createMetrics, recordUpstreamAttempt, type GatewayMetrics } from './observability/metrics';
import { loadRegister } from './policy/load-register';
import { databaseStartError } from './lifecycle/database-start-error';
// Type-only: erased from the build, so a connected or production process never loads src/sandbox.
import type { RunningSandboxes } from './sandbox';
import { type Clock, systemClock } from './domain/clock';
import { AccessExportRepository } from './store/access-export.repository';
import { AuditRepository } from './store/audit.repository';
import { ConsentRepository } from './store/consent.repository';
import { openDatabase } from './store/data-source';
import { SubjectRepository } from './store/subject.repository';
import { SuppressionList } from './store/suppression.repository';
import { TaskQueueRepository } from './store/task-queue.repository';
import { sharedRateBudgetFor } from './store/shared-rate-budget.repository';
import { registerQueueMetrics } from './requests/queue-metrics';
import { RequestService } from './requests/request-service';
import { loadCertificateSigner } from './requests/proof/signing-keys';
import { WorkerPool } from './requests/worker/worker-pool';
import type { CompletionHooks } from './requests/completion-hooks';
import { runLockedResurfacing } from './requests/resurfacing/resurfacing-run';
import { scheduleJob } from './lifecycle/job-schedule';
import { scheduleResurfacing } from './requests/resurfacing/resurfacing-schedule';
import { RetentionService } from './requests/retention/retention-service';
import { describeOutcome, runRetentionSweep } from './requests/retention/retention-sweep';
import { JobLockRepository } from './store/job-lock.repository';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { workerProcessRefusal } from './requests/worker/worker-process';
import { ConfigError } from './config/config-error';
import { indexedSystemsOf } from './federation/index/index-scans';
import { VendorIndex } from './federation/index/vendor-index';
import { scheduleVendorIndex } from './federation/index/vendor-index-schedule';
import { registerVendorIndexMetrics } from './federation/index/index-metrics';
import { liveIndexedConnectors, withVendorIndex } from './federation/indexed-lookups';
import { VendorIndexRepository } from './store/vendor-index.repository';

/** What HTTP and workers run on: config, register, database, vendors and the services over them. */
export interface Core {
  config: AppConfig;
  dataSource: DataSource;
  services: GatewayServices;
  /** The process's one transport per vendor; workers build their connector set over it (createConnectors). */
  transports: VendorTransports;
  /** Demo mode only: the in-process vendor sandboxes the connectors are wired to. */
  sandboxes: RunningSandboxes | null;
  /** This process's request workers (started by startApplication per WORKERS, or by `npm run worker`). */
  workers: WorkerPool;
  /** Closes the sandboxes and the database; call after whatever runs on the core has stopped. */
  close(): Promise<void>;
}

export interface Application extends Omit<Core, 'close'> {
  url: string;
  core: Core;
  gateway: RunningGateway;
  /** Graceful: drain HTTP, then close the core (sandboxes, database). */
  stop(): Promise<void>;
}

export interface ApplicationOptions {
  logger: Logger;
  metrics?: GatewayMetrics;
  /** Sees every SQL statement (the bench counts database queries per operation). */
  queryLogger?: TypeOrmLogger;
  /** Pre-built connectors instead of the configured ones (the bench raises their rate windows). */
  connectors?: ConnectorSet;
  /** Where the store reads "now" (tests pin it to an instant); the system clock by default. */
  clock?: Clock;
}

/** Demo mode starts the sandboxes and wires every vendor to them; otherwise the configured vendors. */
async function resolveVendors(config: AppConfig): Promise<{ vendors: VendorSettings; sandboxes: RunningSandboxes | null }> {
  if (config.mode !== 'demo') return { vendors: config.vendors, sandboxes: null };
  // Loaded here and only here: the sandboxes (six express apps and their demo data) are demo code.
  const { startSandboxes } = await import('./sandbox/index.js');
  const sandboxes = await startSandboxes({ basePort: config.sandboxBasePort, demoQuotas: true });
  return { vendors: sandboxVendorSettings(sandboxes.urls), sandboxes };
}

/** Demo mode: the local store starts with the demo population's consents (loaded with import(): demo code). */
async function seedDemoStore(dataSource: DataSource, services: GatewayServices): Promise<void> {
  const { seedDemoConsents } = await import('./lifecycle/demo-consent-seed.js');
  const written = await seedDemoConsents(dataSource, services.consents, services.register);
  if (written > 0) services.logger.info({ entries: written }, 'demo: seeded the consent ledger');
}

async function openDatabaseOrExplain(config: AppConfig, queryLogger?: TypeOrmLogger): Promise<DataSource> {
  try {
    return await openDatabase(config.database, queryLogger);
  } catch (error) {
    throw databaseStartError(error, config.database);
  }
}

/**
 * Opens the core from a validated config: register -> database -> vendors (demo: sandboxes) ->
 * services. HTTP (startApplication) and, later, a worker process start on it.
 */
export async function openCore(config: AppConfig, options: ApplicationOptions): Promise<Core> {
  const register = loadRegister(config.registerPath);
  // Before the database opens: a bad key stops startup with nothing to close.
  const certificates = await loadCertificateSigner(config, register, options.clock);
  const dataSource = await openDatabaseOrExplain(config, options.queryLogger);
  const metrics = options.metrics ?? createMetrics();
  let sandboxes: RunningSandboxes | null = null;
  try {
    const resolved = await resolveVendors(config);
    sandboxes = resolved.sandboxes;
    // One transport per vendor for the whole process: every connector set (gateway, workers) shares it.
    const transports = createVendorTransports(resolved.vendors, {
      observer: (event) => recordUpstreamAttempt(metrics, event),
      onQueueDepth: (system, depth) => metrics.vendorQueueDepth.set({ system }, depth),
      // On MySQL/MariaDB every process (gateway replicas, workers) draws from one budget per vendor.
      sharedBudget: sharedRateBudgetFor(dataSource) ?? undefined,
    });
    const connectors = options.connectors ?? createConnectors(transports);
    const clock = options.clock ?? systemClock;
    const subjects = new SubjectRepository(dataSource, clock);
    const audit = new AuditRepository(dataSource, config.auditPseudonymKey, clock);
    const suppressions = new SuppressionList(dataSource, config.suppressionKey);
    // Keyed by the audit pseudonym of the email: the index holds no address.
    const vendorIndexRows = new VendorIndexRepository(dataSource, (email) => audit.subjectKey(email));
    const vendorIndex = new VendorIndex(vendorIndexRows, indexedSystemsOf(transports), config.vendorIndex, clock, suppressions);
    // What a completed erasure leaves: the suppression list's keyed hash and the signed certificate;
    // the erased person leaves the vendor index in the same transaction.
    const hooks: CompletionHooks = {
      suppress: async (manager, email, requestId, at) => {
        await suppressions.suppress(manager, email, requestId, at);
        await vendorIndexRows.forget(manager, email);
      },
      certify: (view) => certificates.issue(view),
    };
    const workers = new WorkerPool({
      hooks,
      dataSource,
      audit,
      clock,
      metrics,
      logger: options.logger,
      register,
      connectors,
      settings: config.workers,
    });
    const connected = new Map([...connectors].map(([system, connector]) => [system, connector.capabilities]));
    const requests = new RequestService({ dataSource, audit, clock, register, connected, hooks, onTasksDue: () => workers.nudge() });
    const retention = new RetentionService({
      dataSource,
      connectors,
      register,
      requests,
      subjectKey: (email) => audit.subjectKey(email),
      metrics,
      clock,
    });
    const services: GatewayServices = {
      config,
      register,
      subjects,
      consents: new ConsentRepository(dataSource, subjects, clock),
      audit,
      logger: options.logger,
      metrics,
      // The read path shares batched lookups across requests; workers and retention batch on their own.
      connectors: withVendorIndex(coalesceBatchingLookups(connectors, config.lookupCoalesceMs), vendorIndex),
      liveConnectors: liveIndexedConnectors(connectors, vendorIndex),
      vendorIndex,
      clock,
      accessExports: new AccessExportRepository(dataSource, clock, config.exportRetentionDays),
      certificates,
      requests,
      suppressions,
      retention,
    };
    registerQueueMetrics(metrics.registry, new TaskQueueRepository(dataSource, clock), clock);
    registerVendorIndexMetrics(metrics.registry, vendorIndex, vendorIndexRows, clock);
    if (resolved.sandboxes) await seedDemoStore(dataSource, services);
    const close = async (): Promise<void> => {
      await resolved.sandboxes?.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    };
    return { config, dataSource, services, transports, sandboxes, workers, close };
  } catch (error) {
    await sandboxes?.close();
    await dataSource.destroy();
    throw error;
  }
}

/** The gateway process: the core, then HTTP on it and WORKERS request workers in-process. */
export async function startApplication(config: AppConfig, options: ApplicationOptions): Promise<Application> {
  const core = await openCore(config, options);
  try {
    const gateway = await startGateway(core.services, core.dataSource);
    core.workers.start(config.workers.inProcess);
    const { suppressions, metrics, clock, connectors } = core.services;
    // One replica runs each interval's sweep: the job locks live in the shared database.
    const locks = new JobLockRepository(core.dataSource, clock);
    const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 100);
    const termsFor = (intervalMs: number) => ({ ttlMs: intervalMs, minGapMs: Math.floor(intervalMs / 2) });
    const resurfacing = scheduleResurfacing(
      config.resurfacingIntervalMs,
      (signal) =>
        runLockedResurfacing(
          { transports: core.transports, connectors, suppressions, metrics, clock },
          { locks, owner, terms: termsFor(config.resurfacingIntervalMs) },
          signal,
        ),
      options.logger,
    );
    const { retention, accessExports, audit } = core.services;
    const indexRefresh = scheduleVendorIndex(
      core.services.vendorIndex,
      config.vendorIndex.refreshMs,
      { locks, owner },
      options.logger,
      config.vendorIndex.buildOnStart,
    );
    const retentionSchedule = scheduleJob(
      'retention',
      config.retentionIntervalMs,
      (signal) =>
        runRetentionSweep({ retention, locks, accessExports, audit, metrics, owner, terms: termsFor(config.retentionIntervalMs) }, signal),
      (outcome) => ({ summary: describeOutcome(outcome) }),
      options.logger,
    );
    return {
      config: core.config,
      dataSource: core.dataSource,
      services: core.services,
      transports: core.transports,
      sandboxes: core.sandboxes,
      workers: core.workers,
      url: gateway.url,
      core,
      gateway,
      stop: async () => {
        // Side by side: both are bounded by the drain grace, and the shutdown watchdog allows one grace.
        await Promise.all([
          gateway.stop(),
          core.workers.stop(config.drainGraceMs),
          resurfacing.stop(),
          retentionSchedule.stop(),
          indexRefresh.stop(),
        ]);
        await core.close();
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}

export interface WorkerProcess {
  core: Core;
  names: string[];
  /** Finishes or gives back the claimed tasks, then closes the core. */
  stop(): Promise<void>;
}

/** A worker process (`npm run worker`): the core without HTTP, and WORKERS workers (at least one) on it. */
export async function startWorkerProcess(config: AppConfig, options: ApplicationOptions): Promise<WorkerProcess> {
  const refusal = workerProcessRefusal(config);
  if (refusal) throw new ConfigError(refusal);
  const core = await openCore(config, options);
  core.workers.start(Math.max(1, config.workers.inProcess));
  return {
    core,
    names: core.workers.names,
    stop: async () => {
      await core.workers.stop(config.drainGraceMs);
      await core.close();
    },
  };
}
