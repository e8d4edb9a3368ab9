import { DEAD_LETTER_HEADERS, IdentityEventDto } from '@identity-bus/identity-contracts';
import { identityEvent } from '@identity-bus/identity-contracts/testing';
import { kafkaJsConfig, kafkaServerOptions, readKafkaConfig } from '@identity-bus/kafka-bus';
import { AppError, EnvReader } from '@identity-bus/service-kit';
import { KafkaContext, KafkaParser } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { IHeaders, Kafka, KafkaMessage, logLevel, Producer } from 'kafkajs';
import pino from 'pino';

import { EventOrigin, IdentityEventHandler } from './identity-event.handler';
import { IdentityEventPipeline } from './identity-event.pipeline';

/*
 * The pipeline gets a message as the Nest transport would hand it over (Nest's own parser, in
 * Nest's KafkaContext); dead letters go through a real producer, configured as the transport's,
 * to a fresh topic of the real broker, and are read back with a real consumer.
 */
jest.setTimeout(20_000);

const env = new EnvReader(process.env);
const config = env.done(readKafkaConfig(env, 'identity-consumer-spec'));
const transport = kafkaServerOptions(config, { groupId: 'authz', fromBeginning: true }).options;
const kafka = new Kafka({ ...kafkaJsConfig(config), logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const producer = kafka.producer(transport?.producer);
const topics: string[] = [];
const groupIds: string[] = [];

/** Where the message that the pipeline receives came from. */
const SOURCE = { topic: 'identity.events', partition: 4, offset: '1207', groupId: 'authz' };

/** The context's consumer; never connected, as the pipeline has no use for it. */
const sourceConsumer = kafka.consumer({ groupId: SOURCE.groupId });

/** Bob's sign-in, as the gateway publishes it. */
const EVENT = identityEvent('bob', 'userLoggedIn');

const ORIGINAL_HEADERS = {
  'identity-event-id': EVENT.eventId,
  'identity-event-type': 'userLoggedIn',
  'content-type': 'application/json',
};

function eventBytes(): Buffer {
  return Buffer.from(JSON.stringify(EVENT));
}

beforeAll(() => Promise.all([admin.connect(), producer.connect()]));

afterAll(async () => {
  if (groupIds.length > 0) await admin.deleteGroups(groupIds);
  if (topics.length > 0) await admin.deleteTopics({ topics });
  await Promise.all([admin.disconnect(), producer.disconnect()]);
});

/** A service's handler: fails as it is told to, in turn, then applies; it records each call. */
class ScriptedHandler implements IdentityEventHandler {
  readonly calls: Array<{ event: IdentityEventDto; origin: EventOrigin }> = [];

  constructor(private readonly failures: unknown[] = []) {}

  async handle(event: IdentityEventDto, origin: EventOrigin): Promise<void> {
    this.calls.push({ event, origin });
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}

const registryDown = () =>
  new AppError('AUTHZ_ERR_REGISTRY_UNAVAILABLE', 'The registry is unavailable.', {
    retriable: true,
  });

describe('IdentityEventPipeline', () => {
  it('applies a valid event once, and dead-letters nothing', async () => {
    const { pipeline, handler, deadLetterTopic } = await pipelineWith(new ScriptedHandler());

    await pipeline.process(contextFor(eventBytes()));

    expect(handler.calls).toEqual([
      {
        event: expect.objectContaining({ eventId: EVENT.eventId, userId: 'bob_67890' }),
        origin: { topic: SOURCE.topic, partition: 4, offset: '1207', key: 'bob_67890' },
      },
    ]);
    expect(await countMessages(deadLetterTopic)).toBe(0);
  });

  it('dead-letters garbage byte for byte, saying why, without calling the handler', async () => {
    const { pipeline, handler, deadLetterTopic, logged } = await pipelineWith(
      new ScriptedHandler(),
    );
    const garbage = Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x00, 0xff]);

    await pipeline.process(contextFor(garbage));
    const letters = await readAll(deadLetterTopic);

    expect(handler.calls).toEqual([]);
    expect(letters).toHaveLength(1);
    expect(letters[0].key).toEqual(Buffer.from('bob_67890'));
    expect(letters[0].value).toEqual(garbage);
    expect(textOf(letters[0].headers)).toEqual({
      ...ORIGINAL_HEADERS,
      [DEAD_LETTER_HEADERS.errorCode]: 'CONSUMER_ERR_UNDECODABLE',
      [DEAD_LETTER_HEADERS.errorMessage]: 'The message value is not a JSON document (not UTF-8).',
      [DEAD_LETTER_HEADERS.sourceTopic]: 'identity.events',
      [DEAD_LETTER_HEADERS.sourcePartition]: '4',
      [DEAD_LETTER_HEADERS.sourceOffset]: '1207',
      [DEAD_LETTER_HEADERS.consumerGroup]: 'authz',
      [DEAD_LETTER_HEADERS.failedAt]: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
    });
    expect(logged).toEqual([
      expect.objectContaining({
        msg: 'identity event dead-lettered',
        code: 'CONSUMER_ERR_UNDECODABLE',
        offset: '1207',
      }),
    ]);
  });

  it('dead-letters a message whose key Nest parsed as JSON, rather than block on it', async () => {
    const { pipeline, handler, deadLetterTopic } = await pipelineWith(new ScriptedHandler());
    const key = '{"userId":"bob_67890"}';

    await pipeline.process(contextFor(eventBytes(), { key }));
    const letters = await readAll(deadLetterTopic);

    expect(handler.calls).toEqual([]);
    expect(letters).toHaveLength(1);
    expect(letters[0].key).toEqual(Buffer.from(key));
    expect(textOf(letters[0].headers)).toMatchObject({
      [DEAD_LETTER_HEADERS.errorCode]: 'CONSUMER_ERR_KEY_MISMATCH',
      [DEAD_LETTER_HEADERS.errorMessage]: `The message key (${key}) must equal the event's userId.`,
    });
  });

  it('retries a passing failure in place, heartbeating, until the event applies', async () => {
    const handler = new ScriptedHandler([registryDown(), registryDown()]);
    const { pipeline, deadLetterTopic, logged } = await pipelineWith(handler);
    const heartbeat = jest.fn(async () => undefined);

    await pipeline.process(contextFor(eventBytes(), { heartbeat }));

    expect(handler.calls).toHaveLength(3);
    expect(heartbeat).toHaveBeenCalledTimes(2);
    expect(logged).toEqual([
      expect.objectContaining({ msg: 'retrying identity event', attempt: 1, delayMs: 10 }),
      expect.objectContaining({ msg: 'retrying identity event', attempt: 2, delayMs: 20 }),
    ]);
    expect(await countMessages(deadLetterTopic)).toBe(0);
  });

  it('dead-letters an event the handler cannot apply, as CONSUMER_ERR_APPLY_FAILED', async () => {
    const handler = new ScriptedHandler([new Error('duplicate key value violates "roles_pkey"')]);
    const { pipeline, deadLetterTopic, logged } = await pipelineWith(handler);

    await pipeline.process(contextFor(eventBytes()));
    const letters = await readAll(deadLetterTopic);

    expect(handler.calls).toHaveLength(1);
    expect(letters).toHaveLength(1);
    expect(letters[0].value).toEqual(eventBytes());
    expect(textOf(letters[0].headers)).toMatchObject({
      [DEAD_LETTER_HEADERS.errorCode]: 'CONSUMER_ERR_APPLY_FAILED',
      [DEAD_LETTER_HEADERS.errorMessage]: 'The service could not apply the event.',
    });
    expect(logged).toEqual([
      expect.objectContaining({
        msg: 'identity event dead-lettered',
        err: expect.objectContaining({ message: 'duplicate key value violates "roles_pkey"' }),
      }),
    ]);
  });

  it('dead-letters a non-retriable error of the handler under its own code', async () => {
    const refused = new AppError('AUDIT_ERR_EVENT_REFUSED', 'The store refused the event.');
    const { pipeline, deadLetterTopic } = await pipelineWith(new ScriptedHandler([refused]));

    await pipeline.process(contextFor(eventBytes()));
    const letters = await readAll(deadLetterTopic);

    expect(letters).toHaveLength(1);
    expect(textOf(letters[0].headers)).toMatchObject({
      [DEAD_LETTER_HEADERS.errorCode]: 'AUDIT_ERR_EVENT_REFUSED',
      [DEAD_LETTER_HEADERS.errorMessage]: 'The store refused the event.',
    });
  });

  it('gives the partition back when a heartbeat fails during a retry', async () => {
    const rebalancing = Object.assign(new Error('The group is rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const handler = new ScriptedHandler([registryDown(), registryDown()]);
    const { pipeline, deadLetterTopic } = await pipelineWith(handler);
    const heartbeat = jest.fn(async () => {
      throw rebalancing;
    });

    await expect(pipeline.process(contextFor(eventBytes(), { heartbeat }))).rejects.toBe(
      rebalancing,
    );
    expect(handler.calls).toHaveLength(1);
    expect(await countMessages(deadLetterTopic)).toBe(0);
  });

  it('stops retrying when the service stops, and dead-letters nothing', async () => {
    const handler = new ScriptedHandler(Array.from({ length: 10 }, registryDown));
    const { pipeline, deadLetterTopic, logged } = await pipelineWith(handler, 5_000);
    const startedAt = Date.now();

    const processing = pipeline.process(contextFor(eventBytes()));
    await until(() => logged.some((line) => line.msg === 'retrying identity event'));
    pipeline.beforeApplicationShutdown();

    await expect(processing).rejects.toMatchObject({
      name: 'ConsumerStoppingError',
      code: 'CONSUMER_ERR_STOPPING',
      message: 'The consumer stopped before the event was applied.',
      retriable: true,
    });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(handler.calls).toHaveLength(1);
    expect(await countMessages(deadLetterTopic)).toBe(0);
  });

  it('reports a dead-letter topic it cannot reach as retriable, so the offset stays', async () => {
    const { pipeline } = await pipelineWith(new ScriptedHandler());
    const disconnected = kafka.producer(transport?.producer);

    const processing = pipeline.process(contextFor(Buffer.from('{}'), { producer: disconnected }));

    await expect(processing).rejects.toMatchObject({
      name: 'DeadLetterFailedError',
      code: 'CONSUMER_ERR_DEAD_LETTER_FAILED',
      message: 'The dead-letter topic did not accept the message.',
      retriable: true,
      cause: expect.objectContaining({ message: 'The producer is disconnected' }),
    });
  });
});

/** A pipeline that dead-letters to a fresh topic and logs to a list. */
async function pipelineWith(handler: ScriptedHandler, retryInitialMs = 10) {
  const deadLetterTopic = `identity-consumer.dlq.${randomUUID().slice(0, 8)}`;
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: deadLetterTopic, numPartitions: 1, replicationFactor: 1 }],
  });
  topics.push(deadLetterTopic);
  const logged: Array<Record<string, unknown>> = [];
  const logStream = new Writable({
    write(line: Buffer, _encoding, done) {
      logged.push(JSON.parse(line.toString()));
      done();
    },
  });
  const pipeline = new IdentityEventPipeline(
    {
      topic: SOURCE.topic,
      deadLetterTopic,
      groupId: SOURCE.groupId,
      retry: { initialMs: retryInitialMs, maxMs: 4 * retryInitialMs },
      logger: pino(logStream),
    },
    handler,
  );
  return { pipeline, handler, deadLetterTopic, logged };
}

/** What the context carries besides the value: by default Bob's key and working Kafka clients. */
interface Arrival {
  key?: string;
  heartbeat?: () => Promise<void>;
  producer?: Producer;
}

/** One message, as Nest's Kafka transport hands it to the controller. */
function contextFor(value: Buffer, arrival: Arrival = {}): KafkaContext {
  const {
    key = 'bob_67890',
    heartbeat = async () => undefined,
    producer: sender = producer,
  } = arrival;
  const headers = Object.entries(ORIGINAL_HEADERS).map(([name, text]) => [name, Buffer.from(text)]);
  const message = new KafkaParser({ keepBinary: true }).parse({
    key: Buffer.from(key),
    value,
    headers: Object.fromEntries(headers),
    offset: SOURCE.offset,
    timestamp: '1726127110000',
    attributes: 0,
    size: value.length,
  });
  return new KafkaContext([
    message,
    SOURCE.partition,
    SOURCE.topic,
    sourceConsumer,
    heartbeat,
    sender,
  ]);
}

async function countMessages(topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((count, { high, low }) => count + Number(high) - Number(low), 0);
}

/** Reads every message of a topic, in a group of its own. */
async function readAll(topic: string): Promise<KafkaMessage[]> {
  const count = await countMessages(topic);
  const groupId = `${topic}.reader`;
  groupIds.push(groupId);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    await until(() => messages.length >= count);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

function textOf(headers: IHeaders = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms in vain.`);
    await sleep(10);
  }
}
