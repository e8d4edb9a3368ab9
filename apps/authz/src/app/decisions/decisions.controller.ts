import { Body, Controller, HttpCode, Post } from '@nestjs/common';

import { Decision } from '../policy/decision';
import { DecisionRequestDto } from './decision-request.dto';
import { DecisionService } from './decision.service';

/** The policy decision point: other services ask it before they act for a user. */
@Controller('v1/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionService) {}

  /** Always 200 with `{ allow, reason }`; only a malformed request is an error. */
  @Post()
  @HttpCode(200)
  decide(@Body() request: DecisionRequestDto): Decision {
    return this.decisions.decide(request);
  }
}
