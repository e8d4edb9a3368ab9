import { Body, Controller, ForbiddenException, Get, INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';

import { AppError } from '../errors/app-error';
import { AppErrorFilter } from './app-error.filter';

@Controller('accounts')
class AccountsController {
  @Get('locked')
  locked(): never {
    throw new AppError('ACCOUNT_LOCKED', 'The account is locked.', { status: 423 });
  }

  @Get('registry')
  registry(): never {
    const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    throw new AppError('REGISTRY_UNAVAILABLE', 'The registry is unavailable.', {
      status: 503,
      retriable: true,
      cause,
    });
  }

  @Get('admins')
  admins(): never {
    throw new ForbiddenException('Only administrators may list accounts');
  }

  @Get('broken')
  broken(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'userId')");
  }

  @Post()
  create(@Body() account: unknown): unknown {
    return account;
  }
}

describe('AppErrorFilter', () => {
  const logged: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(line: Buffer, _encoding, done) {
      logged.push(JSON.parse(line.toString()));
      done();
    },
  });
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [AccountsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new AppErrorFilter(pino(logStream)));
    await app.init();
  });

  afterAll(() => app.close());

  beforeEach(() => {
    logged.length = 0;
  });

  it('answers an AppError with its status, code and message, logging nothing', async () => {
    const response = await request(app.getHttpServer()).get('/accounts/locked');

    expect(response.status).toBe(423);
    expect(response.body).toEqual({ code: 'ACCOUNT_LOCKED', message: 'The account is locked.' });
    expect(logged).toEqual([]);
  });

  it('logs a server-side AppError with its cause, and shows only code and message', async () => {
    const response = await request(app.getHttpServer()).get('/accounts/registry');

    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      code: 'REGISTRY_UNAVAILABLE',
      message: 'The registry is unavailable.',
    });
    expect(response.text).not.toContain('10.0.0.5');
    expect(logged).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'request failed',
        code: 'REGISTRY_UNAVAILABLE',
        err: expect.objectContaining({
          type: 'AppError',
          code: 'REGISTRY_UNAVAILABLE',
          stack: expect.stringContaining('caused by: Error: connect ECONNREFUSED 10.0.0.5:5432'),
        }),
      }),
    ]);
  });

  it('answers an HttpException with its status and an HTTP_ code', async () => {
    const response = await request(app.getHttpServer()).get('/accounts/admins');

    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      code: 'HTTP_403',
      message: 'Only administrators may list accounts.',
    });
  });

  it('answers a route that does not exist with HTTP_404', async () => {
    const response = await request(app.getHttpServer()).get('/nowhere');

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'HTTP_404', message: 'Cannot GET /nowhere.' });
  });

  it('answers an unknown error with 500 INTERNAL_ERROR, and logs the error once', async () => {
    const response = await request(app.getHttpServer()).get('/accounts/broken');

    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'The server could not handle the request.',
    });
    expect(logged).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'request failed',
        code: 'INTERNAL_ERROR',
        err: expect.objectContaining({
          type: 'TypeError',
          message: "Cannot read properties of undefined (reading 'userId')",
          stack: expect.stringContaining('AccountsController.broken'),
        }),
      }),
    ]);
  });

  it("answers a body over the parser's limit with 413, as the client's error", async () => {
    const response = await request(app.getHttpServer())
      .post('/accounts')
      .send({ username: 'a'.repeat(200_000) });

    expect(response.status).toBe(413);
    expect(response.body).toEqual({ code: 'HTTP_413', message: 'request entity too large.' });
    expect(logged).toEqual([]);
  });
});
