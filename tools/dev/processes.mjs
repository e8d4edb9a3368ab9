/**
 * Small process helpers for the development scripts: run a command to completion, run a
 * service with its log lines prefixed and made readable, and wait for an HTTP endpoint.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const COLORS = [36, 35, 33, 32, 34, 31];
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const QUIET_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'context']);

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Starts a long-running service whose output lines are prefixed with its name. */
export function startService(name, command, args, { env = {}, index = 0 } = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${COLORS[index % COLORS.length]}m${name.padEnd(9)}\x1b[0m|`;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      console.log(`${prefix} ${readable(line)}`);
    });
  }
  return child;
}

/** Pino's JSON lines become `level message key=value ...`; other lines pass unchanged. */
function readable(line) {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const fields = Object.entries(entry)
      .filter(([key]) => !QUIET_FIELDS.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`);
    return [LEVELS[entry.level] ?? entry.level, entry.msg, ...fields].join(' ');
  } catch {
    return line;
  }
}

/** Polls a URL until it answers with any HTTP status below 500. */
export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await sleep(300);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms.`);
}

/** Asks children to stop, then insists after a grace period. */
export async function stopAll(children, graceMs = 10_000) {
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of alive) child.kill('SIGTERM');
  const exited = alive.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  await Promise.race([Promise.all(exited), sleep(graceMs)]);
  for (const child of alive) if (child.exitCode === null) child.kill('SIGKILL');
}
