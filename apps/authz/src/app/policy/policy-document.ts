/**
 * The policy file, as authz reads it (apps/authz/policies.json by default):
 *
 *   { "roles": { "<role>": [ { "action": ..., "subject": ..., "conditions": ... } ] } }
 *
 * A user may do what any rule of any of their roles allows. `action` and `subject` are a name
 * or a list of names; `manage` means every action and `all` every subject type, as in CASL.
 * `conditions` is a CASL (MongoDB-style) query on the resource's attributes, in which
 * `${userId}`, `${username}` and `${claims.<name>}` stand for the user's own values.
 */
export interface PolicyDocument {
  roles: Record<string, PolicyRule[]>;
}

/** One rule: it allows `action` on resources of type `subject` that meet `conditions`. */
export interface PolicyRule {
  action: string | string[];
  subject: string | string[];
  conditions?: Record<string, unknown>;
}

/** The shape of an action, a subject type or a resource type. */
export const POLICY_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
