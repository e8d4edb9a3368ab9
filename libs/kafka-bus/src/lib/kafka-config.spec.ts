import { EnvReader } from '@identity-bus/service-kit';

import { KafkaConfig, kafkaJsConfig, readKafkaConfig } from './kafka-config';

/** Reads the Kafka settings as a service does at start: once, then `done()`. */
function read(vars: Record<string, string>): KafkaConfig {
  const env = new EnvReader(vars);
  return env.done(readKafkaConfig(env, 'authz'));
}

const scram = {
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'authz',
  KAFKA_SASL_PASSWORD: 's3cret',
};

describe('readKafkaConfig', () => {
  it('defaults to the local broker, in plaintext, without SASL, under the given clientId', () => {
    expect(read({})).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'authz', ssl: false });
  });

  it('reads the brokers, clientId, TLS and SASL credentials', () => {
    const config = read({
      KAFKA_BROKERS: 'kafka-1:9093, kafka-2:9093',
      KAFKA_CLIENT_ID: 'authz-eu-1',
      KAFKA_SSL: 'true',
      ...scram,
    });

    expect(config).toEqual({
      brokers: ['kafka-1:9093', 'kafka-2:9093'],
      clientId: 'authz-eu-1',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'authz', password: 's3cret' },
    });
  });

  it('requires a username and a password once a SASL mechanism is set', () => {
    expect(() => read({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message:
          'Invalid configuration: KAFKA_SASL_USERNAME is required; ' +
          'KAFKA_SASL_PASSWORD is required',
      }),
    );
  });

  it('names a SASL mechanism it does not support, and the ones it does', () => {
    expect(() => read({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message:
          'Invalid configuration: KAFKA_SASL_MECHANISM must be one of ' +
          'none, plain, scram-sha-256, scram-sha-512 (got gssapi)',
      }),
    );
  });

  it('refuses a broker list that names no broker', () => {
    expect(() => read({ KAFKA_BROKERS: ' , ' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: 'Invalid configuration: KAFKA_BROKERS must name at least one host:port',
      }),
    );
  });
});

describe('kafkaJsConfig', () => {
  it('hands kafkajs the settings, with copies it may change of the frozen config', () => {
    const config = read({ KAFKA_BROKERS: 'kafka-1:9093', KAFKA_SSL: 'true', ...scram });

    const kafkaJs = kafkaJsConfig(config);

    expect(kafkaJs).toMatchObject({
      clientId: 'authz',
      brokers: ['kafka-1:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'authz', password: 's3cret' },
    });
    expect(Object.isFrozen(kafkaJs.brokers)).toBe(false);
    expect(Object.isFrozen(kafkaJs.sasl)).toBe(false);
  });

  it('leaves SASL out when none is configured', () => {
    expect(kafkaJsConfig(read({})).sasl).toBeUndefined();
  });
});
