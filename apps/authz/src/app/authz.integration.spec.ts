import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DEAD_LETTER_HEADERS, IdentityEventDto } from '@identity-bus/identity-contracts';
import { IHeaders, Kafka, KafkaMessage, logLevel, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

import { DemoUser, identityEvent } from '../testing/identity-events';
import { testConfig, testLogger } from '../testing/test-app';
import { createAuthzApp } from './create-authz-app';
import { UserView } from './registry/user.view';

jest.setTimeout(45_000);

const HOUR_MS = 60 * 60 * 1000;

/** A message as the test sent it, and where the broker put it. */
interface Sent {
  value: Buffer;
  partition: number;
  offset: string;
}

describe('authz on a real Kafka broker', () => {
  const config = testConfig();
  const topic = config.topics.events.topic;
  let app: INestApplication;
  let kafka: Kafka;
  let producer: Producer;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createAuthzApp(config, { logger: testLogger() });
    baseUrl = await app.getUrl();
    kafka = new Kafka({
      clientId: 'authz-integration-test',
      brokers: [...config.kafka.brokers],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  /** A valid event whose session is live now, as the gateway would publish it. */
  function liveEvent(
    user: DemoUser,
    eventType: IdentityEventDto['eventType'],
    extra: Partial<IdentityEventDto> = {},
  ): IdentityEventDto {
    const now = Date.now();
    return identityEvent(user, eventType, {
      timestamp: new Date(now).toISOString(),
      expiresAt: new Date(now + HOUR_MS).toISOString(),
      ...extra,
    });
  }

  async function publish(key: string, value: Buffer | string, headers: IHeaders = {}) {
    const [sent] = await producer.send({ topic, acks: -1, messages: [{ key, value, headers }] });
    return {
      value: Buffer.from(value),
      partition: sent.partition,
      offset: String(sent.baseOffset),
    };
  }

  function publishEvent(event: IdentityEventDto): Promise<Sent> {
    return publish(event.userId, JSON.stringify(event), { 'content-type': 'application/json' });
  }

  async function userOnceKnown(userId: string, until: (user: UserView) => boolean) {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(100)) {
      const response = await fetch(`${baseUrl}/v1/users/${userId}`);
      const user = response.status === 200 ? ((await response.json()) as UserView) : undefined;
      if (user && until(user)) return user;
    }
    throw new Error(`authz did not come to know ${userId} in time`);
  }

  async function decide(body: object): Promise<unknown> {
    const response = await fetch(`${baseUrl}/v1/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  it("learns of alice's login from the topic and decides with her claims", async () => {
    await publishEvent(liveEvent('alice', 'userLoggedIn'));

    const alice = await userOnceKnown('alice_12345', () => true);

    expect(alice).toMatchObject({
      username: 'alice@example.com',
      roles: ['user', 'editor'],
      claims: { tenant_id: 'abc-789' },
      sessions: [{ sessionId: 'alice-session-0000000001' }],
    });
    const document = { type: 'document', tenant_id: 'abc-789' };
    await expect(
      decide({ userId: 'alice_12345', action: 'edit', resource: document }),
    ).resolves.toEqual({ allow: true, reason: 'roles.editor[0] allows edit on document' });
  });

  it('dead-letters bad messages byte for byte and goes on with the next event', async () => {
    const key = 'bob_67890';
    const headers = { 'content-type': 'application/json', 'trace-id': 'trace-42' };
    const { userId: _userId, ...withoutUserId } = liveEvent('bob', 'userLoggedIn');

    await publishEvent(liveEvent('bob', 'userLoggedIn'));
    const bad = [
      await publish(key, Buffer.from([0xff, 0xfe, 0x00, 0x9c]), headers),
      await publish(key, JSON.stringify({ ...liveEvent('bob', 'userLoggedIn'), roles: 'user' })),
      await publish(key, JSON.stringify(withoutUserId), headers),
    ];
    await publishEvent(liveEvent('bob', 'claimsChanged', { roles: ['user', 'editor'] }));

    const bob = await userOnceKnown(key, (user) => user.roles.includes('editor'));
    const letters = await readDeadLetters(bad.length);

    expect(bob).toMatchObject({
      roles: ['user', 'editor'],
      sessions: [{ sessionId: 'bob-session-0000000001' }],
    });

    expect(letters.map(describeLetter)).toEqual([
      expectedLetter(bad[0], 'CONSUMER_ERR_UNDECODABLE', { 'trace-id': 'trace-42' }),
      expectedLetter(bad[1], 'CONSUMER_ERR_EVENT_INVALID', {}),
      expectedLetter(bad[2], 'CONSUMER_ERR_EVENT_INVALID', { 'trace-id': 'trace-42' }),
    ]);
    expect(letters[1].headers?.[DEAD_LETTER_HEADERS.errorMessage]?.toString()).toContain(
      'roles must be an array',
    );
    expect(letters[2].headers?.[DEAD_LETTER_HEADERS.errorMessage]?.toString()).toContain(
      'userId must be a string',
    );
  });

  /** Reads the dead-letter topic from the beginning with a consumer group of its own. */
  async function readDeadLetters(count: number): Promise<KafkaMessage[]> {
    const groupId = `authz-test-dlq-reader-${randomBytes(6).toString('hex')}`;
    const consumer = kafka.consumer({ groupId });
    const letters: KafkaMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: config.topics.deadLetters.topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void letters.push(message) });
      for (const deadline = Date.now() + 20_000; letters.length < count; await sleep(100)) {
        if (Date.now() > deadline) throw new Error(`only ${letters.length} dead letters arrived`);
      }
      return letters;
    } finally {
      await consumer.disconnect();
    }
  }

  function describeLetter(letter: KafkaMessage) {
    const header = (name: string) => letter.headers?.[name]?.toString();
    return {
      key: letter.key?.toString(),
      value: letter.value?.toString('hex'),
      code: header(DEAD_LETTER_HEADERS.errorCode),
      topic: header(DEAD_LETTER_HEADERS.sourceTopic),
      partition: header(DEAD_LETTER_HEADERS.sourcePartition),
      offset: header(DEAD_LETTER_HEADERS.sourceOffset),
      group: header(DEAD_LETTER_HEADERS.consumerGroup),
      traceId: header('trace-id'),
    };
  }

  function expectedLetter(sent: Sent, code: string, original: { 'trace-id'?: string }) {
    return {
      key: 'bob_67890',
      value: sent.value.toString('hex'),
      code,
      topic,
      partition: String(sent.partition),
      offset: sent.offset,
      group: config.groupId,
      traceId: original['trace-id'],
    };
  }
});
