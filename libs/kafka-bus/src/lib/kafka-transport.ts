import { KafkaOptions, Transport } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import { Logger } from 'pino';

import { KafkaConfig, kafkaJsConfig } from './kafka-config';

/** How a consuming service joins the bus. */
export interface ConsumerOptions {
  groupId: string;
  /** Where a group with no committed offset starts: the beginning, or only new messages. */
  fromBeginning: boolean;
}

/**
 * Options for the Nest Kafka transport's server side (a consumer). Values stay binary, so a
 * message that is not even JSON still reaches our pipeline and can be dead-lettered byte for byte.
 */
export function kafkaServerOptions(
  config: KafkaConfig,
  consumer: ConsumerOptions,
  logger?: Logger,
): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: kafkaJsConfig(config, logger),
      consumer: {
        groupId: consumer.groupId,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
        // A fetch in progress delays both new events and a clean shutdown by up to this long.
        maxWaitTimeInMs: 1_000,
      },
      subscribe: { fromBeginning: consumer.fromBeginning },
      producer: producerConfig(),
      parser: { keepBinary: true },
      run: { autoCommit: true, partitionsConsumedConcurrently: 1 },
      postfixId: '',
    },
  };
}

/** Options for the Nest Kafka transport's client side, used only to produce. */
export function kafkaClientOptions(
  config: KafkaConfig,
  logger?: Logger,
): NonNullable<KafkaOptions['options']> {
  return {
    client: kafkaJsConfig(config, logger),
    producer: producerConfig(),
    producerOnlyMode: true,
    postfixId: '',
    send: { acks: -1 },
  };
}

/**
 * Idempotent, so a retried send never writes a duplicate; that needs acks from all in-sync
 * replicas, which every send asks for. The default partitioner hashes the key like Java's.
 */
function producerConfig() {
  return {
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  };
}
