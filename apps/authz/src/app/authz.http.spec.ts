import { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { identityEvent, TEST_NOW } from '../testing/identity-events';
import { testConfig, testLogger } from '../testing/test-app';
import { fixedClock } from './clock';
import { createAuthzApp } from './create-authz-app';
import { UserRegistry } from './registry/user-registry';

jest.setTimeout(30_000);

describe('authz over HTTP', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await createAuthzApp(testConfig(), {
      logger: testLogger(),
      clock: fixedClock(TEST_NOW),
    });
    http = request(await app.getUrl());
    const registry = app.get(UserRegistry);
    registry.apply(identityEvent('alice', 'userLoggedIn', { providerSessionId: 'okta-sid-1' }));
    registry.apply(identityEvent('bob', 'userLoggedIn'));
    registry.apply(identityEvent('bob', 'userLoggedOut'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('GET /health answers ok', async () => {
    await http.get('/health').expect(200, { status: 'ok' });
  });

  describe('GET /v1/users/:userId', () => {
    it('shows the identity and live sessions the registry holds', async () => {
      const response = await http.get('/v1/users/alice_12345').expect(200);

      expect(response.body).toEqual({
        userId: 'alice_12345',
        username: 'alice@example.com',
        roles: ['user', 'editor'],
        claims: { tenant_id: 'abc-789', department: 'engineering' },
        oidcProvider: 'mycorp.okta.com',
        sessions: [
          {
            sessionId: 'alice-session-0000000001',
            providerSessionId: 'okta-sid-1',
            expiresAt: '2023-10-27T18:30:00Z',
          },
        ],
        lastEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        updatedAt: '2023-10-27T10:30:00Z',
      });
    });

    it('shows a user who logged out with no sessions', async () => {
      const response = await http.get('/v1/users/bob_67890').expect(200);

      expect(response.body).toMatchObject({ userId: 'bob_67890', sessions: [] });
    });

    it('answers 404 with a code for a user it does not know', async () => {
      await http.get('/v1/users/bob_1').expect(404, {
        code: 'AUTHZ_ERR_USER_UNKNOWN',
        message: 'No identity is known for user (bob_1).',
      });
    });
  });

  describe('POST /v1/decisions', () => {
    function decide(body: object) {
      return http.post('/v1/decisions').send(body);
    }

    it('allows alice to edit a document of her tenant', async () => {
      const body = {
        userId: 'alice_12345',
        action: 'edit',
        resource: { type: 'document', tenant_id: 'abc-789', title: 'Q4 plan' },
      };

      await decide(body).expect(200, {
        allow: true,
        reason: 'roles.editor[0] allows edit on document',
      });
    });

    it('denies alice a document of another tenant', async () => {
      const body = {
        userId: 'alice_12345',
        action: 'edit',
        resource: { type: 'document', tenant_id: 'xyz-000' },
      };

      await decide(body).expect(200, {
        allow: false,
        reason: 'no rule for roles (user, editor) allows edit on document',
      });
    });

    it('denies, without an error, a user it does not know', async () => {
      const body = { userId: 'mallory_1', action: 'read', resource: { type: 'document' } };

      await decide(body).expect(200, { allow: false, reason: 'user unknown' });
    });

    it('denies a user whose sessions have all ended', async () => {
      const body = {
        userId: 'bob_67890',
        action: 'read',
        resource: { type: 'document', tenant_id: 'xyz-000' },
      };

      await decide(body).expect(200, { allow: false, reason: 'no active session' });
    });

    it.each([
      [{ userId: 'alice_12345', resource: { type: 'document' } }, 'action must be a name'],
      [{ userId: 'alice_12345', action: 'edit', resource: 'document' }, 'resource must be an'],
      [
        { userId: 'alice_12345', action: 'edit', resource: { tenant_id: 'abc-789' } },
        'resource.type must be a name matching',
      ],
      [
        { userId: 'alice_12345', action: 'edit', resource: { type: 'document', $where: 'x' } },
        'resource has an attribute name not matching',
      ],
      [
        { userId: 'alice_12345', action: 'edit', resource: { type: 'document', tenant_id: {} } },
        'resource.tenant_id must be a string, a number, a boolean or a list of strings',
      ],
      [
        { userId: 'alice_12345', action: 'edit', resource: { type: 'doc' }, admin: true },
        'property admin should not exist',
      ],
    ])('answers 400 to the malformed body %j', async (body, problem) => {
      const response = await decide(body).expect(400);

      expect(response.body).toEqual({
        code: 'REQUEST_INVALID',
        message: expect.stringContaining(problem),
      });
      expect(response.body.message).toMatch(/^The request is invalid: .+\.$/);
    });

    it('answers 400 to a body that is not JSON', async () => {
      const response = await http
        .post('/v1/decisions')
        .set('content-type', 'application/json')
        .send('{"userId":');

      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        code: 'HTTP_400',
        message: 'Unexpected end of JSON input.',
      });
    });
  });

  it('answers 404 with a code for a route it does not have', async () => {
    const response = await http.get('/v1/roles').expect(404);

    expect(response.body).toEqual({ code: 'HTTP_404', message: 'Cannot GET /v1/roles.' });
  });
});
