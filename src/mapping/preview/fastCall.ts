// A shortcut for trace-free bulk previews (the sandbox's provisioning cycles, the throughput benchmark). Most real
// mappings are one function over attributes and constants — `Switch([IsSoftDeleted], , "False", "True", "True",
// "False")`, `Join(" ", [givenName], [surname])` — and for those the general evaluator's bookkeeping (trace steps,
// lazy-argument caches, redaction depth) is most of the cost. Such a call runs the catalogue's own implementation
// directly on its already-known arguments, so the value and any error are exactly the evaluator's. Anything else
// (nested calls, comparisons, bare words or hex literals, a list into a per-value function) returns undefined and
// the caller falls back to evaluate().
import type { CallNode, ExpressionNode, ParsedExpression, Span } from '../expression/ast';
import { FUNCTION_IMPLEMENTATIONS, type Call, type ResolvedContext } from '../expression/builtins';
import { acceptsArgumentCount, findFunction, parameterAt, signatureFor } from '../catalog/functions';
import { EvaluationError, sourceValue, type EvaluationErrorCode, type EvaluationValue, type ExpressionValue } from '../expression/values';
import type { SourceObject } from './types';

export type FastCall = (source: SourceObject, context: ResolvedContext) => EvaluationValue | undefined;

type ArgumentReader = ((source: SourceObject) => ExpressionValue) | undefined;

function reader(node: ExpressionNode): ArgumentReader | null {
  switch (node.kind) {
    case 'Attribute': {
      const name = node.name;
      return (source) => (Object.prototype.hasOwnProperty.call(source, name) ? sourceValue(source[name]) : null);
    }
    case 'String': {
      const value = node.value;
      return () => value;
    }
    case 'Number': {
      const value = node.raw;
      return () => value;
    }
    case 'Omitted':
      return undefined;
    default:
      return null;
  }
}

/** The shortcut for a parsed expression, when it has the simple shape; undefined otherwise. */
export function fastCall(parsed: ParsedExpression): FastCall | undefined {
  if (!parsed.ok || parsed.root.kind !== 'Call') return undefined;
  const node: CallNode = parsed.root;
  const info = findFunction(node.name);
  const implementation = info ? FUNCTION_IMPLEMENTATIONS[info.name] : undefined;
  const count = node.args.length;
  if (!info || !implementation || !info.signatures.some((s) => acceptsArgumentCount(s, count))) return undefined;
  const signature = signatureFor(info, count);
  const readers: ArgumentReader[] = [];
  for (let i = 0; i < count; i++) {
    const arg = node.args[i]!;
    const read = reader(arg);
    if (read === null) return undefined;
    // The evaluator rejects an empty required slot; leave that error to it.
    if (read === undefined && parameterAt(signature, i)?.required) return undefined;
    readers.push(read);
  }
  const spanOf = (i: number): Span => node.args[i]?.span ?? node.span;
  const fail = (code: EvaluationErrorCode, message: string, where?: number | Span): never => {
    const span = typeof where === 'number' ? spanOf(where) : (where ?? node.span);
    throw new EvaluationError(code, message, span, { functionName: info.name });
  };
  const has = (i: number) => i >= 0 && i < count && readers[i] !== undefined;

  // One argument array and one Call per compiled expression, refilled on every use: the shortcut runs synchronously and
  // never re-enters itself, and implementations read arguments only while they run.
  const values: (ExpressionValue | undefined)[] = new Array<ExpressionValue | undefined>(count);
  const call: { -readonly [K in keyof Call]: Call[K] } = {
    node,
    info,
    signature,
    context: undefined as unknown as ResolvedContext,
    topLevel: true,
    argCount: count,
    has,
    value: (i) => values[i],
    span: spanOf,
    fail,
  };
  return (source, context) => {
    for (let i = 0; i < count; i++) values[i] = readers[i]?.(source);
    const first = values[0];
    // A list into a per-value function applies it to each value: the evaluator does that.
    if (info.perValue && Array.isArray(first) && first.length > 1) return undefined;
    call.context = context;
    return implementation(call);
  };
}
