#!/usr/bin/env node
/**
 * A real, single-node Apache Kafka broker for development and tests.
 *
 *   node tools/kafka/kafka.mjs start | stop | status | reset | fetch  [--port 9092]
 *
 * The broker comes from Apache's own artifacts on Maven Central, resolved with Maven into a cache
 * outside the repository, and runs in KRaft mode as one combined broker and controller on
 * 127.0.0.1. When KAFKA_BROKERS names an existing cluster, every command leaves it alone.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

import { fetchBroker } from './fetch-broker.mjs';
import { brokerPaths, readSettings } from './settings.mjs';
import { ensureStorage, writeBrokerConfig } from './storage.mjs';
import { isAlive, readPid, removePid, writePid } from './pid-file.mjs';
import { waitForMetadata } from './wait-for-metadata.mjs';

const commands = { start, stop, status, reset, fetch: fetchOnly };

async function main(argv) {
  const [name = 'status'] = argv.filter((arg) => !arg.startsWith('--'));
  const command = commands[name];
  if (!command) {
    throw new Error(`Unknown command (${name}); expected one of: ${Object.keys(commands)}.`);
  }
  const settings = readSettings(argv);
  if (settings.external) {
    console.log(`kafka: KAFKA_BROKERS is set (${settings.external}); using that cluster as is.`);
    return;
  }
  await command(settings, brokerPaths(settings));
}

export async function start(settings, paths = brokerPaths(settings)) {
  const running = readPid(paths.pidFile);
  if (running && isAlive(running)) {
    await waitForMetadata(settings.bootstrap, settings.startTimeoutMs);
    console.log(`kafka: already running (pid ${running}) on ${settings.bootstrap}`);
    return;
  }

  const classpath = await fetchBroker(settings);
  writeBrokerConfig(settings, paths);
  await ensureStorage(settings, paths, classpath);
  const child = launchBroker(settings, paths, classpath);
  writePid(paths.pidFile, child.pid);

  try {
    await waitForMetadata(settings.bootstrap, settings.startTimeoutMs, () => child.exitCode);
  } catch (error) {
    await stopProcess(child.pid);
    removePid(paths.pidFile);
    throw new Error(`${error.message} The broker's log is ${paths.logFile}.`);
  }
  console.log(`kafka: listening on ${settings.bootstrap} (pid ${child.pid}, log ${paths.logFile})`);
}

function launchBroker(settings, paths, classpath) {
  const log = openSync(paths.logFile, 'a');
  const child = spawn(
    settings.java,
    [
      ...settings.jvmOptions,
      `-Dlog4j2.configurationFile=${paths.log4jFile}`,
      `-Dkafka.logs.dir=${paths.logDir}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      paths.configFile,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  closeSync(log);
  return child;
}

export async function stop(settings, paths = brokerPaths(settings)) {
  const pid = readPid(paths.pidFile);
  if (!pid || !isAlive(pid)) {
    removePid(paths.pidFile);
    console.log('kafka: not running');
    return;
  }
  await stopProcess(pid);
  removePid(paths.pidFile);
  console.log(`kafka: stopped (pid ${pid})`);
}

/** SIGTERM lets the broker shut down cleanly; SIGKILL follows if it takes too long. */
async function stopProcess(pid, graceMs = 30_000) {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function status(settings, paths) {
  const pid = readPid(paths.pidFile);
  const alive = Boolean(pid && isAlive(pid));
  console.log(alive ? `kafka: running (pid ${pid}) on ${settings.bootstrap}` : 'kafka: stopped');
  process.exitCode = alive ? 0 : 3;
}

async function reset(settings, paths) {
  await stop(settings, paths);
  if (existsSync(paths.dataDir)) rmSync(paths.dataDir, { recursive: true, force: true });
  console.log(`kafka: deleted ${paths.dataDir}`);
}

async function fetchOnly(settings) {
  await fetchBroker(settings);
  console.log(`kafka: Apache Kafka ${settings.version} is in ${settings.cacheDir}`);
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`kafka: ${error.message}`);
    process.exit(1);
  });
}
