import { IdentityEventDto } from '@identity-bus/identity-contracts';

import { Clock } from '../clock';
import { RecentEventIds } from './recent-event-ids';
import { isLive, SessionRecord, UserRecord } from './user-record';

/** How many event ids per user are remembered to skip redelivered events. */
export const RECENT_EVENT_IDS_PER_USER = 32;

/** What applying one event did: changed the registry, was seen before, or concerned no one. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'ignored';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

interface UserEntry {
  record: Writable<UserRecord> & { sessions: Map<string, SessionRecord> };
  recentEventIds: RecentEventIds;
}

/**
 * The live registry: every known user's current identity and sessions, built from identity
 * events alone. Events arrive in order per user (the Kafka key is the userId), so each one is
 * applied on top of the last; an event applied before is skipped.
 *
 * Only a login makes a user known. The events that end a session or change claims do nothing
 * for a user the registry does not hold: that user was deleted, or logged in before the topic's
 * retention, and in both cases has no session that could allow anything.
 */
export class UserRegistry {
  private readonly users = new Map<string, UserEntry>();

  constructor(private readonly clock: Clock) {}

  find(userId: string): UserRecord | undefined {
    return this.users.get(userId)?.record;
  }

  get size(): number {
    return this.users.size;
  }

  apply(event: IdentityEventDto): ApplyOutcome {
    const entry = this.users.get(event.userId);
    if (entry?.recentEventIds.has(event.eventId)) return 'duplicate';

    if (event.eventType === 'userLoggedIn') this.logIn(event, entry);
    else if (entry) this.change(entry, event);
    else return 'ignored';

    this.afterApply(event);
    return 'applied';
  }

  private change(entry: UserEntry, event: IdentityEventDto): void {
    switch (event.eventType) {
      case 'userLoggedOut':
      case 'sessionExpired':
        entry.record.sessions.delete(event.sessionId);
        return;
      case 'sessionRevoked':
        revokeSession(entry, event);
        return;
      case 'claimsChanged':
        entry.record.roles = [...event.roles];
        entry.record.claims = { ...event.claims };
        return;
      case 'userDisabled':
      case 'userDeleted':
        this.users.delete(event.userId);
        return;
    }
  }

  private logIn(event: IdentityEventDto, entry: UserEntry | undefined): void {
    const sessions = entry?.record.sessions ?? new Map<string, SessionRecord>();
    sessions.set(event.sessionId, sessionOf(event));
    this.users.set(event.userId, {
      record: { ...identityOf(event), sessions },
      recentEventIds: entry?.recentEventIds ?? new RecentEventIds(RECENT_EVENT_IDS_PER_USER),
    });
  }

  /** Records the event on a user still known, and drops sessions that ran out meanwhile. */
  private afterApply(event: IdentityEventDto): void {
    const entry = this.users.get(event.userId);
    if (!entry) return;
    entry.record.lastEventId = event.eventId;
    entry.record.updatedAt = event.timestamp;
    entry.recentEventIds.add(event.eventId);
    dropExpiredSessions(entry, this.clock.now());
  }
}

function identityOf(event: IdentityEventDto): Omit<Writable<UserRecord>, 'sessions'> {
  return {
    userId: event.userId,
    username: event.username,
    roles: [...event.roles],
    claims: { ...event.claims },
    oidcProvider: event.oidcProvider,
    lastEventId: event.eventId,
    updatedAt: event.timestamp,
  };
}

function sessionOf(event: IdentityEventDto): SessionRecord {
  const { sessionId, providerSessionId, expiresAt } = event;
  return providerSessionId ? { sessionId, providerSessionId, expiresAt } : { sessionId, expiresAt };
}

/** Back-channel logout knows the provider's `sid`; the gateway may not know its own session. */
function revokeSession(entry: UserEntry, event: IdentityEventDto): void {
  for (const session of entry.record.sessions.values()) {
    const named =
      session.sessionId === event.sessionId ||
      (event.providerSessionId !== undefined &&
        session.providerSessionId === event.providerSessionId);
    if (named) entry.record.sessions.delete(session.sessionId);
  }
}

function dropExpiredSessions(entry: UserEntry, now: Date): void {
  for (const session of entry.record.sessions.values()) {
    if (!isLive(session, now)) entry.record.sessions.delete(session.sessionId);
  }
}
