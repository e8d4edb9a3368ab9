import { readIdentityTopics } from '@identity-bus/kafka-bus';
import { ConfigError, EnvReader } from '@identity-bus/service-kit';
import { Logger } from 'pino';

import { readGatewayConfig, warnAboutInsecureDefaults } from './gateway.config';

const SECRETS = {
  OIDC_CLIENT_SECRET: 'a-client-secret-from-the-provider',
  GATEWAY_SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
};

function read(env: Record<string, string>) {
  return readGatewayConfig(new EnvReader(env));
}

function configError(env: Record<string, string>): ConfigError {
  try {
    read(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected readGatewayConfig to refuse the settings');
}

describe('readGatewayConfig', () => {
  it('runs on development defaults with no setting at all', () => {
    const config = read({});

    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: new URL('http://127.0.0.1:3000'),
      oidc: {
        issuer: 'http://127.0.0.1:4000',
        clientId: 'identity-bus-gateway',
        clientSecret: 'dev-gateway-secret',
        scopes: ['openid', 'profile', 'email', 'roles', 'tenant'],
        clockToleranceSec: 30,
        idTokenAlgorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      },
      identity: {
        rolesClaim: 'roles',
        usernameClaims: ['email', 'preferred_username', 'sub'],
        claimsAllowlist: ['tenant_id', 'department'],
        oidcProvider: '127.0.0.1:4000',
      },
      session: {
        secret: expect.any(String),
        ttlSec: 8 * 3600,
        secureCookies: false,
      },
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'identity-bus-gateway', ssl: false },
      // The topics are kafka-bus's to default; the gateway must take them from there.
      topics: readIdentityTopics(new EnvReader({})),
      publishTimeoutMs: 5000,
      insecureDefaults: expect.any(Array),
    });
  });

  it('lists every insecure development default it fell back to', () => {
    expect(read({}).insecureDefaults).toEqual([
      'OIDC_CLIENT_SECRET is the development default',
      'GATEWAY_SESSION_SECRET is the development default',
      'GATEWAY_SECURE_COOKIES=false (cookies travel over http)',
    ]);
  });

  it('lists none, and sets Secure cookies, for an https gateway with its own secrets', () => {
    const config = read({ ...SECRETS, GATEWAY_PUBLIC_URL: 'https://login.example.com' });

    expect(config.insecureDefaults).toEqual([]);
    expect(config.session.secureCookies).toBe(true);
  });

  it('freezes what it read', () => {
    const config = read({});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.oidc.idTokenAlgorithms)).toBe(true);
    expect(Object.isFrozen(config.identity.claimsAllowlist)).toBe(true);
  });

  describe('refuses to start on a bad setting, naming it', () => {
    it.each([
      [{ GATEWAY_PORT: '70000' }, 'GATEWAY_PORT must be an integer from 0 to 65535 (got 70000)'],
      [
        { GATEWAY_PUBLIC_URL: 'login.example.com' },
        'GATEWAY_PUBLIC_URL must be an absolute URL (got login.example.com)',
      ],
      [
        { OIDC_ISSUER: 'mycorp.okta.com' },
        'OIDC_ISSUER must be an absolute URL (got mycorp.okta.com)',
      ],
      [{ OIDC_SCOPES: 'profile,email' }, 'OIDC_SCOPES must include openid'],
      [
        { OIDC_CLOCK_TOLERANCE_SECONDS: '600' },
        'OIDC_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 300 (got 600)',
      ],
      [
        { GATEWAY_SESSION_SECRET: 'too-short' },
        'GATEWAY_SESSION_SECRET must be at least 32 characters',
      ],
      [{ GATEWAY_SECURE_COOKIES: 'yes' }, 'GATEWAY_SECURE_COOKIES must be true or false (got yes)'],
      [
        { GATEWAY_PUBLISH_TIMEOUT_MS: '50' },
        'GATEWAY_PUBLISH_TIMEOUT_MS must be an integer from 100 to 120000 (got 50)',
      ],
      [
        { KAFKA_SASL_MECHANISM: 'gssapi' },
        'KAFKA_SASL_MECHANISM must be one of none, plain, scram-sha-256, scram-sha-512 ' +
          '(got gssapi)',
      ],
      [
        { IDENTITY_EVENTS_PARTITIONS: '0' },
        'IDENTITY_EVENTS_PARTITIONS must be an integer from 1 to 1024 (got 0)',
      ],
    ])('%j', (env, problem) => {
      const error = configError(env);

      expect(error).toBeInstanceOf(ConfigError);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toBe(`Invalid configuration: ${problem}`);
    });
  });

  it('names every bad setting at once', () => {
    const error = configError({ GATEWAY_PORT: 'http', OIDC_SCOPES: 'email', OIDC_ISSUER: 'idp' });

    expect(error.problems).toEqual([
      'OIDC_ISSUER must be an absolute URL (got idp)',
      'GATEWAY_PORT must be an integer from 0 to 65535 (got http)',
      'OIDC_SCOPES must include openid',
    ]);
  });

  describe('ID token algorithms', () => {
    it('refuses HS256, whose key would be the client secret, known beyond the provider', () => {
      const error = configError({ OIDC_ID_TOKEN_ALGORITHMS: 'RS256,HS256' });

      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toBe(
        'Invalid configuration: OIDC_ID_TOKEN_ALGORITHMS may list only asymmetric algorithms ' +
          '(got HS256)',
      );
    });

    it('refuses none', () => {
      const error = configError({ OIDC_ID_TOKEN_ALGORITHMS: 'none' });

      expect(error.message).toBe(
        'Invalid configuration: OIDC_ID_TOKEN_ALGORITHMS may list only asymmetric algorithms ' +
          '(got none)',
      );
    });

    it('accepts a list of asymmetric ones', () => {
      const config = read({ OIDC_ID_TOKEN_ALGORITHMS: 'ES256, PS256' });

      expect(config.oidc.idTokenAlgorithms).toEqual(['ES256', 'PS256']);
    });
  });

  it('keeps the issuer exactly as configured, trailing slash included (Auth0)', () => {
    const config = read({ OIDC_ISSUER: 'https://mycorp.eu.auth0.com/' });

    expect(config.oidc.issuer).toBe('https://mycorp.eu.auth0.com/');
    expect(config.identity.oidcProvider).toBe('mycorp.eu.auth0.com');
  });

  describe('with NODE_ENV=production', () => {
    const HTTPS = {
      GATEWAY_PUBLIC_URL: 'https://login.example.com',
      OIDC_ISSUER: 'https://mycorp.okta.com',
    };

    it('requires the client secret and the session secret', () => {
      const error = configError({ NODE_ENV: 'production', ...HTTPS });

      expect(error.problems).toEqual([
        'OIDC_CLIENT_SECRET is required',
        'GATEWAY_SESSION_SECRET is required',
        'GATEWAY_SESSION_SECRET must be at least 32 characters',
      ]);
    });

    it('starts with them, and no longer lists them as insecure', () => {
      const config = read({ NODE_ENV: 'production', ...SECRETS, ...HTTPS });

      expect(config.oidc.clientSecret).toBe(SECRETS.OIDC_CLIENT_SECRET);
      expect(config.session.secret).toBe(SECRETS.GATEWAY_SESSION_SECRET);
      expect(config.insecureDefaults).toEqual([]);
    });

    it('refuses plain http for the gateway and the issuer', () => {
      const error = configError({ NODE_ENV: 'production', ...SECRETS });

      expect(error.problems).toEqual([
        'GATEWAY_PUBLIC_URL must use https when NODE_ENV=production',
        'OIDC_ISSUER must use https when NODE_ENV=production',
      ]);
    });
  });
});

describe('warnAboutInsecureDefaults', () => {
  function recordingLogger() {
    return { warn: jest.fn() } as unknown as Logger & { warn: jest.Mock };
  }

  it('warns once, loudly, naming each insecure default', () => {
    const logger = recordingLogger();

    warnAboutInsecureDefaults(read({}), logger);

    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      { insecureDefaults: read({}).insecureDefaults },
      'INSECURE DEVELOPMENT SETTINGS IN USE: do not expose this gateway',
    );
  });

  it('says nothing when there are none', () => {
    const logger = recordingLogger();

    warnAboutInsecureDefaults(read({ ...SECRETS, GATEWAY_SECURE_COOKIES: 'true' }), logger);

    expect(logger.warn).not.toHaveBeenCalled();
  });
});
