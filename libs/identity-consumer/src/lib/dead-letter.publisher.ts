import { DEAD_LETTER_HEADERS } from '@identity-bus/identity-contracts';
import { AppError } from '@identity-bus/service-kit';
import { Producer } from 'kafkajs';

import { DeadLetterFailedError } from './identity-consumer.errors';
import { EventOrigin } from './identity-event.handler';

/** A message as it arrived, to be dead-lettered unchanged. */
export interface RawMessage {
  key: Buffer | string | null;
  value: Buffer | null;
  headers: Record<string, unknown>;
}

/**
 * Writes a message the service cannot accept to the dead-letter topic: the original key, value
 * and headers, plus headers that say what was wrong and where the message came from. Waits for
 * every in-sync replica, so the original offset is committed only once the letter is safe.
 */
export async function publishDeadLetter(
  producer: Producer,
  deadLetterTopic: string,
  groupId: string,
  message: RawMessage,
  origin: EventOrigin,
  error: AppError,
): Promise<void> {
  const headers = {
    ...originalHeaders(message.headers),
    [DEAD_LETTER_HEADERS.errorCode]: error.code,
    [DEAD_LETTER_HEADERS.errorMessage]: error.message,
    [DEAD_LETTER_HEADERS.sourceTopic]: origin.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(origin.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: origin.offset,
    [DEAD_LETTER_HEADERS.consumerGroup]: groupId,
    [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
  };
  try {
    await producer.send({
      topic: deadLetterTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
  } catch (cause) {
    throw new DeadLetterFailedError(cause);
  }
}

/**
 * The Nest transport hands headers over decoded (strings, or JSON it parsed); they are written
 * back as strings. Byte-exact copies of non-UTF-8 headers are not possible through it.
 */
function originalHeaders(headers: Record<string, unknown>): Record<string, string | Buffer> {
  const copy: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === null || value === undefined) continue;
    copy[name] =
      Buffer.isBuffer(value) || typeof value === 'string' ? value : JSON.stringify(value);
  }
  return copy;
}
