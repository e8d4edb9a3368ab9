import { AppError, createLogger } from '@identity-bus/service-kit';

import { readAuthzConfig } from './app/authz.config';
import { createAuthzApp } from './app/create-authz-app';

const logger = createLogger('authz');

async function main(): Promise<void> {
  const config = readAuthzConfig();
  await createAuthzApp(config, { logger });
}

main().catch((error: unknown) => {
  const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
  logger.fatal({ code, err: error }, 'authz could not start');
  process.exitCode = 1;
});
