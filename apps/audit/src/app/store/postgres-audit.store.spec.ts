import { createLogger } from '@identity-bus/service-kit';
import { AddressInfo, createServer } from 'node:net';

import { capturedLogger } from '../../testing/captured-logger';
import { eventually } from '../../testing/eventually';
import { anEvent } from '../../testing/identity-event.fixture';
import { describeWithPostgres } from '../../testing/postgres-test-database';
import { StoreUnavailableError } from '../audit.errors';
import { PostgresAuditStore } from './postgres-audit.store';

const logger = createLogger('audit-test', 'silent');
const origin = { topic: 'identity.events', partition: 0, offset: '1', key: 'alice_12345' };

const UNAVAILABLE = {
  code: 'AUDIT_ERR_STORE_UNAVAILABLE',
  message: 'The audit store is unavailable; try again later.',
  retriable: true,
  status: 503,
};

/** A port on which nothing listens: bound by the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('PostgresAuditStore, when the database cannot be reached', () => {
  let store: PostgresAuditStore;

  beforeAll(async () => {
    const url = `postgres://identity_bus@127.0.0.1:${await closedPort()}/identity_bus_test`;
    store = PostgresAuditStore.connect({ url, logger, connectTimeoutMs: 1_000 });
  });

  afterAll(() => store.close());

  it('refuses an append with a retriable AUDIT_ERR_STORE_UNAVAILABLE', async () => {
    const failure = store.append(anEvent(), origin);

    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toMatchObject(UNAVAILABLE);
  });

  it('keeps the refused connection as the cause, for the log', async () => {
    const error = await store.append(anEvent(), origin).catch((caught: unknown) => caught);

    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses queries and pings the same way', async () => {
    await expect(store.query({ limit: 1 })).rejects.toMatchObject(UNAVAILABLE);
    await expect(store.ping()).rejects.toMatchObject(UNAVAILABLE);
  });

  it('does not open, so a service cannot start without its database', async () => {
    const url = `postgres://identity_bus@127.0.0.1:${await closedPort()}/identity_bus_test`;

    await expect(PostgresAuditStore.open({ url, logger })).rejects.toMatchObject(UNAVAILABLE);
  });
});

describeWithPostgres('PostgresAuditStore, when the server drops its connections', (database) => {
  afterAll(() => database.dropSchemas());

  it('notices the idle connection it lost, and appends on a new one', async () => {
    const { logger: watched, lines } = capturedLogger('warn');
    const url = new URL(await database.freshSchema());
    url.searchParams.set('application_name', 'audit-dropped-connection-test');
    const store = await PostgresAuditStore.open({ url: url.toString(), logger: watched });

    const terminated = await database.run(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'audit-dropped-connection-test'`,
    );
    await eventually('the lost connection to be noticed', () =>
      lines.find((line) => line.msg === 'idle PostgreSQL connection lost'),
    );

    expect(terminated).toHaveLength(1);
    await expect(store.append(anEvent(), origin)).resolves.toBe('stored');
    await store.close();
  });
});
