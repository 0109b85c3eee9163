// SCIM filter evaluation for the sandbox's store. scimmy parses the filter (RFC 7644 §3.4.2.2) but its
// Filter.match compares string values case-sensitively and does not look inside extension objects for URN-qualified
// paths (scim-and-workplace.md §4). RFC 7643 says string comparison obeys the attribute's caseExact: `userName eq`
// is case-insensitive, `externalId` and `id` are case-exact. This evaluator walks scimmy's parsed form and asks the
// declared schema for each attribute's caseExact.
//
// scimmy's parsed form: an array of alternatives (joined by `or`); each alternative maps attribute names to either
// an expression `[op, value]` / `['not', op, value]`, a list of such expressions (all must hold), or a nested object
// for complex attributes and value filters (`emails[type eq "work"].value eq "x"` → { emails: { type, value } }).
import { attributeInfo, splitUrn } from './schemas';

type Expression = unknown[];
type Alternative = Record<string, unknown>;

/** Resources of `resource` type that match the parsed filter. */
export function matchFilter<T extends Record<string, unknown>>(resources: readonly T[], filter: readonly Alternative[], resource: 'User' | 'Group'): T[] {
  return resources.filter((r) => filter.some((alt) => matchesAlternative(r, alt, resource, '')));
}

function matchesAlternative(value: Record<string, unknown>, alternative: Alternative, resource: 'User' | 'Group', prefix: string): boolean {
  return Object.entries(alternative).every(([name, condition]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const actual = lookup(value, name, resource, prefix === '');
    if (isExpressionList(condition)) {
      const expressions = isExpression(condition) ? [condition] : (condition as Expression[]);
      const info = attributeInfo(resource, path);
      return expressions.every((expression) => {
        const values = Array.isArray(actual) ? actual : [actual];
        // A multi-valued simple attribute matches when any value does; `pr` on an empty list is false.
        if (Array.isArray(actual) && actual.length === 0) return evaluate(undefined, expression, info?.caseExact ?? false);
        return values.some((v) => evaluate(v, expression, info?.caseExact ?? false));
      });
    }
    if (condition && typeof condition === 'object') {
      const nested = condition as Alternative;
      const items = Array.isArray(actual) ? actual : actual === undefined || actual === null ? [] : [actual];
      const nestedPath = prefix ? `${prefix}.${name}` : stripCore(name, resource);
      return items.some((item) => !!item && typeof item === 'object' && matchesAlternative(item as Record<string, unknown>, nested, resource, nestedPath));
    }
    return false;
  });
}

/** Top-level names may be URN-qualified: core URNs address the resource itself, extension URNs its extension object. */
function lookup(value: Record<string, unknown>, name: string, resource: 'User' | 'Group', topLevel: boolean): unknown {
  if (topLevel && /^urn:/i.test(name)) {
    const { schema, rest } = splitUrn(name, resource);
    if (!schema) return undefined;
    const isCore = !/:extension:/i.test(schema);
    const container = isCore ? value : (property(value, schema) as Record<string, unknown> | undefined);
    if (!container || typeof container !== 'object') return undefined;
    return rest.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? property(v as Record<string, unknown>, key) : undefined), container);
  }
  return property(value, name);
}

function stripCore(name: string, resource: 'User' | 'Group'): string {
  const { schema, rest } = splitUrn(name, resource);
  return schema && !/:extension:/i.test(schema) ? rest : name;
}

/** Attribute names are case-insensitive (RFC 7644 §3.4.2.2). */
function property(value: Record<string, unknown>, name: string): unknown {
  if (name in value) return value[name];
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : value[key];
}

function isExpression(value: unknown): value is Expression {
  return Array.isArray(value) && typeof value[0] === 'string' && !Array.isArray(value[1]);
}

function isExpressionList(value: unknown): boolean {
  return Array.isArray(value) && (isExpression(value) || value.every(isExpression));
}

function evaluate(actual: unknown, expression: Expression, caseExact: boolean): boolean {
  const negate = String(expression[0]).toLowerCase() === 'not';
  const [op, expectedRaw] = negate ? expression.slice(1) : expression;
  const result = compare(actual, String(op).toLowerCase(), expectedRaw, caseExact);
  return negate ? !result : result;
}

function compare(actual: unknown, op: string, expectedRaw: unknown, caseExact: boolean): boolean {
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  if (op === 'np') return actual === undefined || actual === null;
  let expected = expectedRaw;
  // Entra writes booleans in filters as strings now and then (`active eq "True"`).
  if (typeof actual === 'boolean' && typeof expected === 'string' && /^(true|false)$/i.test(expected)) expected = expected.toLowerCase() === 'true';
  if (typeof actual === 'string' && typeof expected === 'string') {
    const a = caseExact ? actual : actual.toLowerCase();
    const e = caseExact ? expected : expected.toLowerCase();
    switch (op) {
      case 'eq':
        return a === e;
      case 'ne':
        return a !== e;
      case 'co':
        return a.includes(e);
      case 'sw':
        return a.startsWith(e);
      case 'ew':
        return a.endsWith(e);
      case 'gt':
        return a > e;
      case 'ge':
        return a >= e;
      case 'lt':
        return a < e;
      case 'le':
        return a <= e;
      default:
        return false;
    }
  }
  switch (op) {
    case 'eq':
      return actual === (expected ?? undefined);
    case 'ne':
      return actual !== (expected ?? undefined);
    case 'gt':
      return typeof actual === typeof expected && (actual as number) > (expected as number);
    case 'ge':
      return typeof actual === typeof expected && (actual as number) >= (expected as number);
    case 'lt':
      return typeof actual === typeof expected && (actual as number) < (expected as number);
    case 'le':
      return typeof actual === typeof expected && (actual as number) <= (expected as number);
    default:
      return false;
  }
}
