import { Inject, Injectable } from '@nestjs/common';

import { CLOCK } from '../authz.tokens';
import { Clock } from '../clock';
import { AuthzPolicy } from '../policy/authz-policy';
import { Decision, deny } from '../policy/decision';
import { UserRegistry } from '../registry/user-registry';
import { liveSessions } from '../registry/user-record';
import { DecisionRequestDto } from './decision-request.dto';

/**
 * Answers a decision in three steps: the user must be known, must have a live session, and a
 * rule of the policy must allow the action. An unknown user is a decision (deny), not an error:
 * a caller asking about a user who logged out or was deleted gets the same kind of answer.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly registry: UserRegistry,
    private readonly policy: AuthzPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  decide({ userId, action, resource }: DecisionRequestDto): Decision {
    const user = this.registry.find(userId);
    if (!user) return deny('user unknown');

    if (liveSessions(user, this.clock.now()).length === 0) return deny('no active session');

    return this.policy.decide(user, action, resource);
  }
}
