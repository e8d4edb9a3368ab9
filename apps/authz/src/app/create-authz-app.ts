import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ensureTopics, kafkaServerOptions } from '@identity-bus/kafka-bus';
import {
  AppErrorFilter,
  createLogger,
  PinoNestLogger,
  requestValidationPipe,
} from '@identity-bus/service-kit';
import { Logger } from 'pino';

import { AuthzConfig } from './authz.config';
import { AuthzModule } from './authz.module';
import { Clock, systemClock } from './clock';
import { AuthzPolicy } from './policy/authz-policy';
import { readPolicyFile } from './policy/read-policy-file';
import { UserRegistry } from './registry/user-registry';

/** What a caller may supply instead of the defaults: tests quiet the logger and fix the clock. */
export interface AuthzAppOptions {
  logger?: Logger;
  clock?: Clock;
}

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/**
 * Starts authz, in this order: read the policy, make sure the topics exist, build the Nest app,
 * join the consumer group (from the beginning), listen for HTTP. Returns the listening app;
 * closing it leaves the group and stops the server.
 */
export async function createAuthzApp(
  config: AuthzConfig,
  options: AuthzAppOptions = {},
): Promise<INestApplication> {
  const logger = options.logger ?? createLogger('authz');
  const policy = new AuthzPolicy(readPolicyFile(config.policyFile));
  logger.info({ policyFile: config.policyFile, roles: policy.roles }, 'policy loaded');
  await createTopics(config, logger);

  const clock = options.clock ?? systemClock;
  const core = { logger, clock, policy, registry: new UserRegistry(clock) };
  const app = await NestFactory.create(AuthzModule.forRoot(config, core), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  try {
    await start(app, config, logger);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

async function createTopics(config: AuthzConfig, logger: Logger): Promise<void> {
  const { events, deadLetters } = config.topics;
  const created = await ensureTopics(config.kafka, [events, deadLetters]);
  if (created.length > 0) logger.info({ topics: created }, 'topics created');
}

async function start(app: INestApplication, config: AuthzConfig, logger: Logger): Promise<void> {
  app.useGlobalFilters(new AppErrorFilter(logger));
  app.useGlobalPipes(requestValidationPipe());
  app.connectMicroservice(
    kafkaServerOptions(config.kafka, { groupId: config.groupId, fromBeginning: true }, logger),
  );
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  warnWhenExposed(config.host, logger);
  await app.listen(config.port, config.host);

  const url = await app.getUrl();
  logger.info({ url, groupId: config.groupId, topic: config.topics.events.topic }, 'authz ready');
}

/** The API has no authentication of its callers yet; only the local machine should reach it. */
function warnWhenExposed(host: string, logger: Logger): void {
  if (LOOPBACK.includes(host)) return;
  logger.warn(
    { host },
    'AUTHZ_HOST is not a loopback address: any caller that reaches it can read identities',
  );
}
