/**
 * Reads a value at a dot path of a token's claims: `roles`, `realm_access.roles` (Keycloak),
 * `groups` (Okta), or a namespaced claim such as `https://example.com/roles` (Auth0), which is
 * tried whole before it is split on dots.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
