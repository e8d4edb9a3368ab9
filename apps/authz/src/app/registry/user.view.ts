import { ClaimValue } from '@identity-bus/identity-contracts';

import { liveSessions, SessionRecord, UserRecord } from './user-record';

/** A user as `GET /v1/users/:userId` shows it: the identity, and the sessions still live. */
export interface UserView {
  userId: string;
  username: string;
  roles: string[];
  claims: Record<string, ClaimValue>;
  oidcProvider: string;
  sessions: SessionRecord[];
  lastEventId: string;
  updatedAt: string;
}

export function toUserView(user: UserRecord, now: Date): UserView {
  return {
    userId: user.userId,
    username: user.username,
    roles: [...user.roles],
    claims: { ...user.claims },
    oidcProvider: user.oidcProvider,
    sessions: liveSessions(user, now),
    lastEventId: user.lastEventId,
    updatedAt: user.updatedAt,
  };
}
