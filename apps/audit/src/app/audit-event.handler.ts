import { EventOrigin, IdentityEventHandler } from '@identity-bus/identity-consumer';
import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';

import { AUDIT_LOGGER } from './audit-core.module';
import { AUDIT_STORE, AuditStore } from './store/audit.store';

/**
 * Records each identity event in the audit trail. Appending is idempotent by eventId, so a
 * redelivered event changes nothing; a store that is down throws a retriable error, and the
 * consumer library holds the partition until the append succeeds.
 */
@Injectable()
export class AuditEventHandler implements IdentityEventHandler {
  constructor(
    @Inject(AUDIT_STORE) private readonly store: AuditStore,
    @Inject(AUDIT_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: IdentityEventDto, origin: EventOrigin): Promise<void> {
    const outcome = await this.store.append(event, origin);
    this.logger.info(
      {
        userId: event.userId,
        eventId: event.eventId,
        eventType: event.eventType,
        partition: origin.partition,
        offset: origin.offset,
        outcome,
      },
      'identity event recorded',
    );
  }
}
