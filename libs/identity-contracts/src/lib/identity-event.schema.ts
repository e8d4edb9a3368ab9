import { targetConstructorToSchema } from 'class-validator-jsonschema';

import { IdentityEventDto, UTC_DATE_TIME, UUID_V7 } from './identity-event.dto';

const SCHEMA_ID = 'https://identity-bus.dev/schemas/identity-event.v1.json';

/**
 * The JSON Schema of an identity event, derived from the DTO's decorators, for consumers
 * written in other languages. The checked-in copy (schema/identity-event.schema.json) is kept
 * equal to this by a test.
 */
export function identityEventJsonSchema(): Record<string, unknown> {
  const schema = targetConstructorToSchema(IdentityEventDto, {
    additionalConverters: { isClaims: claimsSchema as never },
  });
  const properties = schema.properties as Record<string, unknown>;
  // The generator renders these as loose `format`s; the DTO checks the exact shapes below.
  properties.eventId = { type: 'string', format: 'uuid', pattern: UUID_V7.source };
  properties.timestamp = utcDateTime();
  properties.expiresAt = utcDateTime();
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'IdentityEvent',
    description: 'One identity event on identity.events, keyed by userId.',
    ...schema,
    additionalProperties: true,
  };
}

function utcDateTime(): Record<string, unknown> {
  return { type: 'string', format: 'date-time', pattern: UTC_DATE_TIME.source };
}

function claimsSchema(): Record<string, unknown> {
  return {
    type: 'object',
    propertyNames: { pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
    additionalProperties: {
      oneOf: [
        { type: 'string' },
        { type: 'number' },
        { type: 'boolean' },
        { type: 'array', items: { type: 'string' } },
      ],
    },
  };
}
