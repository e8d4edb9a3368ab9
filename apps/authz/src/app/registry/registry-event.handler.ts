import { Inject, Injectable } from '@nestjs/common';
import { EventOrigin, IdentityEventHandler } from '@identity-bus/identity-consumer';
import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { Logger } from 'pino';

import { LOGGER } from '../authz.tokens';
import { ApplyOutcome, UserRegistry } from './user-registry';

const MESSAGES: Record<ApplyOutcome, string> = {
  applied: 'identity event applied',
  duplicate: 'identity event skipped: applied before',
  ignored: 'identity event skipped: user unknown',
};

/** Applies each valid identity event to the registry, in order per user. */
@Injectable()
export class RegistryEventHandler implements IdentityEventHandler {
  constructor(
    private readonly registry: UserRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: IdentityEventDto, origin: EventOrigin): Promise<void> {
    const outcome = this.registry.apply(event);
    const { userId, eventId, eventType } = event;
    const { topic, partition, offset } = origin;
    this.logger.info({ userId, eventId, eventType, topic, partition, offset }, MESSAGES[outcome]);
  }
}
