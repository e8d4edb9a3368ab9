import { createMongoAbility, MongoQuery, RawRuleOf, MongoAbility, subject } from '@casl/ability';
import { ClaimValue } from '@identity-bus/identity-contracts';

import { allow, Decision, deny } from './decision';
import { fillConditions, Resolve, UNRESOLVED } from './policy-conditions';
import { PolicyDocument, PolicyRule } from './policy-document';

/** Who asks: the parts of a user's identity that rules may depend on. */
export interface Principal {
  userId: string;
  username: string;
  roles: readonly string[];
  claims: Readonly<Record<string, ClaimValue>>;
}

/** What the action is on: a type, and the attributes that conditions look at. */
export interface Resource {
  type: string;
  [attribute: string]: ClaimValue;
}

type CaslRule = RawRuleOf<MongoAbility>;

/** A rule of the policy file, with its place in the file for the decision's reason. */
interface LabelledRule {
  label: string;
  rule: PolicyRule;
}

/**
 * Decides with the rules of the policy file. For each decision, the rules of the user's roles
 * get the user's own values in their placeholders, and CASL matches the resource against them.
 */
export class AuthzPolicy {
  private readonly rulesByRole: ReadonlyMap<string, LabelledRule[]>;

  constructor(document: PolicyDocument) {
    this.rulesByRole = new Map(
      Object.entries(document.roles).map(([role, rules]) => [role, labelled(role, rules)]),
    );
  }

  get roles(): string[] {
    return [...this.rulesByRole.keys()];
  }

  decide(principal: Principal, action: string, resource: Resource): Decision {
    const labels = new Map<CaslRule, string>();
    const ability = createMongoAbility(this.rulesFor(principal, labels));
    const { type, ...attributes } = resource;

    const rule = ability.relevantRuleFor(action, subject(type, attributes));

    if (rule) return allow(`${labels.get(rule.origin)} allows ${action} on ${type}`);
    const roles = principal.roles.length > 0 ? principal.roles.join(', ') : 'none';
    return deny(`no rule for roles (${roles}) allows ${action} on ${type}`);
  }

  /** The user's rules, filled in; a rule whose placeholder has no value is left out. */
  private rulesFor(principal: Principal, labels: Map<CaslRule, string>): CaslRule[] {
    const resolve = resolverFor(principal);
    const rules: CaslRule[] = [];
    for (const { label, rule } of this.labelledRulesOf(principal.roles)) {
      const conditions = rule.conditions && fillConditions(rule.conditions, resolve, [], label);
      if (rule.conditions && !conditions) continue;
      const caslRule = { ...rule, conditions: conditions as MongoQuery | undefined };
      labels.set(caslRule, label);
      rules.push(caslRule);
    }
    return rules;
  }

  private labelledRulesOf(roles: readonly string[]): LabelledRule[] {
    return [...new Set(roles)].flatMap((role) => this.rulesByRole.get(role) ?? []);
  }
}

function labelled(role: string, rules: PolicyRule[]): LabelledRule[] {
  return rules.map((rule, index) => ({ label: `roles.${role}[${index}]`, rule }));
}

/**
 * Claims are looked up as own properties only: a placeholder naming `constructor` must find
 * nothing, not Object's prototype. A claim that does not fit its slot leaves the rule out too.
 */
function resolverFor(principal: Principal): Resolve {
  return (name, slot) => {
    const value = valueOf(principal, name);
    if (value === undefined) return UNRESOLVED;
    if (slot === 'list') return Array.isArray(value) ? value : [value];
    if (slot === 'comparable' && typeof value !== 'string' && typeof value !== 'number') {
      return UNRESOLVED;
    }
    return value;
  };
}

function valueOf(principal: Principal, name: string): ClaimValue | undefined {
  if (name === 'userId') return principal.userId;
  if (name === 'username') return principal.username;
  const claim = name.slice('claims.'.length);
  return Object.hasOwn(principal.claims, claim) ? principal.claims[claim] : undefined;
}
