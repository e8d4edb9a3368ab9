import { DynamicModule, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { Logger } from 'pino';

import { IdentityEventPublisher } from './events/identity-event.publisher';
import { GatewayConfig } from './gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER, PROVIDER_METADATA } from './gateway.tokens';
import { HomeController } from './home/home.controller';
import { LoginController } from './login/login.controller';
import { LoginService } from './login/login.service';
import { OidcStrategy } from './oidc/oidc.strategy';
import { ProviderMetadata } from './oidc/provider-metadata';
import { SessionService } from './session/session.service';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, metadata: ProviderMetadata, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PassportModule.register({ session: false })],
      controllers: [HomeController, LoginController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: PROVIDER_METADATA, useValue: metadata },
        { provide: GATEWAY_LOGGER, useValue: logger },
        IdentityEventPublisher,
        LoginService,
        OidcStrategy,
        SessionService,
      ],
    };
  }
}
