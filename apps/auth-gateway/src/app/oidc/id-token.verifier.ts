import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { timingSafeEqual } from 'node:crypto';

import { OidcConfig } from '../gateway.config';
import { GatewayErrors } from '../gateway.errors';
import { ProviderMetadata } from './provider-metadata';

/**
 * Verifies an ID token the way OpenID Connect Core 1.0 §3.1.3.7 asks, closing the gaps of
 * passport-openidconnect: the signature against the provider's published keys (found by
 * discovery, refetched when a new `kid` appears), the algorithm, `iss`, `aud`, `azp`, `exp`,
 * `iat` and `nbf` within a small clock tolerance, and the `nonce` of this very sign-in.
 */
export class IdTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly oidc: OidcConfig,
    metadata: ProviderMetadata,
    private readonly now: () => number = Date.now,
  ) {
    this.jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
  }

  async verify(idToken: string, expectedNonce: string | undefined): Promise<JWTPayload> {
    const claims = await this.verifySignatureAndTimes(idToken);
    this.checkAuthorizedParty(claims);
    this.checkIssuedAt(claims);
    checkNonce(claims, expectedNonce);
    return claims;
  }

  private async verifySignatureAndTimes(idToken: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(idToken, this.jwks, {
        issuer: this.oidc.issuer,
        audience: this.oidc.clientId,
        algorithms: this.oidc.idTokenAlgorithms,
        clockTolerance: this.oidc.clockToleranceSec,
        currentDate: new Date(this.now()),
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
      });
      return payload;
    } catch (error) {
      throw GatewayErrors.idTokenInvalid(describeJoseError(error), error);
    }
  }

  /** With several audiences, `azp` must name us; when present, it must name us anyway. */
  private checkAuthorizedParty(claims: JWTPayload): void {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (audiences.length > 1 && claims.azp === undefined) {
      throw GatewayErrors.idTokenInvalid('azp is required when aud names several parties');
    }
    if (claims.azp !== undefined && claims.azp !== this.oidc.clientId) {
      throw GatewayErrors.idTokenInvalid(`azp (${String(claims.azp)}) is not this client`);
    }
  }

  /** A token issued in the future (beyond the tolerance) means a wrong clock or a forgery. */
  private checkIssuedAt(claims: JWTPayload): void {
    const nowSec = Math.floor(this.now() / 1000);
    if ((claims.iat ?? 0) > nowSec + this.oidc.clockToleranceSec) {
      throw GatewayErrors.idTokenInvalid('iat is in the future');
    }
  }
}

function checkNonce(claims: JWTPayload, expected: string | undefined): void {
  const actual = typeof claims.nonce === 'string' ? claims.nonce : '';
  const same =
    expected !== undefined &&
    actual.length === expected.length &&
    timingSafeEqual(Buffer.from(actual), Buffer.from(expected));
  if (!same) throw GatewayErrors.nonceMismatch();
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `${error.claim} is invalid (${error.reason})`;
  }
  if (error instanceof errors.JWTExpired) return 'exp has passed';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its signing algorithm is not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the provider's JWKS matches it";
  if (error instanceof errors.JOSEError) return `it is malformed (${error.code})`;
  return 'it could not be verified';
}
