import { AuditPage, AuditRecord } from '../store/audit.store';
import { encodeCursor } from './audit-cursor';

/** One event of the trail: the event as published, and where and when audit read it. */
export type AuditItem = Record<string, unknown> & {
  recordedAt: string;
  topic: string;
  partition: number;
  offset: string;
};

/** The body of `GET /v1/audit`. */
export interface AuditPageResponse {
  items: AuditItem[];
  /** Pass it as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function toAuditPageResponse(page: AuditPage): AuditPageResponse {
  return {
    items: page.records.map(toItem),
    nextCursor: page.next === null ? null : encodeCursor(page.next),
  };
}

function toItem(record: AuditRecord): AuditItem {
  const { event, recordedAt, topic, partition, offset } = record;
  return { ...event, recordedAt, topic, partition, offset };
}
