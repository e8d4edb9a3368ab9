import { EnvReader } from '@identity-bus/service-kit';

import { IdentityTopics, readIdentityTopics } from './topic-spec';

function read(vars: Record<string, string>): IdentityTopics {
  const env = new EnvReader(vars);
  return env.done(readIdentityTopics(env));
}

const FOUR_WEEKS_MS = String(28 * 24 * 60 * 60 * 1000);

describe('readIdentityTopics', () => {
  it('defaults to identity.events and its dead-letter topic, kept four weeks', () => {
    expect(read({})).toEqual({
      events: {
        topic: 'identity.events',
        numPartitions: 6,
        replicationFactor: 1,
        configEntries: { 'cleanup.policy': 'delete', 'retention.ms': FOUR_WEEKS_MS },
      },
      deadLetters: {
        topic: 'identity.events.dlq',
        numPartitions: 1,
        replicationFactor: 1,
        configEntries: { 'cleanup.policy': 'delete', 'retention.ms': FOUR_WEEKS_MS },
      },
    });
  });

  it('reads names, partitions, replication, cleanup policy and retention', () => {
    const topics = read({
      IDENTITY_EVENTS_TOPIC: 'acme.identity.events',
      IDENTITY_EVENTS_PARTITIONS: '12',
      IDENTITY_EVENTS_CLEANUP_POLICY: 'compact',
      IDENTITY_EVENTS_RETENTION_MS: '-1',
      IDENTITY_DLQ_TOPIC: 'acme.identity.events.dlq',
      IDENTITY_DLQ_PARTITIONS: '2',
      IDENTITY_DLQ_RETENTION_MS: '86400000',
      IDENTITY_TOPIC_REPLICATION_FACTOR: '3',
    });

    expect(topics).toEqual({
      events: {
        topic: 'acme.identity.events',
        numPartitions: 12,
        replicationFactor: 3,
        configEntries: { 'cleanup.policy': 'compact', 'retention.ms': '-1' },
      },
      deadLetters: {
        topic: 'acme.identity.events.dlq',
        numPartitions: 2,
        replicationFactor: 3,
        configEntries: { 'cleanup.policy': 'delete', 'retention.ms': '86400000' },
      },
    });
  });

  it('names each setting that is out of range or unknown', () => {
    const vars = {
      IDENTITY_EVENTS_PARTITIONS: '0',
      IDENTITY_EVENTS_CLEANUP_POLICY: 'archive',
      IDENTITY_TOPIC_REPLICATION_FACTOR: '17',
    };

    expect(() => read(vars)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message:
          'Invalid configuration: ' +
          'IDENTITY_TOPIC_REPLICATION_FACTOR must be an integer from 1 to 16 (got 17); ' +
          'IDENTITY_EVENTS_PARTITIONS must be an integer from 1 to 1024 (got 0); ' +
          'IDENTITY_EVENTS_CLEANUP_POLICY must be one of delete, compact (got archive)',
      }),
    );
  });
});
