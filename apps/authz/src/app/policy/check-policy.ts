import { createMongoAbility, MongoQuery, subject } from '@casl/ability';

import { fillConditions, isPlainObject, Slot } from './policy-conditions';
import { POLICY_NAME, PolicyRule } from './policy-document';

const RULE_KEYS = ['action', 'subject', 'conditions'];

/**
 * Checks a parsed policy file: its shape, each rule's names and conditions, and that CASL
 * accepts every condition (with sample values in the placeholders). Returns each problem as a
 * sentence naming its JSON path. A value with no problem is a PolicyDocument.
 */
export function checkPolicy(policy: unknown): string[] {
  if (!isPlainObject(policy)) return ['the policy must be a JSON object'];
  const problems = Object.keys(policy)
    .filter((key) => key !== 'roles')
    .map((key) => `${key} is not a policy setting (expected roles)`);
  if (!isPlainObject(policy.roles)) {
    return [...problems, 'roles must map each role to a list of rules'];
  }
  for (const [role, rules] of Object.entries(policy.roles)) {
    problems.push(...checkRole(role, rules));
  }
  return problems;
}

function checkRole(role: string, rules: unknown): string[] {
  const path = `roles.${role}`;
  if (role.length === 0 || role.length > 128) return [`${path} must be 1 to 128 characters`];
  if (!Array.isArray(rules)) return [`${path} must be a list of rules`];
  return rules.flatMap((rule, index) => checkRule(rule, `${path}[${index}]`));
}

function checkRule(rule: unknown, path: string): string[] {
  if (!isPlainObject(rule)) return [`${path} must be an object`];
  const problems = Object.keys(rule)
    .filter((key) => !RULE_KEYS.includes(key))
    .map((key) => `${path}.${key} is not a rule setting (expected ${RULE_KEYS.join(', ')})`);
  for (const key of ['action', 'subject']) {
    if (!isNames(rule[key])) problems.push(`${path}.${key} ${NAMES_EXPECTED}`);
  }
  if (rule.conditions !== undefined) {
    fillConditions(rule.conditions, sampleValue, problems, `${path}.conditions`);
  }
  if (problems.length > 0) return problems;
  return checkWithCasl(rule as unknown as PolicyRule, path);
}

const NAMES_EXPECTED = `must be a name or a non-empty list of names (matching ${POLICY_NAME})`;

function isNames(value: unknown): boolean {
  const names = Array.isArray(value) ? value : [value];
  return (
    names.length > 0 && names.every((name) => typeof name === 'string' && POLICY_NAME.test(name))
  );
}

/** Any value of the slot's kind will do: CASL rejects a condition for its form, not its values. */
function sampleValue(_name: string, slot: Slot): unknown {
  return slot === 'list' ? ['sample'] : 'sample';
}

/** CASL reads a rule's conditions only when it first matches one; this makes it do so now. */
function checkWithCasl(rule: PolicyRule, path: string): string[] {
  const conditions = fillConditions(rule.conditions ?? {}, sampleValue, [], path) as MongoQuery;
  const [action] = [rule.action].flat();
  const [subjectType] = [rule.subject].flat();
  try {
    createMongoAbility([{ ...rule, conditions }]).can(action, subject(subjectType, {}));
    return [];
  } catch (error) {
    return [`${path}.conditions are not a valid CASL query (${(error as Error).message})`];
  }
}
