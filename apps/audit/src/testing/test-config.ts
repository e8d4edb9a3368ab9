import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaJsConfig } from '@identity-bus/kafka-bus';
import { Kafka, logLevel } from 'kafkajs';

import { AuditConfig, readAuditConfig } from '../app/audit.config';

/** Settings the tests take from the environment: where Kafka is, and nothing else. */
const KAFKA_SETTINGS = [
  'KAFKA_BROKERS',
  'KAFKA_SSL',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
] as const;

/** A folder of its own for one suite's SQLite files; `remove` deletes it. */
export function tempFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'identity-bus-audit-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Where an app under test keeps its trail: a SQLite file in a folder, or a PostgreSQL URL. */
export type TestDatabase = { sqliteFolder: string } | { url: string };

/**
 * The settings of an audit app under test: port 0, its own store, and a fresh topic,
 * dead-letter topic and consumer group, each named after the run. One partition keeps every
 * message in one order, which the tests rely on; retries are quick.
 */
export function testAuditConfig(database: TestDatabase): Readonly<AuditConfig> {
  const run = randomUUID().slice(0, 8);
  const env: Record<string, string | undefined> = {
    AUDIT_PORT: '0',
    AUDIT_GROUP_ID: `audit-test-${run}`,
    AUDIT_RETRY_INITIAL_MS: '100',
    AUDIT_RETRY_MAX_MS: '400',
    IDENTITY_EVENTS_TOPIC: `audit-test-${run}.events`,
    IDENTITY_DLQ_TOPIC: `audit-test-${run}.events.dlq`,
    IDENTITY_EVENTS_PARTITIONS: '1',
  };
  if ('url' in database) env.AUDIT_DATABASE_URL = database.url;
  else env.AUDIT_SQLITE_PATH = join(database.sqliteFolder, 'audit.sqlite');
  for (const name of KAFKA_SETTINGS) env[name] = process.env[name];
  return readAuditConfig(env);
}

/** A kafkajs client for the test's own producing, consuming and cleaning up. */
export function testKafka(config: Readonly<AuditConfig>): Kafka {
  return new Kafka({
    ...kafkaJsConfig(config.kafka),
    clientId: 'audit-test',
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Deletes a test's fresh topics and consumer groups (the app's, and `<groupId>-*` ones of the
 * test's own), so that test runs do not pile them up on the broker.
 */
export async function deleteTestKafkaState(config: Readonly<AuditConfig>): Promise<void> {
  const admin = testKafka(config).admin();
  await admin.connect();
  try {
    const { events, deadLetters } = config.topics;
    await admin.deleteTopics({ topics: [events.topic, deadLetters.topic] });
    const { groups } = await admin.listGroups();
    const ours = groups.map(({ groupId }) => groupId).filter((id) => id.startsWith(config.groupId));
    await admin.deleteGroups(ours);
  } finally {
    await admin.disconnect();
  }
}
