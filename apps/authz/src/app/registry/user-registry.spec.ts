import { identityEvent, TEST_NOW } from '../../testing/identity-events';
import { fixedClock } from '../clock';
import { RECENT_EVENT_IDS_PER_USER, UserRegistry } from './user-registry';

const ALICE = 'alice_12345';

describe('UserRegistry', () => {
  let registry: UserRegistry;

  beforeEach(() => {
    registry = new UserRegistry(fixedClock(TEST_NOW));
  });

  function sessionIds(userId = ALICE): string[] {
    return [...(registry.find(userId)?.sessions.keys() ?? [])];
  }

  describe('userLoggedIn', () => {
    it("makes the user known with the event's identity and session", () => {
      const login = identityEvent('alice', 'userLoggedIn', { providerSessionId: 'okta-sid-1' });

      expect(registry.apply(login)).toBe('applied');

      const alice = registry.find(ALICE);
      expect(alice).toMatchObject({
        userId: ALICE,
        username: 'alice@example.com',
        roles: ['user', 'editor'],
        claims: { tenant_id: 'abc-789', department: 'engineering' },
        oidcProvider: 'mycorp.okta.com',
        lastEventId: login.eventId,
        updatedAt: '2023-10-27T10:30:00Z',
      });
      expect([...(alice?.sessions.values() ?? [])]).toEqual([
        {
          sessionId: 'alice-session-0000000001',
          providerSessionId: 'okta-sid-1',
          expiresAt: '2023-10-27T18:30:00Z',
        },
      ]);
    });

    it('adds a second session and takes the newer identity', () => {
      registry.apply(identityEvent('alice', 'userLoggedIn'));

      registry.apply(
        identityEvent('alice', 'userLoggedIn', {
          sessionId: 'alice-session-0000000002',
          username: 'alice@corp.example',
          timestamp: '2023-10-27T11:00:00Z',
        }),
      );

      expect(sessionIds()).toEqual(['alice-session-0000000001', 'alice-session-0000000002']);
      expect(registry.find(ALICE)).toMatchObject({
        username: 'alice@corp.example',
        updatedAt: '2023-10-27T11:00:00Z',
      });
    });

    it('drops sessions that expired by the time an event arrives', () => {
      registry.apply(identityEvent('alice', 'userLoggedIn', { expiresAt: '2023-10-27T12:00:00Z' }));

      registry.apply(
        identityEvent('alice', 'userLoggedIn', { sessionId: 'alice-session-2-xxxxx' }),
      );

      expect(sessionIds()).toEqual(['alice-session-2-xxxxx']);
    });
  });

  describe('events that end a session', () => {
    beforeEach(() => {
      registry.apply(identityEvent('alice', 'userLoggedIn', { providerSessionId: 'okta-sid-1' }));
      registry.apply(
        identityEvent('alice', 'userLoggedIn', {
          sessionId: 'alice-session-0000000002',
          providerSessionId: 'okta-sid-2',
        }),
      );
    });

    it.each(['userLoggedOut', 'sessionRevoked', 'sessionExpired'] as const)(
      '%s removes the session it names and keeps the user',
      (eventType) => {
        const end = identityEvent('alice', eventType, { sessionId: 'alice-session-0000000002' });

        expect(registry.apply(end)).toBe('applied');

        expect(sessionIds()).toEqual(['alice-session-0000000001']);
        expect(registry.find(ALICE)?.lastEventId).toBe(end.eventId);
      },
    );

    it("sessionRevoked finds the session by the provider's session id", () => {
      const revoked = identityEvent('alice', 'sessionRevoked', {
        sessionId: 'unknown-to-the-gateway',
        providerSessionId: 'okta-sid-1',
      });

      registry.apply(revoked);

      expect(sessionIds()).toEqual(['alice-session-0000000002']);
    });

    it("userLoggedOut names a session by the gateway's session id only", () => {
      registry.apply(
        identityEvent('alice', 'userLoggedOut', {
          sessionId: 'unknown-to-the-gateway',
          providerSessionId: 'okta-sid-1',
        }),
      );

      expect(sessionIds()).toHaveLength(2);
    });
  });

  it('claimsChanged replaces roles and claims and keeps the sessions', () => {
    registry.apply(identityEvent('alice', 'userLoggedIn'));

    registry.apply(
      identityEvent('alice', 'claimsChanged', { roles: ['user'], claims: { tenant_id: 'new-1' } }),
    );

    expect(registry.find(ALICE)).toMatchObject({
      roles: ['user'],
      claims: { tenant_id: 'new-1' },
    });
    expect(sessionIds()).toEqual(['alice-session-0000000001']);
  });

  it.each(['userDisabled', 'userDeleted'] as const)('%s removes the user', (eventType) => {
    registry.apply(identityEvent('alice', 'userLoggedIn'));
    registry.apply(identityEvent('bob', 'userLoggedIn'));

    expect(registry.apply(identityEvent('alice', eventType))).toBe('applied');

    expect(registry.find(ALICE)).toBeUndefined();
    expect(registry.size).toBe(1);
  });

  it.each(['userLoggedOut', 'sessionRevoked', 'claimsChanged', 'userDeleted'] as const)(
    '%s for a user it does not know changes nothing',
    (eventType) => {
      expect(registry.apply(identityEvent('alice', eventType))).toBe('ignored');

      expect(registry.find(ALICE)).toBeUndefined();
    },
  );

  describe('idempotence', () => {
    it('skips an event applied before, even after later events', () => {
      const login = identityEvent('alice', 'userLoggedIn');
      registry.apply(login);
      registry.apply(identityEvent('alice', 'userLoggedOut'));

      expect(registry.apply(login)).toBe('duplicate');

      expect(sessionIds()).toEqual([]);
    });

    it('does not take an older event id for a duplicate', () => {
      const earlier = identityEvent('alice', 'userLoggedIn');
      const later = identityEvent('alice', 'userLoggedIn', { sessionId: 'alice-session-2-xxxxx' });

      registry.apply(later);

      expect(registry.apply(earlier)).toBe('applied');
      expect(sessionIds()).toHaveLength(2);
    });

    it(`remembers the last ${RECENT_EVENT_IDS_PER_USER} event ids per user`, () => {
      const first = identityEvent('alice', 'userLoggedIn');
      const newer = Array.from({ length: RECENT_EVENT_IDS_PER_USER }, () =>
        identityEvent('alice', 'claimsChanged'),
      );

      registry.apply(first);
      newer.forEach((event) => registry.apply(event));

      expect(registry.apply(newer[0])).toBe('duplicate');
      expect(registry.apply(first)).toBe('applied');
    });
  });
});
