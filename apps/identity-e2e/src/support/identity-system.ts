import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

import { ServiceProcess } from './service-process';

/** Where each part of the system under test listens. */
export const PORTS = { gateway: 3200, authz: 3201, audit: 3202, idp: 4200 } as const;

export const urls = {
  gateway: `http://127.0.0.1:${PORTS.gateway}`,
  authz: `http://127.0.0.1:${PORTS.authz}`,
  audit: `http://127.0.0.1:${PORTS.audit}`,
  issuer: `http://127.0.0.1:${PORTS.idp}`,
};

const APP_MAIN = (project: string) => `dist/apps/${project}/apps/${project}/src/main.js`;

/**
 * The whole system, as deployed: the development provider and the three built apps, each its
 * own process, on the real broker. Every run gets fresh topics and consumer groups, so runs
 * never see each other's events.
 */
export class IdentitySystem {
  private readonly processes: ServiceProcess[] = [];
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'identity-e2e-'));
  readonly runId = randomBytes(4).toString('hex');

  async start(): Promise<void> {
    const idp = this.spawn('dev-idp', 'tools/dev-idp/main.mjs', {
      DEV_IDP_PORT: String(PORTS.idp),
      DEV_IDP_GATEWAY_REDIRECT_URIS: `${urls.gateway}/callback`,
      DEV_IDP_GATEWAY_POST_LOGOUT_URIS: `${urls.gateway}/`,
      DEV_IDP_GATEWAY_BACKCHANNEL_URI: `${urls.gateway}/backchannel-logout`,
    });
    await idp.waitFor(`${urls.issuer}/.well-known/openid-configuration`);

    const common = this.commonEnv();
    const apps = [
      this.spawn('auth-gateway', APP_MAIN('auth-gateway'), { ...common, ...this.gatewayEnv() }),
      this.spawn('authz', APP_MAIN('authz'), { ...common, ...this.authzEnv() }),
      this.spawn('audit', APP_MAIN('audit'), { ...common, ...this.auditEnv() }),
    ];
    const ports = [PORTS.gateway, PORTS.authz, PORTS.audit];
    await Promise.all(apps.map((app, i) => app.waitFor(`http://127.0.0.1:${ports[i]}/health`)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((service) => service.stop()));
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The last lines each process wrote, for a failing test's message. */
  logs(): string {
    return this.processes.map((service) => `--- ${service.name}\n${service.log()}`).join('\n');
  }

  /** Everything every process wrote, by process name. */
  outputs(): Record<string, string> {
    return Object.fromEntries(
      this.processes.map((service) => [service.name, service.fullOutput()]),
    );
  }

  private spawn(name: string, script: string, env: Record<string, string>): ServiceProcess {
    const service = ServiceProcess.start(name, script, env);
    this.processes.push(service);
    return service;
  }

  private commonEnv(): Record<string, string> {
    return {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      IDENTITY_EVENTS_TOPIC: `e2e-${this.runId}.identity.events`,
      IDENTITY_DLQ_TOPIC: `e2e-${this.runId}.identity.events.dlq`,
      IDENTITY_EVENTS_PARTITIONS: '3',
    };
  }

  private gatewayEnv(): Record<string, string> {
    return {
      GATEWAY_PORT: String(PORTS.gateway),
      GATEWAY_PUBLIC_URL: urls.gateway,
      OIDC_ISSUER: urls.issuer,
    };
  }

  private authzEnv(): Record<string, string> {
    return { AUTHZ_PORT: String(PORTS.authz), AUTHZ_GROUP_ID: `e2e-${this.runId}-authz` };
  }

  private auditEnv(): Record<string, string> {
    return {
      AUDIT_PORT: String(PORTS.audit),
      AUDIT_GROUP_ID: `e2e-${this.runId}-audit`,
      AUDIT_SQLITE_PATH: join(this.dataDir, 'audit.sqlite'),
    };
  }
}
