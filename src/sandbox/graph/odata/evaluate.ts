// Evaluates a parsed `$filter` against plain JSON resources. Property names resolve case-insensitively (Graph accepts
// `jobid` for `jobId`); string comparison is case-insensitive for directory objects and case-sensitive for
// provisioning logs, as each collection documents, so the caller chooses.
import type { FilterExpression } from './filter';

export interface EvaluationOptions {
  /** Compare strings ignoring case (directory objects) or exactly (provisioning logs). */
  caseInsensitive: boolean;
}

type Scope = Readonly<Record<string, unknown>>;

/** True when `item` satisfies the filter. */
export function matchesFilter(expression: FilterExpression, item: unknown, options: EvaluationOptions): boolean {
  return evaluate(expression, item, {}, options) === true;
}

/** Reads `a/b/c` from an object, matching each key case-insensitively; a collection on the way yields every value. */
export function readPath(item: unknown, path: readonly string[]): unknown {
  let current: unknown = item;
  for (const segment of path) {
    if (current === null || current === undefined) return null;
    if (Array.isArray(current)) {
      current = current.map((element) => readPath(element, [segment]));
      continue;
    }
    if (typeof current !== 'object') return null;
    const record = current as Record<string, unknown>;
    if (segment in record) {
      current = record[segment];
      continue;
    }
    const lower = segment.toLowerCase();
    const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
    current = key === undefined ? null : record[key];
  }
  return current === undefined ? null : current;
}

function evaluate(expression: FilterExpression, item: unknown, scope: Scope, options: EvaluationOptions): unknown {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'property': {
      const [head, ...rest] = expression.path;
      if (head !== undefined && head in scope) return readPath(scope[head], rest);
      return readPath(item, expression.path);
    }
    case 'logical': {
      const left = evaluate(expression.left, item, scope, options) === true;
      if (expression.operator === 'and') return left && evaluate(expression.right, item, scope, options) === true;
      return left || evaluate(expression.right, item, scope, options) === true;
    }
    case 'not':
      return evaluate(expression.operand, item, scope, options) !== true;
    case 'compare': {
      const temporal = isDateLiteral(expression.left) || isDateLiteral(expression.right);
      const left = evaluate(expression.left, item, scope, options);
      const right = evaluate(expression.right, item, scope, options);
      return compare(expression.operator, left, right, temporal, options);
    }
    case 'in': {
      const value = evaluate(expression.operand, item, scope, options);
      return expression.values.some((candidate) =>
        compare('eq', value, evaluate(candidate, item, scope, options), false, options),
      );
    }
    case 'call':
      return call(expression.name, expression.args.map((a) => evaluate(a, item, scope, options)), options);
    case 'lambda': {
      const collection = evaluate({ kind: 'property', path: expression.collection }, item, scope, options);
      const elements = Array.isArray(collection) ? collection : [];
      const test = (element: unknown): boolean =>
        evaluate(expression.body, item, { ...scope, [expression.variable]: element }, options) === true;
      return expression.quantifier === 'any' ? elements.some(test) : elements.every(test);
    }
  }
}

function isDateLiteral(expression: FilterExpression): boolean {
  return expression.kind === 'literal' && expression.literalType === 'dateTime';
}

function compare(
  operator: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le',
  left: unknown,
  right: unknown,
  temporal: boolean,
  options: EvaluationOptions,
): boolean {
  // A collection on the left (a path through a collection) matches when any of its values does.
  if (Array.isArray(left)) {
    return operator === 'ne'
      ? left.every((v) => compare('ne', v, right, temporal, options))
      : left.some((v) => compare(operator, v, right, temporal, options));
  }
  const a = normalize(left, temporal, options);
  const b = normalize(right, temporal, options);
  if (operator === 'eq') return a === b;
  if (operator === 'ne') return a !== b;
  if (a === null || b === null || typeof a !== typeof b) return false;
  switch (operator) {
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

function normalize(value: unknown, temporal: boolean, options: EvaluationOptions): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (temporal && typeof value === 'string') {
    // A date-only literal means midnight UTC; a timestamp without a zone is read as UTC like Graph does.
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`;
    const time = Date.parse(iso);
    return Number.isNaN(time) ? null : time;
  }
  if (typeof value === 'string') return options.caseInsensitive ? value.toLowerCase() : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function call(name: string, args: unknown[], options: EvaluationOptions): unknown {
  const fold = (v: string): string => (options.caseInsensitive ? v.toLowerCase() : v);
  const [first, second] = args;
  switch (name) {
    case 'tolower':
      return typeof first === 'string' ? first.toLowerCase() : null;
    case 'toupper':
      return typeof first === 'string' ? first.toUpperCase() : null;
    case 'contains':
    case 'startswith':
    case 'endswith': {
      if (Array.isArray(first)) return first.some((v) => call(name, [v, second], options) === true);
      if (typeof first !== 'string' || typeof second !== 'string') return false;
      const haystack = fold(first);
      const needle = fold(second);
      if (name === 'contains') return haystack.includes(needle);
      return name === 'startswith' ? haystack.startsWith(needle) : haystack.endsWith(needle);
    }
    default:
      return null;
  }
}
