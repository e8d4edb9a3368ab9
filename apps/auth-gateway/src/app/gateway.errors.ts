import { AppError } from '@identity-bus/service-kit';

/**
 * Every error the gateway raises on purpose. Responses show the code and the sentence; causes
 * (which may quote a provider's answer) go to the log only.
 */
export const GatewayErrors = {
  discoveryFailed: (issuer: string, cause?: unknown) =>
    new AppError(
      'GATEWAY_ERR_DISCOVERY_FAILED',
      `The provider's discovery document could not be read from ${issuer}.`,
      { status: 503, retriable: true, cause },
    ),
  issuerMismatch: (expected: string, actual: unknown) =>
    new AppError(
      'GATEWAY_ERR_ISSUER_MISMATCH',
      `The discovery document names issuer (${String(actual)}); expected (${expected}).`,
      { status: 502 },
    ),
  loginStateInvalid: (reason: string) =>
    new AppError(
      'GATEWAY_ERR_STATE_INVALID',
      `The login could not be matched to a sign-in this browser started (${reason}).`,
      { status: 400 },
    ),
  providerRefused: (error: string) =>
    new AppError('GATEWAY_ERR_PROVIDER_REFUSED', `The provider refused the sign-in (${error}).`, {
      status: 401,
    }),
  tokenExchangeFailed: (cause?: unknown) =>
    new AppError(
      'GATEWAY_ERR_TOKEN_EXCHANGE_FAILED',
      'The authorization code could not be exchanged for tokens.',
      { status: 502, cause },
    ),
  idTokenInvalid: (reason: string, cause?: unknown) =>
    new AppError('GATEWAY_ERR_ID_TOKEN_INVALID', `The ID token was rejected: ${reason}.`, {
      status: 401,
      cause,
    }),
  nonceMismatch: () =>
    new AppError(
      'GATEWAY_ERR_NONCE_MISMATCH',
      'The ID token nonce does not match the nonce of this sign-in.',
      { status: 401 },
    ),
  identityIncomplete: (problems: string[]) =>
    new AppError(
      'GATEWAY_ERR_IDENTITY_INCOMPLETE',
      `The ID token lacks what an identity event needs: ${problems.join('; ')}.`,
      { status: 502 },
    ),
  publishTimedOut: (timeoutMs: number) =>
    new AppError(
      'GATEWAY_ERR_PUBLISH_TIMEOUT',
      `Kafka did not acknowledge the login event within ${timeoutMs} ms; no session was created.`,
      { status: 503, retriable: true },
    ),
  publishFailed: (cause: unknown) =>
    new AppError(
      'GATEWAY_ERR_PUBLISH_FAILED',
      'Kafka refused the login event; no session was created.',
      { status: 503, retriable: true, cause },
    ),
} as const;
