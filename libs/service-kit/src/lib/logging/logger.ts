import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * Paths that must never reach a log line, even when a caller passes a whole object by mistake.
 * Logs carry ids (userId, eventId, topic, partition, offset), never tokens or payloads.
 */
const REDACTED = [
  '*.access_token',
  '*.id_token',
  '*.refresh_token',
  'req.query.code',
  '*.code_verifier',
  '*.client_secret',
  '*.password',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** The service's root pino logger: JSON lines on stdout, level from LOG_LEVEL. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, redact: { paths: REDACTED, censor: '[redacted]' } });
}

/** Lets Nest's own messages (module wiring, routes) go through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
