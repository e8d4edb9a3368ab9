import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '@identity-bus/service-kit';

import { GatewayErrors } from '../gateway.errors';

interface FailureInfo {
  message?: string;
}

const STATE_FAILURES = ['no sign-in is pending in this browser', 'state mismatch'];

/**
 * Runs the OIDC strategy and turns each way a sign-in can fail into a gateway error with its
 * own code, instead of @nestjs/passport's bare 401.
 */
@Injectable()
export class OidcAuthGuard extends AuthGuard('oidc') {
  override handleRequest<T>(error: unknown, user: T, info: FailureInfo | undefined): T {
    if (error instanceof AppError) throw error;
    if (error) throw asProviderError(error);
    if (!user) throw asFailure(info?.message ?? 'no reason given');
    return user;
  }
}

function asProviderError(error: unknown): AppError {
  const code = (error as { code?: unknown }).code;
  if ((error as Error).name === 'AuthorizationError' && typeof code === 'string') {
    return GatewayErrors.providerRefused(code);
  }
  return GatewayErrors.tokenExchangeFailed(error);
}

function asFailure(message: string): AppError {
  if (STATE_FAILURES.includes(message)) return GatewayErrors.loginStateInvalid(message);
  if (message.startsWith('ID token'))
    return GatewayErrors.idTokenInvalid(message.replace(/\.$/, ''));
  return GatewayErrors.providerRefused(message);
}
