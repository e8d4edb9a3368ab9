#!/usr/bin/env node
import pino from 'pino';

import { accounts } from './accounts.mjs';
import { GATEWAY_CLIENT_ID, startDevIdp } from './dev-idp.mjs';

/**
 * `npm run dev-idp`: starts the development OpenID Connect provider until SIGINT or SIGTERM.
 * Settings come from the environment; see `startDevIdp` for the variables.
 */

const logger = pino({ name: 'dev-idp' });

const WARNING = `
###########################################################################
#                                                                         #
#   DEVELOPMENT OPENID CONNECT PROVIDER - NEVER USE IT FOR ANYTHING REAL  #
#                                                                         #
#   * Every demo account's password equals its username.                  #
#   * Its signing and cookie keys sit unencrypted on this disk.           #
#   * Sessions and grants live in memory and vanish on restart.           #
#   * It listens on plain http; bind it to a loopback address only.       #
#                                                                         #
###########################################################################
`;

async function main() {
  const idp = await startDevIdp();
  printBanner(idp);
  followProviderEvents(idp.provider);
  stopOnSignals(idp);
}

function printBanner({ issuer }) {
  const lines = accounts.map(({ username, claims }) => {
    const { sub, tenant_id: tenantId } = claims;
    const roles = claims.roles.join(', ');
    return `  ${username.padEnd(6)} sub ${sub.padEnd(12)} roles [${roles}] tenant ${tenantId}`;
  });

  console.warn(WARNING);
  console.log(`issuer     ${issuer}`);
  console.log(`discovery  ${issuer}/.well-known/openid-configuration`);
  console.log(`client     ${GATEWAY_CLIENT_ID}`);
  console.log(`accounts (password = username):\n${lines.join('\n')}\n`);
}

/** Reports failures by ids and messages only: tokens and cookies never reach the log. */
function followProviderEvents(provider) {
  provider.on('server_error', (ctx, err) => {
    logger.error({ path: ctx?.path, error: summary(err) }, 'provider request failed');
  });
  provider.on('dev-idp.interaction_error', (err) => {
    logger.error({ error: summary(err) }, 'interaction failed');
  });
  provider.on('backchannel.success', (ctx, client, accountId, sid) => {
    logger.info({ clientId: client.clientId, sub: accountId, sid }, 'back-channel logout sent');
  });
  provider.on('backchannel.error', (ctx, err, client, accountId, sid) => {
    const { clientId, backchannelLogoutUri } = client;
    const ids = { clientId, sub: accountId, sid, backchannelLogoutUri };
    logger.warn({ ...ids, error: summary(err) }, 'back-channel logout failed');
  });
}

function summary(err) {
  return { name: err?.name, code: err?.code, message: err?.message };
}

function stopOnSignals(idp) {
  const stop = (signal) => {
    logger.info({ signal }, 'stopping');
    idp.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ error: summary(err) }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  logger.fatal({ error: summary(err) }, 'dev provider failed to start');
  process.exitCode = 1;
});
