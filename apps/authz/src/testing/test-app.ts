import { randomBytes } from 'node:crypto';
import { createLogger } from '@identity-bus/service-kit';
import { Logger } from 'pino';

import { AuthzConfig, readAuthzConfig } from '../app/authz.config';

/**
 * Settings for an authz under test: port 0, and a topic, dead-letter topic and consumer group
 * no other test uses. The broker is the real one (KAFKA_BROKERS, or 127.0.0.1:9092).
 */
export function testConfig(): Readonly<AuthzConfig> {
  const id = randomBytes(6).toString('hex');
  return readAuthzConfig({
    AUTHZ_PORT: '0',
    AUTHZ_GROUP_ID: `authz-test-${id}`,
    AUTHZ_RETRY_INITIAL_MS: '50',
    AUTHZ_RETRY_MAX_MS: '200',
    IDENTITY_EVENTS_TOPIC: `authz-test-${id}.events`,
    IDENTITY_EVENTS_PARTITIONS: '2',
    IDENTITY_DLQ_TOPIC: `authz-test-${id}.dlq`,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
  });
}

/** Quiet unless a developer sets TEST_LOG_LEVEL to watch the service work. */
export function testLogger(): Logger {
  return createLogger('authz', process.env.TEST_LOG_LEVEL ?? 'silent');
}
