// Scoping filters (mapping-expressions.md §8): the object is in scope when it is assigned and, if the object mapping
// has filter groups, at least one group passes (OR); a group passes when all its clauses pass (AND). Clause semantics,
// including where the reference is silent (docs/expression-semantics.md "Preview"):
//  * NULL / empty / absent values fail every operator except IS NULL ("scoping filters return false if the value is
//    null / empty", §8.3) — so NOT EQUALS and NOT REGEX MATCH are false for NULL too;
//  * text operators are case-sensitive (EQUALS, Includes, ENDS_WITH, REGEX MATCH); IS TRUE / IS FALSE read
//    "True"/"False" in any case;
//  * REGEX MATCH is .NET Regex.IsMatch: unanchored (a match anywhere in the value), case-sensitive;
//  * several target operand values: EQUALS / REGEX MATCH / Includes / ENDS_WITH / & pass when any value does, their
//    negations when none does;
//  * Greater_Than(_OR_EQUALS) compare integers; a non-integer on either side fails the clause (with an error note);
//    Less_Than(_OR_EQUALS) are accepted as the mirror image although no source documents them;
//  * a multi-valued attribute must pass for every value (Graph's multivaluedComparisonType "All");
//  * an unknown operator fails the clause with an error.
// Only `scope.groups` decides scope; inputFilterGroups / categoryFilterGroups (experimental) are not evaluated.
import type { Filter, FilterClause } from '../../graph/model';
import type { SourceValue } from '../expression';
import { compileDotNetRegex, RegexTranslationError } from '../expression/dotnetRegex';
import type { ScopingClauseResult, ScopingResult, SourceObject } from './types';

type Outcome = { passed: boolean; error?: string };
type ValueTest = (value: string, operands: readonly string[]) => Outcome;

const INTEGER = /^\s*[+-]?\d+\s*$/;

function anyOperand(test: (value: string, operand: string) => boolean): ValueTest {
  return (value, operands) => ({ passed: operands.some((o) => test(value, o)) });
}
function noOperand(test: (value: string, operand: string) => boolean): ValueTest {
  return (value, operands) => ({ passed: operands.length > 0 && !operands.some((o) => test(value, o)) });
}

const regexCache = new Map<string, RegExp | string>();

/** A non-global, case-sensitive RegExp for a .NET pattern, or the reason it can't be compiled. */
function regex(pattern: string): RegExp | string {
  let compiled = regexCache.get(pattern);
  if (compiled === undefined) {
    try {
      const translated = compileDotNetRegex(pattern);
      compiled = new RegExp(translated.source, translated.flags.replace(/[gd]/g, ''));
    } catch (err) {
      compiled = err instanceof RegexTranslationError || err instanceof SyntaxError ? err.message : String(err);
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

function regexTest(negate: boolean): ValueTest {
  return (value, operands) => {
    let matched = false;
    for (const operand of operands) {
      const re = regex(operand);
      if (typeof re === 'string') return { passed: false, error: `Invalid regular expression ${JSON.stringify(operand)}: ${re}` };
      if (re.test(value)) matched = true;
    }
    return { passed: operands.length > 0 && matched !== negate };
  };
}

function integerTest(accept: (order: number) => boolean): ValueTest {
  return (value, operands) => {
    const operand = operands[0];
    if (operand === undefined || !INTEGER.test(operand)) return { passed: false, error: `The operand ${JSON.stringify(operand ?? '')} is not an integer` };
    if (!INTEGER.test(value)) return { passed: false, error: `The value ${JSON.stringify(value)} is not an integer` };
    const a = BigInt(value.trim());
    const b = BigInt(operand.trim());
    return { passed: accept(a === b ? 0 : a < b ? -1 : 1) };
  };
}

const BINARY: Readonly<Record<string, ValueTest>> = {
  EQUALS: anyOperand((v, o) => v === o),
  'NOT EQUALS': noOperand((v, o) => v === o),
  'REGEX MATCH': regexTest(false),
  'NOT REGEX MATCH': regexTest(true),
  Greater_Than: integerTest((order) => order > 0),
  Greater_Than_OR_EQUALS: integerTest((order) => order >= 0),
  Less_Than: integerTest((order) => order < 0),
  Less_Than_OR_EQUALS: integerTest((order) => order <= 0),
  Includes: anyOperand((v, o) => v.includes(o)),
  ENDS_WITH: anyOperand((v, o) => v.endsWith(o)),
  // "true if the evaluated attribute exists in the input string value": the value occurs in the operand text.
  '&': anyOperand((v, o) => o.includes(v)),
  '!&': noOperand((v, o) => o.includes(v)),
};

const UNARY: Readonly<Record<string, ValueTest>> = {
  'IS TRUE': (value) => ({ passed: value.toLowerCase() === 'true' }),
  'IS FALSE': (value) => ({ passed: value.toLowerCase() === 'false' }),
  'IS NOT NULL': () => ({ passed: true }),
  'IS NULL': () => ({ passed: false }),
};

const BY_UPPER_NAME = new Map<string, string>([...Object.keys(BINARY), ...Object.keys(UNARY)].map((name) => [name.toUpperCase(), name]));

/** The operator's canonical spelling: exact first, then ignoring case (`GREATER_THAN`, `includes`). */
function canonicalOperator(name: string): string | undefined {
  if (name in BINARY || name in UNARY) return name;
  return BY_UPPER_NAME.get(name.toUpperCase());
}

function isEmpty(value: SourceValue): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Evaluates one clause against the source object. */
export function evaluateClause(clause: FilterClause, source: SourceObject): ScopingClauseResult {
  const sourceAttributeName = clause.sourceOperandName;
  const targetOperand = [...(clause.targetOperand?.values ?? [])];
  const actual = Object.prototype.hasOwnProperty.call(source, sourceAttributeName) ? source[sourceAttributeName] : undefined;
  const result: ScopingClauseResult = {
    sourceAttributeName,
    operatorName: clause.operatorName,
    targetOperand,
    actual: actual ?? null,
    passed: false,
  };
  const operator = canonicalOperator(clause.operatorName);
  if (operator === undefined) {
    result.error = `Unknown scoping operator '${clause.operatorName}'`;
    return result;
  }
  if (isEmpty(actual)) {
    result.passed = operator === 'IS NULL';
    return result;
  }
  const test = BINARY[operator] ?? UNARY[operator]!;
  const values: readonly string[] = typeof actual === 'string' ? [actual] : (actual as readonly string[]);
  let passed = true;
  for (const value of values) {
    const outcome = test(value, targetOperand);
    if (outcome.error) result.error = outcome.error;
    if (!outcome.passed) {
      passed = false;
      break;
    }
  }
  result.passed = passed;
  return result;
}

/** How provisioning logs print a clause: `department EQUALS 'Sales'`. */
export function describeClause(clause: ScopingClauseResult): string {
  const operand = clause.targetOperand.length === 0 ? '' : ` '${clause.targetOperand.join("', '")}'`;
  return `${clause.sourceAttributeName} ${clause.operatorName}${operand}`;
}

function describeActual(value: SourceValue): string {
  if (value === null || value === undefined) return 'NULL';
  return JSON.stringify(value);
}

/** Scope of one source object under an object mapping's filter. */
export function evaluateScope(scope: Filter | null | undefined, source: SourceObject, isAssigned = true): ScopingResult {
  if (!scope?.groups?.length) {
    // No scoping filter (the default mappings): assignment alone decides — the common case of a bulk preview.
    return { inScope: isAssigned, assigned: isAssigned, groups: [], reason: scopeReason(isAssigned, []) };
  }
  const groups = (scope?.groups ?? []).map((group) => {
    const clauses = (group.clauses ?? []).map((clause) => evaluateClause(clause, source));
    return { title: group.name, clauses, passed: clauses.every((c) => c.passed) };
  });
  const filtersPass = groups.length === 0 || groups.some((g) => g.passed);
  const inScope = isAssigned && filtersPass;
  return { inScope, assigned: isAssigned, groups, reason: scopeReason(isAssigned, groups) };
}

function scopeReason(assigned: boolean, groups: ScopingResult['groups']): string {
  if (!assigned) return 'Out of scope: the object is not assigned to the application.';
  if (groups.length === 0) return 'In scope: assigned, and the object mapping has no scoping filter.';
  const passing = groups.find((g) => g.passed);
  if (passing) return `In scope: scoping filter "${passing.title ?? ''}" passed (all ${passing.clauses.length} clause(s)).`;
  const failures = groups.map((g) => {
    const failed = g.clauses.find((c) => !c.passed);
    if (!failed) return `"${g.title ?? ''}" has no clauses`;
    const why = failed.error ?? `actual ${describeActual(failed.actual)}`;
    return `"${g.title ?? ''}": ${describeClause(failed)} is false (${why})`;
  });
  return `Out of scope: no scoping filter passed — ${failures.join('; ')}.`;
}
