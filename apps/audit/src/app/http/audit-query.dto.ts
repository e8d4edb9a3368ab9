import {
  IDENTITY_EVENT_TYPE_NAMES,
  IdentityEventType,
  UTC_DATE_TIME,
} from '@identity-bus/identity-contracts';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const UTC = { message: '$property must be a UTC date-time ending in Z (2023-10-27T10:30:00Z)' };

/** The query string of `GET /v1/audit`. Every filter is optional; they combine with AND. */
export class AuditQueryDto {
  /** Only this user's events (the provider's `sub`, as in the event's `userId`). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  userId?: string;

  /** Only events of this type. */
  @IsOptional()
  @IsIn(IDENTITY_EVENT_TYPE_NAMES)
  eventType?: IdentityEventType;

  /** Only events whose `timestamp` is at or after this instant. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(UTC_DATE_TIME, UTC)
  from?: string;

  /** Only events whose `timestamp` is before this instant (exclusive). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(UTC_DATE_TIME, UTC)
  to?: string;

  /** How many events a page holds at most. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  cursor?: string;
}
