import { AppError, createLogger } from '@identity-bus/service-kit';

import { readAuditConfig } from './app/audit.config';
import { createAuditApp } from './app/create-audit-app';

/** Starts the audit service from its environment; a failed start exits with status 1. */
async function main(): Promise<void> {
  const logger = createLogger('audit');
  try {
    const config = readAuditConfig(process.env);
    const app = await createAuditApp(config, logger);
    logger.info(
      { url: await app.getUrl(), groupId: config.groupId, topic: config.topics.events.topic },
      'audit service started',
    );
  } catch (error) {
    const code = error instanceof AppError ? error.code : undefined;
    logger.fatal({ err: error, code }, 'audit service could not start');
    process.exit(1);
  }
}

void main();
