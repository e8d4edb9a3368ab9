import { Controller, Get, Header, Req } from '@nestjs/common';
import { Request } from 'express';

import { SessionService } from '../session/session.service';
import { signedInPage, signedOutPage } from '../views/pages';

@Controller()
export class HomeController {
  constructor(private readonly sessions: SessionService) {}

  /** Who is signed in, with the event that announced it; or a sign-in link. */
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async home(@Req() request: Request): Promise<string> {
    const session = await this.sessions.current(request);
    return session ? signedInPage(session) : signedOutPage();
  }

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
