import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';

import { IDENTITY_CONSUMER_OPTIONS, IdentityConsumerOptions } from './identity-consumer.options';
import { IDENTITY_EVENT_HANDLER, IdentityEventHandler } from './identity-event.handler';
import { IdentityEventPipeline } from './identity-event.pipeline';
import { identityEventsController } from './identity-events.controller';

/** What a service gives the library: its options, and the handler that applies events. */
export interface IdentityConsumerModuleOptions {
  options: IdentityConsumerOptions;
  handler: Type<IdentityEventHandler>;
  /** Modules whose providers the handler depends on. */
  imports?: ModuleMetadata['imports'];
}

/**
 * Follows identity events in any NestJS service: import it with a handler, connect the Kafka
 * transport with `kafkaServerOptions`, and the library decodes, validates, applies in order per
 * user, dead-letters what cannot be applied, and lets the transport commit.
 */
@Module({})
export class IdentityConsumerModule {
  static forRoot({ options, handler, imports = [] }: IdentityConsumerModuleOptions): DynamicModule {
    return {
      module: IdentityConsumerModule,
      imports,
      controllers: [identityEventsController(options.topic)],
      providers: [
        { provide: IDENTITY_CONSUMER_OPTIONS, useValue: options },
        { provide: IDENTITY_EVENT_HANDLER, useClass: handler },
        IdentityEventPipeline,
      ],
    };
  }
}
