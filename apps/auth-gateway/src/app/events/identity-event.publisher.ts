import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { EVENT_HEADERS, IdentityEventDto } from '@identity-bus/identity-contracts';
import { kafkaClientOptions } from '@identity-bus/kafka-bus';
import { lastValueFrom } from 'rxjs';

import { GatewayConfig } from '../gateway.config';
import { GatewayErrors } from '../gateway.errors';
import { GATEWAY_CONFIG } from '../gateway.tokens';

/**
 * Publishes identity events through the Nest Kafka transport, keyed by `userId` so that one
 * user's events stay on one partition, in order. `publish` resolves only once every in-sync
 * replica has the event (idempotent producer, acks -1), and rejects after the configured time.
 */
@Injectable()
export class IdentityEventPublisher implements OnApplicationShutdown {
  private readonly client: ClientKafka;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.client = new ClientKafka(kafkaClientOptions(config.kafka));
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
    await this.withinTimeout(sent);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  private async withinTimeout(sent: Promise<unknown>): Promise<void> {
    const timeoutMs = this.config.publishTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(GatewayErrors.publishTimedOut(timeoutMs)), timeoutMs);
    });
    try {
      await Promise.race([sent.catch((cause) => this.failed(cause)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A failed connection stays cached in the Nest client; closing it lets the next try reconnect. */
  private async failed(cause: unknown): Promise<never> {
    await this.client.close().catch(() => undefined);
    throw GatewayErrors.publishFailed(cause);
  }
}
