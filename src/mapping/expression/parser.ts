// Recursive-descent parser with error recovery.
//
//   expression := operand (comparisonOperator operand)?
//   operand    := call | attribute | string | number | hex | bareWord
//   call       := Name "(" [slot ("," slot)*] ")"        slot := expression | (nothing: an omitted argument)
//
// The parser never throws and always returns a tree: missing `)`/`]`/`"`/`,` are assumed and reported, junk becomes
// ErrorNodes that keep whatever was recognised inside them, so completion and hover keep working while the user types.
// Nesting is bounded (MAX_NESTING_DEPTH): deeper text is reported as "nesting too deep" and skipped without recursion.
import type {
  CallNode,
  ComparisonNode,
  ComparisonOperator,
  ErrorNode,
  ExpressionNode,
  OmittedNode,
  ParsedExpression,
  Span,
  SyntaxDiagnostic,
  SyntaxDiagnosticCode,
} from './ast';
import { tokenize, type Token } from './lexer';

/** Calls nested deeper than this are reported and skipped (real mappings nest a handful of levels). */
export const MAX_NESTING_DEPTH = 200;

/** Parses expression text into a tree plus diagnostics. Linear in the length of the text. */
export function parse(text: string): ParsedExpression {
  const diagnostics: SyntaxDiagnostic[] = [];
  const tokens = tokenize(text, diagnostics);
  const parser = new Parser(text, tokens, diagnostics);
  const root = parser.parseRoot();
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { text, root, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error') };
}

function startsOperand(token: Token): boolean {
  return (
    token.kind === 'identifier' ||
    token.kind === 'attribute' ||
    token.kind === 'string' ||
    token.kind === 'number' ||
    token.kind === 'hex' ||
    token.kind === 'lparen'
  );
}

function endsArgument(token: Token): boolean {
  return token.kind === 'comma' || token.kind === 'rparen' || token.kind === 'eof';
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly diagnostics: SyntaxDiagnostic[],
  ) {}

  parseRoot(): ExpressionNode {
    if (this.peek().kind === 'eof') {
      const span = { start: 0, end: this.text.length };
      this.report('empty-expression', 'The expression is empty', span);
      return this.errorNode(span, 'Empty expression', []);
    }
    const first = this.parseExpression(0);
    if (this.peek().kind === 'eof') return first;

    // Text after a complete expression: keep parsing it (so it stays navigable) and wrap everything in an ErrorNode.
    const rest: ExpressionNode[] = [first];
    const junkStart = this.peek().start;
    this.report('trailing-text', 'Unexpected text after the end of the expression', { start: junkStart, end: this.text.length });
    while (this.peek().kind !== 'eof') {
      const before = this.pos;
      if (startsOperand(this.peek())) rest.push(this.parseExpression(0));
      if (this.pos === before) rest.push(this.skipToken(true));
    }
    return this.errorNode({ start: first.span.start, end: this.text.length }, 'Unexpected text after the end of the expression', rest);
  }

  // ---- expressions -----------------------------------------------------------------------------------------------

  private parseExpression(depth: number): ExpressionNode {
    const left = this.parseOperand(depth);
    if (this.peek().kind !== 'operator') return left;
    const comparison = this.parseComparisonTail(left, depth);
    if (this.peek().kind !== 'operator') return comparison;

    // `a = b = c`: VB would compare a Boolean with c, which is never what a mapping means. Report it and keep the
    // rest flat (a long chain must not build a deep tree).
    const children: ExpressionNode[] = [comparison];
    const chainStart = this.peek().start;
    while (this.peek().kind === 'operator') {
      this.next();
      children.push(this.parseOperandOrMissing(depth, 'a value'));
    }
    const span = { start: comparison.span.start, end: children[children.length - 1]!.span.end };
    this.report('chained-comparison', 'Comparisons cannot be chained; nest IIF() calls instead', { start: chainStart, end: span.end });
    return this.errorNode(span, 'Chained comparison', children);
  }

  private parseComparisonTail(left: ExpressionNode, depth: number): ComparisonNode {
    const opToken = this.next();
    const right = this.parseOperandOrMissing(depth, `a value after '${opToken.value}'`);
    return {
      kind: 'Comparison',
      span: { start: left.span.start, end: right.span.end },
      operator: opToken.value as ComparisonOperator,
      operatorSpan: { start: opToken.start, end: opToken.end },
      left,
      right,
    };
  }

  private parseOperandOrMissing(depth: number, what: string): ExpressionNode {
    if (startsOperand(this.peek()) || this.peek().kind === 'invalid') return this.parseOperand(depth);
    const at = this.previousEnd();
    this.report('expected-expression', `Expected ${what}`, { start: at, end: at });
    return this.errorNode({ start: at, end: at }, `Expected ${what}`, []);
  }

  private parseOperand(depth: number): ExpressionNode {
    const token = this.peek();
    switch (token.kind) {
      case 'identifier': {
        this.next();
        if (this.peek().kind === 'lparen') return this.parseCall(token, depth);
        return { kind: 'BareWord', span: spanOf(token), name: token.value };
      }
      case 'lparen': {
        // `(` with no function name before it. Grouping parentheses are not part of the language; parse the inside
        // as arguments anyway so it stays navigable.
        this.report('missing-function-name', "Expected a function name before '('; parentheses don't group", spanOf(token));
        const call = this.parseCall(undefined, depth);
        if (call.kind === 'Error') return call;
        return this.errorNode(call.span, 'Parentheses without a function name', call.args);
      }
      case 'attribute':
        this.next();
        return { kind: 'Attribute', span: spanOf(token), name: token.value, nameSpan: token.nameSpan!, closed: token.closed ?? true };
      case 'string':
        this.next();
        return {
          kind: 'String',
          span: spanOf(token),
          value: token.value,
          raw: this.text.slice(token.start, token.end),
          closed: token.closed ?? true,
        };
      case 'number':
        this.next();
        return { kind: 'Number', span: spanOf(token), raw: token.value };
      case 'hex':
        this.next();
        return { kind: 'Hex', span: spanOf(token), raw: token.value, digits: token.value.slice(2) };
      case 'invalid':
        return this.skipToken();
      default: {
        // ')' ',' an operator or the end where a value belongs.
        const at = token.kind === 'eof' ? this.previousEnd() : token.start;
        const label = token.kind === 'eof' ? 'the end of the expression' : `'${token.value}'`;
        this.report('expected-expression', `Expected a value but found ${label}`, { start: at, end: token.kind === 'eof' ? at : token.end });
        return this.errorNode({ start: at, end: at }, 'Expected a value', []);
      }
    }
  }

  // ---- calls -----------------------------------------------------------------------------------------------------

  private parseCall(nameToken: Token | undefined, depth: number): CallNode | ErrorNode {
    const open = this.next(); // '('
    const start = nameToken ? nameToken.start : open.start;
    if (depth >= MAX_NESTING_DEPTH) return this.skipTooDeep(start, open);

    const args: ExpressionNode[] = [];
    const commas: Span[] = [];
    let closeParen: Span | undefined;
    let slotStart = open.end;
    let afterSeparator = false;

    for (;;) {
      const token = this.peek();
      if (token.kind === 'comma') {
        args.push(omitted(slotStart, token.start));
        commas.push(spanOf(this.next()));
        slotStart = token.end;
        afterSeparator = true;
        continue;
      }
      if (token.kind === 'rparen' || token.kind === 'eof') {
        if (afterSeparator) args.push(omitted(slotStart, token.kind === 'eof' ? this.text.length : token.start));
        if (token.kind === 'rparen') closeParen = spanOf(this.next());
        else this.reportMissingClose(nameToken, open);
        break;
      }

      let arg = this.parseExpression(depth + 1);
      let hadJunk = false;
      // Anything that can't follow an argument is junk: fold it into an ErrorNode around the argument.
      while (!endsArgument(this.peek()) && !startsOperand(this.peek())) {
        const concatenation = this.peek().kind === 'invalid' && this.peek().value === '&';
        const junk = this.skipToken();
        const children = [arg];
        // Cloud Sync's `"t-" & [alias]`: keep the right-hand side inside the same error instead of also reporting a
        // missing comma before it.
        if (concatenation && startsOperand(this.peek())) children.push(this.parseOperand(depth + 1));
        const end = Math.max(junk.span.end, children[children.length - 1]!.span.end);
        arg = this.errorNode({ start: arg.span.start, end }, junk.message, children);
        hadJunk = true;
      }
      args.push(arg);
      afterSeparator = false;

      const after = this.peek();
      if (after.kind === 'comma') {
        commas.push(spanOf(this.next()));
        slotStart = after.end;
        afterSeparator = true;
      } else if (after.kind === 'rparen') {
        closeParen = spanOf(this.next());
        break;
      } else if (after.kind === 'eof') {
        this.reportMissingClose(nameToken, open);
        break;
      } else {
        // Another value right after this one: a comma is missing (or was mistyped as the junk already reported).
        // Assume it (zero width) and go on.
        if (!hadJunk) this.report('missing-comma', "Missing ',' between arguments", { start: arg.span.end, end: after.start });
        commas.push({ start: after.start, end: after.start });
        slotStart = after.start;
      }
    }

    const end = closeParen ? closeParen.end : this.text.length;
    return {
      kind: 'Call',
      span: { start, end },
      name: nameToken ? nameToken.value : '',
      nameSpan: nameToken ? spanOf(nameToken) : { start: open.start, end: open.start },
      openParen: spanOf(open),
      closeParen,
      args,
      commas,
    };
  }

  private reportMissingClose(nameToken: Token | undefined, open: Token): void {
    const at = this.text.length;
    // Several calls left open at the end: one diagnostic (the innermost's) says it.
    if (this.diagnostics.some((d) => d.code === 'missing-close-paren' && d.span.start === at)) return;
    const what = nameToken ? `${nameToken.value}(` : `the '(' at offset ${open.start}`;
    this.report('missing-close-paren', `Missing ')' to close ${what}`, { start: at, end: at });
  }

  /** Skips a too-deep call up to its matching ')' without recursing, and reports it once. */
  private skipTooDeep(start: number, open: Token): ErrorNode {
    let balance = 1;
    while (balance > 0 && this.peek().kind !== 'eof') {
      const t = this.next();
      if (t.kind === 'lparen') balance++;
      else if (t.kind === 'rparen') balance--;
    }
    const end = balance === 0 ? this.previousEnd() : this.text.length;
    const message = `Nesting too deep: more than ${MAX_NESTING_DEPTH} nested calls`;
    this.report('nesting-too-deep', message, { start, end: open.end });
    if (balance > 0 && !this.diagnostics.some((d) => d.code === 'missing-close-paren' && d.span.start === end)) {
      this.report('missing-close-paren', "Missing ')'", { start: end, end });
    }
    return this.errorNode({ start, end }, message, []);
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private previousEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1]!.end : 0;
  }

  /** Consumes one token the grammar has no place for, reports it and returns it as an ErrorNode. */
  private skipToken(quiet = false): ErrorNode {
    const token = this.next();
    const message = token.message ?? `Unexpected '${token.value}'`;
    if (!quiet) this.report(token.kind === 'invalid' && token.value === '&' ? 'unsupported-concatenation' : 'unexpected-token', message, spanOf(token));
    return this.errorNode(spanOf(token), message, []);
  }

  private errorNode(span: Span, message: string, children: ExpressionNode[]): ErrorNode {
    return { kind: 'Error', span, message, text: this.text.slice(span.start, span.end), children };
  }

  private report(code: SyntaxDiagnosticCode, message: string, span: Span): void {
    this.diagnostics.push({ code, severity: 'error', message, span });
  }
}

function spanOf(token: Token): Span {
  return { start: token.start, end: token.end };
}

function omitted(start: number, end: number): OmittedNode {
  return { kind: 'Omitted', span: { start, end } };
}
