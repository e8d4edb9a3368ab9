import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { identityEvent } from '@identity-bus/identity-contracts/testing';

import { checkKey, decodeJson, validateEvent } from './decode-event';

/** Bob's sign-in, as the gateway would publish it. */
const BOB_LOGGED_IN = identityEvent('bob', 'userLoggedIn');

function bobLoggedIn(): Record<string, unknown> {
  return structuredClone(BOB_LOGGED_IN) as unknown as Record<string, unknown>;
}

describe('decodeJson', () => {
  it('parses a UTF-8 JSON document', () => {
    expect(decodeJson(Buffer.from('{"username":"zoë"}'))).toEqual({ username: 'zoë' });
  });

  it('refuses an empty value, and a tombstone', () => {
    for (const value of [Buffer.alloc(0), null]) {
      expect(() => decodeJson(value)).toThrow(
        expect.objectContaining({
          name: 'MessageUndecodableError',
          code: 'CONSUMER_ERR_UNDECODABLE',
          message: 'The message value is not a JSON document (empty value).',
          retriable: false,
        }),
      );
    }
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => decodeJson(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]))).toThrow(
      expect.objectContaining({
        code: 'CONSUMER_ERR_UNDECODABLE',
        message: 'The message value is not a JSON document (not UTF-8).',
      }),
    );
  });

  it('refuses malformed JSON', () => {
    expect(() => decodeJson(Buffer.from('{"userId": "bob_67890"'))).toThrow(
      expect.objectContaining({
        code: 'CONSUMER_ERR_UNDECODABLE',
        message: 'The message value is not a JSON document (malformed JSON).',
      }),
    );
  });
});

describe('validateEvent', () => {
  it('returns a valid event as an IdentityEventDto', () => {
    const event = validateEvent(bobLoggedIn());

    expect(event).toBeInstanceOf(IdentityEventDto);
    expect(event).toEqual(bobLoggedIn());
  });

  it('names every field that breaks the contract', () => {
    const event = { ...bobLoggedIn(), schemaVersion: 0, timestamp: '2024-09-12' };

    expect(() => validateEvent(event)).toThrow(
      expect.objectContaining({
        name: 'EventInvalidError',
        code: 'CONSUMER_ERR_EVENT_INVALID',
        message:
          'The event breaks the contract: schemaVersion must not be less than 1; ' +
          'timestamp must be a UTC date-time ending in Z.',
        retriable: false,
      }),
    );
  });

  it('refuses JSON that is not an object', () => {
    expect(() => validateEvent(['bob_67890'])).toThrow(
      expect.objectContaining({
        code: 'CONSUMER_ERR_EVENT_INVALID',
        message: 'The event breaks the contract: the event must be a JSON object.',
      }),
    );
  });
});

describe('checkKey', () => {
  const event = validateEvent(bobLoggedIn());

  it("accepts the event's userId as the key", () => {
    expect(() => checkKey(event, 'bob_67890')).not.toThrow();
  });

  it('refuses any other key, naming it', () => {
    expect(() => checkKey(event, 'alice_12345')).toThrow(
      expect.objectContaining({
        name: 'KeyMismatchError',
        code: 'CONSUMER_ERR_KEY_MISMATCH',
        message: "The message key (alice_12345) must equal the event's userId.",
        retriable: false,
      }),
    );
  });

  it('refuses a message without a key', () => {
    expect(() => checkKey(event, null)).toThrow(
      expect.objectContaining({
        code: 'CONSUMER_ERR_KEY_MISMATCH',
        message: "The message key (none) must equal the event's userId.",
      }),
    );
  });
});
