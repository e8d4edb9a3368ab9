import { ConfigError, createLogger } from '@identity-bus/service-kit';

import { readAuthzConfig } from './app/authz.config';
import { createAuthzApp } from './app/create-authz-app';

const logger = createLogger('authz');

async function main(): Promise<void> {
  const config = readAuthzConfig();
  await createAuthzApp(config, { logger });
}

/** A bad setting is the operator's to fix: its sentences say which; a stack would not help. */
main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    logger.fatal({ code: error.code, problems: error.problems }, 'authz could not start');
  } else {
    logger.fatal({ code: 'INTERNAL_ERROR', err: error }, 'authz could not start');
  }
  process.exitCode = 1;
});
