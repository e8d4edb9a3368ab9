import { IdentityEventDto } from '@identity-bus/identity-contracts';

/** What the session cookie holds: who is signed in, and the event that announced it. */
export interface GatewaySession {
  sessionId: string;
  /** The `userLoggedIn` event exactly as it was published. */
  event: IdentityEventDto;
}
