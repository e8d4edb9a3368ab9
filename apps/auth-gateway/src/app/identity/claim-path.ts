/**
 * Reads a value at a dot path of a token's claims: `roles`, `realm_access.roles` (Keycloak),
 * `groups` (Okta), or a namespaced claim such as `https://example.com/roles` (Auth0), which is
 * tried whole before it is split on dots. Only the token's own members count: a path such as
 * `constructor` must not reach into Object.prototype.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
