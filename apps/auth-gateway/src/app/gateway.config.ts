import { EnvReader } from '@identity-bus/service-kit';
import {
  IdentityTopics,
  KafkaConfig,
  readIdentityTopics,
  readKafkaConfig,
} from '@identity-bus/kafka-bus';
import { Logger } from 'pino';

/** Everything the gateway needs, read once at start, checked and frozen. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Where browsers reach the gateway; the redirect URI is derived from it. */
  publicUrl: URL;
  oidc: OidcConfig;
  identity: IdentityMappingConfig;
  session: SessionConfig;
  kafka: KafkaConfig;
  topics: IdentityTopics;
  /** How long a login waits for Kafka's acknowledgement before it fails with 503. */
  publishTimeoutMs: number;
  /** Settings that are safe only in development; each is warned about at start. */
  insecureDefaults: string[];
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** Seconds of clock difference tolerated on `exp`, `iat` and `nbf`. */
  clockToleranceSec: number;
  /** Signature algorithms accepted on ID tokens; `none` and HMAC are never accepted. */
  idTokenAlgorithms: string[];
}

export interface IdentityMappingConfig {
  /** Dot path of the roles in the ID token: `roles`, `realm_access.roles`, `groups`, ... */
  rolesClaim: string;
  /** Claims tried in order for the event's `username`. */
  usernameClaims: string[];
  /** The only claims forwarded in the event's `claims`: nothing else leaves the gateway. */
  claimsAllowlist: string[];
  /** The event's `oidcProvider`: the issuer's host unless configured. */
  oidcProvider: string;
}

export interface SessionConfig {
  secret: string;
  ttlSec: number;
  secureCookies: boolean;
}

const DEV_SECRETS = {
  clientSecret: 'dev-gateway-secret',
  sessionSecret: 'dev-only-session-secret-change-me-0123456789',
};
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export function readGatewayConfig(env = new EnvReader()): Readonly<GatewayConfig> {
  const insecureDefaults: string[] = [];
  const publicUrl = env.url('GATEWAY_PUBLIC_URL', 'http://127.0.0.1:3000');
  const issuer = env.url('OIDC_ISSUER', 'http://127.0.0.1:4000');
  if (env.optional('NODE_ENV') === 'production') requireHttps(env, { publicUrl, issuer });
  const config: GatewayConfig = {
    port: env.int('GATEWAY_PORT', 3000, { max: 65535 }),
    host: env.string('GATEWAY_HOST', '127.0.0.1'),
    publicUrl,
    oidc: readOidc(env, issuer, insecureDefaults),
    identity: readIdentityMapping(env, issuer),
    session: readSession(env, publicUrl, insecureDefaults),
    kafka: readKafkaConfig(env, 'identity-bus-gateway'),
    topics: readIdentityTopics(env),
    publishTimeoutMs: env.int('GATEWAY_PUBLISH_TIMEOUT_MS', 5_000, { min: 100, max: 120_000 }),
    insecureDefaults,
  };
  return env.done(config);
}

function readOidc(env: EnvReader, issuerUrl: URL, insecure: string[]): OidcConfig {
  // The issuer is compared character for character (Auth0's ends in a slash, most do not).
  const issuer = env.optional('OIDC_ISSUER') ?? issuerUrl.href.replace(/\/$/, '');
  const algorithms = env.list('OIDC_ID_TOKEN_ALGORITHMS', ['RS256', 'PS256', 'ES256', 'EdDSA']);
  const unsafe = algorithms.filter((alg) => !ASYMMETRIC_ALGORITHMS.includes(alg));
  if (unsafe.length > 0) {
    env.problem(`OIDC_ID_TOKEN_ALGORITHMS may list only asymmetric algorithms (got ${unsafe})`);
  }
  const scopes = env.list('OIDC_SCOPES', ['openid', 'profile', 'email', 'roles', 'tenant']);
  if (!scopes.includes('openid')) env.problem('OIDC_SCOPES must include openid');
  return {
    issuer,
    clientId: env.string('OIDC_CLIENT_ID', 'identity-bus-gateway'),
    clientSecret: orDevDefault(env, 'OIDC_CLIENT_SECRET', DEV_SECRETS.clientSecret, insecure),
    scopes,
    clockToleranceSec: env.int('OIDC_CLOCK_TOLERANCE_SECONDS', 30, { max: 300 }),
    idTokenAlgorithms: algorithms,
  };
}

function readIdentityMapping(env: EnvReader, issuer: URL): IdentityMappingConfig {
  return {
    rolesClaim: env.string('GATEWAY_ROLES_CLAIM', 'roles'),
    usernameClaims: env.list('GATEWAY_USERNAME_CLAIMS', ['email', 'preferred_username', 'sub']),
    claimsAllowlist: env.list('GATEWAY_CLAIMS_ALLOWLIST', ['tenant_id', 'department']),
    oidcProvider: env.string('GATEWAY_OIDC_PROVIDER_NAME', issuer.host),
  };
}

function readSession(env: EnvReader, publicUrl: URL, insecure: string[]): SessionConfig {
  const secret = orDevDefault(env, 'GATEWAY_SESSION_SECRET', DEV_SECRETS.sessionSecret, insecure);
  if (secret.length < 32) env.problem('GATEWAY_SESSION_SECRET must be at least 32 characters');
  const secureCookies = env.bool('GATEWAY_SECURE_COOKIES', publicUrl.protocol === 'https:');
  if (!secureCookies) insecure.push('GATEWAY_SECURE_COOKIES=false (cookies travel over http)');
  return {
    secret,
    ttlSec: env.int('GATEWAY_SESSION_TTL_SECONDS', 8 * 3600, { min: 60 }),
    secureCookies,
  };
}

/** In production, tokens and cookies never travel over plain http. */
function requireHttps(env: EnvReader, urls: Record<string, URL>): void {
  const names = { publicUrl: 'GATEWAY_PUBLIC_URL', issuer: 'OIDC_ISSUER' } as const;
  for (const [key, url] of Object.entries(urls)) {
    if (url.protocol !== 'https:') {
      env.problem(`${names[key as keyof typeof names]} must use https when NODE_ENV=production`);
    }
  }
}

function orDevDefault(env: EnvReader, name: string, devValue: string, insecure: string[]): string {
  const value = env.optional(name);
  if (value !== undefined) return value;
  // Through the reader, like every other setting, so the environment it was given decides.
  if (env.optional('NODE_ENV') === 'production') return env.string(name);
  insecure.push(`${name} is the development default`);
  return devValue;
}

/** Says loudly, once, which development defaults are in force. */
export function warnAboutInsecureDefaults(config: GatewayConfig, logger: Logger): void {
  if (config.insecureDefaults.length === 0) return;
  logger.warn(
    { insecureDefaults: config.insecureDefaults },
    'INSECURE DEVELOPMENT SETTINGS IN USE: do not expose this gateway',
  );
}
