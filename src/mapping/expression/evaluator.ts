// Evaluates an expression against a source object (mapping-expressions.md §3, §4), the way the provisioning service
// computes the value it sends. Functions are looked up in the catalogue (arity, parameter kinds) and implemented in
// ./builtins; arguments are evaluated lazily so IIF/Switch/Coalesce only touch what they use. Every call, comparison
// and attribute read is recorded in a trace. Failures throw EvaluationError with the span of the offending node.
import type { CallNode, ComparisonNode, ExpressionNode, ParsedExpression, Span } from './ast';
import {
  acceptsArgumentCount,
  describeArity,
  findFunction,
  findFunctionIgnoringCase,
  parameterAt,
  signatureFor,
  type MappingFunctionInfo,
  type ValueKind,
} from '../catalog/functions';
import { FUNCTION_IMPLEMENTATIONS, type Call, type ResolvedContext } from './builtins';
import { isPrintedDateTime, parseDateTimeText } from './dates';
import { parse } from './parser';
import {
  EvaluationError,
  IGNORE_FLOW,
  REDACTED,
  booleanText,
  describeValue,
  sourceValue,
  type EvaluationErrorCode,
  type EvaluationValue,
  type ExpressionValue,
  type SourceValue,
  type TraceStep,
} from './values';

export interface EvaluationContext {
  /** The source object's attributes by (case-sensitive) name; absent or null = NULL; lists are multi-valued. */
  source?: Readonly<Record<string, SourceValue>>;
  /** The clock for Now() and for formats without a date (default: the real time). */
  now?: Date;
  /** Uniform [0, 1) numbers for Guid() and RandomString() (default Math.random; see seededRandom()). */
  random?: () => number;
  /** SelectUniqueValue's oracle: whether a value is still free in the target (default: always). */
  isUnique?: (value: string) => boolean;
  /** DefaultDomain()'s answer (the tenant's default verified domain). */
  defaultDomain?: string;
}

export interface EvaluationResult {
  /** The value the attribute would get; IGNORE_FLOW when IgnoreFlowIfNullOrEmpty drops the attribute. */
  value: EvaluationValue;
  trace: TraceStep[];
  /** A Redact() call took part: provisioning logs show "[Redact]" for this attribute. */
  redacted: boolean;
}

/** Thrown through the evaluation when an argument is IGNORE_FLOW: the whole mapping is dropped. */
class IgnoreFlowSignal {}

interface Position {
  depth: number;
  parent: number;
  topLevel: boolean;
  /** The kind of the parameter this node is an argument for (bare words are only values for Enum parameters). */
  kind: ValueKind | undefined;
}

/**
 * Evaluates expression text, a parse result or a tree. Syntax errors, unknown functions, wrong argument counts and
 * function failures (bad date, bad regex, …) throw EvaluationError.
 */
export function evaluate(input: string | ParsedExpression | ExpressionNode, context: EvaluationContext = {}): EvaluationResult {
  const root = rootOf(input);
  const evaluator = new Evaluator({
    now: context.now ?? new Date(),
    random: context.random ?? Math.random,
    isUnique: context.isUnique ?? (() => true),
    defaultDomain: context.defaultDomain,
  }, context.source ?? {});
  try {
    const value = evaluator.evaluate(root, { depth: 0, parent: -1, topLevel: true, kind: undefined });
    return { value, trace: evaluator.trace, redacted: evaluator.redactCalls > 0 };
  } catch (err) {
    if (err instanceof IgnoreFlowSignal) return { value: IGNORE_FLOW, trace: evaluator.trace, redacted: evaluator.redactCalls > 0 };
    if (err instanceof EvaluationError) err.details = { ...err.details, trace: evaluator.trace };
    throw err;
  }
}

function rootOf(input: string | ParsedExpression | ExpressionNode): ExpressionNode {
  const parsed = typeof input === 'string' ? parse(input) : 'root' in input ? input : undefined;
  if (!parsed) return input as ExpressionNode;
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first) throw new EvaluationError('syntax', first.message, first.span, { diagnostics: parsed.diagnostics });
  return parsed.root;
}

class Evaluator {
  readonly trace: TraceStep[] = [];
  redactCalls = 0;
  private redactDepth = 0;

  constructor(
    private readonly context: ResolvedContext,
    private readonly source: Readonly<Record<string, SourceValue>>,
  ) {}

  evaluate(node: ExpressionNode, at: Position): EvaluationValue {
    switch (node.kind) {
      case 'String':
        return node.value;
      case 'Number':
        return node.raw;
      case 'Hex':
        return BigInt(`0x${node.digits}`).toString();
      case 'BareWord':
        if (at.kind === 'Enum') return node.name;
        return fail(
          'unknown-name',
          `'${node.name}' is not a value here: write [${node.name}] for an attribute or "${node.name}" for text`,
          node.span,
        );
      case 'Attribute':
        return this.attribute(node.name, node.span, at);
      case 'Comparison':
        return this.comparison(node, at);
      case 'Call':
        return this.call(node, at);
      case 'Omitted':
        return fail('missing-argument', 'An argument is missing here', node.span);
      case 'Error':
        return fail('syntax', node.message, node.span);
    }
  }

  // ---- trace ------------------------------------------------------------------------------------------------------

  private begin(kind: TraceStep['kind'], name: string, span: Span, at: Position, args: Span[]): number {
    this.trace.push({ kind, name, span, depth: at.depth, parent: at.parent, args: args.map((s) => ({ span: s, evaluated: false })) });
    return this.trace.length - 1;
  }

  private shown(value: EvaluationValue): EvaluationValue {
    return this.redactDepth > 0 && value !== null && value !== IGNORE_FLOW ? REDACTED : value;
  }

  private recordArg(step: number, i: number, value: EvaluationValue): void {
    const arg = this.trace[step]!.args[i];
    if (arg) {
      arg.evaluated = true;
      arg.value = this.shown(value);
    }
  }

  /** Runs `body` as the step's work, recording its result, IGNORE_FLOW or error. */
  private run<T extends EvaluationValue>(step: number, body: () => T): T {
    try {
      const result = body();
      this.trace[step]!.result = this.shown(result);
      return result;
    } catch (err) {
      if (err instanceof IgnoreFlowSignal) this.trace[step]!.result = IGNORE_FLOW;
      else if (err instanceof Error) this.trace[step]!.error = err.message;
      throw err;
    }
  }

  // ---- nodes ------------------------------------------------------------------------------------------------------

  private attribute(name: string, span: Span, at: Position): ExpressionValue {
    const step = this.begin('attribute', name, span, at, []);
    const raw = Object.prototype.hasOwnProperty.call(this.source, name) ? this.source[name] : undefined;
    return this.run(step, () => sourceValue(raw));
  }

  /** An operand: IGNORE_FLOW anywhere below drops the whole mapping. */
  private operand(node: ExpressionNode, at: Position): ExpressionValue {
    const v = this.evaluate(node, at);
    if (v === IGNORE_FLOW) throw new IgnoreFlowSignal();
    return v;
  }

  private comparison(node: ComparisonNode, at: Position): string {
    const step = this.begin('comparison', node.operator, node.span, at, [node.left.span, node.right.span]);
    const inner: Position = { depth: at.depth + 1, parent: step, topLevel: false, kind: undefined };
    return this.run(step, () => {
      const left = this.operand(node.left, inner);
      this.recordArg(step, 0, left);
      const right = this.operand(node.right, inner);
      this.recordArg(step, 1, right);
      return booleanText(compare(node, left, right));
    });
  }

  private call(node: CallNode, at: Position): EvaluationValue {
    const info = findFunction(node.name);
    if (!info) {
      const other = findFunctionIgnoringCase(node.name);
      const hint = other ? `; function names are case-sensitive: did you mean ${other.name}?` : '';
      return fail('unknown-function', `Unknown function '${node.name}'${hint}`, node.nameSpan, node.name);
    }
    const count = node.args.length;
    if (!info.signatures.some((s) => acceptsArgumentCount(s, count))) {
      const sig = info.signatures[0]!;
      const pairs = sig.repeatSize > 1 && count > sig.minArgs ? ' (keys and values must come in complete pairs)' : '';
      return fail('arity', `${info.name} takes ${describeArity(info)} arguments, not ${count}${pairs}`, node.span, info.name);
    }
    const signature = signatureFor(info, count);
    node.args.forEach((arg, i) => {
      const p = parameterAt(signature, i);
      if (arg.kind === 'Omitted' && p?.required) {
        fail('missing-argument', `${info.name}: ${p.label} is required and can't be left empty`, arg.span, info.name);
      }
    });
    const implementation = FUNCTION_IMPLEMENTATIONS[info.name];
    if (!implementation) return fail('unsupported', `${info.name} cannot be evaluated`, node.nameSpan, info.name);

    const step = this.begin('call', info.name, node.span, at, node.args.map((a) => a.span));
    const isRedact = info.name === 'Redact';
    if (isRedact) {
      this.redactCalls++;
      this.redactDepth++;
    }
    try {
      return this.run(step, () => {
        const call = this.makeCall(node, info, signature, at, step);
        const first = info.perValue && count > 0 ? call.value(0) : undefined;
        if (!Array.isArray(first) || first.length < 2) return implementation(call);
        // A multi-valued first argument: the function applies to each value (Cloud Sync documents this for Trim).
        const results: string[] = [];
        for (const item of first) {
          const one = implementation(overrideFirst(call, item));
          if (one === IGNORE_FLOW) throw new IgnoreFlowSignal();
          if (typeof one === 'string') results.push(one);
          else if (Array.isArray(one)) results.push(...one);
        }
        return results.length ? results : null;
      });
    } finally {
      if (isRedact) this.redactDepth--;
    }
  }

  private makeCall(node: CallNode, info: MappingFunctionInfo, signature: Call['signature'], at: Position, step: number): Call {
    const cache = new Map<number, ExpressionValue>();
    const spanOf = (i: number): Span => node.args[i]?.span ?? node.span;
    return {
      node,
      info,
      signature,
      context: this.context,
      topLevel: at.topLevel,
      argCount: node.args.length,
      has: (i) => i >= 0 && i < node.args.length && node.args[i]!.kind !== 'Omitted',
      value: (i) => {
        const arg = node.args[i];
        if (!arg || arg.kind === 'Omitted') return undefined;
        if (cache.has(i)) return cache.get(i)!;
        const v = this.operand(arg, { depth: at.depth + 1, parent: step, topLevel: false, kind: parameterAt(signature, i)?.kind });
        cache.set(i, v);
        this.recordArg(step, i, v);
        return v;
      },
      span: spanOf,
      fail: (code, message, where) => {
        const span = typeof where === 'number' ? spanOf(where) : (where ?? node.span);
        return fail(code, message, span, info.name);
      },
    };
  }
}

function overrideFirst(call: Call, item: string): Call {
  return { ...call, value: (i) => (i === 0 ? item : call.value(i)) };
}

function fail(code: EvaluationErrorCode, message: string, span: Span, functionName?: string): never {
  throw new EvaluationError(code, message, span, functionName ? { functionName } : {});
}

// ---- comparisons --------------------------------------------------------------------------------------------------

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

function single(node: ExpressionNode, value: string | string[]): string {
  if (typeof value === 'string') return value;
  if (value.length === 1) return value[0]!;
  return fail('multi-valued', `Can't compare ${describeValue(value)}: it has ${value.length} values`, node.span);
}

/**
 * `=`/`<>`/… as conditions use them: NULL on either side makes every comparison false (the reference's "the
 * condition check fails"); numbers compare as numbers, printed DateTimes as dates, anything else as ordinal,
 * case-sensitive text.
 */
function compare(node: ComparisonNode, leftValue: ExpressionValue, rightValue: ExpressionValue): boolean {
  if (leftValue === null || rightValue === null) return false;
  const left = single(node.left, leftValue);
  const right = single(node.right, rightValue);
  let order: number;
  if (NUMBER.test(left.trim()) && NUMBER.test(right.trim())) {
    order = compareNumbers(left.trim(), right.trim());
  } else if (isPrintedDateTime(left) && isPrintedDateTime(right)) {
    order = Math.sign(parseDateTimeText(left)!.ms - parseDateTimeText(right)!.ms);
  } else {
    order = left === right ? 0 : left < right ? -1 : 1;
  }
  switch (node.operator) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function compareNumbers(a: string, b: string): number {
  if (/^[+-]?\d+$/.test(a) && /^[+-]?\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return Math.sign(Number(a) - Number(b));
}
