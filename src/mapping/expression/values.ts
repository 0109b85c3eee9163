// The value model (mapping-expressions.md §3): a value is NULL (the attribute is absent), a string (Booleans travel as
// "True"/"False", numbers and dates as their printed text) or a multi-valued list of strings. IgnoreFlowIfNullOrEmpty
// adds a fourth outcome, "don't send this attribute", distinct from NULL.
import type { Span, SyntaxDiagnostic } from './ast';

/** A value expressions compute with. An empty list never occurs: an empty multi-valued attribute is NULL. */
export type ExpressionValue = null | string | string[];

/** IgnoreFlowIfNullOrEmpty's verdict: leave the attribute out of the operation sent to the target. */
export const IGNORE_FLOW: unique symbol = Symbol.for('entra-provisioning.expression.ignoreFlow');
export type IgnoreFlow = typeof IGNORE_FLOW;

/** What an evaluation yields. */
export type EvaluationValue = ExpressionValue | IgnoreFlow;

/** A source attribute as callers supply it: absent (undefined/null), single-valued or multi-valued. */
export type SourceValue = string | readonly string[] | null | undefined;

export type EvaluationErrorCode =
  | 'syntax'
  | 'unknown-function'
  | 'arity'
  | 'missing-argument'
  | 'unknown-name'
  | 'type'
  | 'multi-valued'
  | 'out-of-range'
  | 'bad-date'
  | 'bad-format'
  | 'bad-regex'
  | 'bad-culture'
  | 'unsupported'
  | 'not-top-level'
  | 'no-unique-value'
  | 'app-role-assignments'
  | 'missing-context'
  | 'custom-error';

/** Shown instead of a value computed inside Redact(), as provisioning logs do. */
export const REDACTED = '[Redact]';

/** One argument of a traced step. */
export interface TraceArgument {
  span: Span;
  /** False for an omitted slot and for one the function never needed (IIF's other branch, Switch's later keys). */
  evaluated: boolean;
  value?: EvaluationValue;
}

/**
 * One step of an evaluation: a function call, a comparison or an attribute read, in the order they started
 * (parents before children), with what went in and what came out — what an "evaluation trace on hover" shows.
 * Values computed inside Redact() appear as "[Redact]".
 */
export interface TraceStep {
  kind: 'call' | 'comparison' | 'attribute';
  /** Function name, operator or attribute name. */
  name: string;
  span: Span;
  /** 0 for the whole expression. */
  depth: number;
  /** Index in the trace of the enclosing step; -1 for the outermost. */
  parent: number;
  /** Calls: one entry per argument slot; comparisons: left and right; attributes: none. */
  args: TraceArgument[];
  /** Absent when the step failed. */
  result?: EvaluationValue;
  /** The message of the error that ended this step. */
  error?: string;
}

/** A failed evaluation, pointing at the node that caused it. */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
  constructor(
    readonly code: EvaluationErrorCode,
    message: string,
    /** The offending node in the expression text. */
    readonly span: Span,
    public details: {
      /** The function being evaluated when it failed. */
      functionName?: string;
      /** For 'syntax': every syntax diagnostic. */
      diagnostics?: readonly SyntaxDiagnostic[];
      /** The steps evaluated up to the failure. */
      trace?: readonly TraceStep[];
    } = {},
  ) {
    super(message);
  }
}

export const TRUE = 'True';
export const FALSE = 'False';

export function booleanText(value: boolean): string {
  return value ? TRUE : FALSE;
}

/** Normalises a caller-supplied attribute value: absent and empty lists become NULL, lists are copied. */
export function sourceValue(value: SourceValue): ExpressionValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (value.length === 0) return null;
  return value.slice();
}

/** Display form of a value for messages and traces. */
export function describeValue(value: EvaluationValue | undefined): string {
  if (value === undefined) return '(omitted)';
  if (value === IGNORE_FLOW) return '(not sent)';
  if (value === null) return 'NULL';
  return JSON.stringify(value);
}
