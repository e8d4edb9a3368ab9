import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { AppErrorFilter } from '@identity-bus/service-kit';
import { Request, Response } from 'express';
import { Logger } from 'pino';

import { errorPage } from './pages';

/**
 * Errors reach people here, in a browser: they get a page with the code and a safe sentence.
 * Other clients get the usual `{ code, message }` JSON. Causes are logged once, not shown.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly json: AppErrorFilter;

  constructor(private readonly logger: Logger) {
    this.json = new AppErrorFilter(logger);
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    if (request.accepts(['json', 'html']) !== 'html') {
      this.json.catch(error, host);
      return;
    }
    const [status, body] = this.json.describe(error);
    this.log(status, body.code, error);
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(status)
      .type('html')
      .send(errorPage(status, body.code, body.message));
  }

  private log(status: number, code: string, error: unknown): void {
    const cause = (error as { cause?: unknown }).cause;
    if (status >= 500) this.logger.error({ code, err: cause ?? error }, 'sign-in failed');
    else this.logger.warn({ code }, 'sign-in refused');
  }
}
