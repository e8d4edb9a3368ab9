import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { EVENT_HEADERS, IdentityEventDto } from '@identity-bus/identity-contracts';
import { kafkaClientOptions, kafkaJsConfig } from '@identity-bus/kafka-bus';
import { RetryOptions } from 'kafkajs';
import { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';

import { GatewayConfig } from '../gateway.config';
import { GatewayErrors } from '../gateway.errors';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../gateway.tokens';

/**
 * Publishes identity events through the Nest Kafka transport, keyed by `userId` so that one
 * user's events stay on one partition, in order. `publish` resolves only once every in-sync
 * replica has the event (idempotent producer, acks -1), and rejects after the configured time.
 */
@Injectable()
export class IdentityEventPublisher implements OnApplicationShutdown {
  private readonly client: ClientKafka;
  /** Sends not settled yet, including those whose login already timed out. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) logger: Logger,
  ) {
    this.client = new ClientKafka(publisherOptions(config, logger));
  }

  async publish(event: IdentityEventDto): Promise<void> {
    const record = {
      key: event.userId,
      value: JSON.stringify(event),
      headers: {
        [EVENT_HEADERS.eventId]: event.eventId,
        [EVENT_HEADERS.eventType]: event.eventType,
        [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
        [EVENT_HEADERS.contentType]: 'application/json',
      },
    };
    const sent = lastValueFrom(this.client.emit(this.config.topics.events.topic, record));
    await this.withinTimeout(this.track(sent));
  }

  /** Waits for the sends still retrying (their retries are bounded), then disconnects. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.inFlight);
    await this.client.close();
  }

  private track(sent: Promise<unknown>): Promise<void> {
    const settled: Promise<void> = sent.then(
      () => void this.inFlight.delete(settled),
      (cause) => {
        this.inFlight.delete(settled);
        return this.failed(cause);
      },
    );
    this.inFlight.add(settled);
    return settled;
  }

  private async withinTimeout(settled: Promise<void>): Promise<void> {
    const timeoutMs = this.config.publishTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(GatewayErrors.publishTimedOut(timeoutMs)), timeoutMs);
    });
    try {
      await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A failed connection stays cached in the Nest client; closing it lets the next try reconnect.
   * Only the last send standing closes it: closing under other sends would fail their logins too.
   */
  private async failed(cause: unknown): Promise<never> {
    if (this.inFlight.size === 0) await this.client.close().catch(() => undefined);
    throw GatewayErrors.publishFailed(cause);
  }
}

/**
 * kafkajs retries an idempotent producer's send without end unless told otherwise, and a closed
 * producer reconnects to go on: a login that already answered 503 could be published whenever
 * Kafka recovers, long after the user was told no session was created, and every such login
 * would leave a loop behind. So the client and the producer retry for twice as long as a login
 * waits: long enough that a Kafka which does not answer is reported as a timeout, not as a
 * refusal, and short enough to end. A send can still land shortly after its login timed out
 * (kafkajs cannot cancel one).
 */
function publisherOptions(config: GatewayConfig, logger: Logger) {
  const options = kafkaClientOptions(config.kafka, logger);
  const retry = retryWithin(2 * config.publishTimeoutMs);
  return {
    ...options,
    client: { ...kafkaJsConfig(config.kafka, logger), retry },
    producer: { ...options.producer, retry },
  };
}

/** Exponential backoff from 100 ms, with as many retries as it takes to wait `budgetMs`. */
function retryWithin(budgetMs: number): RetryOptions {
  const initialRetryTime = 100;
  let retries = 0;
  for (let waited = 0; waited < budgetMs; retries += 1) {
    waited += initialRetryTime * 2 ** retries;
  }
  return { initialRetryTime, multiplier: 2, factor: 0.2, maxRetryTime: budgetMs, retries };
}
