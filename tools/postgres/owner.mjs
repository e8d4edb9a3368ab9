/**
 * The user that owns and runs the cluster. As root that is Debian's `postgres` system user,
 * because the server refuses to run as root; otherwise it is whoever runs the tool.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Runs one of PostgreSQL's programs as the owner and returns its output. A failure throws with
 * the program's own words, unless `allowFailure` asks for the exit status instead.
 */
export function runAsOwner(settings, program, args, { input, allowFailure = false } = {}) {
  const command = join(settings.binDir, program);
  const [file, argv] = settings.owner
    ? ['runuser', ['-u', settings.owner, '--', command, ...args]]
    : [command, args];
  // `/` is a folder every user may enter, unlike root's working folder.
  const result = spawnSync(file, argv, { cwd: '/', input, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    const output = `${result.stderr}${result.stdout}`.trim();
    throw new Error(`${program} failed (exit ${result.status}): ${output}`);
  }
  return result;
}

/** Creates a folder (parents open to all, so the owner may pass) and hands it to the owner. */
export function makeOwnedDir(settings, dir) {
  mkdirSync(dirname(dir), { recursive: true });
  if (!existsSync(dir)) mkdirSync(dir, { mode: 0o750 });
  if (settings.owner) run('chown', [`${settings.owner}:`, dir]);
}

/**
 * The folder for the cluster. As root, IDENTITY_BUS_HOME often lies inside /root, which the
 * `postgres` user may not enter; the cluster then lives in that user's own home instead, and the
 * tool says so. Granting `postgres` passage through /root would change the machine's security.
 */
export function clusterDirFor(settings) {
  if (!settings.owner || ownerCanEnter(settings, settings.clusterDir)) {
    return { dir: settings.clusterDir, moved: false };
  }
  const ownerHome = homeOf(settings.owner);
  return { dir: join(ownerHome, 'identity-bus', `cluster-${settings.port}`), moved: true };
}

/** Whether the owner can reach the folder: its deepest existing ancestor must be enterable. */
function ownerCanEnter(settings, dir) {
  let existing = dir;
  while (!existsSync(existing)) existing = dirname(existing);
  return spawnSync('runuser', ['-u', settings.owner, '--', 'test', '-x', existing]).status === 0;
}

function homeOf(user) {
  const entry = run('getent', ['passwd', user]).stdout.trim();
  const home = entry.split(':')[5];
  if (!home) throw new Error(`The ${user} user has no home folder (getent passwd ${user}).`);
  return home;
}

function run(file, args) {
  const result = spawnSync(file, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  }
  return result;
}
