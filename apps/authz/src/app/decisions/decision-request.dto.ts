import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

import { Resource } from '../policy/authz-policy';
import { POLICY_NAME } from '../policy/policy-document';
import { IsResource } from './resource.validator';

/** The body of `POST /v1/decisions`: may this user do this action on this resource? */
export class DecisionRequestDto {
  /** The user's `sub`, as in the identity events' `userId`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  userId!: string;

  /** A name such as `read` or `edit`; the policy's rules list the actions they allow. */
  @Matches(POLICY_NAME, { message: `$property must be a name matching ${POLICY_NAME}` })
  action!: string;

  /** `{ "type": "document", "tenant_id": "abc-789", ... }`: the type and its attributes. */
  @IsResource()
  resource!: Resource;
}
