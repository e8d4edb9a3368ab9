import { AuditFilter, AuditPage, AuditRecord, TrailPosition } from './audit.store';

/** Adds a value to a statement's parameters and returns its placeholder (`?` or `$n`). */
export type Bind = (value: unknown) => string;

/**
 * The SELECT of one page, for either store: the filter's conditions, the trail's order, and one
 * row more than the page holds, which tells whether another page follows.
 */
export function selectPageSql(columns: string, filter: AuditFilter, bind: Bind): string {
  const where = conditionsOf(filter, bind);
  return [
    `SELECT ${columns} FROM audit_events`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY occurred_at, event_id LIMIT ${bind(filter.limit + 1)}`,
  ].join(' ');
}

function conditionsOf(filter: AuditFilter, bind: Bind): string[] {
  const conditions: string[] = [];
  if (filter.userId !== undefined) conditions.push(`user_id = ${bind(filter.userId)}`);
  if (filter.eventType !== undefined) conditions.push(`event_type = ${bind(filter.eventType)}`);
  if (filter.from !== undefined) conditions.push(`occurred_at >= ${bind(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`occurred_at < ${bind(filter.to)}`);
  if (filter.after !== undefined) {
    const { occurredAt, eventId } = filter.after;
    conditions.push(`(occurred_at, event_id) > (${bind(occurredAt)}, ${bind(eventId)})`);
  }
  return conditions;
}

/** Cuts the extra row off a page and, when there was one, says where the next page starts. */
export function toPage<Row>(
  rows: Row[],
  limit: number,
  toRecord: (row: Row) => AuditRecord,
  positionOf: (row: Row) => TrailPosition,
): AuditPage {
  const onPage = rows.slice(0, limit);
  const next = rows.length > limit ? positionOf(onPage[onPage.length - 1]) : null;
  return { records: onPage.map(toRecord), next };
}
