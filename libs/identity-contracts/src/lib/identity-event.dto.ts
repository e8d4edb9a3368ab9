import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

import { ClaimValue, IsClaims } from './claims.validator';
import { IDENTITY_EVENT_TYPE_NAMES, IdentityEventType } from './identity-event-type';

/** An RFC 3339 date-time in UTC, with optional fractions of a second. */
export const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** A UUID of version 7, as RFC 9562 lays it out. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * One identity event, as published on `identity.events`, keyed by `userId`.
 *
 * The seven fields of the project's founding example (`eventType`, `timestamp`, `userId`,
 * `username`, `roles`, `claims`, `oidcProvider`) keep their names and meanings forever; fields
 * are only ever added. Consumers ignore fields they do not know.
 */
export class IdentityEventDto {
  /** Unique and time-ordered (a UUID version 7): the key for deduplication. */
  @Matches(UUID_V7, { message: '$property must be a lowercase UUID version 7' })
  eventId!: string;

  /** What happened; see `IDENTITY_EVENT_TYPES` for the Shared Signals type of each. */
  @IsIn(IDENTITY_EVENT_TYPE_NAMES)
  eventType!: IdentityEventType;

  /** The version of this contract the producer wrote. */
  @IsInt()
  @Min(1)
  schemaVersion!: number;

  /** When it happened: an RFC 3339 date-time in UTC (`2023-10-27T10:30:00Z`). */
  @IsISO8601({ strict: true })
  @Matches(UTC_DATE_TIME, { message: '$property must be a UTC date-time ending in Z' })
  timestamp!: string;

  /** The provider's subject (`sub`): stable, unique per provider. The Kafka key. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  userId!: string;

  /** A human-readable name for the user, from a configured claim (by default the email). */
  @IsString()
  @MaxLength(255)
  username!: string;

  /** The user's roles, from the configured claim path of the provider's ID token. */
  @IsArray()
  @ArrayMaxSize(256)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  roles!: string[];

  /** Only the claims on the gateway's allowlist, flattened to simple values. */
  @IsClaims()
  claims!: Record<string, ClaimValue>;

  /** Who authenticated the user: the issuer's host unless configured otherwise. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  oidcProvider!: string;

  /** The gateway's session for this login; logout and expiry events name the same one. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{16,128}$/)
  sessionId!: string;

  /** The provider's session id (`sid`) when it sent one; back-channel logout refers to it. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  providerSessionId?: string;

  /** When the session ends unless renewed: an RFC 3339 date-time in UTC. */
  @IsISO8601({ strict: true })
  @Matches(UTC_DATE_TIME, { message: '$property must be a UTC date-time ending in Z' })
  expiresAt!: string;
}
