import { ClaimValue } from '@identity-bus/identity-contracts';
import { JWTPayload } from 'jose';

import { IdentityMappingConfig } from '../gateway.config';
import { GatewayErrors } from '../gateway.errors';
import { claimAt } from './claim-path';
import { UserIdentity } from './user-identity';

/**
 * Turns verified ID token claims into the identity the event carries. Only allowlisted claims
 * are forwarded, so no personal data leaves the gateway by accident.
 */
export function mapIdentity(claims: JWTPayload, config: IdentityMappingConfig): UserIdentity {
  const problems: string[] = [];
  const username = firstString(claims, config.usernameClaims);
  if (!username) problems.push(`none of ${config.usernameClaims.join(', ')} is a string`);
  const roles = rolesAt(claims, config.rolesClaim);
  if (!roles) problems.push(`${config.rolesClaim} is not a list of strings`);
  if (problems.length > 0) throw GatewayErrors.identityIncomplete(problems);

  return {
    userId: String(claims.sub),
    username: username as string,
    roles: roles as string[],
    claims: allowlisted(claims, config.claimsAllowlist),
    oidcProvider: config.oidcProvider,
    ...(typeof claims.sid === 'string' ? { providerSessionId: claims.sid } : {}),
  };
}

function firstString(claims: JWTPayload, names: string[]): string | undefined {
  const found = names.map((name) => claimAt(claims, name)).find((v) => typeof v === 'string');
  return found as string | undefined;
}

/** A missing roles claim means no roles; a claim of the wrong shape is an error. */
function rolesAt(claims: JWTPayload, path: string): string[] | undefined {
  const value = claimAt(claims, path);
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((role) => typeof role === 'string')) return value;
  return undefined;
}

function allowlisted(claims: JWTPayload, allowlist: string[]): Record<string, ClaimValue> {
  const forwarded: Record<string, ClaimValue> = {};
  for (const name of allowlist) {
    const value = claimAt(claims, name);
    if (isFlat(value)) forwarded[name] = value;
  }
  return forwarded;
}

function isFlat(value: unknown): value is ClaimValue {
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string');
  return ['string', 'number', 'boolean'].includes(typeof value);
}
