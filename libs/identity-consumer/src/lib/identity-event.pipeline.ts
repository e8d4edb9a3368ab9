import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { AppError } from '@identity-bus/service-kit';
import { IdentityEventDto } from '@identity-bus/identity-contracts';
import { setTimeout as sleep } from 'node:timers/promises';

import { publishDeadLetter, RawMessage } from './dead-letter.publisher';
import { checkKey, decodeJson, validateEvent } from './decode-event';
import {
  ApplyFailedError,
  ConsumerStoppingError,
  HeartbeatFailedError,
} from './identity-consumer.errors';
import { IDENTITY_CONSUMER_OPTIONS, IdentityConsumerOptions } from './identity-consumer.options';
import {
  EventOrigin,
  IDENTITY_EVENT_HANDLER,
  IdentityEventHandler,
} from './identity-event.handler';

/**
 * What happens to each message, in this order:
 *   decode → validate → check the key → apply (retrying passing failures in place) → commit.
 * A message that fails for good is dead-lettered, then committed like any other; the consumer
 * never stops on bad input. Committing is the Nest transport's: it commits when we return.
 * Only while the service is stopping, or after this member lost the group (a heartbeat failed
 * during a retry, so the partition may already be another member's), does an event stay
 * uncommitted, to be delivered again; applying it here could put it out of order.
 */
@Injectable()
export class IdentityEventPipeline implements BeforeApplicationShutdown {
  private stopping = false;

  constructor(
    @Inject(IDENTITY_CONSUMER_OPTIONS) private readonly options: IdentityConsumerOptions,
    @Inject(IDENTITY_EVENT_HANDLER) private readonly handler: IdentityEventHandler,
  ) {}

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async process(context: KafkaContext): Promise<void> {
    const message = rawMessageOf(context);
    const origin = originOf(context, message);
    try {
      const event = validateEvent(decodeJson(message.value));
      checkKey(event, origin.key);
      await this.applyWithRetry(event, origin, context.getHeartbeat());
    } catch (error) {
      if (error instanceof ConsumerStoppingError) throw error;
      // The transport must see its own error (a rebalance, say) to rejoin the group.
      if (error instanceof HeartbeatFailedError) throw error.cause;
      await this.deadLetter(context, message, origin, asAppError(error));
    }
  }

  private async applyWithRetry(
    event: IdentityEventDto,
    origin: EventOrigin,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handler.handle(event, origin);
        return;
      } catch (error) {
        if (!(error instanceof AppError)) throw new ApplyFailedError(error);
        if (!error.retriable) throw error;
        await this.waitBeforeRetry(error, attempt, event, origin, heartbeat);
      }
    }
  }

  /** Holding the partition keeps the user's events in order; heartbeats keep the group. */
  private async waitBeforeRetry(
    error: AppError,
    attempt: number,
    event: IdentityEventDto,
    origin: EventOrigin,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { initialMs, maxMs } = this.options.retry;
    const delayMs = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 20));
    this.options.logger.warn(
      { ...origin, eventId: event.eventId, code: error.code, attempt, delayMs },
      'retrying identity event',
    );
    for (let waited = 0; waited < delayMs; waited += 500) {
      if (this.stopping) throw new ConsumerStoppingError();
      await sleep(Math.min(500, delayMs - waited));
      await heartbeat().catch((cause) => {
        throw new HeartbeatFailedError(cause);
      });
    }
    if (this.stopping) throw new ConsumerStoppingError();
  }

  private async deadLetter(
    context: KafkaContext,
    message: RawMessage,
    origin: EventOrigin,
    error: AppError,
  ): Promise<void> {
    const { deadLetterTopic, groupId, logger } = this.options;
    await publishDeadLetter(
      context.getProducer(),
      deadLetterTopic,
      groupId,
      message,
      origin,
      error,
    );
    logger.warn({ ...origin, code: error.code, err: error.cause }, 'identity event dead-lettered');
  }
}

function rawMessageOf(context: KafkaContext): RawMessage & { offset: string } {
  const message = context.getMessage() as unknown as RawMessage & { offset: string };
  return { ...message, key: keyOf(message.key) };
}

/**
 * Nest's parser hands over a key that looks like JSON parsed into an object, which can neither
 * be compared with a userId nor sent again: dead-lettering would fail, and be retried, forever.
 * It becomes JSON text again (with its original spacing lost).
 */
function keyOf(key: unknown): Buffer | string | null {
  if (key === null || key === undefined) return null;
  return Buffer.isBuffer(key) || typeof key === 'string' ? key : JSON.stringify(key);
}

function originOf(context: KafkaContext, message: RawMessage & { offset: string }): EventOrigin {
  const key = message.key === null ? null : message.key.toString();
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: message.offset,
    key,
  };
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new ApplyFailedError(error);
}
