// The syntax tree of an Entra attribute-mapping expression (mapping-expressions.md §2).
//
// Every node carries a span: UTF-16 offsets into the expression text, `end` exclusive. Offsets are relative to the
// expression text itself; use mapJsonStringOffsets() (jsonOffsets.ts) to move them into the JSON string literal of a
// mapping document that holds the expression.

/** A half-open range `[start, end)` of UTF-16 offsets into the expression text. */
export interface Span {
  start: number;
  end: number;
}

/** The comparison operators conditions may use (IIF condition, CBool argument, `DateDiff(...) > 5`). */
export type ComparisonOperator = '=' | '<>' | '>' | '>=' | '<' | '<=';

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['=', '<>', '>', '>=', '<', '<='];

/** `Name(arg, arg, , arg)`. */
export interface CallNode {
  kind: 'Call';
  span: Span;
  name: string;
  nameSpan: Span;
  openParen: Span;
  /** Absent when the text ends before the call is closed (a diagnostic says so). */
  closeParen: Span | undefined;
  /** One entry per argument slot; an empty slot between commas is an OmittedNode. `Guid()` has none. */
  args: ExpressionNode[];
  /**
   * The separators between slots: `commas[i]` sits between `args[i]` and `args[i + 1]`, so there is always one fewer
   * than there are arguments. A comma the parser had to assume (`Join(" " [a])`) has a zero-width span.
   */
  commas: Span[];
}

/** `[attributeName]`. */
export interface AttributeNode {
  kind: 'Attribute';
  span: Span;
  /** The name between the brackets, exactly as written (names are case-sensitive). */
  name: string;
  nameSpan: Span;
  /** False when the closing `]` is missing (a diagnostic says so). */
  closed: boolean;
}

/** `"text"`, with `\"` and `\\` escapes. */
export interface StringNode {
  kind: 'String';
  span: Span;
  /** The unescaped value. */
  value: string;
  /** The literal as written, quotes included. */
  raw: string;
  /** False when the closing quote is missing. */
  closed: boolean;
}

/** A decimal integer literal such as `3`, `-10` or `129699324000000000` (kept as text: it may exceed 2^53). */
export interface NumberNode {
  kind: 'Number';
  span: Span;
  raw: string;
}

/** A VB-style hexadecimal literal: `&HF7`. */
export interface HexNode {
  kind: 'Hex';
  span: Span;
  raw: string;
  /** The hexadecimal digits after `&H`. */
  digits: string;
}

/** An enum-like bare word: `vbTextCompare`, `vbBinaryCompare`, Cloud Sync's `UTF8`. */
export interface BareWordNode {
  kind: 'BareWord';
  span: Span;
  name: string;
}

/** `left op right`. Comparisons don't chain: `a = b = c` is a syntax error. */
export interface ComparisonNode {
  kind: 'Comparison';
  span: Span;
  operator: ComparisonOperator;
  operatorSpan: Span;
  left: ExpressionNode;
  right: ExpressionNode;
}

/** An argument slot left empty to skip an optional parameter: the gap in `Replace([x], , "a")`. */
export interface OmittedNode {
  kind: 'Omitted';
  /** The gap between the delimiters (whitespace only, possibly empty). */
  span: Span;
}

/**
 * Text the parser could not make sense of. It keeps whatever it did recognise as `children`, so completion, hover and
 * navigation still work inside a broken expression.
 */
export interface ErrorNode {
  kind: 'Error';
  span: Span;
  message: string;
  /** The source text of the span, so print() can reproduce it. */
  text: string;
  children: ExpressionNode[];
}

export type ExpressionNode =
  | CallNode
  | AttributeNode
  | StringNode
  | NumberNode
  | HexNode
  | BareWordNode
  | ComparisonNode
  | OmittedNode
  | ErrorNode;

export type ExpressionNodeKind = ExpressionNode['kind'];

export type DiagnosticSeverity = 'error' | 'warning';

/** Codes of the syntax diagnostics parse() reports. */
export type SyntaxDiagnosticCode =
  | 'empty-expression'
  | 'unterminated-string'
  | 'unknown-escape'
  | 'unclosed-attribute'
  | 'empty-attribute'
  | 'missing-close-paren'
  | 'missing-comma'
  | 'missing-function-name'
  | 'expected-expression'
  | 'unexpected-token'
  | 'unsupported-concatenation'
  | 'chained-comparison'
  | 'trailing-text'
  | 'nesting-too-deep';

export interface SyntaxDiagnostic {
  code: SyntaxDiagnosticCode;
  severity: DiagnosticSeverity;
  message: string;
  span: Span;
}

/** The result of parse(): always a tree (partial when the text is broken) plus the diagnostics. */
export interface ParsedExpression {
  text: string;
  root: ExpressionNode;
  diagnostics: SyntaxDiagnostic[];
  /** True when no diagnostic is an error. */
  ok: boolean;
}

/** The direct children of a node, in text order. */
export function childrenOf(node: ExpressionNode): readonly ExpressionNode[] {
  switch (node.kind) {
    case 'Call':
      return node.args;
    case 'Comparison':
      return [node.left, node.right];
    case 'Error':
      return node.children;
    default:
      return [];
  }
}

/** Visits `node` and every node below it, parents before children. */
export function walk(node: ExpressionNode, visit: (node: ExpressionNode, parent: ExpressionNode | undefined) => void): void {
  // An explicit stack: the parser bounds nesting, but walk() is also handed trees built by other code.
  const stack: [ExpressionNode, ExpressionNode | undefined][] = [[node, undefined]];
  while (stack.length > 0) {
    const [current, parent] = stack.pop()!;
    visit(current, parent);
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, current]);
  }
}

export function spanContains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
