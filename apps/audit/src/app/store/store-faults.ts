import { DatabaseError } from 'pg';

/**
 * Whether a failure lies with the store rather than with the event. Only the event's own data
 * can make an append fail for good (a value the column refuses); anything else (the server is
 * down or starting, a connection broke, the disk is full, a password was rotated, a failover
 * left a read-only replica) will pass once the store is back or fixed. Those are retried: the
 * consumer holds the partition, where dead-lettering every event would empty the trail into the
 * dead-letter topic for as long as the store is broken.
 */

/** Node's socket errors on the way to the server. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres reports a lost or timed-out connection with these messages and no code. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
];

/** SQLSTATE classes the data causes: 22 data exception, 23 integrity constraint violation. */
const PG_DATA_CLASSES = /^(22|23)/;

const SQLITE_DATA_CODES = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/;

/** A failure of PostgreSQL or of the way to it, anywhere along the error's causes. */
export function isPostgresStoreFault(error: unknown): boolean {
  return causesOf(error).some((cause) => {
    if (cause instanceof DatabaseError) return !PG_DATA_CLASSES.test(cause.code ?? '');
    if (NETWORK_ERRORS.has(codeOf(cause) ?? '')) return true;
    return cause instanceof Error && isConnectionMessage(cause.message);
  });
}

function isConnectionMessage(message: string): boolean {
  return PG_CONNECTION_MESSAGES.some((start) => message.startsWith(start));
}

/** A failure of the SQLite file (busy, full, unreadable), not of the row. */
export function isSqliteStoreFault(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && code.startsWith('SQLITE_') && !SQLITE_DATA_CODES.test(code);
}

/** The error, its causes, and the errors an AggregateError gathers (one per address tried). */
function causesOf(error: unknown, depth = 0): unknown[] {
  if (!(error instanceof Error) || depth > 5) return [error];
  const nested = error instanceof AggregateError ? error.errors : [];
  return [error, ...[error.cause, ...nested].flatMap((cause) => causesOf(cause, depth + 1))];
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
