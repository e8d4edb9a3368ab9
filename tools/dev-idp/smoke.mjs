#!/usr/bin/env node
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createRemoteJWKSet, jwtVerify } from 'jose';

import { GATEWAY_CLIENT_ID, startDevIdp } from './dev-idp.mjs';

/**
 * `node tools/dev-idp/smoke.mjs`: proves the dev provider end to end over real HTTP, the way
 * the gateway will use it. It starts its own provider on a free port, with keys in a
 * throwaway directory, and exits non-zero on the first failed check.
 *
 * The checks, in order:
 *   1. discovery names the issuer, S256 PKCE, the end-session endpoint and back-channel logout
 *   2. Alice's authorization code flow with PKCE yields an ID token with her roles and claims
 *      (client_secret_basic), and Bob's does too with the secret in the body (client_secret_post)
 *   3. a wrong password re-renders the login page with a 401 and an escaped message
 *   4. an authorization request without code_challenge is refused
 *   5. RP-initiated logout sends the gateway a verifiable Back-Channel Logout token
 *   6. a restarted provider reuses the signing keys it created
 */

const SECRET = 'smoke-gateway-secret';
const REDIRECT_URI = 'http://127.0.0.1:3000/callback';
const POST_LOGOUT_REDIRECT_URI = 'http://127.0.0.1:3000/';
const MAX_REDIRECTS = 10;

async function main() {
  const home = await mkdtemp(join(tmpdir(), 'dev-idp-smoke-'));
  const receiver = await startBackchannelReceiver();
  const options = {
    port: 0,
    keysFile: join(home, 'jwks.json'),
    gatewaySecret: SECRET,
    gatewayRedirectUris: [REDIRECT_URI],
    gatewayPostLogoutRedirectUris: [POST_LOGOUT_REDIRECT_URI],
    gatewayBackchannelLogoutUri: receiver.uri,
  };

  const idp = await startDevIdp(options);
  const { issuer } = idp;
  try {
    const discovery = await step('discovery', () => checkDiscovery(issuer));
    const alice = await step('alice', () => checkAliceSignsIn(issuer, discovery));
    await step('bob', () => checkBobSignsInWithSecretPost(issuer, discovery));
    await step('wrong password', () => checkWrongPassword(issuer));
    await step('pkce', () => checkPkceRequired(issuer));
    await step('logout', () => checkLogout(issuer, discovery, { ...alice, receiver }));
    await step('keys', () => checkKeysPersist(issuer, options));
  } finally {
    await idp.close();
    await receiver.close();
    await rm(home, { recursive: true, force: true });
  }
}

/** Names the failed check in the error, so the one line printed says where it broke. */
async function step(name, check) {
  try {
    return await check();
  } catch (err) {
    throw new Error(`${name}: ${err.message}`, { cause: err });
  }
}

async function checkDiscovery(issuer) {
  const discovery = await getJson(`${issuer}/.well-known/openid-configuration`);

  assert.equal(discovery.issuer, issuer);
  assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
  assert.equal(discovery.end_session_endpoint, `${issuer}/session/end`);
  assert.equal(discovery.backchannel_logout_supported, true);
  assert.equal(discovery.backchannel_logout_session_supported, true);
  for (const scope of ['openid', 'profile', 'email', 'roles', 'tenant']) {
    assert.ok(discovery.scopes_supported.includes(scope), `scopes_supported lacks ${scope}`);
  }
  return discovery;
}

async function checkAliceSignsIn(issuer, discovery) {
  const { request, tokens, jar } = await signIn(issuer, discovery, 'alice', 'client_secret_basic');

  const { payload } = await verifyIdToken(discovery, tokens.id_token);
  assert.equal(payload.sub, 'alice_12345');
  assert.equal(payload.nonce, request.nonce);
  assert.equal(payload.email, 'alice@example.com');
  assert.equal(payload.preferred_username, 'alice@example.com');
  assert.deepEqual(payload.roles, ['user', 'editor']);
  assert.equal(payload.tenant_id, 'abc-789');
  assert.equal(payload.department, 'engineering');
  assert.equal(typeof payload.sid, 'string');
  return { idToken: tokens.id_token, jar };
}

async function checkBobSignsInWithSecretPost(issuer, discovery) {
  const { tokens } = await signIn(issuer, discovery, 'bob', 'client_secret_post');

  const { payload } = await verifyIdToken(discovery, tokens.id_token);
  assert.equal(payload.sub, 'bob_67890');
  assert.deepEqual(payload.roles, ['user']);
  assert.equal(payload.tenant_id, 'xyz-000');
}

async function signIn(issuer, discovery, username, authMethod) {
  const jar = new CookieJar();
  const request = newAuthorizationRequest();
  const loginPage = await followRedirects(authorizationUrl(issuer, request), jar);
  assert.equal(loginPage.status, 200, 'the authorization request should show the login page');

  const callback = await submitLogin(issuer, loginPage, jar, username, username);
  assert.equal(callback.searchParams.get('state'), request.state);
  assert.equal(callback.searchParams.get('iss'), issuer);

  const code = callback.searchParams.get('code');
  const tokens = await redeemCode(discovery, code, request, authMethod);
  return { request, tokens, jar };
}

async function checkWrongPassword(issuer) {
  const jar = new CookieJar();
  const loginPage = await followRedirects(authorizationUrl(issuer, newAuthorizationRequest()), jar);

  const response = await postLogin(issuer, loginPage, jar, '<b>bob</b>', 'wrong');
  const html = await response.text();
  assert.equal(response.status, 401);
  assert.match(html, /Invalid username or password\./);
  assert.match(html, /value="&lt;b&gt;bob&lt;\/b&gt;"/, 'the username should come back escaped');
  assert.doesNotMatch(html, /<b>bob<\/b>/);
}

async function checkPkceRequired(issuer) {
  const url = authorizationUrl(issuer, newAuthorizationRequest());
  url.searchParams.delete('code_challenge');
  url.searchParams.delete('code_challenge_method');

  const response = await fetch(url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location'));
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  assert.equal(location.searchParams.get('error'), 'invalid_request');
  assert.match(location.searchParams.get('error_description'), /PKCE/);
}

async function checkLogout(issuer, discovery, { idToken, jar, receiver }) {
  const url = new URL(discovery.end_session_endpoint);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', POST_LOGOUT_REDIRECT_URI);
  const page = await followRedirects(url, jar);
  assert.equal(page.status, 200, 'end_session should ask to confirm the logout');

  const form = readLogoutForm(await page.text());
  const body = new URLSearchParams({ xsrf: form.xsrf, logout: 'yes' });
  const done = await send(new URL(form.action, issuer), jar, { method: 'POST', body });
  assert.equal(done.headers.get('location'), POST_LOGOUT_REDIRECT_URI);

  const logoutToken = receiver.received.get('logout_token');
  const { payload } = await verifyIdToken(discovery, logoutToken);
  const { payload: idClaims } = await verifyIdToken(discovery, idToken);
  assert.equal(payload.sub, 'alice_12345');
  assert.equal(payload.sid, idClaims.sid);
  assert.ok('http://schemas.openid.net/event/backchannel-logout' in payload.events);
}

async function checkKeysPersist(issuer, options) {
  const before = await getJson(`${issuer}/jwks`);
  const again = await startDevIdp(options);
  try {
    const after = await getJson(`${again.issuer}/jwks`);
    assert.deepEqual(
      after.keys.map((key) => key.kid),
      before.keys.map((key) => key.kid),
    );
    assert.deepEqual(
      before.keys.map((key) => key.alg),
      ['RS256', 'ES256'],
    );
    assert.ok(
      before.keys.every((key) => !('d' in key)),
      'the JWKS must hold public keys only',
    );
  } finally {
    await again.close();
  }
}

function newAuthorizationRequest() {
  const codeVerifier = randomBytes(32).toString('base64url');
  return {
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
  };
}

function authorizationUrl(issuer, { codeChallenge, state, nonce }) {
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: GATEWAY_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email roles tenant',
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url;
}

/** Posts the credentials, then follows the provider until it sends the browser back. */
async function submitLogin(issuer, loginPage, jar, username, password) {
  const response = await postLogin(issuer, loginPage, jar, username, password);
  assert.equal(response.status, 303, 'a correct password should resume the authorization');

  const last = await followRedirects(new URL(response.headers.get('location'), issuer), jar);
  const callback = new URL(last.headers.get('location'));
  assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
  return callback;
}

async function postLogin(issuer, loginPage, jar, username, password) {
  const html = await loginPage.text();
  const [, action] = /<form method="post" action="([^"]+)"/.exec(html) ?? [];
  assert.ok(action, 'the login page should hold a form');
  assert.match(html, /<input id="username" name="username"/);
  assert.match(html, /<input id="password" name="password" type="password"/);
  assert.match(html, /<button [^>]*type="submit"/);

  const body = new URLSearchParams({ username, password });
  return send(new URL(action, issuer), jar, { method: 'POST', body });
}

/** Exchanges the code as the gateway, sending its secret by the given method. */
async function redeemCode(discovery, code, { codeVerifier }, authMethod) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: codeVerifier,
  });
  const headers = {};
  if (authMethod === 'client_secret_basic') {
    const credentials = `${encodeURIComponent(GATEWAY_CLIENT_ID)}:${encodeURIComponent(SECRET)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  } else {
    body.set('client_id', GATEWAY_CLIENT_ID);
    body.set('client_secret', SECRET);
  }

  const response = await fetch(discovery.token_endpoint, { method: 'POST', headers, body });
  const tokens = await response.json();
  assert.equal(response.status, 200, `the token endpoint refused the code: ${tokens.error}`);
  return tokens;
}

async function verifyIdToken(discovery, jwt) {
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  return jwtVerify(jwt, jwks, {
    issuer: discovery.issuer,
    audience: GATEWAY_CLIENT_ID,
    algorithms: ['RS256'],
  });
}

function readLogoutForm(html) {
  const [, action] = /<form [^>]*action="([^"]+)"/.exec(html) ?? [];
  const [, xsrf] = /name="xsrf" value="([^"]+)"/.exec(html) ?? [];
  assert.ok(action && xsrf, 'the logout page should hold the provider form');
  return { action, xsrf };
}

/** Follows redirects by hand, so the jar sees every Set-Cookie on the way. */
async function followRedirects(url, jar) {
  let response = await send(url, jar);
  for (let hop = 0; isRedirect(response); hop += 1) {
    assert.ok(hop < MAX_REDIRECTS, 'too many redirects');
    const next = new URL(response.headers.get('location'), url);
    if (!next.href.startsWith(new URL(url).origin)) {
      return response; // it leaves the provider: the caller reads the location
    }
    response = await send(next, jar);
  }
  return response;
}

function isRedirect({ status }) {
  return status >= 300 && status < 400;
}

async function send(url, jar, init = {}) {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { cookie: jar.header() },
  });
  jar.store(response);
  return response;
}

async function getJson(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url} answered ${response.status}`);
  return response.json();
}

/** A browser's cookie jar for a single host: enough for the provider's few cookies. */
class CookieJar {
  #cookies = new Map();

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((attribute) => /expires=Thu, 01 Jan 1970/i.test(attribute));
      if (expired || value === '') {
        this.#cookies.delete(name);
      } else {
        this.#cookies.set(name, value);
      }
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Plays the gateway's back-channel logout endpoint, and keeps the last form it received. */
async function startBackchannelReceiver() {
  const receiver = { received: new URLSearchParams() };
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    receiver.received = new URLSearchParams(body);
    res.writeHead(200).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  receiver.uri = `http://127.0.0.1:${server.address().port}/backchannel-logout`;
  receiver.close = () => new Promise((resolve) => server.close(resolve));
  return receiver;
}

main().then(
  () => console.log('dev-idp smoke: ok'),
  (err) => {
    console.error(`dev-idp smoke: FAILED: ${err.message}`);
    process.exitCode = 1;
  },
);
