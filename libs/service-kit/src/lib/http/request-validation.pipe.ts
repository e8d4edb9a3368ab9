import { ValidationError, ValidationPipe } from '@nestjs/common';

import { AppError } from '../errors/app-error';

/**
 * Validates request bodies and queries against their DTOs. A bad request answers 400 with the
 * code REQUEST_INVALID and a sentence naming every offending field.
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new AppError('REQUEST_INVALID', `The request is invalid: ${describe(errors)}.`, {
        status: 400,
      }),
  });
}

function describe(errors: ValidationError[]): string {
  return problems(errors, '').join('; ');
}

/**
 * A nested DTO's failures sit on the children of its parent's error, which has no constraints
 * of its own; each is named by its path (`address.city must be a string`).
 */
function problems(errors: ValidationError[], parentPath: string): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((constraint) => `${parentPath}${constraint}`),
    ...problems(error.children ?? [], `${parentPath}${error.property}.`),
  ]);
}
