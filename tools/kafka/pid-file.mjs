/** The broker's pid file: how stop, status and a second start find the running broker. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export function readPid(file) {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePid(file, pid) {
  writeFileSync(file, `${pid}\n`);
}

export function removePid(file) {
  rmSync(file, { force: true });
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
