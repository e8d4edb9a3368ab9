import {
  IDENTITY_EVENT_SCHEMA_VERSION,
  UUID_V7,
  validateIdentityEvent,
} from '@identity-bus/identity-contracts';
import { AppError } from '@identity-bus/service-kit';

import { UserIdentity } from '../identity/user-identity';
import { userLoggedIn } from './identity-event.factory';

const alice: UserIdentity = {
  userId: 'alice_12345',
  username: 'alice@example.com',
  roles: ['user', 'editor'],
  claims: { tenant_id: 'abc-789', department: 'engineering' },
  oidcProvider: 'mycorp.okta.com',
};
const SESSION_ID = 'c2Vzc2lvbi1vZi1hbGljZQ';
const NOW = new Date('2023-10-27T10:30:00.457Z');
const EXPIRES_AT = new Date('2023-10-27T18:30:00.457Z');

describe('userLoggedIn', () => {
  it('builds an event the contract accepts', () => {
    const event = userLoggedIn(alice, SESSION_ID, NOW, EXPIRES_AT);

    expect(validateIdentityEvent(event)).toEqual({ valid: true, event: expect.anything() });
  });

  it("carries the brief's seven fields with their names and meanings", () => {
    const event = userLoggedIn(alice, SESSION_ID, NOW, EXPIRES_AT);

    expect(event).toMatchObject({
      eventType: 'userLoggedIn',
      timestamp: '2023-10-27T10:30:00Z',
      userId: 'alice_12345',
      username: 'alice@example.com',
      roles: ['user', 'editor'],
      claims: { tenant_id: 'abc-789', department: 'engineering' },
      oidcProvider: 'mycorp.okta.com',
    });
  });

  it('writes its times in UTC, to the whole second, ending in Z', () => {
    const event = userLoggedIn(alice, SESSION_ID, NOW, EXPIRES_AT);

    expect(event.timestamp).toBe('2023-10-27T10:30:00Z');
    expect(event.expiresAt).toBe('2023-10-27T18:30:00Z');
  });

  it('adds a UUIDv7 event id, the schema version and the session id', () => {
    const event = userLoggedIn(alice, SESSION_ID, NOW, EXPIRES_AT);

    expect(event.eventId).toMatch(UUID_V7);
    expect(event.schemaVersion).toBe(IDENTITY_EVENT_SCHEMA_VERSION);
    expect(event.sessionId).toBe(SESSION_ID);
  });

  it('gives every event its own id', () => {
    const first = userLoggedIn(alice, SESSION_ID, NOW, EXPIRES_AT);
    const second = userLoggedIn(alice, SESSION_ID, NOW, EXPIRES_AT);

    expect(first.eventId).not.toBe(second.eventId);
  });

  it("names the provider's session only when there is one", () => {
    const withSid = { ...alice, providerSessionId: 'provider-session-1' };

    expect(userLoggedIn(withSid, SESSION_ID, NOW, EXPIRES_AT).providerSessionId).toBe(
      'provider-session-1',
    );
    expect(userLoggedIn(alice, SESSION_ID, NOW, EXPIRES_AT)).not.toHaveProperty(
      'providerSessionId',
    );
  });

  it('refuses to build an event the contract would reject', () => {
    const nobody = { ...alice, userId: '' };

    const build = () => userLoggedIn(nobody, SESSION_ID, NOW, EXPIRES_AT);

    expect(build).toThrow(AppError);
    expect(build).toThrow(
      expect.objectContaining({
        code: 'GATEWAY_ERR_IDENTITY_INCOMPLETE',
        message: 'The ID token lacks what an identity event needs: userId should not be empty.',
      }),
    );
  });
});
