import { ConfigError } from '@identity-bus/service-kit';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { readAuditConfig } from './audit.config';

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    readAuditConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('readAuditConfig accepted the settings');
}

describe('readAuditConfig', () => {
  it('serves on 127.0.0.1:3002, in the shared consumer group, by default', () => {
    const config = readAuditConfig({});

    expect(config).toMatchObject({
      port: 3002,
      host: '127.0.0.1',
      groupId: 'identity-bus-audit',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'identity-bus-audit' },
      topics: {
        events: { topic: 'identity.events' },
        deadLetters: { topic: 'identity.events.dlq' },
      },
      retry: { initialMs: 500, maxMs: 30_000 },
    });
  });

  it('keeps the trail in a SQLite file under IDENTITY_BUS_HOME when no database URL is set', () => {
    expect(readAuditConfig({ IDENTITY_BUS_HOME: '/srv/bus' }).database).toEqual({
      kind: 'sqlite',
      path: '/srv/bus/audit/audit.sqlite',
    });
    expect(readAuditConfig({}).database).toEqual({
      kind: 'sqlite',
      path: join(homedir(), '.cache', 'identity-bus', 'audit', 'audit.sqlite'),
    });
  });

  it('takes the SQLite file from AUDIT_SQLITE_PATH', () => {
    const config = readAuditConfig({ AUDIT_SQLITE_PATH: '/var/lib/audit/trail.sqlite' });

    expect(config.database).toEqual({ kind: 'sqlite', path: '/var/lib/audit/trail.sqlite' });
  });

  it('resolves a relative AUDIT_SQLITE_PATH against the working folder', () => {
    const config = readAuditConfig({ AUDIT_SQLITE_PATH: 'data/audit.sqlite' });

    expect(config.database).toEqual({
      kind: 'sqlite',
      path: join(process.cwd(), 'data/audit.sqlite'),
    });
  });

  it('selects PostgreSQL for a postgres:// URL', () => {
    const url = 'postgres://audit:secret@db.internal:5432/audit';

    expect(readAuditConfig({ AUDIT_DATABASE_URL: url }).database).toEqual({
      kind: 'postgres',
      url,
    });
  });

  it('refuses a database URL of another scheme, without repeating its password', () => {
    const error = problemsOf({ AUDIT_DATABASE_URL: 'mysql://audit:secret@db/audit' });

    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(
      'Invalid configuration: AUDIT_DATABASE_URL must start with postgres:// (got scheme mysql:)',
    );
  });

  it('refuses two databases at once', () => {
    const error = problemsOf({
      AUDIT_DATABASE_URL: 'postgres://db/audit',
      AUDIT_SQLITE_PATH: '/tmp/audit.sqlite',
    });

    expect(error.problems).toEqual([
      'AUDIT_DATABASE_URL and AUDIT_SQLITE_PATH are both set; set only one of them',
    ]);
  });

  it('names every bad setting at once', () => {
    const error = problemsOf({
      AUDIT_PORT: 'http',
      AUDIT_RETRY_INITIAL_MS: '5000',
      AUDIT_RETRY_MAX_MS: '1000',
    });

    expect(error.problems).toEqual([
      'AUDIT_PORT must be an integer from 0 to 65535 (got http)',
      'AUDIT_RETRY_INITIAL_MS (5000) must not exceed AUDIT_RETRY_MAX_MS (1000)',
    ]);
  });

  it('is frozen', () => {
    const config = readAuditConfig({});

    expect(Object.isFrozen(config.database)).toBe(true);
  });
});
