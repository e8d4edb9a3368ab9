import { EnvReader } from '@identity-bus/service-kit';
import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';

import { ensureTopics } from './ensure-topics';
import { kafkaJsConfig, readKafkaConfig } from './kafka-config';
import { TopicSpec } from './topic-spec';

// Against the real broker that KAFKA_BROKERS names (by default the one of tools/kafka).
const env = new EnvReader(process.env);
const config = env.done(readKafkaConfig(env, 'kafka-bus-spec'));
const admin = new Kafka({ ...kafkaJsConfig(config), logLevel: logLevel.NOTHING }).admin();
const created: string[] = [];

beforeAll(() => admin.connect());

afterAll(async () => {
  if (created.length > 0) await admin.deleteTopics({ topics: created });
  await admin.disconnect();
});

describe('ensureTopics', () => {
  it('creates missing topics with their partitions and configs, and names them', async () => {
    const events = spec(3, { 'cleanup.policy': 'compact', 'retention.ms': '3600000' });
    const deadLetters = spec(1, { 'cleanup.policy': 'delete', 'retention.ms': '86400000' });

    const names = await ensureTopics(config, [events, deadLetters]);

    expect(names).toEqual([events.topic, deadLetters.topic]);
    expect(await describeTopic(events)).toEqual({
      numPartitions: 3,
      configs: events.configEntries,
    });
    expect(await describeTopic(deadLetters)).toEqual({
      numPartitions: 1,
      configs: deadLetters.configEntries,
    });
  });

  it('leaves an existing topic as it is, and creates only the others', async () => {
    const existing = spec(1, { 'cleanup.policy': 'delete', 'retention.ms': '600000' });
    await ensureTopics(config, [existing]);
    const changed = {
      ...existing,
      numPartitions: 4,
      configEntries: { 'cleanup.policy': 'compact', 'retention.ms': '1' },
    };
    const missing = spec(2, { 'cleanup.policy': 'delete', 'retention.ms': '600000' });

    const names = await ensureTopics(config, [changed, missing]);

    expect(names).toEqual([missing.topic]);
    expect(await describeTopic(existing)).toEqual({
      numPartitions: 1,
      configs: existing.configEntries,
    });
  });

  it('returns no names when every topic exists', async () => {
    const events = spec(1, { 'cleanup.policy': 'delete', 'retention.ms': '600000' });
    await ensureTopics(config, [events]);

    expect(await ensureTopics(config, [events])).toEqual([]);
  });
});

/** A topic of a fresh name, deleted after the tests. */
function spec(numPartitions: number, configEntries: Record<string, string>): TopicSpec {
  const topic = `kafka-bus.ensure-topics.${randomUUID().slice(0, 8)}`;
  created.push(topic);
  return { topic, numPartitions, replicationFactor: 1, configEntries };
}

/** The topic as the broker has it: its partitions, and the configs the spec names. */
async function describeTopic({ topic, configEntries }: TopicSpec) {
  const configNames = Object.keys(configEntries);
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames }],
  });
  const configs = resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]);
  return { numPartitions: topics[0].partitions.length, configs: Object.fromEntries(configs) };
}
