import { UTC_DATE_TIME } from '@identity-bus/identity-contracts';

const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The stored sort key of an event's UTC timestamp: always six fractional digits. Timestamps may
 * carry zero to nine digits, and `10:30:00.5Z` sorts before `10:30:00Z` as text; with a fixed
 * width, text order is time order in SQLite too. Six digits, because microseconds are the
 * finest PostgreSQL keeps; finer digits are cut, never rounded, the same way in both stores.
 */
export function toOccurredAt(timestamp: string): string {
  if (!UTC_DATE_TIME.test(timestamp)) {
    throw new TypeError(`The timestamp (${timestamp}) must be a UTC date-time ending in Z.`);
  }
  const [seconds, fraction = ''] = timestamp.slice(0, -1).split('.');
  return `${seconds}.${fraction.padEnd(6, '0').slice(0, 6)}Z`;
}

/** Whether a value is a sort key as toOccurredAt writes it (used to check decoded cursors). */
export function isOccurredAt(value: unknown): value is string {
  return typeof value === 'string' && SORT_KEY.test(value);
}
