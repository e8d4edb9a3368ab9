import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '@identity-bus/service-kit';

import { DEFAULT_POLICY_FILE, readAuthzConfig } from './authz.config';

describe('readAuthzConfig', () => {
  it('starts on 127.0.0.1:3001 with the default topics and the shipped policy', () => {
    const config = readAuthzConfig({});

    expect(config).toMatchObject({
      port: 3001,
      host: '127.0.0.1',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'identity-bus-authz' },
      topics: {
        events: { topic: 'identity.events' },
        deadLetters: { topic: 'identity.events.dlq' },
      },
      policyFile: join(__dirname, '..', '..', 'policies.json'),
      retry: { initialMs: 500, maxMs: 30_000 },
    });
    expect(existsSync(DEFAULT_POLICY_FILE)).toBe(true);
  });

  it('gives every replica a consumer group of its own unless told otherwise', () => {
    const first = readAuthzConfig({}).groupId;
    const second = readAuthzConfig({}).groupId;

    expect(first).toMatch(/^identity-bus-authz-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
    expect(readAuthzConfig({ AUTHZ_GROUP_ID: 'authz-fixed' }).groupId).toBe('authz-fixed');
  });

  it('reads every setting from the environment', () => {
    const config = readAuthzConfig({
      AUTHZ_PORT: '0',
      AUTHZ_HOST: '0.0.0.0',
      AUTHZ_POLICY_FILE: '/etc/authz/policies.json',
      AUTHZ_RETRY_INITIAL_MS: '100',
      AUTHZ_RETRY_MAX_MS: '1000',
      IDENTITY_EVENTS_TOPIC: 'tenant-a.identity',
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
    });

    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      policyFile: '/etc/authz/policies.json',
      retry: { initialMs: 100, maxMs: 1000 },
      topics: { events: { topic: 'tenant-a.identity' } },
      kafka: { brokers: ['kafka-1:9092', 'kafka-2:9092'] },
    });
  });

  it('takes a relative policy file from the working directory', () => {
    const config = readAuthzConfig({ AUTHZ_POLICY_FILE: 'conf/policies.json' });

    expect(config.policyFile).toBe(resolve(process.cwd(), 'conf/policies.json'));
  });

  it('is frozen', () => {
    const config = readAuthzConfig({});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.retry)).toBe(true);
  });

  it('names every bad setting at once', () => {
    const read = () =>
      readAuthzConfig({
        AUTHZ_PORT: 'http',
        AUTHZ_RETRY_INITIAL_MS: '5000',
        AUTHZ_RETRY_MAX_MS: '1000',
        KAFKA_SASL_MECHANISM: 'kerberos',
      });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      'Invalid configuration: AUTHZ_PORT must be an integer from 0 to 65535 (got http); ' +
        'KAFKA_SASL_MECHANISM must be one of none, plain, scram-sha-256, scram-sha-512 ' +
        '(got kerberos); AUTHZ_RETRY_MAX_MS (1000) must not be less than ' +
        'AUTHZ_RETRY_INITIAL_MS (5000)',
    );
  });
});
