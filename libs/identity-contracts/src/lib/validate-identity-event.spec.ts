import { aliceLoggedIn } from '../testing/demo-events';
import { validateIdentityEvent } from './validate-identity-event';
import { newEventId } from './uuid-v7';

describe('validateIdentityEvent', () => {
  it("accepts the brief's example of Alice's login", () => {
    const result = validateIdentityEvent(aliceLoggedIn());

    expect(result).toMatchObject({ valid: true, event: { userId: 'alice_12345' } });
  });

  it('keeps fields it does not know, so producers can add fields', () => {
    const result = validateIdentityEvent({ ...aliceLoggedIn(), assuranceLevel: 'aal2' });

    expect(result.valid).toBe(true);
  });

  it('refuses values that are not JSON objects', () => {
    for (const value of [null, 'text', 42, [aliceLoggedIn()]]) {
      expect(validateIdentityEvent(value)).toEqual({
        valid: false,
        problems: ['the event must be a JSON object'],
      });
    }
  });

  it('names each missing field', () => {
    const { userId: _userId, roles: _roles, ...event } = aliceLoggedIn();

    const result = validateIdentityEvent(event);

    expect(result.valid).toBe(false);
    expect(!result.valid && result.problems).toEqual(
      expect.arrayContaining(['userId must be a string', 'roles must be an array']),
    );
  });

  it('refuses fields of the wrong type', () => {
    const result = validateIdentityEvent(aliceLoggedIn({ roles: 'editor' as never }));

    expect(!result.valid && result.problems).toContain('roles must be an array');
  });

  it('refuses an unknown event type', () => {
    const result = validateIdentityEvent(aliceLoggedIn({ eventType: 'userTeleported' as never }));

    expect(!result.valid && result.problems[0]).toMatch(/^eventType must be one of/);
  });

  it('refuses nested objects among the claims', () => {
    const claims = { address: { city: 'Paris' } } as never;

    const result = validateIdentityEvent(aliceLoggedIn({ claims }));

    expect(!result.valid && result.problems).toEqual([
      'claims must map claim names to strings, numbers, booleans or string lists',
    ]);
  });

  it('refuses an event id that is not a UUID version 7', () => {
    const result = validateIdentityEvent(aliceLoggedIn({ eventId: crypto.randomUUID() }));

    expect(!result.valid && result.problems).toEqual([
      'eventId must be a lowercase UUID version 7',
    ]);
  });
});

describe('newEventId', () => {
  it('makes valid, unique ids that sort by creation time', () => {
    const ids = Array.from({ length: 50 }, () => newEventId());

    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
    expect(validateIdentityEvent(aliceLoggedIn({ eventId: ids[0] })).valid).toBe(true);
  });
});
