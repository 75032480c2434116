import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/config.types';
import type { GatewayServices } from './graphql/context';
import { startGateway, type RunningGateway } from './http/start-gateway';
import type { Logger } from './observability/logger';
import { createMetrics, type GatewayMetrics } from './observability/metrics';
import { loadRegister } from './policy/load-register';
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
  /** Graceful: drain HTTP, then close the database. */
  stop(): Promise<void>;
}

export interface ApplicationOptions {
  logger: Logger;
  metrics?: GatewayMetrics;
}

/** Builds the whole gateway from a validated config: register -> database -> services -> HTTP. */
export async function startApplication(config: AppConfig, options: ApplicationOptions): Promise<Application> {
  const register = loadRegister(config.registerPath);
  const dataSource = await openDatabase(config.database);
  const subjects = new SubjectRepository(dataSource);
  const services: GatewayServices = {
    config,
    register,
    subjects,
    consents: new ConsentRepository(dataSource, subjects),
    audit: new AuditRepository(dataSource, config.auditPseudonymKey),
    logger: options.logger,
    metrics: options.metrics ?? createMetrics(),
  };
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(services, dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return {
    url: gateway.url,
    config,
    dataSource,
    services,
    gateway,
    stop: async () => {
      await gateway.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
