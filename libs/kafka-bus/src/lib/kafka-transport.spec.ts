import { ClientKafka, ServerKafka, Transport } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';

import { KafkaConfig } from './kafka-config';
import { kafkaClientOptions, kafkaServerOptions } from './kafka-transport';

const config: KafkaConfig = { brokers: ['127.0.0.1:9092'], clientId: 'authz', ssl: false };

/** Nest's Kafka server, opened up to show the ids and parser it settled on. */
class InspectedServer extends ServerKafka {
  ids() {
    return { clientId: this.clientId, groupId: this.groupId };
  }

  parse(message: { key: Buffer; value: Buffer; headers: Record<string, Buffer> }) {
    return this.parser?.parse(message);
  }
}

/** Nest's Kafka client, opened up to show the ids it settled on. */
class InspectedClient extends ClientKafka {
  ids() {
    return { clientId: this.clientId, producerOnlyMode: this.producerOnlyMode };
  }
}

const idempotentProducer = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
};

describe('kafkaServerOptions', () => {
  const options = kafkaServerOptions(config, { groupId: 'authz', fromBeginning: true });

  it('consumes in the given group, from where the group stands, committing as it goes', () => {
    expect(options).toMatchObject({
      transport: Transport.KAFKA,
      options: {
        client: { clientId: 'authz', brokers: ['127.0.0.1:9092'] },
        consumer: { groupId: 'authz' },
        subscribe: { fromBeginning: true },
        run: { autoCommit: true, partitionsConsumedConcurrently: 1 },
        producer: idempotentProducer,
      },
    });
  });

  it('keeps the groupId and clientId as given: Nest appends nothing', () => {
    const server = new InspectedServer(options.options ?? {});

    expect(server.ids()).toEqual({ clientId: 'authz', groupId: 'authz' });
  });

  it('keeps message values binary, even bytes that are JSON', () => {
    const server = new InspectedServer(options.options ?? {});
    const value = Buffer.from('{"userId":"alice_12345"}');

    const parsed = server.parse({ key: Buffer.from('alice_12345'), value, headers: {} });

    expect(parsed?.value).toEqual(value);
  });
});

describe('kafkaClientOptions', () => {
  const options = kafkaClientOptions(config);

  it('only produces, idempotently, under the clientId as given', () => {
    const client = new InspectedClient(options);

    expect(options).toMatchObject({ producer: idempotentProducer, postfixId: '' });
    expect(client.ids()).toEqual({ clientId: 'authz', producerOnlyMode: true });
  });
});
