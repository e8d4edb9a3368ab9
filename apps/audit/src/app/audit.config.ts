import {
  IdentityTopics,
  KafkaConfig,
  readIdentityTopics,
  readKafkaConfig,
} from '@identity-bus/kafka-bus';
import { EnvReader } from '@identity-bus/service-kit';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the audit trail is kept: PostgreSQL by URL, or a SQLite file for development. */
export type AuditDatabase = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

/** Everything the audit service reads from its environment, once, at start. */
export interface AuditConfig {
  port: number;
  host: string;
  kafka: KafkaConfig;
  topics: IdentityTopics;
  /** Audit replicas share this group, so they split the partitions between them. */
  groupId: string;
  database: AuditDatabase;
  /** Backoff while the store is unavailable: from `initialMs`, doubling, capped at `maxMs`. */
  retry: { initialMs: number; maxMs: number };
}

type Env = Record<string, string | undefined>;

/**
 * Reads and checks the audit service's settings. Every problem is reported at once, and the
 * start stops with a ConfigError naming each setting.
 */
export function readAuditConfig(env: Env = process.env): Readonly<AuditConfig> {
  const reader = new EnvReader(env);
  return reader.done({
    port: reader.int('AUDIT_PORT', 3002, { max: 65_535 }),
    host: reader.string('AUDIT_HOST', '127.0.0.1'),
    kafka: readKafkaConfig(reader, 'identity-bus-audit'),
    topics: readIdentityTopics(reader),
    groupId: reader.string('AUDIT_GROUP_ID', 'identity-bus-audit'),
    database: readDatabase(reader, env),
    retry: readRetry(reader),
  });
}

/** A postgres:// URL selects PostgreSQL; without one, the trail goes to a SQLite file. */
function readDatabase(reader: EnvReader, env: Env): AuditDatabase {
  const url = reader.optional('AUDIT_DATABASE_URL');
  const sqlitePath = reader.optional('AUDIT_SQLITE_PATH');
  if (url === undefined) {
    const path = sqlitePath ?? join(identityBusHome(env), 'audit', 'audit.sqlite');
    return { kind: 'sqlite', path: resolve(path) };
  }
  if (sqlitePath !== undefined) {
    reader.problem('AUDIT_DATABASE_URL and AUDIT_SQLITE_PATH are both set; set only one of them');
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    // The URL may hold a password, so only its scheme is repeated back.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? 'none';
    reader.problem(`AUDIT_DATABASE_URL must start with postgres:// (got scheme ${scheme})`);
  }
  return { kind: 'postgres', url };
}

function readRetry(reader: EnvReader): AuditConfig['retry'] {
  const initialMs = reader.int('AUDIT_RETRY_INITIAL_MS', 500, { min: 1, max: 60_000 });
  const maxMs = reader.int('AUDIT_RETRY_MAX_MS', 30_000, { min: 1, max: 600_000 });
  if (initialMs > maxMs) {
    reader.problem(
      `AUDIT_RETRY_INITIAL_MS (${initialMs}) must not exceed AUDIT_RETRY_MAX_MS (${maxMs})`,
    );
  }
  return { initialMs, maxMs };
}

function identityBusHome(env: Env): string {
  return env.IDENTITY_BUS_HOME?.trim() || join(homedir(), '.cache', 'identity-bus');
}
