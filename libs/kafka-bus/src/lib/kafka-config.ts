import { EnvReader } from '@identity-bus/service-kit';
import { KafkaConfig as KafkaJsConfig, SASLOptions } from 'kafkajs';
import { Logger } from 'pino';

import { pinoLogCreator } from './kafka-log-creator';

/** How a service reaches the Kafka cluster. Read once at start from the environment. */
export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
}

const SASL_MECHANISMS = ['none', 'plain', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * Reads KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_SSL and KAFKA_SASL_MECHANISM / _USERNAME /
 * _PASSWORD into a KafkaConfig. Problems are recorded on the reader.
 */
export function readKafkaConfig(env: EnvReader, defaultClientId: string): KafkaConfig {
  const brokers = env.list('KAFKA_BROKERS', ['127.0.0.1:9092']);
  if (brokers.length === 0) env.problem('KAFKA_BROKERS must name at least one host:port');
  const mechanism = env.oneOf('KAFKA_SASL_MECHANISM', SASL_MECHANISMS, 'none');
  const config: KafkaConfig = {
    brokers,
    clientId: env.string('KAFKA_CLIENT_ID', defaultClientId),
    ssl: env.bool('KAFKA_SSL', false),
  };
  if (mechanism !== 'none') {
    config.sasl = {
      mechanism,
      username: env.string('KAFKA_SASL_USERNAME'),
      password: env.string('KAFKA_SASL_PASSWORD'),
    };
  }
  return config;
}

/**
 * The kafkajs client settings for a KafkaConfig: the one place kafkajs options are chosen. With
 * a logger, kafkajs logs through it as structured lines.
 */
export function kafkaJsConfig(config: KafkaConfig, logger?: Logger): KafkaJsConfig {
  return {
    ...(logger ? { logCreator: pinoLogCreator(logger) } : {}),
    clientId: config.clientId,
    brokers: [...config.brokers],
    ssl: config.ssl,
    sasl: config.sasl ? ({ ...config.sasl } as SASLOptions) : undefined,
    connectionTimeout: 3_000,
    retry: { initialRetryTime: 300, retries: 8 },
  };
}
