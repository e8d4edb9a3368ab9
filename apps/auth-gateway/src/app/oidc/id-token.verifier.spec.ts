/**
 * The attack suite of the ID token check: every token below is signed (or not) with real keys,
 * and the provider's keys are fetched from a real HTTP server, as from a provider's jwks_uri.
 * The clock is fixed, so "expired" and "in the future" are exact to the second.
 */
import { AppError } from '@identity-bus/service-kit';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  JWK,
  JWTPayload,
  KeyLike,
  SignJWT,
  UnsecuredJWT,
} from 'jose';

import { JwksServer, startJwksServer } from '../../testing/jwks-server';
import { OidcConfig } from '../gateway.config';
import { IdTokenVerifier } from './id-token.verifier';
import { ProviderMetadata } from './provider-metadata';

const ISSUER = 'https://idp.example.com';
const CLIENT_ID = 'identity-bus-gateway';
const NONCE = 'nonce-of-this-sign-in-0S6_WzA2Mj';
const NOW_MS = Date.UTC(2023, 9, 27, 10, 30, 0);
const NOW = NOW_MS / 1000;
const TOLERANCE_SEC = 30;

const oidc: OidcConfig = {
  issuer: ISSUER,
  clientId: CLIENT_ID,
  clientSecret: 'a-client-secret-from-the-provider',
  scopes: ['openid', 'profile', 'email'],
  clockToleranceSec: TOLERANCE_SEC,
  idTokenAlgorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
};

interface SigningKey {
  kid: string;
  alg: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

async function signingKey(alg: string, kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicKey, publicJwk };
}

/** Alice's ID token for this sign-in, issued now, valid five minutes; `undefined` drops a claim. */
function claims(changes: Record<string, unknown> = {}): JWTPayload {
  const all: Record<string, unknown> = {
    iss: ISSUER,
    sub: 'alice_12345',
    aud: CLIENT_ID,
    iat: NOW,
    exp: NOW + 300,
    nonce: NONCE,
    email: 'alice@example.com',
    ...changes,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

async function sign(payload: JWTPayload, key: SigningKey, header: object = {}): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

async function rejection(verification: Promise<unknown>): Promise<AppError> {
  try {
    await verification;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the ID token to be rejected');
}

describe('IdTokenVerifier', () => {
  let provider: SigningKey;
  let providerEc: SigningKey;
  let attacker: SigningKey;
  let jwks: JwksServer;
  let verifier: IdTokenVerifier;

  beforeAll(async () => {
    [provider, providerEc, attacker] = await Promise.all([
      signingKey('RS256', 'provider-rsa'),
      signingKey('ES256', 'provider-ec'),
      signingKey('RS256', 'attacker-rsa'),
    ]);
    jwks = await startJwksServer({
      provider: [provider.publicJwk, providerEc.publicJwk],
      attacker: [attacker.publicJwk],
    });
    const metadata: ProviderMetadata = {
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/auth`,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: jwks.url('provider'),
    };
    verifier = new IdTokenVerifier(oidc, metadata, () => NOW_MS);
  });

  afterAll(() => jwks.close());

  /** Asserts that the token is refused with GATEWAY_ERR_ID_TOKEN_INVALID for `reason`. */
  async function expectInvalid(idToken: string, reason: string): Promise<void> {
    const error = await rejection(verifier.verify(idToken, NONCE));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'GATEWAY_ERR_ID_TOKEN_INVALID',
      message: `The ID token was rejected: ${reason}.`,
      status: 401,
    });
  }

  async function expectNonceMismatch(idToken: string, expectedNonce: string | undefined) {
    const error = await rejection(verifier.verify(idToken, expectedNonce));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'GATEWAY_ERR_NONCE_MISMATCH',
      message: 'The ID token nonce does not match the nonce of this sign-in.',
      status: 401,
    });
  }

  describe('a genuine token', () => {
    it('passes, and its claims come back', async () => {
      const idToken = await sign(claims(), provider);

      await expect(verifier.verify(idToken, NONCE)).resolves.toEqual(claims());
    });

    it("passes when signed with the provider's other key (ES256)", async () => {
      const idToken = await sign(claims(), providerEc);

      await expect(verifier.verify(idToken, NONCE)).resolves.toMatchObject({ sub: 'alice_12345' });
    });
  });

  describe('the signature', () => {
    it('rejects a token signed by a key the provider does not publish', async () => {
      const idToken = await sign(claims(), attacker);

      await expectInvalid(idToken, "no key of the provider's JWKS matches it");
    });

    it("rejects a token signed by another key under the kid of the provider's key", async () => {
      const idToken = await sign(claims(), attacker, { kid: provider.kid });

      await expectInvalid(idToken, 'the signature does not verify');
    });

    it('rejects an unsigned token (alg: none)', async () => {
      const idToken = new UnsecuredJWT(claims()).encode();

      await expectInvalid(idToken, 'its signing algorithm is not allowed');
    });

    it("rejects HS256 keyed with the provider's public key (algorithm confusion)", async () => {
      const publicKeyBytes = new TextEncoder().encode(await exportSPKI(provider.publicKey));
      const idToken = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: provider.kid, typ: 'JWT' })
        .sign(publicKeyBytes);

      await expectInvalid(idToken, 'its signing algorithm is not allowed');
    });

    it('rejects a token that brings its own key in the jwk header', async () => {
      const idToken = await sign(claims(), attacker, { jwk: attacker.publicJwk });

      await expectInvalid(idToken, "no key of the provider's JWKS matches it");
    });

    it("rejects a token whose jku header points at the attacker's key set", async () => {
      const idToken = await sign(claims(), attacker, { jku: jwks.url('attacker') });

      await expectInvalid(idToken, "no key of the provider's JWKS matches it");
    });

    it('rejects a token whose payload was changed after signing', async () => {
      const [header, , signature] = (await sign(claims(), provider)).split('.');
      const payload = Buffer.from(JSON.stringify(claims({ sub: 'carol_24680' }))).toString(
        'base64url',
      );

      await expectInvalid(`${header}.${payload}.${signature}`, 'the signature does not verify');
    });

    it('rejects what is not a JWT at all', async () => {
      await expectInvalid('not-a-jwt', 'it is malformed (ERR_JWS_INVALID)');
    });
  });

  describe('issuer and audience', () => {
    it('rejects a token from another issuer', async () => {
      const idToken = await sign(claims({ iss: 'https://evil.example.com' }), provider);

      await expectInvalid(idToken, 'iss is invalid (check_failed)');
    });

    it('rejects a token for another client', async () => {
      const idToken = await sign(claims({ aud: 'reporting-app' }), provider);

      await expectInvalid(idToken, 'aud is invalid (check_failed)');
    });

    it('rejects a token for several audiences that names no authorized party (azp)', async () => {
      const idToken = await sign(claims({ aud: [CLIENT_ID, 'reporting-app'] }), provider);

      await expectInvalid(idToken, 'azp is required when aud names several parties');
    });

    it('accepts several audiences when azp names this client', async () => {
      const payload = claims({ aud: [CLIENT_ID, 'reporting-app'], azp: CLIENT_ID });

      await expect(verifier.verify(await sign(payload, provider), NONCE)).resolves.toBeDefined();
    });

    it('rejects a token whose azp names another client', async () => {
      const idToken = await sign(claims({ azp: 'reporting-app' }), provider);

      await expectInvalid(idToken, 'azp (reporting-app) is not this client');
    });
  });

  describe(`times, with a clock tolerance of ${TOLERANCE_SEC} s`, () => {
    it('rejects a token that expired beyond the tolerance', async () => {
      const idToken = await sign(claims({ exp: NOW - TOLERANCE_SEC - 1 }), provider);

      await expectInvalid(idToken, 'exp has passed');
    });

    it('accepts a token that expired just inside the tolerance', async () => {
      const idToken = await sign(claims({ exp: NOW - TOLERANCE_SEC + 1 }), provider);

      await expect(verifier.verify(idToken, NONCE)).resolves.toBeDefined();
    });

    it('rejects a token issued in the future beyond the tolerance', async () => {
      const idToken = await sign(claims({ iat: NOW + TOLERANCE_SEC + 1 }), provider);

      await expectInvalid(idToken, 'iat is in the future');
    });

    it('accepts a token issued in the future just inside the tolerance', async () => {
      const idToken = await sign(claims({ iat: NOW + TOLERANCE_SEC }), provider);

      await expect(verifier.verify(idToken, NONCE)).resolves.toBeDefined();
    });

    it('rejects a token not valid before a time beyond the tolerance (nbf)', async () => {
      const idToken = await sign(claims({ nbf: NOW + TOLERANCE_SEC + 1 }), provider);

      await expectInvalid(idToken, 'nbf is invalid (check_failed)');
    });
  });

  describe('required claims', () => {
    it.each(['sub', 'exp', 'iat', 'iss', 'aud'])('rejects a token without %s', async (claim) => {
      const idToken = await sign(claims({ [claim]: undefined }), provider);

      await expectInvalid(idToken, `${claim} is invalid (missing)`);
    });
  });

  describe('the nonce of this sign-in', () => {
    it('rejects a token without a nonce', async () => {
      const idToken = await sign(claims({ nonce: undefined }), provider);

      await expectNonceMismatch(idToken, NONCE);
    });

    it("rejects a token carrying another sign-in's nonce", async () => {
      const idToken = await sign(claims({ nonce: 'nonce-of-another-sign-in-9qLw2s' }), provider);

      await expectNonceMismatch(idToken, NONCE);
    });

    it('rejects a token when this sign-in has no nonce to expect', async () => {
      const idToken = await sign(claims(), provider);

      await expectNonceMismatch(idToken, undefined);
    });

    it('rejects a token without a nonce when none is expected either', async () => {
      const idToken = await sign(claims({ nonce: undefined }), provider);

      await expectNonceMismatch(idToken, undefined);
    });
  });
});
