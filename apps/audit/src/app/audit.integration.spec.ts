import { DEAD_LETTER_HEADERS, IdentityEventDto } from '@identity-bus/identity-contracts';
import { INestApplication } from '@nestjs/common';
import { Consumer, KafkaMessage, Producer } from 'kafkajs';

import { capturedLogger } from '../testing/captured-logger';
import { eventually } from '../testing/eventually';
import { anEvent, messageOf } from '../testing/identity-event.fixture';
import {
  deleteTestKafkaState,
  tempFolder,
  testAuditConfig,
  testKafka,
} from '../testing/test-config';
import { AuditConfig } from './audit.config';
import { createAuditApp } from './create-audit-app';

const GARBAGE = Buffer.from('{"eventType": "userLoggedIn", ');

describe('the audit service on a real broker', () => {
  const folder = tempFolder();
  const { logger, lines } = capturedLogger();
  let config: Readonly<AuditConfig>;
  let app: INestApplication;
  let producer: Producer;
  let deadLetters: Consumer;
  const dead: KafkaMessage[] = [];

  beforeAll(async () => {
    config = testAuditConfig({ sqliteFolder: folder.path });
    app = await createAuditApp(config, logger);
    producer = testKafka(config).producer();
    await producer.connect();
    deadLetters = await readDeadLetters(config, dead);
  });

  afterAll(async () => {
    await Promise.all([producer?.disconnect(), deadLetters?.disconnect(), app?.close()]);
    await deleteTestKafkaState(config);
    folder.remove();
  });

  it('records each event once however often it arrives, and dead-letters garbage', async () => {
    const login = anEvent({ timestamp: '2023-10-27T10:30:00Z' });
    const logout = anEvent({ timestamp: '2023-10-27T11:30:00Z', eventType: 'userLoggedOut' });

    // The login twice, as a producer retrying after a lost acknowledgement would write it.
    await produce(producer, config, [messageOf(login), messageOf(logout), messageOf(login)]);
    await produce(producer, config, [{ key: 'mallory', value: GARBAGE }]);
    // One partition: once the garbage is dead-lettered, every message before it was handled.
    const letter = await eventually('the garbage on the dead-letter topic', () => dead[0]);

    const response = await fetch(`${await app.getUrl()}/v1/audit?limit=500`);
    const { items } = (await response.json()) as { items: IdentityEventDto[] };
    expect(items.map((item) => item.eventId)).toEqual([login.eventId, logout.eventId]);
    expect(outcomesOf(lines, login.eventId)).toEqual(['stored', 'duplicate']);
    expect(letter.value).toEqual(GARBAGE);
    expect(headerOf(letter, DEAD_LETTER_HEADERS.errorCode)).toBe('CONSUMER_ERR_UNDECODABLE');
    expect(headerOf(letter, DEAD_LETTER_HEADERS.sourceTopic)).toBe(config.topics.events.topic);
  });
});

async function produce(
  producer: Producer,
  config: Readonly<AuditConfig>,
  messages: { key: string; value: Buffer }[],
): Promise<void> {
  await producer.send({ topic: config.topics.events.topic, acks: -1, messages });
}

/** A consumer of the fresh dead-letter topic, in a group of its own, collecting into `into`. */
async function readDeadLetters(
  config: Readonly<AuditConfig>,
  into: KafkaMessage[],
): Promise<Consumer> {
  // A short fetch wait: disconnecting waits for the fetch in flight.
  const consumer = testKafka(config).consumer({
    groupId: `${config.groupId}-dead-letters`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.topics.deadLetters.topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void into.push(message) });
  return consumer;
}

/** What the handler logged for an event, in order: 'stored', then 'duplicate' for each repeat. */
function outcomesOf(lines: Record<string, unknown>[], eventId: string): unknown[] {
  return lines
    .filter((line) => line.msg === 'identity event recorded' && line.eventId === eventId)
    .map((line) => line.outcome);
}

function headerOf(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
