/**
 * Proves that kafkajs 2.2.4, the client of every service, works against the broker this tool runs
 * (or the cluster KAFKA_BROKERS names): topics and their configs, keyed idempotent produce,
 * consumer groups and their committed offsets. Every test has its own topic and group.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  Admin,
  ConfigResourceTypes,
  Consumer,
  IHeaders,
  Kafka,
  KafkaMessage,
  logLevel,
  Message,
  Partitioners,
} from 'kafkajs';

const external = process.env.KAFKA_BROKERS || undefined;
const brokers = (external ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim());
const kafka = new Kafka({ clientId: 'kafka-tool-spec', brokers, logLevel: logLevel.NOTHING });

/** A message as a consumer received it, with its bytes decoded for comparison. */
interface Received {
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: IHeaders;
  /** The id the broker gave the producer; -1 when the record was not written idempotently. */
  producerId: string;
}

const admin: Admin = kafka.admin();
const topics: string[] = [];
const groupIds: string[] = [];
const consumers: Consumer[] = [];

beforeAll(() => admin.connect());

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.disconnect()));
  if (groupIds.length > 0) await admin.deleteGroups(groupIds);
  if (topics.length > 0) await admin.deleteTopics({ topics });
  await admin.disconnect();
});

describe('the broker, through kafkajs 2.2.4', () => {
  it('creates topics, and a compacted one has cleanup.policy=compact', async () => {
    const plain = await createTopic(3);
    const compacted = await createTopic(1, { 'cleanup.policy': 'compact' });

    expect(await admin.listTopics()).toEqual(expect.arrayContaining([plain, compacted]));
    expect(await partitionCounts([plain, compacted])).toEqual({ [plain]: 3, [compacted]: 1 });
    expect(await cleanupPolicy(plain)).toBe('delete');
    expect(await cleanupPolicy(compacted)).toBe('compact');
  });

  it('writes keyed messages idempotently, each key to one partition, in order', async () => {
    const topic = await createTopic(3);
    const keys = ['alice', 'bob', 'carol', 'dave'];
    const sent = keyedMessages(keys, 5);

    await produce(topic, sent);
    const received = await consume(topic, freshGroupId(), sent.length);

    for (const key of keys) {
      const ofKey = received.filter((message) => message.key === key);
      expect(new Set(ofKey.map((message) => message.partition)).size).toBe(1);
      expect(ofKey.map((message) => message.value)).toEqual(valuesOf(sent, key));
    }
    expect(received.every((message) => message.producerId !== '-1')).toBe(true);
  });

  it('delivers messages to a consumer group with their headers, and commits offsets', async () => {
    const topic = await createTopic(3);
    const groupId = freshGroupId();
    const sent = keyedMessages(['alice', 'bob', 'carol'], 2);

    await produce(topic, sent);
    const received = await consume(topic, groupId, sent.length);

    expect(received.map(({ key, value, headers }) => ({ key, value, headers }))).toEqual(
      expect.arrayContaining(sent.map(asReceived)),
    );
    await waitFor(async () =>
      expect(await committedOffsets(groupId, topic)).toEqual(nextOffsets(received)),
    );
  });

  it('resumes a group from its committed offsets when a new consumer joins it', async () => {
    const topic = await createTopic(3);
    const groupId = freshGroupId();
    const before = keyedMessages(['alice', 'bob', 'carol'], 3, 'before');
    const after = keyedMessages(['alice', 'bob', 'carol'], 3, 'after');

    await produce(topic, before);
    const first = await consume(topic, groupId, before.length);
    await disconnectAll();
    const committed = await committedOffsets(groupId, topic);
    await produce(topic, after);
    const second = await consume(topic, groupId, after.length);

    expect(committed).toEqual(nextOffsets(first));
    expect(second.map((message) => message.value).sort()).toEqual(
      after.map((message) => String(message.value)).sort(),
    );
  });
});

(external ? describe.skip : describe)('kafka.mjs, while the broker runs', () => {
  it('starts again harmlessly: it says the broker is already running', async () => {
    const run = await runTool('start');

    expect(run).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^kafka: already running \(pid \d+\) on 127\.0\.0\.1:9092\n$/),
    });
  });

  it('reports the running broker and exits 0', async () => {
    const run = await runTool('status');

    expect(run).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^kafka: running \(pid \d+\) on 127\.0\.0\.1:9092\n$/),
    });
  });
});

(external ? describe : describe.skip)('kafka.mjs, when KAFKA_BROKERS names a cluster', () => {
  it('leaves that cluster alone on start and status', async () => {
    const said = `kafka: KAFKA_BROKERS is set (${external}); using that cluster as is.\n`;

    expect(await runTool('start')).toEqual({ code: 0, stdout: said });
    expect(await runTool('status')).toEqual({ code: 0, stdout: said });
  });
});

function freshName(kind: string): string {
  return `kafka-tool.${kind}.${randomUUID().slice(0, 8)}`;
}

function freshGroupId(): string {
  const groupId = freshName('group');
  groupIds.push(groupId);
  return groupId;
}

async function createTopic(numPartitions: number, configs: Record<string, string> = {}) {
  const topic = freshName('topic');
  const configEntries = Object.entries(configs).map(([name, value]) => ({ name, value }));
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions, replicationFactor: 1, configEntries }],
  });
  topics.push(topic);
  return topic;
}

async function partitionCounts(names: string[]): Promise<Record<string, number>> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
  return Object.fromEntries(metadata.map((topic) => [topic.name, topic.partitions.length]));
}

async function cleanupPolicy(topic: string): Promise<string | undefined> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
  });
  return resources[0].configEntries.find((entry) => entry.configName === 'cleanup.policy')
    ?.configValue;
}

/** `perKey` messages for each key, interleaved the way several users' events arrive. */
function keyedMessages(keys: string[], perKey: number, batch = 'only'): Message[] {
  return Array.from({ length: perKey }).flatMap((_, sequence) =>
    keys.map((key) => ({
      key,
      value: `${key}:${batch}:${sequence}`,
      headers: {
        'content-type': 'text/plain',
        'test-sequence': String(sequence),
        'test-binary': Buffer.from([0x00, 0xff, sequence]),
      },
    })),
  );
}

function valuesOf(messages: Message[], key: string): string[] {
  return messages.filter((message) => message.key === key).map((message) => String(message.value));
}

/** How a sent message looks once received: kafkajs hands every header back as bytes. */
function asReceived(message: Message) {
  const headers = Object.entries(message.headers ?? {}).map(([name, value]) => [
    name,
    Buffer.isBuffer(value) ? value : Buffer.from(String(value)),
  ]);
  return { key: message.key, value: message.value, headers: Object.fromEntries(headers) };
}

/** As every service produces: idempotent, one request in flight, acks from all replicas. */
async function produce(topic: string, messages: Message[]): Promise<void> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Joins the group and reads from where it stands until `count` messages have arrived. */
async function consume(topic: string, groupId: string, count: number): Promise<Received[]> {
  // A short long-poll, so that disconnecting does not wait out the default five seconds.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
  consumers.push(consumer);
  const received: Received[] = [];
  let arrived = (): void => undefined;
  const allArrived = new Promise<void>((resolve) => (arrived = resolve));

  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      received.push(decode(partition, message));
      if (received.length >= count) arrived();
    },
  });
  await allArrived;
  return received;
}

/** Disconnecting stops the consumers, commits what they consumed, and leaves their groups. */
async function disconnectAll(): Promise<void> {
  await Promise.all(consumers.splice(0).map((consumer) => consumer.disconnect()));
}

function decode(partition: number, message: KafkaMessage): Received {
  // kafkajs keeps each record's batch header, where the broker's producer id lives, but its
  // types leave it out.
  const { batchContext } = message as KafkaMessage & { batchContext: { producerId: string } };
  return {
    partition,
    offset: message.offset,
    key: String(message.key),
    value: String(message.value),
    headers: message.headers ?? {},
    producerId: batchContext.producerId,
  };
}

/** The group's committed offset per partition it has committed on. */
async function committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
  const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = partitions.filter(({ offset }) => offset !== '-1');
  return Object.fromEntries(committed.map(({ partition, offset }) => [partition, offset]));
}

/** What a group commits after consuming: per partition, the offset after the last message. */
function nextOffsets(received: Received[]): Record<number, string> {
  const next: Record<number, string> = {};
  for (const { partition, offset } of received) {
    next[partition] = String(Math.max(Number(offset) + 1, Number(next[partition] ?? 0)));
  }
  return next;
}

/** Retries an assertion until it holds: autoCommit commits once the batch is done. */
async function waitFor(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Runs the broker tool as a developer would, on the port this test's broker listens on. */
function runTool(command: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'kafka.mjs'), command, '--port', '9092']);
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}
