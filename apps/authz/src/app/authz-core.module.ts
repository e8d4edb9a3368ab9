import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';

import { CLOCK, LOGGER } from './authz.tokens';
import { Clock } from './clock';
import { AuthzPolicy } from './policy/authz-policy';
import { UserRegistry } from './registry/user-registry';

/** What the core module shares: made once, before Nest starts. */
export interface AuthzCore {
  logger: Logger;
  clock: Clock;
  registry: UserRegistry;
  policy: AuthzPolicy;
}

/**
 * Holds the one registry, the policy, the clock and the logger. Global, because the consumer
 * library's module builds the event handler and the HTTP side reads the same registry.
 */
@Module({})
export class AuthzCoreModule {
  static forRoot({ logger, clock, registry, policy }: AuthzCore): DynamicModule {
    const providers = [
      { provide: LOGGER, useValue: logger },
      { provide: CLOCK, useValue: clock },
      { provide: UserRegistry, useValue: registry },
      { provide: AuthzPolicy, useValue: policy },
    ];
    return {
      module: AuthzCoreModule,
      global: true,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
