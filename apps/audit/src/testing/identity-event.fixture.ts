import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { identityEvent } from '@identity-bus/identity-contracts/testing';

export { messageOf } from '@identity-bus/identity-contracts/testing';

/** A valid identity event with a new eventId: Alice's login from the brief, unless overridden. */
export function anEvent(overrides: Partial<IdentityEventDto> = {}): IdentityEventDto {
  return identityEvent('alice', 'userLoggedIn', overrides);
}
