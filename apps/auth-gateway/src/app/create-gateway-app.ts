import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ensureTopics } from '@identity-bus/kafka-bus';
import { createLogger, PinoNestLogger } from '@identity-bus/service-kit';
import cookieParser from 'cookie-parser';
import { NextFunction, Request, Response } from 'express';
import { Logger } from 'pino';

import { GatewayConfig, warnAboutInsecureDefaults } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { discoverProvider } from './oidc/provider-metadata';
import { PageErrorFilter } from './views/page-error.filter';

/**
 * Starts the gateway, in this order: discover the provider, make sure the identity topics
 * exist, then serve. Both the first two fail the start loudly rather than serve a gateway that
 * cannot sign anyone in.
 */
export async function createGatewayApp(
  config: GatewayConfig,
  logger: Logger = createLogger('auth-gateway'),
): Promise<INestApplication> {
  warnAboutInsecureDefaults(config, logger);
  const metadata = await discoverProvider(config.oidc.issuer);
  const created = await ensureTopics(config.kafka, [
    config.topics.events,
    config.topics.deadLetters,
  ]);
  if (created.length > 0) logger.info({ topics: created }, 'topics created');

  const app = await NestFactory.create<NestExpressApplication>(
    GatewayModule.forRoot(config, metadata, logger),
    { logger: new PinoNestLogger(logger) },
  );
  app.disable('x-powered-by');
  app.use(cookieParser());
  app.use(securityHeaders);
  app.useGlobalFilters(new PageErrorFilter(logger));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.info({ url: config.publicUrl.href, issuer: config.oidc.issuer }, 'gateway listening');
  return app;
}

/**
 * Our pages load nothing from anywhere and may not be framed: a strict policy costs nothing and
 * takes clickjacking and injected scripts off the table.
 */
function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; " +
      "form-action 'self'",
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  next();
}
