import { IdentityEventDto, IdentityEventType, newEventId } from '@identity-bus/identity-contracts';

/** The demo users of the dev provider, as the gateway announces them. */
const USERS = {
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

export type DemoUser = keyof typeof USERS;

/** The instant tests freeze the clock at: Alice's login of the brief, two hours in. */
export const TEST_NOW = '2023-10-27T12:30:00Z';

/**
 * An identity event for a demo user, valid against the contract, with a fresh event id. Every
 * session starts at the brief's login and lasts eight hours unless the overrides say otherwise.
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
    ...structuredClone(USERS[user]),
    oidcProvider: 'mycorp.okta.com',
    sessionId: `${user}-session-0000000001`,
    expiresAt: '2023-10-27T18:30:00Z',
    ...overrides,
  };
}

/** The principal a policy sees for a demo user. */
export function principal(user: DemoUser) {
  return structuredClone(USERS[user]);
}
