import { IdentityEventDto } from '@identity-bus/identity-contracts';

import { checkKey, decodeJson, validateEvent } from './decode-event';

/** Bob's sign-in, as the gateway would publish it. */
function bobLoggedIn(): Record<string, unknown> {
  return {
    eventId: '01920a4b-3c5d-7e6f-8a9b-0c1d2e3f4a5b',
    eventType: 'userLoggedIn',
    schemaVersion: 1,
    timestamp: '2024-09-12T07:45:10Z',
    userId: 'bob_67890',
    username: 'bob@example.org',
    roles: ['user'],
    claims: { tenant_id: 'tenant-42' },
    oidcProvider: 'login.example.org',
    sessionId: 'c2Vzc2lvbi1ib2ItMDAx',
    expiresAt: '2024-09-12T15:45:10Z',
  };
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
