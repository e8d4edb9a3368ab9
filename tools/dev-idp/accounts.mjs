import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The demo accounts of the dev provider. Each password equals its username, which is why this
 * provider must never be reachable from anywhere but the developer's own machine.
 *
 * Alice carries exactly the roles and claims of the brief's example event, so the first login
 * a new developer makes publishes that event.
 */
const ACCOUNTS = deepFreeze([
  {
    username: 'alice',
    password: 'alice',
    claims: {
      sub: 'alice_12345',
      email: 'alice@example.com',
      email_verified: true,
      preferred_username: 'alice@example.com',
      name: 'Alice Example',
      roles: ['user', 'editor'],
      tenant_id: 'abc-789',
      department: 'engineering',
    },
  },
  {
    username: 'bob',
    password: 'bob',
    claims: {
      sub: 'bob_67890',
      email: 'bob@example.com',
      email_verified: true,
      preferred_username: 'bob@example.com',
      name: 'Bob Example',
      roles: ['user'],
      tenant_id: 'xyz-000',
      department: 'sales',
    },
  },
  {
    username: 'carol',
    password: 'carol',
    claims: {
      sub: 'carol_24680',
      email: 'carol@example.com',
      email_verified: true,
      preferred_username: 'carol@example.com',
      name: 'Carol Example',
      roles: ['admin'],
      tenant_id: 'abc-789',
      department: 'security',
    },
  },
]);

const byUsername = new Map(ACCOUNTS.map((account) => [account.username, account]));
const bySub = new Map(ACCOUNTS.map((account) => [account.claims.sub, account]));

/**
 * The demo accounts without their passwords, for the start banner and for tests.
 *
 * @type {ReadonlyArray<{ username: string, claims: Readonly<Record<string, unknown>> }>}
 */
export const accounts = Object.freeze(
  ACCOUNTS.map(({ username, claims }) => Object.freeze({ username, claims })),
);

/**
 * Checks a username and password.
 *
 * An unknown username still costs one comparison, so the time taken does not tell which
 * usernames exist.
 *
 * @param {unknown} username
 * @param {unknown} password
 * @returns {string | undefined} the account's `sub` (oidc-provider's `accountId`), or undefined
 */
export function authenticate(username, password) {
  const account = typeof username === 'string' ? byUsername.get(username) : undefined;
  const expected = account ? account.password : '';
  const given = typeof password === 'string' ? password : '';

  const matches = constantTimeEquals(given, expected);
  return account && matches ? account.claims.sub : undefined;
}

/**
 * oidc-provider's `findAccount`: loads an account by `sub`. The provider itself drops the
 * claims that the granted scopes do not cover, so `claims()` may return all of them.
 *
 * @param {unknown} ctx the koa context (unused: the accounts do not depend on the request)
 * @param {string} sub
 */
export async function findAccount(ctx, sub) {
  const account = bySub.get(sub);
  if (!account) {
    return undefined;
  }

  return {
    accountId: sub,
    claims: async () => structuredClone(account.claims),
  };
}

/**
 * Compares digests rather than the strings: `timingSafeEqual` needs equal lengths, and
 * comparing lengths first would leak them.
 */
function constantTimeEquals(given, expected) {
  const digest = (value) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
