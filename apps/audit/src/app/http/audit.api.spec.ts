import { createLogger } from '@identity-bus/service-kit';
import { INestApplication } from '@nestjs/common';

import { anEvent } from '../../testing/identity-event.fixture';
import { deleteTestKafkaState, tempFolder, testAuditConfig } from '../../testing/test-config';
import { AuditConfig } from '../audit.config';
import { createAuditApp } from '../create-audit-app';
import { SqliteAuditStore } from '../store/sqlite-audit.store';

const RECORDED_AT = new Date('2024-05-01T12:00:00.000Z');

/** Alice's day and one of Bob's logins, appended out of order. */
const alice = [
  anEvent({ timestamp: '2023-10-27T09:00:00Z' }),
  anEvent({ timestamp: '2023-10-27T10:30:00Z' }),
  anEvent({ timestamp: '2023-10-27T12:00:00Z', eventType: 'userLoggedOut' }),
  anEvent({ timestamp: '2023-10-27T17:45:00.250Z' }),
];
const bob = anEvent({ timestamp: '2023-10-27T11:00:00Z', userId: 'bob_67890' });
const trail = [alice[0], alice[1], bob, alice[2], alice[3]];

describe('the audit HTTP API', () => {
  const folder = tempFolder();
  let config: Readonly<AuditConfig>;
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    config = testAuditConfig({ sqliteFolder: folder.path });
    await seed(config);
    app = await createAuditApp(config, createLogger('audit-test', 'silent'));
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await deleteTestKafkaState(config);
    folder.remove();
  });

  async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function idsAt(path: string): Promise<unknown[]> {
    const { body } = await get(path);
    return (body.items as { eventId: string }[]).map((item) => item.eventId);
  }

  describe('GET /v1/audit', () => {
    it('answers each event as published, with when and where audit read it', async () => {
      const { status, body } = await get(`/v1/audit?userId=bob_67890`);

      expect(status).toBe(200);
      expect(body).toEqual({
        items: [
          {
            ...bob,
            recordedAt: RECORDED_AT.toISOString(),
            topic: 'identity.events',
            partition: 3,
            offset: '2',
          },
        ],
        nextCursor: null,
      });
    });

    it('pages through the whole trail, oldest first, following nextCursor to null', async () => {
      const pages: unknown[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const { body } = await get(`/v1/audit?limit=2${query}`);
        pages.push((body.items as { eventId: string }[]).map((item) => item.eventId));
        cursor = body.nextCursor as string | null;
      } while (cursor !== null && pages.length < 10);

      expect(pages).toEqual([
        [trail[0].eventId, trail[1].eventId],
        [trail[2].eventId, trail[3].eventId],
        [trail[4].eventId],
      ]);
    });

    it('filters by userId, eventType, from (inclusive) and to (exclusive)', async () => {
      const from = '2023-10-27T10:30:00Z';
      const to = '2023-10-27T17:45:00.250Z';

      expect(await idsAt(`/v1/audit?userId=alice_12345&from=${from}&to=${to}`)).toEqual([
        alice[1].eventId,
        alice[2].eventId,
      ]);
      expect(await idsAt('/v1/audit?eventType=userLoggedOut')).toEqual([alice[2].eventId]);
    });

    it('refuses a limit above 500 with REQUEST_INVALID', async () => {
      expect(await get('/v1/audit?limit=501')).toEqual({
        status: 400,
        body: {
          code: 'REQUEST_INVALID',
          message: 'The request is invalid: limit must not be greater than 500.',
        },
      });
    });

    it('refuses a from that is not a UTC date-time', async () => {
      const { status, body } = await get('/v1/audit?from=2023-10-27T10:30:00%2B02:00');

      expect(status).toBe(400);
      expect(body).toEqual({
        code: 'REQUEST_INVALID',
        message:
          'The request is invalid: ' +
          'from must be a UTC date-time ending in Z (2023-10-27T10:30:00Z).',
      });
    });

    it('refuses an unknown event type and an unknown parameter', async () => {
      const { status, body } = await get('/v1/audit?eventType=userTeleported&user=alice');

      expect(status).toBe(400);
      expect(body.code).toBe('REQUEST_INVALID');
      expect(body.message).toMatch(/^The request is invalid: property user should not exist; /);
      expect(body.message).toMatch(/eventType must be one of the following values: userLoggedIn, /);
    });

    it('refuses a cursor it did not hand out with AUDIT_ERR_CURSOR_INVALID', async () => {
      const forged = Buffer.from('["yesterday","alice"]').toString('base64url');

      expect(await get(`/v1/audit?cursor=${forged}`)).toEqual({
        status: 400,
        body: {
          code: 'AUDIT_ERR_CURSOR_INVALID',
          message:
            `The cursor (${forged}) is not one this API returned; ` +
            'pass the nextCursor of the previous page unchanged.',
        },
      });
    });

    it('refuses a range whose from is not before its to with AUDIT_ERR_RANGE_INVALID', async () => {
      const at = '2023-10-27T10:30:00Z';
      const sameInstant = '2023-10-27T10:30:00.000Z';

      expect(await get(`/v1/audit?from=${at}&to=${sameInstant}`)).toEqual({
        status: 400,
        body: {
          code: 'AUDIT_ERR_RANGE_INVALID',
          message: `The time range is empty: from (${at}) must be before to (${sameInstant}).`,
        },
      });
    });
  });

  describe('GET /health', () => {
    it('answers ok while the store answers', async () => {
      expect(await get('/health')).toEqual({ status: 200, body: { status: 'ok', store: 'up' } });
    });
  });
});

/** Writes the trail straight into the app's SQLite file before the app opens it. */
async function seed(config: Readonly<AuditConfig>): Promise<void> {
  if (config.database.kind !== 'sqlite') throw new Error('The API test runs on SQLite.');
  const store = SqliteAuditStore.open(config.database.path, () => RECORDED_AT);
  for (const [offset, event] of [alice[3], alice[1], bob, alice[0], alice[2]].entries()) {
    await store.append(event, {
      topic: 'identity.events',
      partition: 3,
      offset: String(offset),
      key: null,
    });
  }
  await store.close();
}
