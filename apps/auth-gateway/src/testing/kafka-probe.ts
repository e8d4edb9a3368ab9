import { randomUUID } from 'node:crypto';
import { Admin, Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';

/** A message as a plain kafkajs consumer received it, its bytes decoded as UTF-8. */
export interface ReceivedMessage {
  partition: number;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}

const READ_TIMEOUT_MS = 15_000;

/**
 * Looks at the real broker from outside the gateway, with kafkajs alone: fresh topic names,
 * topics with chosen configs, message counts, and reads by a fresh consumer group each time.
 * `close` deletes every topic and group it named.
 */
export class KafkaProbe {
  readonly brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  private readonly kafka = new Kafka({
    clientId: 'auth-gateway-spec',
    brokers: this.brokers,
    logLevel: logLevel.NOTHING,
  });
  private readonly admin: Admin = this.kafka.admin();
  private readonly topics = new Set<string>();
  private readonly groupIds: string[] = [];

  async connect(): Promise<this> {
    await this.admin.connect();
    return this;
  }

  /** A topic name no other run has used; deleted on close, whoever creates it. */
  freshTopic(purpose: string): string {
    const topic = `auth-gateway-spec.${purpose}.${randomUUID()}`;
    this.topics.add(topic);
    return topic;
  }

  async createTopic(topic: string, configs: Record<string, string>): Promise<void> {
    const configEntries = Object.entries(configs).map(([name, value]) => ({ name, value }));
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries }],
    });
  }

  async deleteTopic(topic: string): Promise<void> {
    await this.admin.deleteTopics({ topics: [topic] });
  }

  /** How many messages the topic holds, over all its partitions. */
  async messageCount(topic: string): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  }

  /** Every message of the topic, read from the beginning by a new consumer group. */
  async readAll(topic: string): Promise<ReceivedMessage[]> {
    const expected = await this.messageCount(topic);
    const groupId = `auth-gateway-spec-${randomUUID()}`;
    this.groupIds.push(groupId);
    const consumer = this.kafka.consumer({ groupId });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      return await collect(consumer, expected);
    } finally {
      await consumer.disconnect();
    }
  }

  async close(): Promise<void> {
    if (this.groupIds.length > 0) await this.admin.deleteGroups(this.groupIds);
    const existing = new Set(await this.admin.listTopics());
    const topics = [...this.topics].filter((topic) => existing.has(topic));
    if (topics.length > 0) await this.admin.deleteTopics({ topics });
    await this.admin.disconnect();
  }
}

/** Runs the consumer until it has received `expected` messages. */
function collect(consumer: Consumer, expected: number): Promise<ReceivedMessage[]> {
  const received: ReceivedMessage[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`read ${received.length} of ${expected} messages in time`)),
      READ_TIMEOUT_MS,
    );
    const done = () => {
      clearTimeout(timer);
      resolve(received);
    };
    if (expected === 0) return done();
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          received.push({
            partition,
            key: message.key?.toString('utf8'),
            value: message.value?.toString('utf8'),
            headers: decodeHeaders(message.headers ?? {}),
          });
          if (received.length === expected) done();
        },
      })
      .catch(reject);
  });
}

function decodeHeaders(headers: IHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
