import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

import { calculateJwkThumbprint } from 'jose';

import { DevIdpError, codes } from './errors.mjs';

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * Loads the provider's private signing keys (RS256 first, then ES256), creating them on the
 * first start. Keeping them on disk lets a gateway that cached the JWKS survive a restart of
 * the dev provider, and lets ID tokens issued before the restart still verify.
 *
 * @param {string} file
 * @returns {Promise<{ keys: object[] }>} a private JWKS for oidc-provider's `jwks`
 */
export async function loadSigningKeys(file) {
  return loadOrCreate(file, createSigningKeys, checkSigningKeys);
}

/**
 * Loads the keys that sign the provider's cookies, creating them on the first start, so that
 * a browser's session survives a restart of the dev provider.
 *
 * @param {string} file
 * @returns {Promise<string[]>} oidc-provider's `cookies.keys`
 */
export async function loadCookieKeys(file) {
  return loadOrCreate(file, createCookieKeys, checkCookieKeys);
}

async function loadOrCreate(file, create, check) {
  const existing = await readJson(file);
  if (existing !== undefined) {
    return check(existing, file);
  }

  await persistOnce(file, await create());

  // Another process may have won the race to create the file; what is on disk is the truth.
  return check(await readJson(file), file);
}

async function readJson(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') {
      return undefined;
    }
    throw err;
  }

  try {
    return JSON.parse(text);
  } catch (cause) {
    throw unusable(file, 'is not valid JSON', cause);
  }
}

/**
 * Writes the file whole or not at all, and never replaces one that exists: two dev providers
 * started at once (parallel test workers) must end up sharing one set of keys. `link` fails
 * when the target exists, which `rename` would not.
 */
async function persistOnce(file, value) {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });

  const staging = `${file}.${randomUUID()}.tmp`;
  await writeFile(staging, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(staging, file);
  } catch (err) {
    if (err.code !== 'EEXIST') {
      throw err;
    }
  } finally {
    await unlink(staging);
  }
}

async function createSigningKeys() {
  const rsa = await createPrivateJwk('rsa', { modulusLength: 2048 }, 'RS256');
  const ec = await createPrivateJwk('ec', { namedCurve: 'P-256' }, 'ES256');
  return { keys: [rsa, ec] };
}

async function createPrivateJwk(type, parameters, alg) {
  const { privateKey } = await generateKeyPairAsync(type, parameters);
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg, use: 'sig' };
}

function createCookieKeys() {
  return [randomBytes(32).toString('base64url')];
}

function checkSigningKeys(jwks, file) {
  const keys = Array.isArray(jwks?.keys) ? jwks.keys : [];
  const hasRs256 = keys.some((jwk) => jwk?.kty === 'RSA' && jwk.alg === 'RS256' && jwk.d);
  if (!hasRs256) {
    throw unusable(file, 'holds no private RS256 signing key');
  }
  return jwks;
}

function checkCookieKeys(keys, file) {
  const usable = Array.isArray(keys) && keys.length > 0;
  if (!usable || !keys.every((key) => typeof key === 'string' && key.length >= 32)) {
    throw unusable(file, 'is not a list of cookie signing keys of 32 or more characters');
  }
  return keys;
}

function unusable(file, problem, cause) {
  return new DevIdpError(
    codes.KEYS_FILE_INVALID,
    `The keys file (${file}) ${problem}; delete it and the next start creates a new one.`,
    { cause },
  );
}
