import { EventOrigin } from '@identity-bus/identity-consumer';
import { IdentityEventDto } from '@identity-bus/identity-contracts';

import { toOccurredAt } from './occurred-at';

/**
 * The columns of `audit_events`, in the order both stores insert them. `offset` is quoted:
 * it is Kafka's word, and a reserved word of SQL.
 */
export const AUDIT_EVENT_COLUMNS = [
  'event_id',
  'event_type',
  'user_id',
  'username',
  'occurred_at',
  'recorded_at',
  'oidc_provider',
  'session_id',
  'schema_version',
  'topic',
  'partition',
  '"offset"',
  'event',
] as const;

/** One row of `audit_events`, as values in the order of AUDIT_EVENT_COLUMNS. */
export type AuditEventRow = [
  eventId: string,
  eventType: string,
  userId: string,
  username: string,
  occurredAt: string,
  recordedAt: string,
  oidcProvider: string,
  sessionId: string,
  schemaVersion: number,
  topic: string,
  partition: number,
  offset: string,
  event: string,
];

/** The row that records an event read from `origin` at `recordedAt`. */
export function toAuditEventRow(
  event: IdentityEventDto,
  origin: EventOrigin,
  recordedAt: Date,
): AuditEventRow {
  return [
    event.eventId,
    event.eventType,
    event.userId,
    event.username,
    toOccurredAt(event.timestamp),
    recordedAt.toISOString(),
    event.oidcProvider,
    event.sessionId,
    event.schemaVersion,
    origin.topic,
    origin.partition,
    origin.offset,
    JSON.stringify(event),
  ];
}
