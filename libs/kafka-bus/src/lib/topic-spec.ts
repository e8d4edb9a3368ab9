import { EnvReader } from '@identity-bus/service-kit';
import { DEFAULT_TOPICS } from '@identity-bus/identity-contracts';

/** A topic as a service wants it to exist: created at start when missing. */
export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  /** Kafka topic configs, such as `retention.ms` and `cleanup.policy`. */
  configEntries: Record<string, string>;
}

/** The identity topics of one deployment: names, partitions and retention. */
export interface IdentityTopics {
  events: TopicSpec;
  deadLetters: TopicSpec;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Reads the identity topics' settings. The events topic keeps a long retention by default:
 * authz rebuilds its registry by reading it from the beginning.
 */
export function readIdentityTopics(env: EnvReader): IdentityTopics {
  const replicationFactor = env.int('IDENTITY_TOPIC_REPLICATION_FACTOR', 1, { min: 1, max: 16 });
  return {
    events: {
      topic: env.string('IDENTITY_EVENTS_TOPIC', DEFAULT_TOPICS.events),
      numPartitions: env.int('IDENTITY_EVENTS_PARTITIONS', 6, { min: 1, max: 1024 }),
      replicationFactor,
      configEntries: {
        'cleanup.policy': env.oneOf(
          'IDENTITY_EVENTS_CLEANUP_POLICY',
          ['delete', 'compact'],
          'delete',
        ),
        'retention.ms': String(env.int('IDENTITY_EVENTS_RETENTION_MS', 4 * WEEK_MS, { min: -1 })),
      },
    },
    deadLetters: {
      topic: env.string('IDENTITY_DLQ_TOPIC', DEFAULT_TOPICS.deadLetters),
      numPartitions: env.int('IDENTITY_DLQ_PARTITIONS', 1, { min: 1, max: 1024 }),
      replicationFactor,
      configEntries: {
        'cleanup.policy': 'delete',
        'retention.ms': String(env.int('IDENTITY_DLQ_RETENTION_MS', 4 * WEEK_MS, { min: -1 })),
      },
    },
  };
}
