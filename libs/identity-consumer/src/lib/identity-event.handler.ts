import { IdentityEventDto } from '@identity-bus/identity-contracts';

/** Where a message came from: enough to find it again, and to log about it. */
export interface EventOrigin {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/**
 * What a service does with each valid identity event, in order per user. Throw an AppError with
 * `retriable: true` for a passing failure (a database that is down): the pipeline retries the
 * same event in place, holding back that partition. Any other error dead-letters the event.
 * Handlers must be idempotent: after a crash an event may be delivered again.
 */
export interface IdentityEventHandler {
  handle(event: IdentityEventDto, origin: EventOrigin): Promise<void>;
}

/** The injection token under which the consumer library finds the service's handler. */
export const IDENTITY_EVENT_HANDLER = Symbol('IDENTITY_EVENT_HANDLER');
