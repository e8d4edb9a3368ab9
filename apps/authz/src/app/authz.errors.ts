import { AppError } from '@identity-bus/service-kit';

/**
 * Every code authz answers with. Its own errors are below; the others come from service-kit:
 * REQUEST_INVALID from the validation pipe, HTTP_400 for a body that is not JSON, HTTP_404 for
 * an unknown route, INTERNAL_ERROR for a fault, and CONFIG_INVALID when the start stops on a bad
 * setting or policy file.
 * docs/authz.md describes each; a test keeps the two lists equal.
 */
export const AUTHZ_ERROR_CODES = [
  'AUTHZ_ERR_USER_UNKNOWN',
  'REQUEST_INVALID',
  'HTTP_400',
  'HTTP_404',
  'INTERNAL_ERROR',
  'CONFIG_INVALID',
] as const;

/** No identity event has made this user known, or the user was disabled or deleted since. */
export class UserUnknownError extends AppError {
  constructor(userId: string) {
    super('AUTHZ_ERR_USER_UNKNOWN', `No identity is known for user (${userId}).`, {
      status: 404,
    });
  }
}
