/**
 * The PostgreSQL tool's settings: read once from the environment, checked, frozen. The cluster
 * lives under IDENTITY_BUS_HOME (default ~/.cache/identity-bus), one folder per port, never in
 * the repository.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The role the apps and tests connect as, without a password, over loopback only. */
export const ROLE = 'identity_bus';

/** The database the tool creates for the test suites. */
export const DATABASE = 'identity_bus_test';

const DEBIAN_PREFIX = '/usr/lib/postgresql';

export function readSettings(env = process.env) {
  const port = parsePort(env.PG_PORT ?? '5433');
  const home = env.IDENTITY_BUS_HOME ?? join(homedir(), '.cache', 'identity-bus');

  return Object.freeze({
    port,
    home,
    clusterDir: join(home, 'postgres', `cluster-${port}`),
    binDir: env.PG_BIN ?? newestDebianBinDir(),
    // PostgreSQL refuses to run as root; root hands the cluster to Debian's `postgres` user.
    owner: process.getuid?.() === 0 ? 'postgres' : undefined,
    url: `postgres://${ROLE}@127.0.0.1:${port}/${DATABASE}`,
    startTimeoutSeconds: Number(env.PG_START_TIMEOUT_SECONDS ?? 60),
  });
}

/** Where one cluster keeps its data, its unix socket and its log. */
export function clusterPaths(dir) {
  return Object.freeze({
    dir,
    dataDir: join(dir, 'data'),
    socketDir: join(dir, 'socket'),
    logFile: join(dir, 'postgres.log'),
  });
}

/** Debian installs each major version side by side; the newest one is used. */
function newestDebianBinDir() {
  const versions = existsSync(DEBIAN_PREFIX) ? readdirSync(DEBIAN_PREFIX) : [];
  const usable = versions
    .filter((version) => existsSync(join(DEBIAN_PREFIX, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (usable.length === 0) {
    throw new Error(
      `PostgreSQL's programs are not in ${DEBIAN_PREFIX}/<version>/bin; install Debian's ` +
        'postgresql package, or set PG_BIN to the folder that holds initdb and pg_ctl.',
    );
  }
  return join(DEBIAN_PREFIX, usable[0], 'bin');
}

function parsePort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PG_PORT must be a TCP port between 1 and 65535 (got ${value}).`);
  }
  return port;
}
