import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import { Request, Response } from 'express';

import { VerifiedLogin } from '../oidc/oidc.strategy';
import { SessionService } from '../session/session.service';
import { LoginService } from './login.service';
import { OidcAuthGuard } from './oidc-auth.guard';

/** The two legs of the authorization code flow. */
@Controller()
export class LoginController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
  ) {}

  /** Redirects to the provider with state, nonce and a PKCE challenge (the guard does it). */
  @Get('login')
  @UseGuards(OidcAuthGuard)
  login(): void {
    // The guard has already answered with the redirect.
  }

  /** The provider's redirect back: code exchanged and ID token verified by the guard. */
  @Get('callback')
  @UseGuards(OidcAuthGuard)
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = await this.logins.complete(request.user as VerifiedLogin);
    await this.sessions.establish(response, session);
    response.redirect(303, '/');
  }
}
