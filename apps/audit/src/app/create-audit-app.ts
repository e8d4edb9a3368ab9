import { ensureTopics, kafkaServerOptions } from '@identity-bus/kafka-bus';
import {
  AppErrorFilter,
  createLogger,
  PinoNestLogger,
  requestValidationPipe,
} from '@identity-bus/service-kit';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'pino';

import { AuditConfig } from './audit.config';
import { AuditModule } from './audit.module';
import { AuditStore } from './store/audit.store';
import { openAuditStore } from './store/open-audit-store';

/**
 * Builds and starts the audit service, in this order: open the store (creating its table),
 * create the identity topics that are missing, build the Nest app, connect the Kafka consumer,
 * start consuming, listen for HTTP. Returns the running app; `app.close()` stops the consumer,
 * then the HTTP server, then closes the store.
 */
export async function createAuditApp(
  config: Readonly<AuditConfig>,
  logger: Logger = createLogger('audit'),
): Promise<INestApplication> {
  warnOnDevelopmentDefaults(config, logger);
  const store = await openAuditStore(config.database, logger);
  const app = await buildApp(config, store, logger).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  try {
    await startApp(app, config, logger);
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function buildApp(
  config: Readonly<AuditConfig>,
  store: AuditStore,
  logger: Logger,
): Promise<INestApplication> {
  await ensureTopics(config.kafka, [config.topics.events, config.topics.deadLetters]);
  const app = await NestFactory.create(AuditModule.forRoot({ config, store, logger }), {
    logger: new PinoNestLogger(logger),
    // Fail with an error rather than exit the process: tests build apps inside jest.
    abortOnError: false,
  });
  app.useGlobalFilters(new AppErrorFilter(logger));
  app.useGlobalPipes(requestValidationPipe());
  return app;
}

async function startApp(
  app: INestApplication,
  config: Readonly<AuditConfig>,
  logger: Logger,
): Promise<void> {
  const consumer = { groupId: config.groupId, fromBeginning: true };
  app.connectMicroservice(kafkaServerOptions(config.kafka, consumer, logger));
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
}

function warnOnDevelopmentDefaults(config: Readonly<AuditConfig>, logger: Logger): void {
  if (config.database.kind !== 'sqlite') return;
  logger.warn(
    { sqlitePath: config.database.path },
    'AUDIT TRAIL IN A LOCAL SQLITE FILE: for development only; set AUDIT_DATABASE_URL',
  );
}
