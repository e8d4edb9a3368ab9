import { IdentityEventDto } from './identity-event.dto';

/** The founding example of the brief, completed with the fields the contract adds. */
export function aliceLoggedIn(overrides: Partial<IdentityEventDto> = {}): IdentityEventDto {
  return {
    eventId: '0190f5c2-7a3e-7cc1-9b1e-2f4d6a8c0e12',
    eventType: 'userLoggedIn',
    schemaVersion: 1,
    timestamp: '2023-10-27T10:30:00Z',
    userId: 'alice_12345',
    username: 'alice@example.com',
    roles: ['user', 'editor'],
    claims: { tenant_id: 'abc-789', department: 'engineering' },
    oidcProvider: 'mycorp.okta.com',
    sessionId: 'Zm9vYmFyYmF6cXV4cXV1eA',
    expiresAt: '2023-10-27T18:30:00Z',
    ...overrides,
  };
}
