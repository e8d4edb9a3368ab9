/**
 * One PostgreSQL cluster for development and tests: created once with initdb, then started,
 * stopped and asked about with pg_ctl, always as the owner (see owner.mjs).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { makeOwnedDir, runAsOwner } from './owner.mjs';
import { DATABASE, ROLE } from './settings.mjs';

export function isInitialised(paths) {
  return existsSync(join(paths.dataDir, 'PG_VERSION'));
}

/**
 * initdb with the C locale (the same sort order on every machine), then our own access rules:
 * the owner over the socket by peer, and the app role over loopback TCP without a password.
 */
export function initCluster(settings, paths) {
  makeOwnedDir(settings, paths.dir);
  makeOwnedDir(settings, paths.socketDir);
  runAsOwner(settings, 'initdb', [
    '--pgdata',
    paths.dataDir,
    '--encoding=UTF8',
    '--locale=C',
    '--auth-local=peer',
    '--auth-host=reject',
  ]);
  writeFileSync(join(paths.dataDir, 'pg_hba.conf'), accessRules());
  appendFileSync(join(paths.dataDir, 'postgresql.conf'), serverSettings(settings, paths));
}

function accessRules() {
  return [
    '# Written by tools/postgres/postgres.mjs. For development and tests only.',
    '# TYPE  DATABASE  USER          ADDRESS        METHOD',
    'local   all       all                          peer',
    `host    all       ${ROLE}  127.0.0.1/32   trust`,
    '',
  ].join('\n');
}

function serverSettings(settings, paths) {
  return [
    '',
    '# Written by tools/postgres/postgres.mjs.',
    "listen_addresses = '127.0.0.1'",
    `port = ${settings.port}`,
    `unix_socket_directories = '${paths.socketDir}'`,
    '',
  ].join('\n');
}

/** The server's pid when it runs, else undefined. */
export function runningPid(settings, paths) {
  if (!isInitialised(paths)) return undefined;
  const result = runAsOwner(settings, 'pg_ctl', ['status', '--pgdata', paths.dataDir], {
    allowFailure: true,
  });
  if (result.status !== 0) return undefined;
  return Number(/PID: (\d+)/.exec(result.stdout)?.[1]);
}

/** Starts the server and waits until it accepts connections; the log tells why it did not. */
export function launch(settings, paths) {
  makeOwnedDir(settings, paths.socketDir);
  const args = ['start', '--pgdata', paths.dataDir, '--log', paths.logFile, '--wait'];
  try {
    runAsOwner(settings, 'pg_ctl', [...args, '--timeout', String(settings.startTimeoutSeconds)]);
  } catch (error) {
    throw new Error(`${error.message}\nThe last lines of ${paths.logFile}:\n${logTail(paths)}`);
  }
}

export function shutDown(settings, paths) {
  runAsOwner(settings, 'pg_ctl', ['stop', '--pgdata', paths.dataDir, '--mode=fast', '--wait']);
}

/** Creates the app role and the test database when they are missing; safe to repeat. */
export function ensureRoleAndDatabase(settings, paths) {
  const script = [
    `SELECT 'CREATE ROLE ${ROLE} LOGIN'`,
    `  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') \\gexec`,
    `SELECT 'CREATE DATABASE ${DATABASE} OWNER ${ROLE}'`,
    `  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${DATABASE}') \\gexec`,
    '',
  ].join('\n');
  const args = ['--host', paths.socketDir, '--port', String(settings.port), '--dbname=postgres'];
  runAsOwner(settings, 'psql', [...args, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: script });
}

function logTail(paths, lines = 15) {
  if (!existsSync(paths.logFile)) return '(no log was written)';
  return readFileSync(paths.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
