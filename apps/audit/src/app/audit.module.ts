import { IdentityConsumerModule, IdentityConsumerOptions } from '@identity-bus/identity-consumer';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';

import { AuditConfig } from './audit.config';
import { AuditCoreModule } from './audit-core.module';
import { AuditEventHandler } from './audit-event.handler';
import { AuditController } from './http/audit.controller';
import { HealthController } from './http/health.controller';
import { AUDIT_STORE, AuditStore } from './store/audit.store';

/** What the audit module is built from: the settings, and the store opened from them. */
export interface AuditModuleOptions {
  config: Readonly<AuditConfig>;
  store: AuditStore;
  logger: Logger;
}

/** The audit service: the consumer that records identity events, and the API that reads them. */
@Module({})
export class AuditModule implements OnApplicationShutdown {
  constructor(@Inject(AUDIT_STORE) private readonly store: AuditStore) {}

  static forRoot({ config, store, logger }: AuditModuleOptions): DynamicModule {
    const core = AuditCoreModule.register(store, logger);
    const consumer = IdentityConsumerModule.forRoot({
      options: consumerOptions(config, logger),
      handler: AuditEventHandler,
      imports: [core],
    });
    return {
      module: AuditModule,
      imports: [core, consumer],
      controllers: [AuditController, HealthController],
    };
  }

  /**
   * Nest calls this after the Kafka transport has stopped, so an event in flight never meets a
   * closed store; onModuleDestroy would come too early.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

function consumerOptions(config: Readonly<AuditConfig>, logger: Logger): IdentityConsumerOptions {
  return {
    topic: config.topics.events.topic,
    deadLetterTopic: config.topics.deadLetters.topic,
    groupId: config.groupId,
    retry: { ...config.retry },
    logger,
  };
}
