/**
 * Rule conditions, and the user's values that fill their placeholders.
 *
 * A placeholder is a whole string: `${userId}`, `${username}` or `${claims.<name>}`. It may
 * stand where a value is compared: as an attribute's value, or as the operand of `$eq`, `$ne`,
 * `$lt`, `$lte`, `$gt`, `$gte`, `$in`, `$nin` and `$all`. Anywhere else (a `$regex`, a key, part
 * of a longer string) it is refused, so that a claim is only ever compared, never interpreted.
 */

/** What a placeholder's position accepts: any value, a string or number, or a list. */
export type Slot = 'value' | 'comparable' | 'list';

/** The user's value for a placeholder, or UNRESOLVED when there is none that fits the slot. */
export type Resolve = (name: string, slot: Slot) => unknown;

/** A rule with an unresolved placeholder grants nothing: a missing claim matches no resource. */
export const UNRESOLVED = Symbol('UNRESOLVED');

/** The CASL query operators (its MongoDB subset), by what their operand may hold. */
const OPERATOR_SLOTS: Record<string, Slot | 'literal' | 'query'> = {
  $eq: 'value',
  $ne: 'value',
  $lt: 'comparable',
  $lte: 'comparable',
  $gt: 'comparable',
  $gte: 'comparable',
  $in: 'list',
  $nin: 'list',
  $all: 'list',
  $size: 'literal',
  $regex: 'literal',
  $options: 'literal',
  $exists: 'literal',
  $elemMatch: 'query',
};

const PLACEHOLDER = /^\$\{(userId|username|claims\.[A-Za-z0-9_.:-]{1,128})\}$/;

interface Filling {
  resolve: Resolve;
  problems: string[];
  unresolved: boolean;
}

type Query = Record<string, unknown>;

/**
 * Returns the conditions with each placeholder replaced by `resolve`'s value, or undefined when
 * one had no value. Problems of form are pushed onto `problems`, each naming its JSON path.
 */
export function fillConditions(
  conditions: unknown,
  resolve: Resolve,
  problems: string[],
  path: string,
): Query | undefined {
  const filling: Filling = { resolve, problems, unresolved: false };
  const filled = fillQuery(conditions, filling, path);
  return filling.unresolved ? undefined : filled;
}

function fillQuery(query: unknown, filling: Filling, path: string): Query {
  if (!isPlainObject(query)) {
    filling.problems.push(`${path} must be an object of resource attributes`);
    return {};
  }
  const filled: Query = {};
  for (const [attribute, value] of Object.entries(query)) {
    if (attribute.startsWith('$') || attribute.includes('${')) {
      filling.problems.push(`${path} has ${attribute} where a resource attribute's name belongs`);
    }
    filled[attribute] = fillValue(value, filling, `${path}.${attribute}`);
  }
  return filled;
}

function fillValue(value: unknown, filling: Filling, path: string): unknown {
  if (isOperators(value)) return fillOperators(value, filling, path);
  return fillOperand(value, 'value', filling, path);
}

function fillOperators(operators: Query, filling: Filling, path: string): Query {
  const filled: Query = {};
  for (const [operator, operand] of Object.entries(operators)) {
    filled[operator] = fillOperator(operator, operand, filling, `${path}.${operator}`);
  }
  return filled;
}

function fillOperator(operator: string, operand: unknown, filling: Filling, path: string): unknown {
  const slot = Object.hasOwn(OPERATOR_SLOTS, operator) ? OPERATOR_SLOTS[operator] : undefined;
  if (slot === undefined) {
    const known = Object.keys(OPERATOR_SLOTS).join(', ');
    filling.problems.push(`${path} is not an operator CASL supports (${known})`);
    return operand;
  }
  if (slot === 'query') return fillElementQuery(operand, filling, path);
  if (slot === 'literal') return refusePlaceholders(operand, filling, path);
  return fillOperand(operand, slot, filling, path);
}

/** `$elemMatch` takes operators for a list of values, or a query for a list of objects. */
function fillElementQuery(operand: unknown, filling: Filling, path: string): unknown {
  if (isOperators(operand)) return fillOperators(operand, filling, path);
  return fillQuery(operand, filling, path);
}

function fillOperand(operand: unknown, slot: Slot, filling: Filling, path: string): unknown {
  if (typeof operand !== 'string' || !operand.includes('${')) {
    return refusePlaceholders(operand, filling, path);
  }
  const name = PLACEHOLDER.exec(operand)?.[1];
  if (name === undefined) {
    filling.problems.push(
      `${path} must be a single placeholder such as \${claims.tenant_id} (got ${operand})`,
    );
    return operand;
  }
  const value = filling.resolve(name, slot);
  if (value === UNRESOLVED) filling.unresolved = true;
  return value;
}

/** Literals may be any JSON, as long as no placeholder hides inside them. */
function refusePlaceholders(literal: unknown, filling: Filling, path: string): unknown {
  if (JSON.stringify(literal)?.includes('${')) {
    filling.problems.push(`${path} may not hold a placeholder`);
  }
  return literal;
}

function isOperators(value: unknown): value is Query {
  return isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
