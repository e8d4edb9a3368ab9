import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

import { DevIdpError, codes } from './errors.mjs';

/**
 * The settings of one dev provider, read once from the options and the environment,
 * checked, and frozen. A malformed setting stops the start with a sentence naming it.
 *
 * @typedef {object} DevIdpSettings
 * @property {number} port
 * @property {string} host
 * @property {string} keysFile
 * @property {string} cookieKeysFile
 * @property {readonly string[]} gatewayRedirectUris
 * @property {readonly string[]} gatewayPostLogoutRedirectUris
 * @property {string} gatewayBackchannelLogoutUri
 * @property {string} gatewaySecret
 */

const DEFAULTS = Object.freeze({
  port: 4000,
  host: '127.0.0.1',
  gatewayRedirectUris: ['http://127.0.0.1:3000/callback', 'http://localhost:3000/callback'],
  gatewayPostLogoutRedirectUris: ['http://127.0.0.1:3000/', 'http://localhost:3000/'],
  gatewayBackchannelLogoutUri: 'http://127.0.0.1:3000/backchannel-logout',
  gatewaySecret: 'dev-gateway-secret',
});

/** Each option, the environment variable that stands in for it, and how it is checked. */
const OPTIONS = Object.freeze({
  port: { env: 'DEV_IDP_PORT', parse: parsePort },
  host: { parse: parseHost },
  keysFile: { parse: parseFile },
  gatewayRedirectUris: { env: 'DEV_IDP_GATEWAY_REDIRECT_URIS', parse: parseUrlList },
  gatewayPostLogoutRedirectUris: { env: 'DEV_IDP_GATEWAY_POST_LOGOUT_URIS', parse: parseUrlList },
  gatewayBackchannelLogoutUri: { env: 'DEV_IDP_GATEWAY_BACKCHANNEL_URI', parse: parseUrl },
  gatewaySecret: { env: 'DEV_IDP_GATEWAY_SECRET', parse: parseSecret },
});

/**
 * @param {Record<string, unknown>} options what the caller passed to `startDevIdp`
 * @param {NodeJS.ProcessEnv} env
 * @returns {Readonly<DevIdpSettings>}
 */
export function resolveSettings(options, env) {
  rejectUnknownOptions(options);

  const settings = {};
  for (const [name, { env: variable, parse }] of Object.entries(OPTIONS)) {
    const [source, value] = pickSource(name, variable, options, env);
    settings[name] = parse(value, source);
  }

  settings.keysFile ??= defaultKeysFile(env);
  settings.cookieKeysFile = join(dirname(settings.keysFile), 'cookie-keys.json');
  return Object.freeze(settings);
}

function rejectUnknownOptions(options) {
  for (const name of Object.keys(options)) {
    if (!Object.hasOwn(OPTIONS, name)) {
      const known = Object.keys(OPTIONS).join(', ');
      throw new DevIdpError(
        codes.OPTION_UNKNOWN,
        `startDevIdp option (${name}) is unknown; the known options are ${known}.`,
      );
    }
  }
}

/** An explicit option wins over the environment, which wins over the default. */
function pickSource(name, variable, options, env) {
  if (options[name] !== undefined) {
    return [`option ${name}`, options[name]];
  }
  if (variable && env[variable] !== undefined && env[variable] !== '') {
    return [`environment variable ${variable}`, env[variable]];
  }
  return [`default ${name}`, DEFAULTS[name]];
}

function defaultKeysFile(env) {
  const home = env.IDENTITY_BUS_HOME || join(homedir(), '.cache', 'identity-bus');
  return join(home, 'dev-idp', 'jwks.json');
}

function invalid(source, expected, value) {
  return new DevIdpError(
    codes.OPTION_INVALID,
    `The ${source} (${JSON.stringify(value)}) is invalid; expected ${expected}.`,
  );
}

function parsePort(value, source) {
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalid(source, 'an integer from 0 (any free port) to 65535', value);
  }
  return port;
}

function parseHost(value, source) {
  if (typeof value !== 'string' || !URL.canParse(`http://${bracketed(value)}`)) {
    throw invalid(source, 'a host name or an IP address such as 127.0.0.1', value);
  }
  return value;
}

function parseFile(value, source) {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !isAbsolute(value)) {
    throw invalid(source, 'an absolute file path', value);
  }
  return value;
}

function parseUrl(value, source) {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.hash) {
    throw invalid(source, 'an http or https URL without a fragment', value);
  }
  return value;
}

function parseUrlList(value, source) {
  const list = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw invalid(source, 'a non-empty list of URLs (comma-separated in the environment)', value);
  }
  return Object.freeze(list.map((item) => parseUrl(item, source)));
}

function parseSecret(value, source) {
  if (typeof value !== 'string' || value.length === 0) {
    // The value itself is a secret, so the message leaves it out.
    throw new DevIdpError(codes.OPTION_INVALID, `The ${source} must be a non-empty string.`);
  }
  return value;
}

/** IPv6 literals need brackets inside a URL. */
export function bracketed(host) {
  return host.includes(':') ? `[${host}]` : host;
}
