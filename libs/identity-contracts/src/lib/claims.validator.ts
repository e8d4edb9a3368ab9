import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** A value a published claim may hold: a scalar, or a list of strings. */
export type ClaimValue = string | number | boolean | string[];

const CLAIM_NAME = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Checks that an object maps claim names to flat values. Nested objects are refused on purpose:
 * the gateway flattens what it forwards, so that consumers never walk a token's structure.
 */
export function IsClaims(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isClaims',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must map claim names to strings, numbers, booleans or string lists`,
        ...options,
      },
      validator: { validate: isClaims },
    });
}

export function isClaims(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([name, claim]) => CLAIM_NAME.test(name) && isClaim(claim));
}

function isClaim(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string');
  return ['string', 'number', 'boolean'].includes(typeof value);
}
