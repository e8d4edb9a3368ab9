import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { Response } from 'express';
import { Logger } from 'pino';

import { AppError } from '../errors/app-error';

/** The body of every error response: a stable code and a sentence safe to show. */
export interface ErrorBody {
  code: string;
  message: string;
}

/**
 * Turns any error escaping an HTTP handler into `{ code, message }` with the right status.
 * Unexpected errors answer 500 with a generic sentence; their cause is logged here, once.
 */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(error);
    if (status >= 500) this.logger.error({ err: error, code: body.code }, 'request failed');
    response.status(status).json(body);
  }

  /** The status and body an error answers with. */
  describe(error: unknown): [number, ErrorBody] {
    if (error instanceof AppError) {
      return [error.status, { code: error.code, message: error.message }];
    }
    if (error instanceof HttpException) {
      const code = `HTTP_${error.getStatus()}`;
      return [error.getStatus(), { code, message: sentence(error.message) }];
    }
    if (isClientError(error)) {
      return [error.status, { code: `HTTP_${error.status}`, message: sentence(error.message) }];
    }
    return [500, { code: 'INTERNAL_ERROR', message: 'The server could not handle the request.' }];
  }
}

/**
 * Express's body parser fails with http-errors, not HttpExceptions, and Nest maps only malformed
 * JSON to one: a body over the size limit would otherwise answer 500 and be logged as our fault.
 * `expose` is how http-errors marks a message safe to show.
 */
function isClientError(error: unknown): error is Error & { status: number } {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}
