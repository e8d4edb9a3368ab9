import { principal } from '../../testing/identity-events';
import { DEFAULT_POLICY_FILE } from '../authz.config';
import { AuthzPolicy } from './authz-policy';
import { PolicyRule } from './policy-document';
import { readPolicyFile } from './read-policy-file';

describe('AuthzPolicy', () => {
  describe('with the shipped policy', () => {
    const policy = new AuthzPolicy(readPolicyFile(DEFAULT_POLICY_FILE));

    it("lets alice edit a document of her tenant, by the editor's rule", () => {
      const decision = policy.decide(principal('alice'), 'edit', {
        type: 'document',
        tenant_id: 'abc-789',
      });

      expect(decision).toEqual({ allow: true, reason: 'roles.editor[0] allows edit on document' });
    });

    it('does not let alice edit a document of another tenant', () => {
      const decision = policy.decide(principal('alice'), 'edit', {
        type: 'document',
        tenant_id: 'xyz-000',
      });

      expect(decision).toEqual({
        allow: false,
        reason: 'no rule for roles (user, editor) allows edit on document',
      });
    });

    it('lets bob read a document of his tenant but not edit it', () => {
      const document = { type: 'document', tenant_id: 'xyz-000' };

      expect(policy.decide(principal('bob'), 'read', document)).toEqual({
        allow: true,
        reason: 'roles.user[0] allows read on document',
      });
      expect(policy.decide(principal('bob'), 'edit', document)).toEqual({
        allow: false,
        reason: 'no rule for roles (user) allows edit on document',
      });
    });

    it('does not let bob read a document of another tenant', () => {
      const decision = policy.decide(principal('bob'), 'read', {
        type: 'document',
        tenant_id: 'abc-789',
      });

      expect(decision.allow).toBe(false);
    });

    it('does not match a document without a tenant against a tenant condition', () => {
      expect(policy.decide(principal('alice'), 'read', { type: 'document' }).allow).toBe(false);
    });

    it('lets carol, an admin, do anything to anything', () => {
      const decision = policy.decide(principal('carol'), 'delete', {
        type: 'invoice',
        tenant_id: 'xyz-000',
      });

      expect(decision).toEqual({ allow: true, reason: 'roles.admin[0] allows delete on invoice' });
    });

    it('refuses an action no rule names', () => {
      const decision = policy.decide(principal('alice'), 'publish', {
        type: 'document',
        tenant_id: 'abc-789',
      });

      expect(decision).toEqual({
        allow: false,
        reason: 'no rule for roles (user, editor) allows publish on document',
      });
    });

    it('refuses a user whose roles the policy does not know, or who has none', () => {
      const document = { type: 'document', tenant_id: 'abc-789' };
      const guest = { ...principal('alice'), roles: ['guest', 'constructor'] };
      const nobody = { ...principal('alice'), roles: [] };

      expect(policy.decide(guest, 'read', document).allow).toBe(false);
      expect(policy.decide(nobody, 'read', document)).toEqual({
        allow: false,
        reason: 'no rule for roles (none) allows read on document',
      });
    });
  });

  describe('placeholders', () => {
    function policyOf(rule: PolicyRule): AuthzPolicy {
      return new AuthzPolicy({ roles: { user: [rule] } });
    }

    it('fills in the userId and the username', () => {
      const policy = policyOf({
        action: 'edit',
        subject: 'profile',
        conditions: { owner: '${userId}', email: '${username}' },
      });
      const bob = principal('bob');

      const own = { type: 'profile', owner: 'bob_67890', email: 'bob@example.com' };
      const other = { type: 'profile', owner: 'alice_12345', email: 'bob@example.com' };

      expect(policy.decide(bob, 'edit', own).allow).toBe(true);
      expect(policy.decide(bob, 'edit', other).allow).toBe(false);
    });

    it('compares a list claim under $in, and a single claim as a list of one', () => {
      const policy = policyOf({
        action: 'read',
        subject: 'report',
        conditions: { team: { $in: '${claims.teams}' } },
      });
      const report = { type: 'report', team: 'blue' };

      const member = { ...principal('bob'), claims: { teams: ['red', 'blue'] } };
      const single = { ...principal('bob'), claims: { teams: 'blue' } };
      const outsider = { ...principal('bob'), claims: { teams: ['red'] } };

      expect(policy.decide(member, 'read', report).allow).toBe(true);
      expect(policy.decide(single, 'read', report).allow).toBe(true);
      expect(policy.decide(outsider, 'read', report).allow).toBe(false);
    });

    it('compares numbers with $lte', () => {
      const policy = policyOf({
        action: 'read',
        subject: 'file',
        conditions: { level: { $lte: '${claims.clearance}' } },
      });
      const cleared = { ...principal('bob'), claims: { clearance: 3 } };

      expect(policy.decide(cleared, 'read', { type: 'file', level: 2 }).allow).toBe(true);
      expect(policy.decide(cleared, 'read', { type: 'file', level: 4 }).allow).toBe(false);
    });

    it('leaves out a rule whose claim the user lacks, so it matches nothing', () => {
      const policy = policyOf({
        action: 'read',
        subject: 'document',
        conditions: { tenant_id: '${claims.tenant_id}' },
      });
      const tenantless = { ...principal('bob'), claims: {} };

      expect(policy.decide(tenantless, 'read', { type: 'document' })).toEqual({
        allow: false,
        reason: 'no rule for roles (user) allows read on document',
      });
    });

    it("never takes a claim from Object's prototype", () => {
      const policy = policyOf({
        action: 'read',
        subject: 'document',
        conditions: { owner: { $ne: '${claims.constructor}' } },
      });

      expect(policy.decide(principal('bob'), 'read', { type: 'document' }).allow).toBe(false);
    });

    it('leaves out a rule whose claim does not fit its comparison', () => {
      const policy = policyOf({
        action: 'read',
        subject: 'file',
        conditions: { level: { $lte: '${claims.clearance}' } },
      });
      const listed = { ...principal('bob'), claims: { clearance: ['3'] } };

      expect(policy.decide(listed, 'read', { type: 'file', level: 2 }).allow).toBe(false);
    });
  });

  it('lists the roles it has rules for', () => {
    const policy = new AuthzPolicy(readPolicyFile(DEFAULT_POLICY_FILE));

    expect(policy.roles).toEqual(['user', 'editor', 'admin']);
  });
});
