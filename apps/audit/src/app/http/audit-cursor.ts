import { UUID_V7 } from '@identity-bus/identity-contracts';

import { CursorInvalidError } from '../audit.errors';
import { TrailPosition } from '../store/audit.store';
import { isOccurredAt } from '../store/occurred-at';

/**
 * A cursor is where a page ended, as base64url of the JSON `[occurredAt, eventId]`. Clients
 * treat it as opaque and hand it back unchanged; it holds nothing they could not see anyway.
 */
export function encodeCursor(position: TrailPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt, position.eventId])).toString('base64url');
}

/** The position a cursor names; anything this API did not hand out is refused. */
export function decodeCursor(cursor: string): TrailPosition {
  const decoded = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(decoded) || decoded.length !== 2) throw new CursorInvalidError(cursor);
  const [occurredAt, eventId] = decoded as unknown[];
  if (!isOccurredAt(occurredAt) || typeof eventId !== 'string' || !UUID_V7.test(eventId)) {
    throw new CursorInvalidError(cursor);
  }
  return { occurredAt, eventId };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
