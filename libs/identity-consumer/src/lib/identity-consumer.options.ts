import { Logger } from 'pino';

/** How the consumer library behaves for one service. */
export interface IdentityConsumerOptions {
  /** The topic of identity events. */
  topic: string;
  /** Where messages go that the service cannot accept. */
  deadLetterTopic: string;
  /** The service's consumer group, recorded on dead letters. */
  groupId: string;
  /** Backoff for retriable failures: from `initialMs`, doubling, capped at `maxMs`. */
  retry: { initialMs: number; maxMs: number };
  logger: Logger;
}

/** The injection token of the consumer options. */
export const IDENTITY_CONSUMER_OPTIONS = Symbol('IDENTITY_CONSUMER_OPTIONS');
