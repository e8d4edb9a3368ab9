import { EventOrigin } from '@identity-bus/identity-consumer';
import { IdentityEventDto, IdentityEventType } from '@identity-bus/identity-contracts';

/** What an append did: stored the event, or found its eventId already in the trail. */
export type AppendOutcome = 'stored' | 'duplicate';

/**
 * Where a record sits in the trail's order: by the event's time, then by its id, so that two
 * events of the same instant still have a fixed order. `occurredAt` is a stored sort key (see
 * occurred-at.ts), not the event's timestamp as published.
 */
export interface TrailPosition {
  occurredAt: string;
  eventId: string;
}

/** Which records a query wants: every field is optional, and they combine with AND. */
export interface AuditFilter {
  userId?: string;
  eventType?: IdentityEventType;
  /** Sort keys (occurred-at.ts): `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  /** Only records after this position: where the previous page ended. */
  after?: TrailPosition;
  limit: number;
}

/** One event of the trail, as it was published, and where and when the service read it. */
export interface AuditRecord {
  event: Record<string, unknown>;
  recordedAt: string;
  topic: string;
  partition: number;
  offset: string;
}

/** One page of the trail; `next` is where the following page starts, or null at the end. */
export interface AuditPage {
  records: AuditRecord[];
  next: TrailPosition | null;
}

/**
 * The durable audit trail. Each event is stored exactly once by its eventId: appending an event
 * again (a redelivery after a crash) changes nothing and answers 'duplicate'. When the database
 * cannot be reached, methods throw StoreUnavailableError, which the consumer retries.
 */
export interface AuditStore {
  /** Stores the event; resolves only once the record is durable. */
  append(event: IdentityEventDto, origin: EventOrigin): Promise<AppendOutcome>;
  /** Pages through the trail in (occurredAt, eventId) order, ascending. */
  query(filter: AuditFilter): Promise<AuditPage>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The injection token of the audit store. */
export const AUDIT_STORE = Symbol('AUDIT_STORE');
