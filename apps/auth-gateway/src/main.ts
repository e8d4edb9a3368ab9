import 'reflect-metadata';

import { createLogger } from '@identity-bus/service-kit';

import { createGatewayApp } from './app/create-gateway-app';
import { readGatewayConfig } from './app/gateway.config';

async function main(): Promise<void> {
  const logger = createLogger('auth-gateway');
  try {
    await createGatewayApp(readGatewayConfig(), logger);
  } catch (error) {
    logger.fatal({ err: error }, 'gateway failed to start');
    process.exit(1);
  }
}

void main();
