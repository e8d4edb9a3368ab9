import { createServer } from 'node:http';
import { once } from 'node:events';

import Provider from 'oidc-provider';

import { GATEWAY_CLIENT_ID, providerConfiguration } from './configuration.mjs';
import { DevIdpError, codes } from './errors.mjs';
import { createInteractionRoutes } from './interactions.mjs';
import { loadCookieKeys, loadSigningKeys } from './keys.mjs';
import { bracketed, resolveSettings } from './options.mjs';

export { GATEWAY_CLIENT_ID } from './configuration.mjs';

/**
 * A running dev provider.
 *
 * @typedef {object} DevIdp
 * @property {string} issuer `http://<host>:<port>`, with the port actually bound
 * @property {number} port
 * @property {import('oidc-provider').default} provider the oidc-provider instance, whose events
 *   (`server_error`, `backchannel.success`, `backchannel.error`, `dev-idp.interaction_error`)
 *   a caller may follow
 * @property {(sub: string, sid: string) => Promise<void>} backchannelLogout sends the gateway a
 *   Back-Channel Logout token for `sub` and `sid`, as if the provider had ended that session;
 *   the provider's own session is left as it is
 * @property {() => Promise<void>} close stops the server and drops open connections
 */

/**
 * Starts a development OpenID Connect provider with the demo accounts and one client, the
 * gateway. Signing and cookie keys are created on the first start and kept on disk.
 *
 * @param {object} [options] each falls back to its environment variable, then to a default
 * @param {number} [options.port] `DEV_IDP_PORT`, else 4000; 0 takes any free port
 * @param {string} [options.host] 127.0.0.1
 * @param {string} [options.keysFile] `$IDENTITY_BUS_HOME/dev-idp/jwks.json`
 * @param {string[]} [options.gatewayRedirectUris] `DEV_IDP_GATEWAY_REDIRECT_URIS`
 * @param {string[]} [options.gatewayPostLogoutRedirectUris] `DEV_IDP_GATEWAY_POST_LOGOUT_URIS`
 * @param {string} [options.gatewayBackchannelLogoutUri] `DEV_IDP_GATEWAY_BACKCHANNEL_URI`
 * @param {string} [options.gatewaySecret] `DEV_IDP_GATEWAY_SECRET`
 * @returns {Promise<DevIdp>}
 */
export async function startDevIdp(options = {}) {
  const settings = resolveSettings(options, process.env);
  const [jwks, cookieKeys] = await Promise.all([
    loadSigningKeys(settings.keysFile),
    loadCookieKeys(settings.cookieKeysFile),
  ]);

  const { server, serve } = createLateBoundServer();
  const port = await listen(server, settings);
  const issuer = `http://${bracketed(settings.host)}:${port}`;

  const provider = createProvider(issuer, settings, { jwks, cookieKeys });
  serve(createRequestHandler(provider));

  return Object.freeze({
    issuer,
    port,
    provider,
    backchannelLogout: (sub, sid) => sendBackchannelLogout(provider, sub, sid),
    close: closeOnce(server),
  });
}

function createProvider(issuer, settings, keys) {
  const provider = new Provider(issuer, providerConfiguration(settings, keys));
  // Nothing sits in front of the dev provider, so no X-Forwarded-* header is to be believed.
  provider.proxy = false;
  return provider;
}

/** Interaction pages are ours; everything else is oidc-provider's. */
function createRequestHandler(provider) {
  const serveInteraction = createInteractionRoutes(provider, {
    firstPartyClientIds: new Set([GATEWAY_CLIENT_ID]),
  });
  const serveProtocol = provider.callback();

  return async (req, res) => {
    if (!(await serveInteraction(req, res))) {
      serveProtocol(req, res);
    }
  };
}

/**
 * The issuer names the port, and with port 0 the port is known only once bound, so the
 * server listens before the provider exists. Until then it answers 503 rather than hang.
 */
function createLateBoundServer() {
  let handler = (req, res) => {
    res.writeHead(503, { 'retry-after': '1' }).end();
  };
  const server = createServer((req, res) => handler(req, res));
  return { server, serve: (next) => (handler = next) };
}

async function listen(server, { port, host }) {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (cause) {
    if (cause.code !== 'EADDRINUSE') {
      throw cause;
    }
    throw new DevIdpError(
      codes.PORT_IN_USE,
      `The port (${port}) on ${host} is in use; set DEV_IDP_PORT to a free port, or 0 for any.`,
      { cause },
    );
  }
  return server.address().port;
}

/** Open keep-alive connections would hold `close` up, so they are dropped. */
function closeOnce(server) {
  let closing;
  return () => {
    closing ??= new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
}

async function sendBackchannelLogout(provider, sub, sid) {
  const client = await provider.Client.find(GATEWAY_CLIENT_ID);
  if (!client) {
    throw new DevIdpError(codes.CLIENT_NOT_FOUND, `The client (${GATEWAY_CLIENT_ID}) is missing.`);
  }
  await client.backchannelLogout(sub, sid);
}
