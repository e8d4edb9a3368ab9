import { Inject, Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';

import { GatewayConfig } from '../gateway.config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { GatewaySession } from './gateway-session';
import { SealedToken } from './sealed-token';

export const SESSION_COOKIE = 'ibus_session';

/**
 * The gateway's session: a sealed cookie (HttpOnly, SameSite=Lax, Secure outside development)
 * that no script can read and no one but this deployment can forge or open.
 */
@Injectable()
export class SessionService {
  private readonly sealed: SealedToken<GatewaySession>;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.sealed = new SealedToken<GatewaySession>(config.session.secret, 'session');
  }

  /** A new session id: 128 random bits, URL-safe. */
  newSessionId(): string {
    return randomBytes(16).toString('base64url');
  }

  expiresAt(now: Date): Date {
    return new Date(now.getTime() + this.config.session.ttlSec * 1000);
  }

  async establish(response: Response, session: GatewaySession): Promise<void> {
    const token = await this.sealed.seal(session, this.config.session.ttlSec);
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.session.secureCookies,
      path: '/',
      maxAge: this.config.session.ttlSec * 1000,
    });
  }

  async current(request: Request): Promise<GatewaySession | undefined> {
    return this.sealed.open(request.cookies?.[SESSION_COOKIE]);
  }
}
