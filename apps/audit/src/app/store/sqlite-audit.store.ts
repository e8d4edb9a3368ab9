import { EventOrigin } from '@identity-bus/identity-consumer';
import { IdentityEventDto } from '@identity-bus/identity-contracts';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { StoreUnavailableError } from '../audit.errors';
import { AUDIT_EVENT_COLUMNS, toAuditEventRow } from './audit-event.row';
import { selectPageSql, toPage } from './audit-query.sql';
import { AppendOutcome, AuditFilter, AuditPage, AuditRecord, AuditStore } from './audit.store';
import { isSqliteStoreFault } from './store-faults';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_events (
    event_id TEXT NOT NULL PRIMARY KEY,
    event_type TEXT NOT NULL,
    user_id TEXT NOT NULL,
    username TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    oidc_provider TEXT NOT NULL,
    session_id TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    "offset" INTEGER NOT NULL,
    event TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS audit_events_by_time ON audit_events (occurred_at, event_id);
  CREATE INDEX IF NOT EXISTS audit_events_by_user
    ON audit_events (user_id, occurred_at, event_id);
  CREATE INDEX IF NOT EXISTS audit_events_by_type
    ON audit_events (event_type, occurred_at, event_id);
`;

const INSERT = `
  INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS.join(', ')})
  VALUES (${AUDIT_EVENT_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (event_id) DO NOTHING`;

const SELECTED = `event, recorded_at, topic, partition, CAST("offset" AS TEXT) AS "offset",
  occurred_at, event_id`;

interface SelectedRow {
  event: string;
  recorded_at: string;
  topic: string;
  partition: number;
  offset: string;
  occurred_at: string;
  event_id: string;
}

/**
 * The audit trail in one SQLite file, for development and single-node use. The write-ahead log
 * lets the query API read while the consumer writes; `synchronous = FULL` syncs every commit,
 * so an append that returned survives a power cut.
 */
export class SqliteAuditStore implements AuditStore {
  private readonly insert: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(INSERT);
  }

  /** Opens the file (creating it and its folder) and creates the table when it is missing. */
  static open(path: string, now: () => Date = () => new Date()): SqliteAuditStore {
    return translateFaults(() => {
      mkdirSync(dirname(path), { recursive: true });
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      return new SqliteAuditStore(db, now);
    });
  }

  async append(event: IdentityEventDto, origin: EventOrigin): Promise<AppendOutcome> {
    return this.guard(() => {
      const { changes } = this.insert.run(toAuditEventRow(event, origin, this.now()));
      return changes === 1 ? 'stored' : 'duplicate';
    });
  }

  async query(filter: AuditFilter): Promise<AuditPage> {
    return this.guard(() => {
      const values: unknown[] = [];
      const sql = selectPageSql(SELECTED, filter, (value) => {
        values.push(value);
        return '?';
      });
      const rows = this.db.prepare(sql).all(...values) as SelectedRow[];
      return toPage(rows, filter.limit, toRecord, (row) => ({
        occurredAt: row.occurred_at,
        eventId: row.event_id,
      }));
    });
  }

  async ping(): Promise<void> {
    this.guard(() => this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private guard<T>(work: () => T): T {
    // A closed store is not bad data: retrying keeps the event rather than dead-lettering it.
    if (!this.db.open) throw new StoreUnavailableError(new Error('The SQLite store is closed.'));
    return translateFaults(work);
  }
}

/** Faults of the store become StoreUnavailableError; a row SQLite refuses stays as it is. */
function translateFaults<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw isSqliteStoreFault(error) ? new StoreUnavailableError(error) : error;
  }
}

function toRecord(row: SelectedRow): AuditRecord {
  return {
    event: JSON.parse(row.event) as Record<string, unknown>,
    recordedAt: row.recorded_at,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
  };
}
