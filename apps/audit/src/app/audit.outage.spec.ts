import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { INestApplication } from '@nestjs/common';
import { Producer } from 'kafkajs';

import { capturedLogger } from '../testing/captured-logger';
import { eventually } from '../testing/eventually';
import { anEvent, messageOf } from '../testing/identity-event.fixture';
import { describeWithPostgres } from '../testing/postgres-test-database';
import { TcpProxy } from '../testing/tcp-proxy';
import { deleteTestKafkaState, testAuditConfig, testKafka } from '../testing/test-config';
import { AuditConfig } from './audit.config';
import { createAuditApp } from './create-audit-app';

describeWithPostgres('the audit service while PostgreSQL is down', (database) => {
  const { logger, lines } = capturedLogger();
  const server = new URL(database.url);
  const proxy = new TcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  let proxyPort: number;
  let config: Readonly<AuditConfig>;
  let app: INestApplication;
  let producer: Producer;

  beforeAll(async () => {
    proxyPort = await proxy.start();
    const url = new URL(await database.freshSchema());
    url.host = `127.0.0.1:${proxyPort}`;
    config = testAuditConfig({ url: url.toString() });
    app = await createAuditApp(config, logger);
    producer = testKafka(config).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all([producer?.disconnect(), app?.close()]);
    await proxy.stop();
    await deleteTestKafkaState(config);
    await database.dropSchemas();
  });

  async function get(path: string): Promise<Response> {
    return fetch(`${await app.getUrl()}${path}`);
  }

  it('holds the event, answers 503 on /health, and records it once PostgreSQL is up', async () => {
    const event = anEvent();
    await proxy.stop();

    await producer.send({ topic: config.topics.events.topic, messages: [messageOf(event)] });
    const retry = await eventually('a retry of the event', () => retryOf(lines, event));
    const health = await get('/health');

    expect(retry).toMatchObject({
      code: 'AUDIT_ERR_STORE_UNAVAILABLE',
      topic: config.topics.events.topic,
    });
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable', store: 'down' });

    await proxy.start(proxyPort);
    const items = await eventually('the event in the trail', () => itemsOf(get('/v1/audit')));

    expect(items.map((item) => item.eventId)).toEqual([event.eventId]);
    expect(await deadLetterCount(config)).toBe(0);
  });
});

function retryOf(lines: Record<string, unknown>[], event: IdentityEventDto) {
  return lines.find(
    (line) => line.msg === 'retrying identity event' && line.eventId === event.eventId,
  );
}

/** The items of a page, once the trail holds any. */
async function itemsOf(response: Promise<Response>): Promise<IdentityEventDto[] | undefined> {
  const answer = await response;
  if (answer.status !== 200) return undefined;
  const { items } = (await answer.json()) as { items: IdentityEventDto[] };
  return items.length > 0 ? items : undefined;
}

async function deadLetterCount(config: Readonly<AuditConfig>): Promise<number> {
  const admin = testKafka(config).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(config.topics.deadLetters.topic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}
