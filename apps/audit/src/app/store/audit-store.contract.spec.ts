import { EventOrigin } from '@identity-bus/identity-consumer';
import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { createLogger } from '@identity-bus/service-kit';
import { join } from 'node:path';

import { anEvent } from '../../testing/identity-event.fixture';
import { describeWithPostgres } from '../../testing/postgres-test-database';
import { tempFolder } from '../../testing/test-config';
import { AuditFilter, AuditStore, TrailPosition } from './audit.store';
import { toOccurredAt } from './occurred-at';
import { PostgresAuditStore } from './postgres-audit.store';
import { SqliteAuditStore } from './sqlite-audit.store';

const RECORDED_AT = new Date('2024-05-01T12:00:00.000Z');
const now = () => RECORDED_AT;

/**
 * What every AuditStore promises, whatever keeps the trail. Each test opens a store of its own
 * on an empty table.
 */
function auditStoreContract(open: () => Promise<AuditStore>): void {
  let store: AuditStore;

  beforeEach(async () => {
    store = await open();
  });

  afterEach(async () => {
    await store.close();
  });

  it('gives a stored event back as published, with where and when it was read', async () => {
    const event = anEvent();

    expect(await store.append(event, origin(7))).toBe('stored');

    const page = await store.query({ limit: 10 });
    expect(page).toEqual({
      records: [
        {
          event: { ...event },
          recordedAt: RECORDED_AT.toISOString(),
          topic: 'identity.events',
          partition: 2,
          offset: '7',
        },
      ],
      next: null,
    });
  });

  it('answers duplicate for an eventId it holds, and keeps the first record', async () => {
    const event = anEvent();
    await store.append(event, origin(7));

    const again = await store.append({ ...event, username: 'changed' }, origin(8));

    const { records } = await store.query({ limit: 10 });
    expect(again).toBe('duplicate');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ offset: '7', event: { username: 'alice@example.com' } });
  });

  it('keeps offsets beyond the range of a JavaScript number exact', async () => {
    await store.append(anEvent(), origin('9223372036854775806'));

    const { records } = await store.query({ limit: 1 });

    expect(records[0].offset).toBe('9223372036854775806');
  });

  it('filters by userId and by eventType', async () => {
    const alice = anEvent({ userId: 'alice_12345' });
    const bob = anEvent({ userId: 'bob_67890', username: 'bob@example.com' });
    const aliceOut = anEvent({ eventType: 'userLoggedOut', timestamp: '2023-10-27T11:00:00Z' });
    await appendAll(store, [alice, bob, aliceOut]);

    expect(await idsOf(store, { userId: 'alice_12345', limit: 10 })).toEqual([
      alice.eventId,
      aliceOut.eventId,
    ]);
    expect(await idsOf(store, { eventType: 'userLoggedOut', limit: 10 })).toEqual([
      aliceOut.eventId,
    ]);
    expect(
      await idsOf(store, { userId: 'bob_67890', eventType: 'userLoggedOut', limit: 10 }),
    ).toEqual([]);
  });

  it('counts from as inclusive and to as exclusive', async () => {
    const times = ['2023-10-27T09:00:00Z', '2023-10-27T10:00:00Z', '2023-10-27T11:00:00Z'];
    const events = times.map((timestamp) => anEvent({ timestamp }));
    await appendAll(store, events);

    const ids = await idsOf(store, {
      from: toOccurredAt('2023-10-27T10:00:00Z'),
      to: toOccurredAt('2023-10-27T11:00:00Z'),
      limit: 10,
    });

    expect(ids).toEqual([events[1].eventId]);
  });

  it('orders fractions of a second by time, not as text', async () => {
    const whole = anEvent({ timestamp: '2023-10-27T10:30:00Z' });
    const half = anEvent({ timestamp: '2023-10-27T10:30:00.5Z' });
    const nanos = anEvent({ timestamp: '2023-10-27T10:30:00.000000001Z' });
    await appendAll(store, [half, nanos, whole]);

    const ids = await idsOf(store, { limit: 10 });

    expect(ids).toEqual(sortedIds([whole, nanos, half]));
  });

  it('pages by timestamp, then eventId, each page ending where the next starts', async () => {
    const events = [
      ...['09:00', '10:00', '10:00', '10:00', '11:00', '12:00'].map((time) =>
        anEvent({ timestamp: `2023-10-27T${time}:00Z` }),
      ),
      anEvent({ timestamp: '2023-10-27T10:00:00Z', userId: 'bob_67890' }),
    ].reverse();
    await appendAll(store, events);

    const pages = await allPages(store, 3);

    expect(pages.map((ids) => ids.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(sortedIds(events));
  });

  it('ends on a full last page with no next position', async () => {
    await appendAll(store, [anEvent(), anEvent()]);

    expect((await store.query({ limit: 2 })).next).toBeNull();
  });

  it('answers a ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
}

describe('SqliteAuditStore', () => {
  const folder = tempFolder();
  let files = 0;

  afterAll(() => folder.remove());

  auditStoreContract(async () =>
    SqliteAuditStore.open(join(folder.path, `audit-${++files}.sqlite`), now),
  );

  it('creates the folder of its file', async () => {
    const store = SqliteAuditStore.open(join(folder.path, 'nested', 'deeper', 'audit.sqlite'));

    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });
});

describeWithPostgres('PostgresAuditStore', (database) => {
  const logger = createLogger('audit-test', 'silent');

  afterAll(() => database.dropSchemas());

  auditStoreContract(async () =>
    PostgresAuditStore.open({ url: await database.freshSchema(), logger, now }),
  );

  it('opens a second time on a table that exists, as a restarted replica does', async () => {
    const url = await database.freshSchema();
    const first = await PostgresAuditStore.open({ url, logger });
    await first.append(anEvent(), origin(1));

    const second = await PostgresAuditStore.open({ url, logger });

    expect((await second.query({ limit: 10 })).records).toHaveLength(1);
    await Promise.all([first.close(), second.close()]);
  });
});

function origin(offset: number | string): EventOrigin {
  return { topic: 'identity.events', partition: 2, offset: String(offset), key: 'alice_12345' };
}

async function appendAll(store: AuditStore, events: IdentityEventDto[]): Promise<void> {
  for (const [index, event] of events.entries()) await store.append(event, origin(index));
}

async function idsOf(store: AuditStore, filter: AuditFilter): Promise<unknown[]> {
  const { records } = await store.query(filter);
  return records.map((record) => record.event.eventId);
}

/** Follows `next` from the first page to the last; the eventIds of each page. */
async function allPages(store: AuditStore, limit: number): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  let after: TrailPosition | undefined;
  do {
    const page = await store.query({ limit, after });
    pages.push(page.records.map((record) => record.event.eventId));
    after = page.next ?? undefined;
  } while (after !== undefined && pages.length < 10);
  return pages;
}

/** The eventIds in the trail's order: by timestamp as time, then by eventId. */
function sortedIds(events: IdentityEventDto[]): string[] {
  const key = (event: IdentityEventDto) => `${toOccurredAt(event.timestamp)} ${event.eventId}`;
  return [...events].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((event) => event.eventId);
}
