/**
 * The gateway as people meet it: started in-process against the real dev provider (its own
 * process, on its own port) and the real Kafka broker, with a fresh events topic per gateway
 * and a fresh consumer group per read. A browser is played with fetch and a cookie jar; it
 * fills the provider's login form as a person would. Nothing here is mocked.
 *
 * Each describe block runs its own gateway, and only while its tests run: the OIDC strategy
 * registers itself in passport's process-wide registry under one name, so of two gateways
 * alive in one process, both would sign in with the strategy of the last one started.
 */
import 'reflect-metadata';

import { INestApplication } from '@nestjs/common';
import { createLogger, EnvReader } from '@identity-bus/service-kit';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DevIdpProcess } from '../testing/dev-idp.process';
import { textById } from '../testing/html-text';
import { KafkaProbe } from '../testing/kafka-probe';
import { redirectTarget, TestBrowser } from '../testing/test-browser';
import { createGatewayApp } from './create-gateway-app';
import { readGatewayConfig } from './gateway.config';
import { LOGIN_COOKIE } from './oidc/login-state.store';
import { SESSION_COOKIE } from './session/session.service';

const IDP_PORT = 4100;
const ISSUER = `http://127.0.0.1:${IDP_PORT}`;
const ACKNOWLEDGED_PORT = 3100;
const UNACKNOWLEDGED_PORT = 3101;
const REFUSED_PORT = 3102;
const PUBLISH_TIMEOUT_MS = 1500;
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const SESSION_SECRET = randomBytes(32).toString('base64url');
/** A gateway's shutdown may wait for a timed-out send to use up its (bounded) retries. */
const GATEWAY_HOOK_TIMEOUT_MS = 30_000;

jest.setTimeout(20_000);

interface RunningGateway {
  url: string;
  topic: string;
  app: INestApplication;
}

let idp: DevIdpProcess;
let idpHome: string;
let kafka: KafkaProbe;

beforeAll(async () => {
  idpHome = await mkdtemp(join(tmpdir(), 'auth-gateway-spec-'));
  kafka = await new KafkaProbe().connect();
  idp = await DevIdpProcess.start({
    port: IDP_PORT,
    redirectUris: [ACKNOWLEDGED_PORT, UNACKNOWLEDGED_PORT, REFUSED_PORT].map(callbackOf),
    clientSecret: CLIENT_SECRET,
    home: idpHome,
  });
}, 30_000);

afterAll(async () => {
  await idp?.stop();
  await kafka?.close();
  await rm(idpHome, { recursive: true, force: true });
});

describe('the gateway, when Kafka acknowledges', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(ACKNOWLEDGED_PORT, kafka.freshTopic('events'));
  }, GATEWAY_HOOK_TIMEOUT_MS);

  afterAll(() => gateway?.app.close(), GATEWAY_HOOK_TIMEOUT_MS);

  it('sends /login to the provider with state, nonce and an S256 code challenge', async () => {
    const browser = new TestBrowser();

    const response = await browser.get(`${gateway.url}/login`);
    const authorization = new URL(response.headers.get('location') ?? '');

    expect(response.status).toBe(302);
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${ISSUER}/auth`);
    expect(Object.fromEntries(authorization.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'identity-bus-gateway',
      redirect_uri: callbackOf(ACKNOWLEDGED_PORT),
      scope: 'openid profile email roles tenant',
      state: expect.stringMatching(/^[\w-]{32}$/),
      nonce: expect.stringMatching(/^[\w+/]{20}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(setCookie(response, LOGIN_COOKIE)).toMatch(/; HttpOnly; SameSite=Lax$/);
  });

  it('gives every sign-in its own state, nonce and code challenge', async () => {
    const first = await startSignIn(new TestBrowser(), gateway);
    const second = await startSignIn(new TestBrowser(), gateway);

    for (const parameter of ['state', 'nonce', 'code_challenge']) {
      expect(first.searchParams.get(parameter)).not.toBe(second.searchParams.get(parameter));
    }
  });

  it('signs Alice in, publishes her login once, and shows her the event it published', async () => {
    const browser = new TestBrowser();
    const callback = await signIn(browser, gateway, 'alice');

    const landing = await browser.get(callback);
    const home = await (await browser.get(`${gateway.url}/`)).text();
    const shown = JSON.parse(textById(home, 'published-event') ?? 'null');
    const published = (await kafka.readAll(gateway.topic)).filter(
      (message) => message.key === 'alice_12345',
    );

    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe('/');
    expect(setCookie(landing, SESSION_COOKIE)).toMatch(/; Path=\/; .*HttpOnly; SameSite=Lax$/);
    expect(browser.cookies.has(LOGIN_COOKIE)).toBe(false);
    expect(textById(home, 'user-id')).toBe('alice_12345');
    expect(textById(home, 'username')).toBe('alice@example.com');
    expect(shown).toMatchObject({
      eventType: 'userLoggedIn',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      userId: 'alice_12345',
      username: 'alice@example.com',
      roles: ['user', 'editor'],
      claims: { tenant_id: 'abc-789', department: 'engineering' },
      oidcProvider: `127.0.0.1:${IDP_PORT}`,
    });
    expect(published).toHaveLength(1);
    expect(JSON.parse(published[0].value ?? 'null')).toEqual(shown);
    expect(published[0].headers).toEqual({
      'identity-event-id': shown.eventId,
      'identity-event-type': 'userLoggedIn',
      'identity-schema-version': '1',
      'content-type': 'application/json',
    });
  });

  it('serves its pages with a strict content security policy that forbids framing', async () => {
    const response = await new TestBrowser().get(`${gateway.url}/`);

    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a replayed callback (same code and state) and sets no session', async () => {
    const browser = new TestBrowser();
    const callback = await signIn(browser, gateway, 'carol');
    expect((await browser.get(callback)).status).toBe(303);
    const messagesBefore = await kafka.messageCount(gateway.topic);

    const replay = await browser.get(callback);

    expect(replay.status).toBe(400);
    expect(errorShownBy(await replay.text())).toEqual({
      code: 'GATEWAY_ERR_STATE_INVALID',
      message:
        'The login could not be matched to a sign-in this browser started ' +
        '(no sign-in is pending in this browser).',
    });
    expect(setCookie(replay, SESSION_COOKIE)).toBeUndefined();
    expect(await kafka.messageCount(gateway.topic)).toBe(messagesBefore);
  });

  it('refuses a replayed callback even with the login cookie it was issued to', async () => {
    const browser = new TestBrowser();
    const callback = await signIn(browser, gateway, 'carol');
    const stolenCookies = browser.cookies.header(callback);
    expect((await browser.get(callback)).status).toBe(303);
    const messagesBefore = await kafka.messageCount(gateway.topic);

    const replay = await fetch(callback, {
      headers: { cookie: stolenCookies, accept: 'application/json' },
      redirect: 'manual',
    });

    expect(replay.status).toBe(502);
    expect(await replay.json()).toEqual({
      code: 'GATEWAY_ERR_TOKEN_EXCHANGE_FAILED',
      message: 'The authorization code could not be exchanged for tokens.',
    });
    expect(setCookie(replay, SESSION_COOKIE)).toBeUndefined();
    expect(await kafka.messageCount(gateway.topic)).toBe(messagesBefore);
  });

  it("refuses a callback whose state is not the one of this browser's sign-in", async () => {
    const victim = new TestBrowser();
    await startSignIn(victim, gateway);
    const attackersCallback = await signIn(new TestBrowser(), gateway, 'bob');
    const messagesBefore = await kafka.messageCount(gateway.topic);

    const response = await victim.get(attackersCallback);

    expect(response.status).toBe(400);
    expect(errorShownBy(await response.text())).toEqual({
      code: 'GATEWAY_ERR_STATE_INVALID',
      message: 'The login could not be matched to a sign-in this browser started (state mismatch).',
    });
    expect(setCookie(response, SESSION_COOKIE)).toBeUndefined();
    expect(await isSignedIn(victim, gateway)).toBe(false);
    expect(await kafka.messageCount(gateway.topic)).toBe(messagesBefore);
  });

  it('refuses a callback in a browser that started no sign-in', async () => {
    const attackersCallback = await signIn(new TestBrowser(), gateway, 'bob');
    const victim = new TestBrowser();
    const messagesBefore = await kafka.messageCount(gateway.topic);

    const response = await victim.get(attackersCallback);

    expect(response.status).toBe(400);
    expect(errorShownBy(await response.text())).toEqual({
      code: 'GATEWAY_ERR_STATE_INVALID',
      message:
        'The login could not be matched to a sign-in this browser started ' +
        '(no sign-in is pending in this browser).',
    });
    expect(setCookie(response, SESSION_COOKIE)).toBeUndefined();
    expect(await isSignedIn(victim, gateway)).toBe(false);
    expect(await kafka.messageCount(gateway.topic)).toBe(messagesBefore);
  });

  it('tells the person the provider refused, when they cancel at the provider', async () => {
    const browser = new TestBrowser();
    const loginPage = await browser.open(await startSignIn(browser, gateway));

    const cancelled = await browser.clickLink(loginPage, 'Cancel and return to the application');
    const response = await browser.get(redirectTarget(await browser.followRedirects(cancelled)));

    expect(response.status).toBe(401);
    expect(errorShownBy(await response.text())).toEqual({
      code: 'GATEWAY_ERR_PROVIDER_REFUSED',
      message: 'The provider refused the sign-in (End-User cancelled the sign-in).',
    });
    expect(browser.cookies.has(LOGIN_COOKIE)).toBe(false);
  });

  it("refuses an error response that does not carry this browser's state", async () => {
    const forged = new URL(`${gateway.url}/callback`);
    forged.search = new URLSearchParams({
      error: 'access_denied',
      error_description: 'Your account is locked: call +1 555 0100 to unlock it',
      state: 'chosen-by-the-attacker',
    }).toString();

    const response = await new TestBrowser().get(forged);
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(errorShownBy(html)).toEqual({
      code: 'GATEWAY_ERR_STATE_INVALID',
      message:
        'The login could not be matched to a sign-in this browser started ' +
        '(no sign-in is pending in this browser).',
    });
    expect(html).not.toContain('555 0100');
  });
});

/**
 * A real broker fault, no spy: the events topic is deleted under the running gateway, as an
 * operator might delete it. The broker answers every write with UNKNOWN_TOPIC_OR_PARTITION and
 * creates no topic (the gateway's producer does not ask it to); kafkajs retries that, so no
 * acknowledgement comes before the gateway gives up.
 *
 * (The obvious fault, min.insync.replicas=2 on this one-broker cluster, is not one: Kafka caps
 * the minimum ISR at the replication factor, and acknowledges acks=all writes to such a topic.)
 */
describe('the gateway, when Kafka does not acknowledge the login event', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(UNACKNOWLEDGED_PORT, kafka.freshTopic('events-deleted'), {
      GATEWAY_PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
    });
    await kafka.deleteTopic(gateway.topic);
  }, GATEWAY_HOOK_TIMEOUT_MS);

  afterAll(() => gateway?.app.close(), GATEWAY_HOOK_TIMEOUT_MS);

  const TIMED_OUT = {
    code: 'GATEWAY_ERR_PUBLISH_TIMEOUT',
    message:
      `Kafka did not acknowledge the login event within ${PUBLISH_TIMEOUT_MS} ms; ` +
      'no session was created.',
  };

  it('answers the callback with 503 and a page naming the failure, and no session', async () => {
    const browser = new TestBrowser();
    const callback = await signIn(browser, gateway, 'bob');

    const response = await browser.get(callback);

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(errorShownBy(await response.text())).toEqual(TIMED_OUT);
    expect(setCookie(response, SESSION_COOKIE)).toBeUndefined();
    expect(await isSignedIn(browser, gateway)).toBe(false);
  });

  it('answers a JSON client with the code and the message', async () => {
    const browser = new TestBrowser();
    const callback = await signIn(browser, gateway, 'bob');

    const response = await browser.get(callback, { accept: 'application/json' });

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual(TIMED_OUT);
    expect(setCookie(response, SESSION_COOKIE)).toBeUndefined();
  });
});

/**
 * A real broker refusal: the events topic takes no record over 100 bytes (max.message.bytes),
 * so the broker answers the login event with MESSAGE_TOO_LARGE, which is not worth retrying.
 */
describe('the gateway, when Kafka refuses the login event', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const topic = kafka.freshTopic('events-refusing');
    await kafka.createTopic(topic, { 'max.message.bytes': '100' });
    gateway = await startGateway(REFUSED_PORT, topic);
  }, GATEWAY_HOOK_TIMEOUT_MS);

  afterAll(() => gateway?.app.close(), GATEWAY_HOOK_TIMEOUT_MS);

  it('answers the callback with 503 at once, and publishes nothing and no session', async () => {
    const browser = new TestBrowser();
    const callback = await signIn(browser, gateway, 'bob');

    const response = await browser.get(callback);

    expect(response.status).toBe(503);
    expect(errorShownBy(await response.text())).toEqual({
      code: 'GATEWAY_ERR_PUBLISH_FAILED',
      message: 'Kafka refused the login event; no session was created.',
    });
    expect(setCookie(response, SESSION_COOKIE)).toBeUndefined();
    expect(await isSignedIn(browser, gateway)).toBe(false);
    expect(await kafka.messageCount(gateway.topic)).toBe(0);
  });
});

function callbackOf(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}

async function startGateway(
  port: number,
  topic: string,
  settings: Record<string, string> = {},
): Promise<RunningGateway> {
  const url = `http://127.0.0.1:${port}`;
  const env = new EnvReader({
    GATEWAY_PORT: String(port),
    GATEWAY_PUBLIC_URL: url,
    OIDC_ISSUER: ISSUER,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    GATEWAY_SESSION_SECRET: SESSION_SECRET,
    KAFKA_BROKERS: kafka.brokers.join(','),
    IDENTITY_EVENTS_TOPIC: topic,
    IDENTITY_EVENTS_PARTITIONS: '3',
    IDENTITY_DLQ_TOPIC: kafka.freshTopic('dlq'),
    ...settings,
  });
  const logger = createLogger('auth-gateway', process.env.LOG_LEVEL ?? 'silent');
  const app = await createGatewayApp(readGatewayConfig(env), logger);
  return { url, topic, app };
}

/** Opens /login; returns where the gateway sends the browser: the authorization request. */
async function startSignIn(browser: TestBrowser, gateway: RunningGateway): Promise<URL> {
  const response = await browser.get(`${gateway.url}/login`);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

/**
 * Signs in at the provider as `username` (whose password is the username), filling its login
 * form. Returns the gateway callback the provider sends the browser to, not yet visited.
 */
async function signIn(browser: TestBrowser, gateway: RunningGateway, username: string) {
  const loginPage = await browser.open(await startSignIn(browser, gateway));
  expect(loginPage.response.status).toBe(200);

  const submitted = await browser.submitForm(loginPage, { username, password: username });
  const callback = redirectTarget(await browser.followRedirects(submitted));
  expect(`${callback.origin}${callback.pathname}`).toBe(`${gateway.url}/callback`);
  return callback;
}

async function isSignedIn(browser: TestBrowser, gateway: RunningGateway): Promise<boolean> {
  const home = await (await browser.get(`${gateway.url}/`)).text();
  return textById(home, 'published-event') !== undefined;
}

/** The `Set-Cookie` line of a response for one cookie, if any. */
function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

function errorShownBy(html: string) {
  return { code: textById(html, 'error-code'), message: textById(html, 'error-message') };
}
