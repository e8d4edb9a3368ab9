#!/usr/bin/env node
/**
 * A real PostgreSQL server for development and tests, from Debian's postgresql package.
 *
 *   node tools/postgres/postgres.mjs start | stop | status
 *
 * `start` creates the cluster on first use (under IDENTITY_BUS_HOME/postgres), runs it on
 * 127.0.0.1:PG_PORT (default 5433) with its unix socket inside the cluster's folder, makes sure
 * the `identity_bus` role and the `identity_bus_test` database exist, and prints the URL to
 * connect with as its last line. Every command may be repeated. Run as root, the server runs as
 * Debian's `postgres` user, because PostgreSQL refuses to run as root.
 */
import {
  ensureRoleAndDatabase,
  initCluster,
  isInitialised,
  launch,
  runningPid,
  shutDown,
} from './cluster.mjs';
import { clusterDirFor } from './owner.mjs';
import { clusterPaths, readSettings } from './settings.mjs';

const commands = { start, stop, status };

function main(argv) {
  const [name = 'status'] = argv;
  const command = commands[name];
  if (!command) {
    throw new Error(
      `Unknown command (${name}); expected one of: ${Object.keys(commands).join(', ')}.`,
    );
  }
  const settings = readSettings();
  command(settings, locateCluster(settings));
}

function locateCluster(settings) {
  const { dir, moved } = clusterDirFor(settings);
  if (moved) {
    console.log(
      `postgres: the ${settings.owner} user cannot enter ${settings.clusterDir}; ` +
        `the cluster lives in ${dir} instead.`,
    );
  }
  return clusterPaths(dir);
}

function start(settings, paths) {
  if (!isInitialised(paths)) {
    initCluster(settings, paths);
    console.log(`postgres: created a cluster in ${paths.dataDir}`);
  }
  if (runningPid(settings, paths) === undefined) launch(settings, paths);
  ensureRoleAndDatabase(settings, paths);

  console.warn(
    `postgres: WARNING: any local process may connect as identity_bus without a password ` +
      '(trust on 127.0.0.1). For development and tests only.',
  );
  console.log(describeRunning(settings, paths));
  console.log(settings.url);
}

function stop(settings, paths) {
  const pid = runningPid(settings, paths);
  if (pid === undefined) {
    console.log('postgres: not running');
    return;
  }
  shutDown(settings, paths);
  console.log(`postgres: stopped (pid ${pid})`);
}

function status(settings, paths) {
  const running = runningPid(settings, paths) !== undefined;
  console.log(running ? describeRunning(settings, paths) : 'postgres: stopped');
  if (running) console.log(settings.url);
  process.exitCode = running ? 0 : 3;
}

function describeRunning(settings, paths) {
  const pid = runningPid(settings, paths);
  return `postgres: running (pid ${pid}) on 127.0.0.1:${settings.port} (log ${paths.logFile})`;
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1]);
if (invokedDirectly) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`postgres: ${error.message}`);
    process.exit(1);
  }
}
