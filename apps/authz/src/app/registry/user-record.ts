import { ClaimValue } from '@identity-bus/identity-contracts';

/** One session of a user, as the gateway announced it. */
export interface SessionRecord {
  sessionId: string;
  /** The provider's `sid`, when it sent one: back-channel logout names the session by it. */
  providerSessionId?: string;
  expiresAt: string;
}

/** What the registry knows of one user: the identity of the latest event, and live sessions. */
export interface UserRecord {
  readonly userId: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly claims: Readonly<Record<string, ClaimValue>>;
  readonly oidcProvider: string;
  /** The last event applied for this user. */
  readonly lastEventId: string;
  /** The `timestamp` of that event: when it happened, not when authz learned of it. */
  readonly updatedAt: string;
  readonly sessions: ReadonlyMap<string, SessionRecord>;
}

/** The user's sessions that have not expired at `now`. */
export function liveSessions(user: UserRecord, now: Date): SessionRecord[] {
  return [...user.sessions.values()].filter((session) => isLive(session, now));
}

export function isLive(session: SessionRecord, now: Date): boolean {
  return Date.parse(session.expiresAt) > now.getTime();
}
