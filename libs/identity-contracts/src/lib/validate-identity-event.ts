import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

import { IdentityEventDto } from './identity-event.dto';

/** The outcome of validating one decoded event. */
export type IdentityEventValidation =
  { valid: true; event: IdentityEventDto } | { valid: false; problems: string[] };

/**
 * Validates a decoded JSON value against the contract. Unknown fields are kept and ignored, so
 * that a consumer keeps working when a producer adds fields.
 */
export function validateIdentityEvent(value: unknown): IdentityEventValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { valid: false, problems: ['the event must be a JSON object'] };
  }
  const event = plainToInstance(IdentityEventDto, value);
  const errors = validateSync(event, { forbidUnknownValues: true });
  return errors.length === 0
    ? { valid: true, event }
    : { valid: false, problems: describe(errors) };
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}
