import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';

import { userLoggedIn } from '../events/identity-event.factory';
import { IdentityEventPublisher } from '../events/identity-event.publisher';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../gateway.tokens';
import { mapIdentity } from '../identity/identity.mapper';
import { VerifiedLogin } from '../oidc/oidc.strategy';
import { GatewaySession } from '../session/gateway-session';
import { SessionService } from '../session/session.service';

/**
 * The end of a sign-in, after the ID token is verified, in this order:
 *   map the claims → build the `userLoggedIn` event → publish it and wait for Kafka's
 *   acknowledgement → only then hand back the session to establish.
 * A failure at any step leaves the browser without a session.
 */
@Injectable()
export class LoginService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
    private readonly publisher: IdentityEventPublisher,
    private readonly sessions: SessionService,
  ) {}

  async complete(login: VerifiedLogin, now = new Date()): Promise<GatewaySession> {
    const identity = mapIdentity(login.claims, this.config.identity);
    const sessionId = this.sessions.newSessionId();
    const event = userLoggedIn(identity, sessionId, now, this.sessions.expiresAt(now));

    await this.publisher.publish(event);
    this.logger.info(
      { userId: event.userId, eventId: event.eventId, topic: this.config.topics.events.topic },
      'login published',
    );
    return { sessionId, event };
  }
}
