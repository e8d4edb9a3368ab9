import { claimAt } from './claim-path';

describe('claimAt', () => {
  it('reads a top-level claim', () => {
    expect(claimAt({ roles: ['user'] }, 'roles')).toEqual(['user']);
  });

  it("follows a dot path into nested claims, as Keycloak's realm_access.roles", () => {
    const claims = { realm_access: { roles: ['user', 'editor'] } };

    expect(claimAt(claims, 'realm_access.roles')).toEqual(['user', 'editor']);
  });

  it('reads a namespaced claim whole before splitting it on dots, as Auth0 names them', () => {
    const claims = { 'https://example.com/roles': ['editor'] };

    expect(claimAt(claims, 'https://example.com/roles')).toEqual(['editor']);
  });

  it('answers undefined when a step of the path is missing', () => {
    expect(claimAt({ realm_access: {} }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, 'realm_access.roles')).toBeUndefined();
  });

  it('answers undefined when a step of the path is not an object', () => {
    expect(claimAt({ realm_access: 'admin' }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({ realm_access: null }, 'realm_access.roles')).toBeUndefined();
  });

  it('reads only the claims the token has, never what objects inherit', () => {
    expect(claimAt({}, 'constructor')).toBeUndefined();
    expect(claimAt({ org: {} }, 'org.toString')).toBeUndefined();
    expect(claimAt({}, '__proto__')).toBeUndefined();
  });
});
