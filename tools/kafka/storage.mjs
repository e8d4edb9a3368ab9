/**
 * The broker's configuration and its KRaft storage. Storage is formatted once per data
 * directory; a second start finds meta.properties and leaves it be.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeBrokerConfig(settings, paths) {
  mkdirSync(paths.logDir, { recursive: true });
  writeFileSync(paths.configFile, serverProperties(settings, paths));
  writeFileSync(paths.log4jFile, log4jProperties());
}

/** One combined broker and controller, on loopback only, plaintext: a development broker. */
function serverProperties(settings, paths) {
  const lines = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${settings.controllerPort}`,
    listeners: [
      `PLAINTEXT://127.0.0.1:${settings.port}`,
      `CONTROLLER://127.0.0.1:${settings.controllerPort}`,
    ].join(','),
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${settings.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': paths.dataDir,
    'num.partitions': 3,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Tests start many short-lived consumer groups; the default 3 s delay would slow each one.
    'group.initial.rebalance.delay.ms': 0,
    // Our services create their topics explicitly, with the settings they need.
    'auto.create.topics.enable': false,
  };
  return Object.entries(lines)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

function log4jProperties() {
  return [
    'status = warn',
    'appender.out.type = Console',
    'appender.out.name = out',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = info',
    'rootLogger.appenderRef.out.ref = out',
    'logger.kafka.name = kafka',
    'logger.kafka.level = warn',
    'logger.apache.name = org.apache.kafka',
    'logger.apache.level = warn',
    '',
  ].join('\n');
}

export async function ensureStorage(settings, paths, classpath) {
  if (existsSync(join(paths.dataDir, 'meta.properties'))) return;
  mkdirSync(paths.dataDir, { recursive: true });

  const result = spawnSync(
    settings.java,
    [
      `-Dlog4j2.configurationFile=${paths.log4jFile}`,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId(),
      '-c',
      paths.configFile,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`Formatting KRaft storage failed: ${result.stderr || result.stdout}`.trim());
  }
}

/** A Kafka cluster id: 16 random bytes in URL-safe base64 without padding, as Kafka writes it. */
function clusterId() {
  return randomBytes(16).toString('base64url');
}
