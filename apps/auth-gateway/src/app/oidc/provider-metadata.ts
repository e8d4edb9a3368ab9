import { GatewayErrors } from '../gateway.errors';

/** The parts of the provider's discovery document the gateway uses. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  code_challenge_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
}

const REQUIRED = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;

/**
 * Reads `/.well-known/openid-configuration` from the issuer (OpenID Connect Discovery 1.0) and
 * checks that it names the same issuer, so endpoints can be trusted to belong to it.
 */
export async function discoverProvider(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let document: Record<string, unknown>;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as Record<string, unknown>;
  } catch (cause) {
    throw GatewayErrors.discoveryFailed(issuer, cause);
  }

  if (document.issuer !== issuer) throw GatewayErrors.issuerMismatch(issuer, document.issuer);
  const missing = REQUIRED.filter((field) => typeof document[field] !== 'string');
  if (missing.length > 0) throw GatewayErrors.discoveryFailed(issuer, `missing ${missing}`);
  return document as unknown as ProviderMetadata;
}
