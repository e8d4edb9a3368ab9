import { IdentityEventDto, validateIdentityEvent } from '@identity-bus/identity-contracts';

import {
  EventInvalidError,
  KeyMismatchError,
  MessageUndecodableError,
} from './identity-consumer.errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Step 1: bytes to a JSON value. */
export function decodeJson(value: Buffer | null): unknown {
  if (value === null || value.length === 0) throw new MessageUndecodableError('empty value');
  try {
    return JSON.parse(utf8.decode(value));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'malformed JSON' : 'not UTF-8';
    throw new MessageUndecodableError(reason);
  }
}

/** Step 2: a JSON value to a valid identity event. */
export function validateEvent(json: unknown): IdentityEventDto {
  const result = validateIdentityEvent(json);
  if (!result.valid) throw new EventInvalidError(result.problems);
  return result.event;
}

/** Step 3: the key must be the user, or the event may be out of order with the user's others. */
export function checkKey(event: IdentityEventDto, key: string | null): void {
  if (key !== event.userId) throw new KeyMismatchError(key);
}
