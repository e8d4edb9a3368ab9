/** The schema version this library writes and validates. */
export const IDENTITY_EVENT_SCHEMA_VERSION = 1;

/** Default topic names. Deployments may rename them; the apps read the names from config. */
export const DEFAULT_TOPICS = {
  /** Every identity event, keyed by `userId`, so that one user's events stay in order. */
  events: 'identity.events',
  /** Messages a consumer could not accept, with the reason in headers. */
  deadLetters: 'identity.events.dlq',
} as const;

/** Kafka header names on identity events. Values are UTF-8 strings. */
export const EVENT_HEADERS = {
  eventId: 'identity-event-id',
  eventType: 'identity-event-type',
  schemaVersion: 'identity-schema-version',
  contentType: 'content-type',
} as const;

/**
 * Kafka header names a consumer adds when it dead-letters a message. The message keeps its
 * original key, value and headers; these say why and where it came from.
 */
export const DEAD_LETTER_HEADERS = {
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;
