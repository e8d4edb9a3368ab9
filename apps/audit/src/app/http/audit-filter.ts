import { RangeInvalidError } from '../audit.errors';
import { AuditFilter } from '../store/audit.store';
import { toOccurredAt } from '../store/occurred-at';
import { decodeCursor } from './audit-cursor';
import { AuditQueryDto } from './audit-query.dto';

/** The store's filter for a validated query: times as sort keys, the cursor as a position. */
export function toAuditFilter(query: AuditQueryDto): AuditFilter {
  checkRange(query);
  return {
    userId: query.userId,
    eventType: query.eventType,
    from: query.from === undefined ? undefined : toOccurredAt(query.from),
    to: query.to === undefined ? undefined : toOccurredAt(query.to),
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit,
  };
}

function checkRange({ from, to }: AuditQueryDto): void {
  if (from === undefined || to === undefined) return;
  // As sort keys, `10:30:00Z` and `10:30:00.000Z` are the same instant.
  if (toOccurredAt(from) >= toOccurredAt(to)) throw new RangeInvalidError(from, to);
}
