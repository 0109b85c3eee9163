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

// A module-level copy: the per-file test build reaches imports through getters, which every attribute read would pay.
const toExpressionValue = sourceValue;
const hasOwn = Object.prototype.hasOwnProperty;

function reader(node: ExpressionNode): ArgumentReader | null {
  switch (node.kind) {
    case 'Attribute': {
      const name = node.name;
      return (source) => (hasOwn.call(source, name) ? toExpressionValue(source[name]) : null);
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
  const general: FastCall = (source, context) => {
    for (let i = 0; i < count; i++) values[i] = readers[i]?.(source);
    const first = values[0];
    // A list into a per-value function applies it to each value: the evaluator does that.
    if (info.perValue && Array.isArray(first) && first.length > 1) return undefined;
    call.context = context;
    return implementation(call);
  };
  return specialised(node, general) ?? general;
}

// ---- specialised shapes ---------------------------------------------------------------------------------------------
// The two calls nearly every default mapping has, `Switch([IsSoftDeleted], , "False", "True", "True", "False")` and
// `Join(" ", [givenName], [surname])`, get a closure of their own that computes the builtin's result (builtins/logic.ts
// Switch, builtins/collections.ts Join) for single-valued and absent attributes without the Call machinery. Anything
// else — a list value, a non-string value — goes to the general shortcut, so results and errors stay the builtin's.

/** A constant argument's text (String, Number), undefined for an omitted slot, null for anything else. */
function constantText(node: ExpressionNode): string | undefined | null {
  if (node.kind === 'String') return node.value;
  if (node.kind === 'Number') return node.raw;
  if (node.kind === 'Omitted') return undefined;
  return null;
}

function specialised(node: CallNode, general: FastCall): FastCall | undefined {
  if (node.name === 'Switch') return switchOnAttribute(node, general);
  if (node.name === 'Join') return joinOfAttributes(node, general);
  return undefined;
}

/** Switch([attribute], default?, key, value, …) with constant keys, values and default. */
function switchOnAttribute(node: CallNode, general: FastCall): FastCall | undefined {
  const args = node.args;
  if (args.length < 2 || args[0]!.kind !== 'Attribute') return undefined;
  const name = args[0]!.name;
  const texts: (string | undefined)[] = [];
  for (let i = 1; i < args.length; i++) {
    const text = constantText(args[i]!);
    if (text === null) return undefined;
    texts.push(text);
  }
  // Switch: the first key equal to the source wins (an absent source matches "" or an omitted key); else the default.
  const fallback = texts[0] ?? null;
  const keys: (string | null)[] = [];
  const results: (string | null)[] = [];
  for (let k = 2; k + 1 < args.length; k += 2) {
    keys.push(texts[k - 1] ?? null);
    results.push(texts[k] ?? null);
  }
  let whenAbsent = fallback;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === '' || keys[i] === null) {
      whenAbsent = results[i]!;
      break;
    }
  }
  return (source, context) => {
    const raw: unknown = hasOwn.call(source, name) ? source[name] : null;
    if (raw === null || raw === undefined) return whenAbsent;
    if (typeof raw !== 'string') return general(source, context);
    for (let i = 0; i < keys.length; i++) if (keys[i] === raw) return results[i]!;
    return fallback;
  };
}

/** Join(separator, part, …) with a constant separator and attribute or constant parts. */
function joinOfAttributes(node: CallNode, general: FastCall): FastCall | undefined {
  const args = node.args;
  if (args.length < 2) return undefined;
  const separator = constantText(args[0]!);
  if (typeof separator !== 'string') return undefined;
  // Per part: the attribute name, or the constant text (marked by a null name).
  const names: (string | null)[] = [];
  const constants: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.kind === 'Attribute') {
      names.push(arg.name);
      constants.push('');
    } else {
      const text = constantText(arg);
      if (typeof text !== 'string') return undefined;
      names.push(null);
      constants.push(text);
    }
  }
  const parts = names.length;
  return (source, context) => {
    // Join: every value of every part, NULL and "" skipped; NULL when every part is NULL.
    let joined = '';
    let joinedAny = false;
    let anyPresent = false;
    for (let i = 0; i < parts; i++) {
      const name = names[i]!;
      let value: unknown;
      if (name === null) value = constants[i];
      else {
        value = hasOwn.call(source, name) ? source[name] : null;
        if (value === null || value === undefined) continue;
        if (typeof value !== 'string') return general(source, context);
      }
      anyPresent = true;
      if (value === '') continue;
      joined = joinedAny ? joined + separator + (value as string) : (value as string);
      joinedAny = true;
    }
    return anyPresent ? joined : null;
  };
}
