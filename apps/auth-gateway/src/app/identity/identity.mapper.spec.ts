import { AppError } from '@identity-bus/service-kit';
import { JWTPayload } from 'jose';

import { IdentityMappingConfig } from '../gateway.config';
import { mapIdentity } from './identity.mapper';

const config: IdentityMappingConfig = {
  rolesClaim: 'roles',
  usernameClaims: ['email', 'preferred_username', 'sub'],
  claimsAllowlist: ['tenant_id', 'department'],
  oidcProvider: 'mycorp.okta.com',
};

/** Alice's ID token claims, as the dev provider issues them, before the roles are placed. */
function aliceClaims(extra: JWTPayload = {}): JWTPayload {
  return {
    iss: 'https://mycorp.okta.com',
    sub: 'alice_12345',
    aud: 'identity-bus-gateway',
    email: 'alice@example.com',
    preferred_username: 'alice',
    tenant_id: 'abc-789',
    department: 'engineering',
    ...extra,
  };
}

function rejection(map: () => unknown): AppError {
  try {
    map();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected mapIdentity to throw');
}

describe('mapIdentity', () => {
  it("maps Alice's claims to the identity of the brief's example", () => {
    const identity = mapIdentity(aliceClaims({ roles: ['user', 'editor'] }), config);

    expect(identity).toEqual({
      userId: 'alice_12345',
      username: 'alice@example.com',
      roles: ['user', 'editor'],
      claims: { tenant_id: 'abc-789', department: 'engineering' },
      oidcProvider: 'mycorp.okta.com',
    });
  });

  describe('roles, wherever the provider puts them', () => {
    it('reads Keycloak roles from realm_access.roles', () => {
      const claims = aliceClaims({ realm_access: { roles: ['user', 'editor'] } });

      const identity = mapIdentity(claims, { ...config, rolesClaim: 'realm_access.roles' });

      expect(identity.roles).toEqual(['user', 'editor']);
    });

    it('reads Okta groups from groups', () => {
      const claims = aliceClaims({ groups: ['Everyone', 'Editors'] });

      const identity = mapIdentity(claims, { ...config, rolesClaim: 'groups' });

      expect(identity.roles).toEqual(['Everyone', 'Editors']);
    });

    it('reads Auth0 roles from a namespaced claim', () => {
      const claims = aliceClaims({ 'https://example.com/roles': ['editor'] });

      const identity = mapIdentity(claims, { ...config, rolesClaim: 'https://example.com/roles' });

      expect(identity.roles).toEqual(['editor']);
    });

    it('reads Entra ID app roles from roles', () => {
      const claims = aliceClaims({ roles: ['Reports.Read', 'Reports.Write'] });

      const identity = mapIdentity(claims, { ...config, rolesClaim: 'roles' });

      expect(identity.roles).toEqual(['Reports.Read', 'Reports.Write']);
    });

    it('takes a single role given as a string', () => {
      expect(mapIdentity(aliceClaims({ roles: 'editor' }), config).roles).toEqual(['editor']);
    });

    it('gives a token without the roles claim no roles', () => {
      expect(mapIdentity(aliceClaims(), config).roles).toEqual([]);
    });

    it.each([
      ['an object', { editor: true }],
      ['a number', 42],
      ['a list holding a non-string', ['user', 7]],
    ])('refuses roles that are %s', (_shape, roles) => {
      const error = rejection(() => mapIdentity(aliceClaims({ roles }), config));

      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('GATEWAY_ERR_IDENTITY_INCOMPLETE');
      expect(error.message).toBe(
        'The ID token lacks what an identity event needs: roles is not a list of strings.',
      );
    });
  });

  describe('username', () => {
    it('takes the first of the configured claims that is a string', () => {
      const claims = aliceClaims({ email: undefined });

      expect(mapIdentity(claims, config).username).toBe('alice');
    });

    it('refuses a token in which none of them is a string, naming them and every problem', () => {
      const claims = aliceClaims({ email: 17, preferred_username: undefined, roles: {} });
      const usernameClaims = ['email', 'preferred_username'];

      const error = rejection(() => mapIdentity(claims, { ...config, usernameClaims }));

      expect(error.code).toBe('GATEWAY_ERR_IDENTITY_INCOMPLETE');
      expect(error.message).toBe(
        'The ID token lacks what an identity event needs: ' +
          'none of email, preferred_username is a string; roles is not a list of strings.',
      );
    });
  });

  describe('the claims allowlist', () => {
    const personalData = {
      email: 'alice@example.com',
      name: 'Alice Example',
      phone_number: '+33 1 23 45 67 89',
      address: { street_address: '1 Rue de la Paix', locality: 'Paris' },
      birthdate: '1990-01-01',
    };

    it('forwards only the listed claims, never personal data such as email or address', () => {
      const identity = mapIdentity(aliceClaims(personalData), config);

      expect(identity.claims).toEqual({ tenant_id: 'abc-789', department: 'engineering' });
    });

    it('forwards flat values: strings, numbers, booleans and lists of strings', () => {
      const claims = aliceClaims({ level: 3, mfa: true, teams: ['red', 'blue'] });
      const claimsAllowlist = ['tenant_id', 'level', 'mfa', 'teams'];

      const identity = mapIdentity(claims, { ...config, claimsAllowlist });

      expect(identity.claims).toEqual({
        tenant_id: 'abc-789',
        level: 3,
        mfa: true,
        teams: ['red', 'blue'],
      });
    });

    it('drops a listed claim that is not flat, such as address', () => {
      const claims = aliceClaims({ ...personalData, teams: ['red', { id: 1 }] });
      const claimsAllowlist = ['tenant_id', 'address', 'teams'];

      const identity = mapIdentity(claims, { ...config, claimsAllowlist });

      expect(identity.claims).toEqual({ tenant_id: 'abc-789' });
    });

    it('forwards a nested claim under its dot path', () => {
      const claims = aliceClaims({ org: { id: 'org-42', name: 'MyCorp' } });

      const identity = mapIdentity(claims, { ...config, claimsAllowlist: ['org.id'] });

      expect(identity.claims).toEqual({ 'org.id': 'org-42' });
    });

    it('leaves out a listed claim the token does not carry', () => {
      const identity = mapIdentity(aliceClaims({ department: undefined }), config);

      expect(identity.claims).toEqual({ tenant_id: 'abc-789' });
    });
  });

  it("keeps the provider's session id (sid) when the token has one", () => {
    const identity = mapIdentity(aliceClaims({ sid: 'provider-session-1' }), config);

    expect(identity.providerSessionId).toBe('provider-session-1');
  });
});
