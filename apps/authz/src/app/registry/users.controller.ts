import { Controller, Get, Inject, Param } from '@nestjs/common';

import { UserUnknownError } from '../authz.errors';
import { CLOCK } from '../authz.tokens';
import { Clock } from '../clock';
import { UserRegistry } from './user-registry';
import { toUserView, UserView } from './user.view';

/** Shows what the registry knows of a user. */
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly registry: UserRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':userId')
  find(@Param('userId') userId: string): UserView {
    const user = this.registry.find(userId);
    if (!user) throw new UserUnknownError(userId);
    return toUserView(user, this.clock.now());
  }
}
