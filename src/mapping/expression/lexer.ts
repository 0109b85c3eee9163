// Tokens of the expression language (mapping-expressions.md §2.1). One linear pass; every token keeps its offsets.
import type { ComparisonOperator, Span, SyntaxDiagnostic } from './ast';

export type TokenKind =
  | 'identifier'
  | 'attribute'
  | 'string'
  | 'number'
  | 'hex'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'operator'
  | 'invalid'
  | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** identifier: the name; attribute: the name between brackets; string: the unescaped value; others: the text. */
  value: string;
  /** attribute / string: whether the closing `]` / `"` was found. */
  closed?: boolean;
  /** attribute: where the name is. */
  nameSpan?: Span;
  /** invalid: why. */
  message?: string;
}

/** Characters that end an unclosed attribute reference: they can't be part of a source attribute name. */
const ATTRIBUTE_STOP = new Set(['[', ']', '(', ')', ',', '"', '\n', '\r'].map((ch) => ch.charCodeAt(0)));

// Character classes work on UTF-16 codes: the lexer runs over every character, so no one-character strings.
function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; // a-z A-Z _
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function isIdentifierStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isAsciiLetter(c) || (c > 127 && /\p{L}/u.test(text[i]!));
}
function isIdentifierPart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isAsciiLetter(c) || isDigit(c) || (c > 127 && /[\p{L}\p{N}]/u.test(text[i]!));
}
function isWhitespaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff;
}

/** Splits `text` into tokens (ending with one `eof`), reporting lexical problems into `diagnostics`. */
export function tokenize(text: string, diagnostics: SyntaxDiagnostic[]): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhitespaceCode(c)) {
      i++;
      continue;
    }
    const start = i;
    const ch = text[i]!;
    if (c === 40 /* ( */) tokens.push({ kind: 'lparen', start, end: ++i, value: '(' });
    else if (c === 41 /* ) */) tokens.push({ kind: 'rparen', start, end: ++i, value: ')' });
    else if (c === 44 /* , */) tokens.push({ kind: 'comma', start, end: ++i, value: ',' });
    else if (c === 34 /* " */) {
      i = lexString(text, i, tokens, diagnostics);
    } else if (c === 91 /* [ */) {
      i = lexAttribute(text, i, tokens, diagnostics);
    } else if (isDigit(c) || (c === 45 /* - */ && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
      // A fraction is not documented; accept it as one number token so `1.5` is not three errors.
      if (text.charCodeAt(i) === 46 /* . */ && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      tokens.push({ kind: 'number', start, end: i, value: text.slice(start, i) });
    } else if (c === 38 /* & */) {
      const h = text.charCodeAt(i + 1);
      if ((h === 72 || h === 104) /* H h */ && isHexDigit(text.charCodeAt(i + 2))) {
        i += 2;
        while (isHexDigit(text.charCodeAt(i))) i++;
        tokens.push({ kind: 'hex', start, end: i, value: text.slice(start, i) });
      } else {
        i++;
        tokens.push({
          kind: 'invalid',
          start,
          end: i,
          value: '&',
          message: "'&' string concatenation exists only in Cloud Sync expressions; use Join(\"\", a, b)",
        });
      }
    } else if (ch === '=' || ch === '<' || ch === '>') {
      let op: ComparisonOperator = ch;
      if (ch === '<' && text[i + 1] === '>') op = '<>';
      else if ((ch === '<' || ch === '>') && text[i + 1] === '=') op = ch === '<' ? '<=' : '>=';
      i += op.length;
      tokens.push({ kind: 'operator', start, end: i, value: op });
    } else if (isIdentifierStart(text, i)) {
      i++;
      while (i < n && isIdentifierPart(text, i)) i++;
      tokens.push({ kind: 'identifier', start, end: i, value: text.slice(start, i) });
    } else {
      // One code point, not half a surrogate pair.
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      const bad = text.slice(start, i);
      tokens.push({ kind: 'invalid', start, end: i, value: bad, message: `Unexpected character '${bad}'` });
    }
  }
  tokens.push({ kind: 'eof', start: n, end: n, value: '' });
  return tokens;
}

function lexString(text: string, start: number, tokens: Token[], diagnostics: SyntaxDiagnostic[]): number {
  const n = text.length;
  let i = start + 1;
  let value = '';
  let closed = false;
  let runStart = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      value += text.slice(runStart, i);
      i++;
      closed = true;
      break;
    }
    if (c === 92 /* \\ */) {
      value += text.slice(runStart, i);
      const next = text[i + 1];
      if (next === '"' || next === '\\') {
        value += next;
        i += 2;
      } else {
        // Only \" and \\ are escapes (§0). Anything else keeps its backslash, which is what a regex pattern written
        // with single backslashes most likely meant; warn so the author can double it.
        if (next !== undefined) {
          diagnostics.push({
            code: 'unknown-escape',
            severity: 'warning',
            message: `'\\${next}' is not an escape: only \\" and \\\\ are; write \\\\ for a literal backslash`,
            span: { start: i, end: i + 2 },
          });
        }
        value += '\\';
        i += 1;
      }
      runStart = i;
      continue;
    }
    i++;
  }
  if (!closed) {
    value += text.slice(runStart, i);
    diagnostics.push({
      code: 'unterminated-string',
      severity: 'error',
      message: 'Unterminated string: missing closing "',
      span: { start, end: i },
    });
  }
  tokens.push({ kind: 'string', start, end: i, value, closed });
  return i;
}

function lexAttribute(text: string, start: number, tokens: Token[], diagnostics: SyntaxDiagnostic[]): number {
  const n = text.length;
  let i = start + 1;
  while (i < n && !ATTRIBUTE_STOP.has(text.charCodeAt(i))) i++;
  const closed = text[i] === ']';
  const nameSpan = { start: start + 1, end: i };
  const name = text.slice(nameSpan.start, nameSpan.end);
  if (closed) i++;
  else {
    diagnostics.push({
      code: 'unclosed-attribute',
      severity: 'error',
      message: `Missing ']' after attribute name '${name}'`,
      span: { start, end: i },
    });
  }
  if (closed && name.trim() === '') {
    diagnostics.push({ code: 'empty-attribute', severity: 'error', message: 'Empty attribute name: []', span: { start, end: i } });
  }
  tokens.push({ kind: 'attribute', start, end: i, value: name, closed, nameSpan });
  return i;
}
