/**
 * The broker tool's settings: read once from the command line and the environment, checked,
 * frozen. Every path lives under IDENTITY_BUS_HOME (default ~/.cache/identity-bus), never in the
 * repository.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The pinned broker version. kafkajs 2.2.4 works against it: tools/kafka/broker.integration.spec.ts
 * proves it on every test run (see docs/kafka.md for the versions tried).
 */
export const KAFKA_VERSION = '4.4.0';

export function readSettings(argv = [], env = process.env) {
  const port = parsePort(option(argv, '--port') ?? env.KAFKA_PORT ?? '9092', 'KAFKA_PORT');
  const home = env.IDENTITY_BUS_HOME ?? join(homedir(), '.cache', 'identity-bus');
  const version = env.KAFKA_VERSION ?? KAFKA_VERSION;

  return Object.freeze({
    external: env.KAFKA_BROKERS || undefined,
    port,
    controllerPort: port + 1,
    bootstrap: `127.0.0.1:${port}`,
    version,
    home,
    cacheDir: join(home, 'kafka', `kafka-${version}`),
    java: env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java',
    jvmOptions: (env.KAFKA_JVM_OPTIONS ?? '-Xms256m -Xmx512m -XX:+UseG1GC').split(/\s+/),
    startTimeoutMs: Number(env.KAFKA_START_TIMEOUT_MS ?? 90_000),
  });
}

/** Where one broker (one port) keeps its data, configuration, logs and pid. */
export function brokerPaths(settings) {
  const dir = join(settings.home, 'kafka', `broker-${settings.port}`);
  return Object.freeze({
    dir,
    dataDir: join(dir, 'data'),
    logDir: join(dir, 'logs'),
    logFile: join(dir, 'logs', 'broker.out'),
    configFile: join(dir, 'server.properties'),
    log4jFile: join(dir, 'log4j2.properties'),
    pidFile: join(dir, 'broker.pid'),
  });
}

function option(argv, name) {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
}

function parsePort(value, name) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65534) {
    throw new Error(`${name} must be a TCP port between 1 and 65534 (got ${value}).`);
  }
  return port;
}
