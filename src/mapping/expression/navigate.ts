// Finding things by offset, for completion, signature help and hover. All offsets are expression-text offsets
// (see mapJsonStringOffsets for the document side); a node "contains" an offset at its start, inside and at its end,
// so a cursor right after `[ma` or `Mi` still belongs to that token.
import { childrenOf, spanContains, type AttributeNode, type CallNode, type ExpressionNode, type ParsedExpression, type Span } from './ast';
import { findFunction, parameterAt, signatureFor, type FunctionParameter, type FunctionSignature, type MappingFunctionInfo } from '../catalog/functions';

/** The nodes containing `offset`, outermost first (empty when the offset is outside the root). */
export function nodePathAt(root: ExpressionNode, offset: number): ExpressionNode[] {
  const path: ExpressionNode[] = [];
  let current: ExpressionNode | undefined = spanContains(root.span, offset) ? root : undefined;
  while (current) {
    path.push(current);
    current = childrenOf(current).find((child) => spanContains(child.span, offset));
  }
  return path;
}

/** The innermost node containing `offset`. */
export function nodeAt(root: ExpressionNode, offset: number): ExpressionNode | undefined {
  const path = nodePathAt(root, offset);
  return path[path.length - 1];
}

export interface CallContext {
  call: CallNode;
  /** 0-based argument slot the offset is in (commas before it). */
  argumentIndex: number;
  /** The node in that slot, if the slot exists yet. */
  argument: ExpressionNode | undefined;
  /** The catalogue entry, when the function is known. */
  function: MappingFunctionInfo | undefined;
  /** The signature matching the call's current argument count. */
  signature: FunctionSignature | undefined;
  /** The parameter at argumentIndex, cycling through a repeated group. */
  parameter: FunctionParameter | undefined;
}

function insideParens(call: CallNode, offset: number): boolean {
  return offset >= call.openParen.end && (call.closeParen === undefined || offset <= call.closeParen.start);
}

/** The innermost call whose parentheses contain `offset`, and which argument the offset is in. */
export function callContextAt(root: ExpressionNode, offset: number): CallContext | undefined {
  const path = nodePathAt(root, offset);
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    if (node.kind !== 'Call' || !insideParens(node, offset)) continue;
    const argumentIndex = node.commas.filter((c) => c.end <= offset).length;
    const info = findFunction(node.name);
    const signature = info ? signatureFor(info, Math.max(node.args.length, argumentIndex + 1)) : undefined;
    return {
      call: node,
      argumentIndex,
      argument: node.args[argumentIndex],
      function: info,
      signature,
      parameter: signature ? parameterAt(signature, argumentIndex) : undefined,
    };
  }
  return undefined;
}

/** What completion should offer at an offset. */
export type CompletionContext =
  /** Inside `[…]`: source attribute names; `replace` is the name's span. */
  | { kind: 'attribute'; prefix: string; replace: Span; node: AttributeNode; call: CallContext | undefined }
  /** On a word (a function name being typed, or an enum word): function names, enum values. */
  | { kind: 'name'; prefix: string; replace: Span; call: CallContext | undefined }
  /** Where a value may start (empty argument slot, start of the text): functions, `[`, literals. */
  | { kind: 'value'; replace: Span; call: CallContext | undefined }
  /** Inside a string literal: nothing generic (a consumer may offer enum strings such as DateAdd intervals). */
  | { kind: 'string'; call: CallContext | undefined }
  /** Nowhere useful (inside a number, after a closed call). */
  | { kind: 'none'; call: CallContext | undefined };

/** Classifies `offset` for completion; works on broken text (unclosed calls, brackets and strings). */
export function completionContextAt(parsed: ParsedExpression, offset: number): CompletionContext {
  const call = callContextAt(parsed.root, offset);
  const node = nodeAt(parsed.root, offset);
  const at = { start: offset, end: offset };
  if (!node) return parsed.text.trim() === '' ? { kind: 'value', replace: at, call } : { kind: 'none', call };
  switch (node.kind) {
    case 'Attribute':
      if (offset > node.span.start && offset <= node.nameSpan.end) {
        return { kind: 'attribute', prefix: parsed.text.slice(node.nameSpan.start, offset), replace: node.nameSpan, node, call };
      }
      return { kind: 'none', call };
    case 'String': {
      const inside = offset > node.span.start && (node.closed ? offset < node.span.end : true);
      return inside ? { kind: 'string', call } : { kind: 'none', call };
    }
    case 'BareWord':
      return { kind: 'name', prefix: parsed.text.slice(node.span.start, offset), replace: node.span, call };
    case 'Call':
      if (offset <= node.nameSpan.end && offset >= node.nameSpan.start && node.name !== '') {
        return { kind: 'name', prefix: parsed.text.slice(node.nameSpan.start, offset), replace: node.nameSpan, call };
      }
      // Inside the parentheses but not in any argument node: an empty slot being typed.
      return insideParens(node, offset) ? { kind: 'value', replace: at, call } : { kind: 'none', call };
    case 'Omitted':
      return { kind: 'value', replace: at, call };
    case 'Error':
      return node.span.start === node.span.end || node.text.trim() === '' ? { kind: 'value', replace: at, call } : { kind: 'none', call };
    default:
      return { kind: 'none', call };
  }
}
