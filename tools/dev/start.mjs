#!/usr/bin/env node
/**
 * `npm start`: the whole system on this machine. Starts Kafka (unless KAFKA_BROKERS is set), the
 * development provider (unless OIDC_ISSUER is set), builds the three apps and runs them with
 * prefixed, readable logs. Ctrl-C stops everything this script started.
 */
import { ensureKafka } from './kafka-control.mjs';
import { run, startService, stopAll, waitForHttp } from './processes.mjs';

const APPS = [
  { name: 'gateway', project: 'auth-gateway', port: 3000 },
  { name: 'authz', project: 'authz', port: 3001 },
  { name: 'audit', project: 'audit', port: 3002 },
];

async function main() {
  const stopKafka = ensureKafka();
  const children = [];
  const shutdown = once(async () => {
    console.log('\nstopping...');
    await stopAll(children);
    stopKafka();
    process.exit(0);
  });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    if (!process.env.OIDC_ISSUER) children.push(await startDevIdp());
    await build();
    for (const [index, app] of APPS.entries()) children.push(startApp(app, index + 1));
    await Promise.all(APPS.map((app) => waitForHttp(`http://127.0.0.1:${app.port}/health`)));
    announce();
  } catch (error) {
    console.error(`start: ${error.message}`);
    await shutdown();
  }
}

async function startDevIdp() {
  const child = startService('dev-idp', process.execPath, ['tools/dev-idp/main.mjs']);
  await waitForHttp('http://127.0.0.1:4000/.well-known/openid-configuration');
  return child;
}

async function build() {
  const projects = APPS.map((app) => app.project).join(',');
  const code = await run('npx', ['nx', 'run-many', '-t', 'build', '-p', projects]);
  if (code !== 0) throw new Error('the build failed');
}

function startApp({ name, project }, index) {
  const main = `dist/apps/${project}/apps/${project}/src/main.js`;
  return startService(name, process.execPath, ['--enable-source-maps', main], { index });
}

function announce() {
  console.log(`
  identity-bus is up.
    gateway  http://127.0.0.1:3000   sign in as alice / alice (or bob / bob, carol / carol)
    authz    http://127.0.0.1:3001   GET /v1/users/alice_12345, POST /v1/decisions
    audit    http://127.0.0.1:3002   GET /v1/audit?userId=alice_12345
  Ctrl-C stops everything.
`);
}

function once(fn) {
  let promise;
  return () => (promise ??= fn());
}

main();
