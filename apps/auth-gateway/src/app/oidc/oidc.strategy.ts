import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { JWTPayload } from 'jose';
import { Strategy } from 'passport-openidconnect';

import { GATEWAY_CONFIG, PROVIDER_METADATA } from '../gateway.tokens';
import { GatewayConfig } from '../gateway.config';
import { createPkcePair } from './pkce';
import { IdTokenVerifier } from './id-token.verifier';
import { LoginRequest, LoginStateStore } from './login-state.store';
import { ProviderMetadata } from './provider-metadata';

/** What a successful sign-in hands to the callback: the verified ID token's claims, no tokens. */
export interface VerifiedLogin {
  claims: JWTPayload;
}

type OAuth2Client = OidcStrategy['_oauth2'];

/**
 * Sign-in with passport-openidconnect, completed where it falls short: endpoints come from
 * discovery, every request carries PKCE (S256) and a nonce, and the ID token is verified by
 * IdTokenVerifier before anything trusts it. passport makes a fresh object per request from
 * this one, so the per-request fields below never leak between sign-ins.
 */
@Injectable()
export class OidcStrategy extends PassportStrategy(Strategy, 'oidc', 10) {
  private readonly verifier: IdTokenVerifier;
  private readonly loginStates: LoginStateStore;
  private codeChallenge?: string;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(PROVIDER_METADATA) metadata: ProviderMetadata,
  ) {
    const loginStates = new LoginStateStore(config.session.secret, config.session.secureCookies);
    super({
      issuer: config.oidc.issuer,
      authorizationURL: metadata.authorization_endpoint,
      tokenURL: metadata.token_endpoint,
      clientID: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
      callbackURL: new URL('/callback', config.publicUrl).href,
      scope: config.oidc.scopes.filter((scope) => scope !== 'openid'),
      nonce: true,
      store: loginStates,
      skipUserProfile: true,
      passReqToCallback: true,
    } as never);
    this.verifier = new IdTokenVerifier(config.oidc, metadata);
    this.loginStates = loginStates;
  }

  override authenticate(req: LoginRequest, options?: object): void {
    if (req.query?.error) {
      this.afterStateCheck(req, () => super.authenticate(req, options));
      return;
    }
    if (req.query?.code) {
      this._oauth2 = withCodeVerifier(this._oauth2, req);
    } else {
      const pkce = createPkcePair();
      LoginStateStore.setVerifier(req, pkce.codeVerifier);
      this.codeChallenge = pkce.codeChallenge;
    }
    super.authenticate(req, options);
  }

  /**
   * passport-openidconnect reports an error response before it looks at `state`, so any page
   * could send a browser to `/callback?error=access_denied&error_description=<any text>` and
   * have the gateway show that text as the provider's. An error response counts only when it
   * carries the state of this browser's pending sign-in, which it also uses up.
   */
  private afterStateCheck(req: LoginRequest, next: () => void): void {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    this.loginStates.verify(req, state, (error, pending, info) => {
      if (error) return this.error(error);
      if (!pending) return this.fail(info, 403);
      next();
    });
  }

  /** Called by the strategy while it builds the authorization request. */
  override authorizationParams(): Record<string, string> {
    return { code_challenge: this.codeChallenge ?? '', code_challenge_method: 'S256' };
  }

  /** The strategy's verify callback (arity 10: with the request, the raw ID token and more). */
  async validate(
    req: LoginRequest,
    _iss: string,
    _uiProfile: unknown,
    _idProfile: unknown,
    _context: unknown,
    idToken: string,
  ): Promise<VerifiedLogin> {
    const claims = await this.verifier.verify(idToken, LoginStateStore.nonceOf(req));
    return { claims };
  }
}

/** The token request gains `code_verifier`, which passport-openidconnect never sends. */
function withCodeVerifier(base: OAuth2Client, req: LoginRequest): OAuth2Client {
  const client = Object.create(base) as OAuth2Client;
  const exchange = (code: string, params: object, cb: never) => {
    const codeVerifier = LoginStateStore.verifierOf(req) ?? '';
    base.getOAuthAccessToken(code, { ...params, code_verifier: codeVerifier }, cb);
  };
  client.getOAuthAccessToken = exchange as OAuth2Client['getOAuthAccessToken'];
  return client;
}
