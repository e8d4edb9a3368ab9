import { ConfigError } from '../errors/app-error';
import { EnvReader } from './env-reader';

/** The ConfigError that `done()` throws for what was read, or undefined when all was well. */
function configErrorAfter(read: (env: EnvReader) => unknown, vars: Record<string, string>) {
  const env = new EnvReader(vars);
  read(env);
  try {
    env.done({});
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('EnvReader', () => {
  describe('string', () => {
    it('reads a value without its surrounding blanks', () => {
      expect(new EnvReader({ SERVICE_NAME: '  authz \n' }).string('SERVICE_NAME')).toBe('authz');
    });

    it('falls back when the variable is unset or blank', () => {
      const env = new EnvReader({ SERVICE_NAME: '   ' });

      expect(env.string('SERVICE_NAME', 'gateway')).toBe('gateway');
      expect(env.string('OTHER_NAME', '')).toBe('');
    });

    it('records a required variable that is missing', () => {
      const error = configErrorAfter((env) => env.string('SERVICE_NAME'), {});

      expect(error).toMatchObject({ problems: ['SERVICE_NAME is required'] });
    });
  });

  describe('optional', () => {
    it('reads a value, and treats a blank one as unset', () => {
      const env = new EnvReader({ LOG_FILE: ' app.log ', LOG_DIR: ' ' });

      expect(env.optional('LOG_FILE')).toBe('app.log');
      expect(env.optional('LOG_DIR')).toBeUndefined();
      expect(env.optional('LOG_HOST')).toBeUndefined();
    });
  });

  describe('int', () => {
    it('reads an integer, and falls back when unset', () => {
      const env = new EnvReader({ PORT: '3001' });

      expect(env.int('PORT', 3000)).toBe(3001);
      expect(env.int('ADMIN_PORT', 3002)).toBe(3002);
    });

    it('accepts the bounds themselves', () => {
      const env = new EnvReader({ LOW: '1', HIGH: '10' });

      expect(env.int('LOW', 5, { min: 1, max: 10 })).toBe(1);
      expect(env.int('HIGH', 5, { min: 1, max: 10 })).toBe(10);
    });

    it('records a value that is not an integer, or out of bounds', () => {
      const vars = { PORT: '80.5', PARTITIONS: '0', RETRIES: 'many', TIMEOUT: '1e3', MAX: '0x10' };

      const error = configErrorAfter((env) => {
        env.int('PORT', 3000);
        env.int('PARTITIONS', 6, { min: 1, max: 1024 });
        env.int('RETRIES', 3, { min: 0, max: 10 });
        env.int('TIMEOUT', 5);
        env.int('MAX', 5);
      }, vars);

      expect(error).toMatchObject({
        problems: [
          'PORT must be an integer from 0 to 9007199254740991 (got 80.5)',
          'PARTITIONS must be an integer from 1 to 1024 (got 0)',
          'RETRIES must be an integer from 0 to 10 (got many)',
          'TIMEOUT must be an integer from 0 to 9007199254740991 (got 1e3)',
          'MAX must be an integer from 0 to 9007199254740991 (got 0x10)',
        ],
      });
    });
  });

  describe('bool', () => {
    it('reads true, false, 1 and 0 in any case, and falls back when unset', () => {
      const env = new EnvReader({ A: 'TRUE', B: '1', C: 'False', D: '0' });

      expect([env.bool('A', false), env.bool('B', false)]).toEqual([true, true]);
      expect([env.bool('C', true), env.bool('D', true)]).toEqual([false, false]);
      expect(env.bool('E', true)).toBe(true);
    });

    it('records any other value', () => {
      const error = configErrorAfter((env) => env.bool('KAFKA_SSL', false), { KAFKA_SSL: 'Yes' });

      expect(error).toMatchObject({ problems: ['KAFKA_SSL must be true or false (got Yes)'] });
    });
  });

  describe('list', () => {
    it('splits on commas and drops blanks', () => {
      const env = new EnvReader({ KAFKA_BROKERS: ' kafka-1:9092, ,kafka-2:9092,' });

      expect(env.list('KAFKA_BROKERS', [])).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    });

    it('falls back when unset', () => {
      expect(new EnvReader({}).list('KAFKA_BROKERS', ['127.0.0.1:9092'])).toEqual([
        '127.0.0.1:9092',
      ]);
    });
  });

  describe('url', () => {
    it('reads an absolute URL, or its fallback', () => {
      const env = new EnvReader({ OIDC_ISSUER: 'https://idp.example.com/realms/main' });

      expect(env.url('OIDC_ISSUER').href).toBe('https://idp.example.com/realms/main');
      expect(env.url('PUBLIC_URL', 'http://localhost:3000').origin).toBe('http://localhost:3000');
    });

    it('records a malformed URL', () => {
      const error = configErrorAfter((env) => env.url('OIDC_ISSUER'), {
        OIDC_ISSUER: 'idp.example',
      });

      expect(error).toMatchObject({
        problems: ['OIDC_ISSUER must be an absolute URL (got idp.example)'],
      });
    });

    it('records a missing URL once, as required', () => {
      const error = configErrorAfter((env) => env.url('OIDC_ISSUER'), {});

      expect(error).toMatchObject({ problems: ['OIDC_ISSUER is required'] });
    });
  });

  describe('oneOf', () => {
    const levels = ['debug', 'info', 'warn'] as const;

    it('reads one of the choices, or the fallback when unset', () => {
      expect(new EnvReader({ LOG_LEVEL: 'warn' }).oneOf('LOG_LEVEL', levels, 'info')).toBe('warn');
      expect(new EnvReader({}).oneOf('LOG_LEVEL', levels, 'info')).toBe('info');
    });

    it('records a value that is not among the choices, naming them', () => {
      const error = configErrorAfter((env) => env.oneOf('LOG_LEVEL', levels, 'info'), {
        LOG_LEVEL: 'loud',
      });

      expect(error).toMatchObject({
        problems: ['LOG_LEVEL must be one of debug, info, warn (got loud)'],
      });
    });
  });

  describe('done', () => {
    it('names every problem, in the order found, in one ConfigError', () => {
      const env = new EnvReader({ PORT: 'http', KAFKA_SSL: 'maybe' });
      env.string('OIDC_CLIENT_ID');
      env.int('PORT', 3000);
      env.bool('KAFKA_SSL', false);
      env.problem('OIDC_CLIENT_SECRET is required when OIDC_CLIENT_AUTH is client_secret_basic');

      expect(() => env.done({})).toThrow(ConfigError);
      expect(() => env.done({})).toThrow(
        expect.objectContaining({
          code: 'CONFIG_INVALID',
          message:
            'Invalid configuration: OIDC_CLIENT_ID is required; ' +
            'PORT must be an integer from 0 to 9007199254740991 (got http); ' +
            'KAFKA_SSL must be true or false (got maybe); ' +
            'OIDC_CLIENT_SECRET is required when OIDC_CLIENT_AUTH is client_secret_basic',
        }),
      );
    });

    it('returns the configuration deeply frozen', () => {
      const env = new EnvReader({ KAFKA_BROKERS: 'kafka-1:9092' });
      const config = env.done({
        kafka: { brokers: env.list('KAFKA_BROKERS', []), sasl: { mechanism: 'plain' } },
        issuer: env.url('OIDC_ISSUER', 'https://idp.example.com'),
      });

      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.kafka.brokers)).toBe(true);
      expect(Object.isFrozen(config.kafka.sasl)).toBe(true);
      expect(() => config.kafka.brokers.push('kafka-2:9092')).toThrow(TypeError);
      expect(config.issuer.href).toBe('https://idp.example.com/');
    });
  });
});
