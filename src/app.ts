import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { sandboxVendorSettings } from './config/vendor-config';
import type { AppConfig, VendorSettings } from './config/config.types';
import { createConnectors, createVendorTransports, type ConnectorSet } from './connectors/registry';
import type { GatewayServices } from './graphql/context';
import { startGateway, type RunningGateway } from './http/start-gateway';
import type { Logger } from './observability/logger';
import { createMetrics, recordUpstreamAttempt, type GatewayMetrics } from './observability/metrics';
import { loadRegister } from './policy/load-register';
import { startSandboxes, type RunningSandboxes } from './sandbox';
import { type Clock, systemClock } from './domain/clock';
import { AuditRepository } from './store/audit.repository';
import { ConsentRepository } from './store/consent.repository';
import { openDatabase } from './store/data-source';
import { SubjectRepository } from './store/subject.repository';

export interface Application {
  url: string;
  config: AppConfig;
  dataSource: DataSource;
  services: GatewayServices;
  gateway: RunningGateway;
  /** Demo mode only: the in-process vendor sandboxes the gateway is wired to. */
  sandboxes: RunningSandboxes | null;
  /** Graceful: drain HTTP, then close the sandboxes and the database. */
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
  const sandboxes = await startSandboxes({ basePort: config.sandboxBasePort, demoQuotas: true });
  return { vendors: sandboxVendorSettings(sandboxes.urls), sandboxes };
}

/** Builds the whole gateway from a validated config: register -> database -> vendors -> HTTP. */
export async function startApplication(config: AppConfig, options: ApplicationOptions): Promise<Application> {
  const register = loadRegister(config.registerPath);
  const dataSource = await openDatabase(config.database, options.queryLogger);
  const metrics = options.metrics ?? createMetrics();
  let sandboxes: RunningSandboxes | null = null;
  try {
    const resolved = await resolveVendors(config);
    sandboxes = resolved.sandboxes;
    // One transport per vendor for the whole process: every connector set (gateway, workers) shares it.
    const transports = createVendorTransports(resolved.vendors, {
      observer: (event) => recordUpstreamAttempt(metrics, event),
      onQueueDepth: (system, depth) => metrics.vendorQueueDepth.set({ system }, depth),
    });
    const connectors = options.connectors ?? createConnectors(transports);
    const clock = options.clock ?? systemClock;
    const subjects = new SubjectRepository(dataSource, clock);
    const services: GatewayServices = {
      config,
      register,
      subjects,
      consents: new ConsentRepository(dataSource, subjects, clock),
      audit: new AuditRepository(dataSource, config.auditPseudonymKey, clock),
      logger: options.logger,
      metrics,
      connectors,
    };
    const gateway = await startGateway(services, dataSource);
    return {
      url: gateway.url,
      config,
      dataSource,
      services,
      gateway,
      sandboxes,
      stop: async () => {
        await gateway.stop();
        await sandboxes?.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (error) {
    await sandboxes?.close();
    await dataSource.destroy();
    throw error;
  }
}
