import { IdentityEventDto, newEventId } from '@identity-bus/identity-contracts';

/** A valid identity event with a new eventId: Alice's login from the brief, unless overridden. */
export function anEvent(overrides: Partial<IdentityEventDto> = {}): IdentityEventDto {
  return {
    eventId: newEventId(),
    eventType: 'userLoggedIn',
    schemaVersion: 1,
    timestamp: '2023-10-27T10:30:00Z',
    userId: 'alice_12345',
    username: 'alice@example.com',
    roles: ['user', 'editor'],
    claims: { tenant_id: 'abc-789', department: 'engineering' },
    oidcProvider: 'mycorp.okta.com',
    sessionId: 'c2Vzc2lvbi1vZi1hbGljZQ',
    expiresAt: '2023-10-27T18:30:00Z',
    ...overrides,
  };
}

/** The Kafka message a producer writes for an event: keyed by the user, the value JSON. */
export function messageOf(event: IdentityEventDto): { key: string; value: Buffer } {
  return { key: event.userId, value: Buffer.from(JSON.stringify(event)) };
}
