import { ClaimValue } from '@identity-bus/identity-contracts';

/** Who signed in, as the gateway will publish it. */
export interface UserIdentity {
  userId: string;
  username: string;
  roles: string[];
  claims: Record<string, ClaimValue>;
  oidcProvider: string;
  /** The provider's session id (`sid`), when the ID token has one. */
  providerSessionId?: string;
}
