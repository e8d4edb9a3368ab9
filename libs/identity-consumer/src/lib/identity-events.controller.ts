import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';

import { IdentityEventPipeline } from './identity-event.pipeline';

/**
 * Builds the controller that receives the identity topic's messages. The topic is known only
 * once configuration is read, and Nest reads patterns from decorators, hence a class per topic.
 */
export function identityEventsController(topic: string): Type<unknown> {
  @Controller()
  class IdentityEventsController {
    constructor(private readonly pipeline: IdentityEventPipeline) {}

    @EventPattern(topic)
    async onMessage(@Ctx() context: KafkaContext): Promise<void> {
      await this.pipeline.process(context);
    }
  }
  return IdentityEventsController;
}
