const CAEP = 'https://schemas.openid.net/secevent/caep/event-type/';
const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';

/**
 * Every identity event type, each with the OpenID Shared Signals event type (CAEP or RISC) it
 * corresponds to. The gateway publishes `userLoggedIn` today; the others name the lifecycle
 * events that travel the same way, so that consumers can be written against the full set.
 */
export const IDENTITY_EVENT_TYPES = {
  userLoggedIn: `${CAEP}session-established`,
  userLoggedOut: `${CAEP}session-revoked`,
  sessionRevoked: `${CAEP}session-revoked`,
  sessionExpired: `${CAEP}session-revoked`,
  claimsChanged: `${CAEP}token-claims-change`,
  userDisabled: `${RISC}account-disabled`,
  userDeleted: `${RISC}account-purged`,
} as const;

/** The name of an identity event type, as it appears in the event's `eventType` field. */
export type IdentityEventType = keyof typeof IDENTITY_EVENT_TYPES;

/** The `eventType` values a valid event may carry. */
export const IDENTITY_EVENT_TYPE_NAMES = Object.keys(IDENTITY_EVENT_TYPES) as IdentityEventType[];
