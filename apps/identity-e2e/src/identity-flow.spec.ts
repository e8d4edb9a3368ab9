import { Browser } from 'playwright-core';

import { launchChromium, signIn } from './support/browser';
import { eventually, getJson, postJson } from './support/eventually';
import { IdentitySystem, urls } from './support/identity-system';

interface AuditPage {
  items: Array<{ eventType: string; userId: string }>;
}

interface Decision {
  allow: boolean;
  reason: string;
}

/**
 * The founding example, end to end: a person signs in through the gateway and the provider's
 * real login page in Chromium; authz and audit learn who they are from Kafka alone.
 */
describe('Identity flow', () => {
  const system = new IdentitySystem();
  let browser: Browser;

  beforeAll(async () => {
    await system.start();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    // E2E_SHOW_LOGS=1 prints what every process of the system wrote, to debug a failure.
    if (process.env.E2E_SHOW_LOGS === '1') console.log(system.logs());
    await browser?.close();
    await system.stop();
  });

  async function signInAs(username: string): Promise<Record<string, unknown>> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, urls.gateway, username);
    const published = JSON.parse((await page.textContent('#published-event')) ?? '{}');
    await context.close();
    return published;
  }

  function knownUser(userId: string) {
    return eventually(async () => {
      const { status, body } = await getJson<Record<string, unknown>>(
        `${urls.authz}/v1/users/${userId}`,
      );
      expect(status).toBe(200);
      return body;
    });
  }

  function decide(userId: string, action: string, tenantId: string) {
    const resource = { type: 'document', tenant_id: tenantId };
    return postJson<Decision>(`${urls.authz}/v1/decisions`, { userId, action, resource });
  }

  function auditTrail(userId: string) {
    return eventually(async () => {
      const { body } = await getJson<AuditPage>(`${urls.audit}/v1/audit?userId=${userId}`);
      expect(body.items.length).toBeGreaterThan(0);
      return body.items;
    });
  }

  it("publishes Alice's login and the gateway shows the event as published", async () => {
    const event = await signInAs('alice');

    expect(event).toMatchObject({
      eventType: 'userLoggedIn',
      userId: 'alice_12345',
      username: 'alice@example.com',
      roles: ['user', 'editor'],
      claims: { tenant_id: 'abc-789', department: 'engineering' },
      oidcProvider: `127.0.0.1:4200`,
      schemaVersion: 1,
    });
  });

  it('lets authz know Alice with her roles and tenant', async () => {
    const alice = await knownUser('alice_12345');

    expect(alice).toMatchObject({
      userId: 'alice_12345',
      roles: ['user', 'editor'],
      claims: { tenant_id: 'abc-789' },
    });
  });

  it('allows Alice to edit documents of her tenant only', async () => {
    const own = await decide('alice_12345', 'edit', 'abc-789');
    const other = await decide('alice_12345', 'edit', 'xyz-000');

    expect(own).toMatchObject({ status: 200, body: { allow: true } });
    expect(other).toMatchObject({ status: 200, body: { allow: false } });
  });

  it("keeps exactly one userLoggedIn for Alice's login in the audit trail", async () => {
    const items = await auditTrail('alice_12345');

    expect(items.filter((item) => item.eventType === 'userLoggedIn')).toHaveLength(1);
  });

  it('does the same for Bob, with his own tenant and roles', async () => {
    const event = await signInAs('bob');
    const bob = await knownUser('bob_67890');
    const readOwn = await decide('bob_67890', 'read', 'xyz-000');
    const editOwn = await decide('bob_67890', 'edit', 'xyz-000');
    const readOther = await decide('bob_67890', 'read', 'abc-789');
    const items = await auditTrail('bob_67890');

    expect(event).toMatchObject({ userId: 'bob_67890', roles: ['user'] });
    expect(bob).toMatchObject({ roles: ['user'], claims: { tenant_id: 'xyz-000' } });
    expect(readOwn.body.allow).toBe(true);
    expect(editOwn.body.allow).toBe(false);
    expect(readOther.body.allow).toBe(false);
    expect(items.map((item) => item.eventType)).toEqual(['userLoggedIn']);
  });

  it('wrote no token, authorization code, verifier or cookie to any log', () => {
    // Compact JWS and JWE both begin with the base64url of '{"': "eyJ".
    const leaks = /eyJ[A-Za-z0-9_-]{10,}|ibus_session=|ibus_login=|code_verifier|[?&]code=/;

    const outputs = Object.entries(system.outputs());

    expect(outputs.map(([name, output]) => [name, output.length > 0])).toEqual([
      ['dev-idp', true],
      ['auth-gateway', true],
      ['authz', true],
      ['audit', true],
    ]);
    for (const [name, output] of outputs) {
      expect([name, output.match(leaks)?.[0]]).toEqual([name, undefined]);
    }
  });
});
