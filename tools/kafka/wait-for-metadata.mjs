/**
 * Waits until the broker answers a metadata request: the moment a client can really use it,
 * which is later than the moment its port opens.
 */
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);

export async function waitForMetadata(bootstrap, timeoutMs, exitCodeOf = () => null) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCodeOf() !== null) {
      throw new Error(`The broker exited (code ${exitCodeOf()}) before it answered.`);
    }
    if (await answersMetadata(bootstrap)) return;
    await sleep(500);
  }
  throw new Error(`The broker on ${bootstrap} did not answer within ${timeoutMs} ms.`);
}

async function answersMetadata(bootstrap) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    clientId: 'identity-bus-kafka-tool',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1_000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
