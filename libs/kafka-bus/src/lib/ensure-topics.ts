import { Kafka } from 'kafkajs';

import { KafkaConfig, kafkaJsConfig } from './kafka-config';
import { TopicSpec } from './topic-spec';

/**
 * Creates the topics that do not exist yet, with their partitions and configs, and waits for
 * their leaders. Existing topics are left as they are: changing a live topic is an operator's
 * decision, not a side effect of a deployment. Returns the names it created.
 */
export async function ensureTopics(config: KafkaConfig, specs: TopicSpec[]): Promise<string[]> {
  const admin = new Kafka({ ...kafkaJsConfig(config), logCreator: silent }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return [];
    await admin.createTopics({ waitForLeaders: true, topics: missing.map(toTopicConfig) });
    return missing.map((spec) => spec.topic);
  } finally {
    await admin.disconnect();
  }
}

function toTopicConfig(spec: TopicSpec) {
  return {
    topic: spec.topic,
    numPartitions: spec.numPartitions,
    replicationFactor: spec.replicationFactor,
    configEntries: Object.entries(spec.configEntries).map(([name, value]) => ({ name, value })),
  };
}

function silent() {
  return () => undefined;
}
