// What a function implementation sees: its arguments, evaluated on demand (IIF, Switch, Coalesce and
// SelectUniqueValue only evaluate what they need), with coercions that fail with the argument's span.
import type { CallNode, Span } from '../ast';
import type { FunctionSignature, MappingFunctionInfo } from '../../catalog/functions';
import { parseDateTimeText, type DateTimeValue } from '../dates';
import type { EvaluationErrorCode, EvaluationValue, ExpressionValue } from '../values';

/** The evaluation context after defaults are applied. */
export interface ResolvedContext {
  now: Date;
  random: () => number;
  isUnique: (value: string) => boolean;
  defaultDomain: string | undefined;
}

export type FunctionImpl = (call: Call) => EvaluationValue;

/** One function call being evaluated. */
export interface Call {
  readonly node: CallNode;
  readonly info: MappingFunctionInfo;
  readonly signature: FunctionSignature;
  readonly context: ResolvedContext;
  /** The call is the whole expression (SelectUniqueValue must be). */
  readonly topLevel: boolean;
  /** Number of argument slots, omitted ones included. */
  readonly argCount: number;
  /** Whether slot `i` holds an argument (exists and isn't an empty slot). */
  has(i: number): boolean;
  /** Argument `i`'s value, evaluated once; undefined for an omitted or missing slot. */
  value(i: number): ExpressionValue | undefined;
  span(i: number): Span;
  fail(code: EvaluationErrorCode, message: string, at?: number | Span): never;
}

// ---- coercions --------------------------------------------------------------------------------------------------

/** A single value: NULL, a string, or a one-element list; more values are an error. Omitted → NULL. */
export function scalar(call: Call, i: number): string | null {
  const v = call.value(i);
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (v.length === 1) return v[0]!;
  return call.fail('multi-valued', `${call.info.name}: argument ${i + 1} has ${v.length} values; a single value is expected`, i);
}

/** A string argument where NULL reads as "" (separators, suffixes, formats). */
export function text(call: Call, i: number): string {
  return scalar(call, i) ?? '';
}

const INTEGER = /^\s*[+-]?\d+\s*$/;

/** A required integer (decimal text). NULL or anything else is an error. */
export function integer(call: Call, i: number): number {
  const v = scalar(call, i);
  if (v === null || !INTEGER.test(v)) {
    return call.fail('type', `${call.info.name}: argument ${i + 1} must be an integer, not ${v === null ? 'NULL' : JSON.stringify(v)}`, i);
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n)) return call.fail('out-of-range', `${call.info.name}: ${v.trim()} is too large`, i);
  return n;
}

/** An integer of any size (BitAnd, DateFromNum); accepts decimal or `&H` hex text. */
export function bigInteger(call: Call, i: number): bigint | null {
  const v = scalar(call, i);
  if (v === null) return null;
  const t = v.trim();
  if (/^[+-]?\d+$/.test(t)) return BigInt(t);
  if (/^&H[0-9A-F]+$/i.test(t)) return BigInt(`0x${t.slice(2)}`);
  return call.fail('type', `${call.info.name}: argument ${i + 1} must be an integer, not ${JSON.stringify(v)}`, i);
}

/** VB's CBool: "True"/"False" in any case, or a number (non-zero is true). NULL → undefined. */
export function toBoolean(value: string | null): boolean | undefined | 'invalid' {
  if (value === null) return undefined;
  const t = value.trim();
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return Number(t) !== 0;
  return 'invalid';
}

/** A date argument: NULL stays NULL, anything unparseable is a 'bad-date' error. */
export function date(call: Call, i: number): DateTimeValue | null {
  const v = scalar(call, i);
  if (v === null) return null;
  const parsed = parseDateTimeText(v);
  if (!parsed) return call.fail('bad-date', `${call.info.name}: ${JSON.stringify(v)} is not a date/time`, i);
  return parsed;
}

/** Every value of argument `i` as a list: NULL → [], a string → [string]. */
export function list(call: Call, i: number): string[] {
  const v = call.value(i);
  if (v === undefined || v === null) return [];
  return typeof v === 'string' ? [v] : v;
}
