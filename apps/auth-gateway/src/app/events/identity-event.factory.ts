import {
  IDENTITY_EVENT_SCHEMA_VERSION,
  IdentityEventDto,
  newEventId,
  validateIdentityEvent,
} from '@identity-bus/identity-contracts';

import { GatewayErrors } from '../gateway.errors';
import { UserIdentity } from '../identity/user-identity';

/**
 * Builds the `userLoggedIn` event for a verified identity and checks it against the contract
 * before it may be published: the gateway never writes an event consumers would reject.
 */
export function userLoggedIn(
  identity: UserIdentity,
  sessionId: string,
  now: Date,
  expiresAt: Date,
): IdentityEventDto {
  const event: IdentityEventDto = {
    eventId: newEventId(),
    eventType: 'userLoggedIn',
    schemaVersion: IDENTITY_EVENT_SCHEMA_VERSION,
    timestamp: utc(now),
    userId: identity.userId,
    username: identity.username,
    roles: identity.roles,
    claims: identity.claims,
    oidcProvider: identity.oidcProvider,
    sessionId,
    ...(identity.providerSessionId ? { providerSessionId: identity.providerSessionId } : {}),
    expiresAt: utc(expiresAt),
  };
  const result = validateIdentityEvent(event);
  if (!result.valid) throw GatewayErrors.identityIncomplete(result.problems);
  return event;
}

/** Whole seconds, `Z`: the shape of the brief's example. */
function utc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
