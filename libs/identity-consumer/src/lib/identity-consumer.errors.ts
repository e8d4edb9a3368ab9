import { AppError } from '@identity-bus/service-kit';

/** The value is not UTF-8 JSON. Never retriable: the same bytes will not parse later. */
export class MessageUndecodableError extends AppError {
  constructor(reason: string) {
    super('CONSUMER_ERR_UNDECODABLE', `The message value is not a JSON document (${reason}).`);
  }
}

/** The value is JSON but breaks the identity event contract. */
export class EventInvalidError extends AppError {
  constructor(problems: string[]) {
    super('CONSUMER_ERR_EVENT_INVALID', `The event breaks the contract: ${problems.join('; ')}.`);
  }
}

/**
 * The Kafka key is not the event's userId. Such a message may sit on the wrong partition, out
 * of order with the user's other events, so it is not applied.
 */
export class KeyMismatchError extends AppError {
  constructor(key: string | null) {
    super(
      'CONSUMER_ERR_KEY_MISMATCH',
      `The message key (${key ?? 'none'}) must equal the event's userId.`,
    );
  }
}

/** The service's handler failed in a way that retrying will not fix. */
export class ApplyFailedError extends AppError {
  constructor(cause: unknown) {
    super('CONSUMER_ERR_APPLY_FAILED', 'The service could not apply the event.', { cause });
  }
}

/** The consumer is stopping while an event was being retried; it stays uncommitted. */
export class ConsumerStoppingError extends AppError {
  constructor() {
    super('CONSUMER_ERR_STOPPING', 'The consumer stopped before the event was applied.', {
      retriable: true,
    });
  }
}

/** Dead-lettering itself failed; the message stays uncommitted and is tried again. */
export class DeadLetterFailedError extends AppError {
  constructor(cause: unknown) {
    super('CONSUMER_ERR_DEAD_LETTER_FAILED', 'The dead-letter topic did not accept the message.', {
      retriable: true,
      cause,
    });
  }
}

/**
 * A heartbeat failed while an event waited for a retry: the group may be rebalancing and the
 * partition may no longer be ours. The event is neither applied nor dead-lettered here.
 */
export class HeartbeatFailedError extends AppError {
  constructor(cause: unknown) {
    super('CONSUMER_ERR_HEARTBEAT_FAILED', 'The consumer lost its group while retrying.', {
      retriable: true,
      cause,
    });
  }
}
