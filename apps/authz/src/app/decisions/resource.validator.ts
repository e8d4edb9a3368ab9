import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

import { isPlainObject } from '../policy/policy-conditions';
import { POLICY_NAME } from '../policy/policy-document';

/** An attribute's name: no `$` and no dot, so that it can never read as a CASL operator or path. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const MAX_ATTRIBUTES = 64;
const MAX_STRING = 1024;
const MAX_LIST = 256;

/**
 * Checks a decision's resource: `{ type, ...attributes }`, where `type` is a name like the
 * policy's subjects and each attribute holds a value of the kinds a claim may hold.
 */
export function IsResource(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isResource',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          `${args.property}${resourceProblem(args.value) ?? ' is invalid'}`,
        ...options,
      },
      validator: { validate: (value: unknown) => resourceProblem(value) === undefined },
    });
}

/** What is wrong with a resource, as the end of a sentence starting with its name. */
export function resourceProblem(resource: unknown): string | undefined {
  if (!isPlainObject(resource)) return ' must be an object with a type';
  if (typeof resource.type !== 'string' || !POLICY_NAME.test(resource.type)) {
    return `.type must be a name matching ${POLICY_NAME}`;
  }
  const attributes = Object.entries(resource).filter(([name]) => name !== 'type');
  if (attributes.length > MAX_ATTRIBUTES) {
    return ` must have at most ${MAX_ATTRIBUTES} attributes`;
  }
  const bad = attributes.find(([name, value]) => !ATTRIBUTE_NAME.test(name) || !isValue(value));
  return bad && attributeProblem(bad[0]);
}

function attributeProblem(name: string): string {
  if (!ATTRIBUTE_NAME.test(name)) return ` has an attribute name not matching ${ATTRIBUTE_NAME}`;
  return `.${name} must be a string, a number, a boolean or a list of strings`;
}

function isValue(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.length <= MAX_LIST && value.every((item) => isString(item));
  }
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'boolean' || isString(value);
}

function isString(value: unknown): boolean {
  return typeof value === 'string' && value.length <= MAX_STRING;
}
