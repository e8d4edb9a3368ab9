import { DynamicModule, Module } from '@nestjs/common';
import { IdentityConsumerModule } from '@identity-bus/identity-consumer';

import { AuthzConfig } from './authz.config';
import { AuthzCore, AuthzCoreModule } from './authz-core.module';
import { DecisionService } from './decisions/decision.service';
import { DecisionsController } from './decisions/decisions.controller';
import { HealthController } from './health/health.controller';
import { RegistryEventHandler } from './registry/registry-event.handler';
import { UsersController } from './registry/users.controller';

/** The authz service: follows identity events into the registry, and answers over HTTP. */
@Module({})
export class AuthzModule {
  static forRoot(config: AuthzConfig, core: AuthzCore): DynamicModule {
    return {
      module: AuthzModule,
      imports: [
        AuthzCoreModule.forRoot(core),
        IdentityConsumerModule.forRoot({
          options: {
            topic: config.topics.events.topic,
            deadLetterTopic: config.topics.deadLetters.topic,
            groupId: config.groupId,
            retry: { ...config.retry },
            logger: core.logger,
          },
          handler: RegistryEventHandler,
        }),
      ],
      controllers: [HealthController, UsersController, DecisionsController],
      providers: [DecisionService],
    };
  }
}
