import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Request } from 'express';

import { SealedToken } from '../session/sealed-token';

/** What one sign-in must remember between the redirect to the provider and the callback. */
interface LoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The state store's view of passport-openidconnect's context object. */
interface StrategyContext {
  nonce?: string;
}

type StoreCallback = (error: Error | null, handle?: string) => void;
type VerifyCallback = (
  error: Error | null,
  ctx: StrategyContext | false,
  info?: { message: string },
) => void;

export const LOGIN_COOKIE = 'ibus_login';
const LOGIN_TTL_SEC = 600;
const VERIFIER = Symbol('pkce-code-verifier');
const NONCE = Symbol('login-nonce');

/** Request fields through which the strategy and this store hand over the PKCE verifier. */
export interface LoginRequest extends Request {
  [VERIFIER]?: string;
  [NONCE]?: string;
}

/**
 * passport-openidconnect's state store, kept in a sealed, short-lived, HttpOnly cookie instead
 * of a server session. It binds `state`, `nonce` and the PKCE verifier to the browser that
 * started the sign-in, and each can be used once: the cookie is cleared on the callback.
 */
export class LoginStateStore {
  private readonly sealed: SealedToken<LoginState>;

  constructor(
    secret: string,
    private readonly secureCookies: boolean,
  ) {
    this.sealed = new SealedToken<LoginState>(secret, 'login-state');
  }

  static setVerifier(req: LoginRequest, codeVerifier: string): void {
    req[VERIFIER] = codeVerifier;
  }

  static verifierOf(req: LoginRequest): string | undefined {
    return req[VERIFIER];
  }

  static nonceOf(req: LoginRequest): string | undefined {
    return req[NONCE];
  }

  store(
    req: LoginRequest,
    ctx: StrategyContext,
    _state: unknown,
    _meta: unknown,
    cb: StoreCallback,
  ) {
    const codeVerifier = req[VERIFIER];
    if (!ctx.nonce || !codeVerifier) {
      cb(new Error('The strategy must be configured with a nonce and PKCE.'));
      return;
    }
    const loginState = {
      state: randomBytes(24).toString('base64url'),
      nonce: ctx.nonce,
      codeVerifier,
    };
    this.sealed
      .seal(loginState, LOGIN_TTL_SEC)
      .then((token) => {
        req.res?.cookie(LOGIN_COOKIE, token, this.cookieOptions(LOGIN_TTL_SEC * 1000));
        cb(null, loginState.state);
      })
      .catch((error: Error) => cb(error));
  }

  verify(req: LoginRequest, handle: string, cb: VerifyCallback): void {
    req.res?.clearCookie(LOGIN_COOKIE, this.cookieOptions());
    this.sealed
      .open(req.cookies?.[LOGIN_COOKIE])
      .then((saved) => {
        if (!saved) return cb(null, false, { message: 'no sign-in is pending in this browser' });
        if (!sameString(saved.state, handle)) return cb(null, false, { message: 'state mismatch' });
        req[VERIFIER] = saved.codeVerifier;
        req[NONCE] = saved.nonce;
        cb(null, { nonce: saved.nonce });
      })
      .catch((error: Error) => cb(error, false));
  }

  private cookieOptions(maxAge?: number) {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.secureCookies,
      path: '/',
      maxAge,
    };
  }
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b ?? '');
  return left.length === right.length && timingSafeEqual(left, right);
}
