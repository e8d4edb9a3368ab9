import { AppError } from '@identity-bus/service-kit';

/**
 * Every error code the audit service raises itself. docs/audit.md lists the same codes, and a
 * test keeps the two in step. Requests refused by validation answer REQUEST_INVALID (service-kit).
 */
export const AUDIT_ERROR_CODES = {
  storeUnavailable: 'AUDIT_ERR_STORE_UNAVAILABLE',
  cursorInvalid: 'AUDIT_ERR_CURSOR_INVALID',
  rangeInvalid: 'AUDIT_ERR_RANGE_INVALID',
} as const;

/**
 * The audit store cannot be reached, or cannot take writes for now. Retriable: the consumer
 * holds the partition and tries the same event again, so nothing is lost while it is down.
 */
export class StoreUnavailableError extends AppError {
  constructor(cause: unknown) {
    super(AUDIT_ERROR_CODES.storeUnavailable, 'The audit store is unavailable; try again later.', {
      status: 503,
      retriable: true,
      cause,
    });
  }
}

/** The `cursor` query parameter is not a cursor this API handed out. */
export class CursorInvalidError extends AppError {
  constructor(cursor: string) {
    super(
      AUDIT_ERROR_CODES.cursorInvalid,
      `The cursor (${cursor}) is not one this API returned; ` +
        'pass the nextCursor of the previous page unchanged.',
      { status: 400 },
    );
  }
}

/** `from` is not before `to`, so no event could match. */
export class RangeInvalidError extends AppError {
  constructor(from: string, to: string) {
    super(
      AUDIT_ERROR_CODES.rangeInvalid,
      `The time range is empty: from (${from}) must be before to (${to}).`,
      { status: 400 },
    );
  }
}
