import { EventOrigin } from '@identity-bus/identity-consumer';
import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { Pool, PoolClient } from 'pg';
import { Logger } from 'pino';

import { StoreUnavailableError } from '../audit.errors';
import { AUDIT_EVENT_COLUMNS, toAuditEventRow } from './audit-event.row';
import { selectPageSql, toPage } from './audit-query.sql';
import { AppendOutcome, AuditFilter, AuditPage, AuditRecord, AuditStore } from './audit.store';
import { isPostgresStoreFault } from './store-faults';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_events (
    event_id uuid PRIMARY KEY,
    event_type text NOT NULL,
    user_id text NOT NULL,
    username text NOT NULL,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    oidc_provider text NOT NULL,
    session_id text NOT NULL,
    schema_version integer NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    -- json, not jsonb: the event is kept as written, its keys in their order.
    event json NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_events_by_time ON audit_events (occurred_at, event_id);
  CREATE INDEX IF NOT EXISTS audit_events_by_user
    ON audit_events (user_id, occurred_at, event_id);
  CREATE INDEX IF NOT EXISTS audit_events_by_type
    ON audit_events (event_type, occurred_at, event_id);
`;

const INSERT = `
  INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS.join(', ')})
  VALUES (${AUDIT_EVENT_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT (event_id) DO NOTHING`;

// The sort key comes back as text in the same fixed form toOccurredAt writes, so a cursor made
// from it reads the same in both stores. Aliases differ from the columns: ORDER BY would
// otherwise sort by the text.
const SELECTED = `event, recorded_at, topic, partition, "offset"::text AS "offset",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_occurred_at,
  event_id::text AS sort_event_id`;

interface SelectedRow {
  event: Record<string, unknown>;
  recorded_at: Date;
  topic: string;
  partition: number;
  offset: string;
  sort_occurred_at: string;
  sort_event_id: string;
}

/** What the store needs to reach PostgreSQL. */
export interface PostgresAuditStoreOptions {
  /** A postgres:// URL; it may carry `?options=-c search_path=...` to pick a schema. */
  url: string;
  logger: Logger;
  now?: () => Date;
  /** How long to wait for a connection before the store counts as unavailable. */
  connectTimeoutMs?: number;
}

/**
 * The audit trail in PostgreSQL, for production. Appends commit before they resolve. Every
 * failure of the server or of the way to it becomes StoreUnavailableError (retriable), so the
 * consumer waits for the database rather than losing events.
 */
export class PostgresAuditStore implements AuditStore {
  private constructor(
    private readonly pool: Pool,
    private readonly now: () => Date,
  ) {}

  /** Connects and creates the table when it is missing. */
  static async open(options: PostgresAuditStoreOptions): Promise<PostgresAuditStore> {
    const store = PostgresAuditStore.connect(options);
    try {
      await store.migrate();
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** A store whose pool connects on first use; `open` is the way to start a service. */
  static connect(options: PostgresAuditStoreOptions): PostgresAuditStore {
    const pool = new Pool({
      connectionString: options.url,
      max: 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      query_timeout: 15_000,
    });
    // An idle connection that breaks (a server restart) must not crash the process; the next
    // query opens a new one.
    pool.on('error', (error) =>
      options.logger.warn({ err: error }, 'idle PostgreSQL connection lost'),
    );
    return new PostgresAuditStore(pool, options.now ?? (() => new Date()));
  }

  async append(event: IdentityEventDto, origin: EventOrigin): Promise<AppendOutcome> {
    const row = toAuditEventRow(event, origin, this.now());
    const { rowCount } = await translateFaults(() => this.pool.query(INSERT, row));
    return rowCount === 1 ? 'stored' : 'duplicate';
  }

  async query(filter: AuditFilter): Promise<AuditPage> {
    const values: unknown[] = [];
    const sql = selectPageSql(SELECTED, filter, (value) => `$${values.push(value)}`);
    const { rows } = await translateFaults(() => this.pool.query<SelectedRow>(sql, values));
    return toPage(rows, filter.limit, toRecord, (row) => ({
      occurredAt: row.sort_occurred_at,
      eventId: row.sort_event_id,
    }));
  }

  async ping(): Promise<void> {
    await translateFaults(() => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /** Replicas may start together; the advisory lock lets one create the table at a time. */
  private async migrate(): Promise<void> {
    await translateFaults(async () => {
      const client = await this.pool.connect();
      try {
        await inTransaction(client, async () => {
          await client.query(`SELECT pg_advisory_xact_lock(hashtext('identity_bus_audit'))`);
          await client.query(SCHEMA);
        });
        client.release();
      } catch (error) {
        // A connection that failed mid-transaction must not go back to the pool.
        client.release(error as Error);
        throw error;
      }
    });
  }
}

/** Faults of the server or the network become StoreUnavailableError; a refused row does not. */
async function translateFaults<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isPostgresStoreFault(error) ? new StoreUnavailableError(error) : error;
  }
}

async function inTransaction(client: PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function toRecord(row: SelectedRow): AuditRecord {
  return {
    event: row.event,
    recordedAt: row.recorded_at.toISOString(),
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
  };
}
