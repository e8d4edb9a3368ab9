import { ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = `${__dirname}/../../../..`;

/** One real process of the system under test: the provider or one of the apps. */
export class ServiceProcess {
  private readonly output: string[] = [];

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Starts `node <script>` from the repository root with the given environment. */
  static start(name: string, script: string, env: Record<string, string>): ServiceProcess {
    const child = spawn(process.execPath, [script], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child);
  }

  /** Waits for an HTTP endpoint of this process; fails with its output if it exits first. */
  async waitFor(url: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`${this.name} exited (${this.child.exitCode}):\n${this.log()}`);
      }
      if (await answers(url)) return;
      await sleep(250);
    }
    throw new Error(`${this.name} did not answer ${url} in ${timeoutMs} ms:\n${this.log()}`);
  }

  /** The last lines it wrote, for debugging. */
  log(): string {
    return this.output.join('').slice(-4_000);
  }

  /** Everything it wrote to stdout and stderr. */
  fullOutput(): string {
    return this.output.join('');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000, undefined, { ref: false })]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.status < 500;
  } catch {
    return false;
  }
}
