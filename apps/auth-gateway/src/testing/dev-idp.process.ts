import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const START_TIMEOUT_MS = 15_000;

export interface DevIdpProcessOptions {
  port: number;
  /** The gateway callbacks the provider may send browsers back to. */
  redirectUris: string[];
  clientSecret: string;
  /** IDENTITY_BUS_HOME of the provider: where it keeps its signing and cookie keys. */
  home: string;
}

/**
 * The dev provider run the way a developer runs it, `node tools/dev-idp/main.mjs`, as a child
 * process configured by its environment variables. `start` resolves once discovery answers.
 */
export class DevIdpProcess {
  private readonly output: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {
    child.stdout?.on('data', (chunk) => this.output.push(String(chunk)));
    child.stderr?.on('data', (chunk) => this.output.push(String(chunk)));
  }

  static async start(options: DevIdpProcessOptions): Promise<DevIdpProcess> {
    const child = spawn(process.execPath, ['tools/dev-idp/main.mjs'], {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        DEV_IDP_PORT: String(options.port),
        DEV_IDP_GATEWAY_REDIRECT_URIS: options.redirectUris.join(','),
        DEV_IDP_GATEWAY_SECRET: options.clientSecret,
        IDENTITY_BUS_HOME: options.home,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const idp = new DevIdpProcess(child, `http://127.0.0.1:${options.port}`);
    try {
      await idp.discoveryAnswers();
    } catch (error) {
      await idp.stop();
      throw error;
    }
    return idp;
  }

  /** Ends the process with SIGTERM, as Ctrl-C would, and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }

  private async discoveryAnswers(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw this.failure(`exited (${this.child.exitCode})`);
      if (await this.discoveryNamesIssuer()) return;
      await sleep(100);
    }
    throw this.failure(`did not answer discovery within ${START_TIMEOUT_MS} ms`);
  }

  private async discoveryNamesIssuer(): Promise<boolean> {
    try {
      const response = await fetch(`${this.issuer}/.well-known/openid-configuration`);
      return response.ok && ((await response.json()) as { issuer?: string }).issuer === this.issuer;
    } catch {
      return false;
    }
  }

  private failure(what: string): Error {
    return new Error(`The dev provider ${what}. Its output:\n${this.output.join('')}`);
  }
}
