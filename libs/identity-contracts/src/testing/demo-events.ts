import { IdentityEventType } from '../lib/identity-event-type';
import { IdentityEventDto } from '../lib/identity-event.dto';
import { newEventId } from '../lib/uuid-v7';

/**
 * The development provider's demo users, as the gateway announces them: Alice is the brief's
 * founding example exactly.
 */
export const DEMO_USERS = {
  alice: {
    userId: 'alice_12345',
    username: 'alice@example.com',
    roles: ['user', 'editor'],
    claims: { tenant_id: 'abc-789', department: 'engineering' },
  },
  bob: {
    userId: 'bob_67890',
    username: 'bob@example.com',
    roles: ['user'],
    claims: { tenant_id: 'xyz-000', department: 'sales' },
  },
  carol: {
    userId: 'carol_24680',
    username: 'carol@example.com',
    roles: ['admin'],
    claims: { tenant_id: 'abc-789', department: 'security' },
  },
};

/** The name of a demo user. */
export type DemoUser = keyof typeof DEMO_USERS;

/**
 * A valid identity event for a demo user, with a fresh event id. Sessions start at the brief's
 * login time (2023-10-27T10:30:00Z) and last eight hours unless the overrides say otherwise.
 */
export function identityEvent(
  user: DemoUser,
  eventType: IdentityEventType,
  overrides: Partial<IdentityEventDto> = {},
): IdentityEventDto {
  return {
    eventId: newEventId(),
    eventType,
    schemaVersion: 1,
    timestamp: '2023-10-27T10:30:00Z',
    ...structuredClone(DEMO_USERS[user]),
    oidcProvider: 'mycorp.okta.com',
    sessionId: `${user}-session-0000000001`,
    expiresAt: '2023-10-27T18:30:00Z',
    ...overrides,
  };
}

/** The brief's founding example, with a fixed event id: Alice signs in. */
export function aliceLoggedIn(overrides: Partial<IdentityEventDto> = {}): IdentityEventDto {
  return identityEvent('alice', 'userLoggedIn', {
    eventId: '0190f5c2-7a3e-7cc1-9b1e-2f4d6a8c0e12',
    ...overrides,
  });
}

/** The Kafka message a producer writes for an event: keyed by the user, the value its JSON. */
export function messageOf(event: IdentityEventDto): { key: string; value: Buffer } {
  return { key: event.userId, value: Buffer.from(JSON.stringify(event)) };
}
