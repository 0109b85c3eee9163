// A small OData v4 `$filter` parser, shared by every sandbox list route. It covers what Microsoft Graph accepts on
// the collections the product reads: comparisons (eq ne gt ge lt le), `and` / `or` / `not`, parentheses, `in (…)`,
// the string functions contains / startswith / endswith / tolower / toupper, property paths (`servicePrincipal/id`)
// and lambdas over collections (`tags/any(t:t eq 'x')`). Literals: 'strings' (with '' escaping), numbers,
// true/false/null, unquoted GUIDs and ISO dates (`activityDateTime gt 2023-07-30`).
// Parsing yields an expression tree; evaluation lives in ./evaluate so each collection can choose its rules.

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LiteralValue = string | number | boolean | null;

export type FilterExpression =
  | { kind: 'literal'; value: LiteralValue; literalType: 'string' | 'number' | 'boolean' | 'null' | 'guid' | 'dateTime' }
  | { kind: 'property'; path: string[] }
  | { kind: 'compare'; operator: ComparisonOperator; left: FilterExpression; right: FilterExpression }
  | { kind: 'logical'; operator: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'in'; operand: FilterExpression; values: FilterExpression[] }
  | { kind: 'call'; name: string; args: FilterExpression[] }
  | { kind: 'lambda'; collection: string[]; quantifier: 'any' | 'all'; variable: string; body: FilterExpression };

/** A `$filter` the parser cannot read; the routes turn it into Graph's 400. */
export class FilterSyntaxError extends Error {}

type Token =
  | { type: 'punct'; text: '(' | ')' | ',' | ':' | '/'; position: number }
  | { type: 'string'; text: string; position: number }
  | { type: 'number'; text: string; position: number }
  | { type: 'guid'; text: string; position: number }
  | { type: 'dateTime'; text: string; position: number }
  | { type: 'identifier'; text: string; position: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const IDENTIFIER = /^[A-Za-z_$@][A-Za-z0-9_$@.]*/;

const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
export const FILTER_FUNCTIONS = ['contains', 'startswith', 'endswith', 'tolower', 'toupper'] as const;
const FUNCTION_ARITY: Record<string, number> = { contains: 2, startswith: 2, endswith: 2, tolower: 1, toupper: 1 };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
      tokens.push({ type: 'punct', text: ch, position: i });
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FilterSyntaxError(`Unterminated string literal at position ${i} in '${text}'.`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ type: 'string', text: value, position: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const guid = GUID.exec(rest);
    if (guid) {
      tokens.push({ type: 'guid', text: guid[0], position: i });
      i += guid[0].length;
      continue;
    }
    const dateTime = DATE_TIME.exec(rest);
    if (dateTime) {
      tokens.push({ type: 'dateTime', text: dateTime[0], position: i });
      i += dateTime[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    const identifier = IDENTIFIER.exec(rest);
    if (identifier) {
      tokens.push({ type: 'identifier', text: identifier[0], position: i });
      i += identifier[0].length;
      continue;
    }
    throw new FilterSyntaxError(`Syntax error: character '${ch}' is not valid at position ${i} in '${text}'.`);
  }
  return tokens;
}

/** Parses a `$filter` value into an expression tree, or throws FilterSyntaxError. */
export function parseFilter(text: string): FilterExpression {
  if (text.trim() === '') throw new FilterSyntaxError('The $filter expression must not be empty.');
  return new Parser(text, tokenize(text)).parseAll();
}

class Parser {
  private index = 0;
  /** Lambda variables in scope, so `t` inside `tags/any(t:t eq 'x')` reads as the element. */
  private readonly variables: string[] = [];

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): FilterExpression {
    const expression = this.parseOr();
    const extra = this.peek();
    if (extra) this.fail(`unexpected '${extra.text}'`, extra.position);
    return expression;
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.peekKeyword('or')) {
      this.index++;
      left = { kind: 'logical', operator: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.peekKeyword('and')) {
      this.index++;
      left = { kind: 'logical', operator: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    if (this.peekKeyword('not')) {
      this.index++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterExpression {
    const left = this.parsePrimary();
    const next = this.peek();
    if (next?.type === 'identifier') {
      const word = next.text.toLowerCase();
      if ((COMPARISON_OPERATORS as readonly string[]).includes(word)) {
        this.index++;
        return { kind: 'compare', operator: word as ComparisonOperator, left, right: this.parsePrimary() };
      }
      if (word === 'in') {
        this.index++;
        this.expectPunct('(');
        const values: FilterExpression[] = [this.parsePrimary()];
        while (this.peekPunct(',')) {
          this.index++;
          values.push(this.parsePrimary());
        }
        this.expectPunct(')');
        return { kind: 'in', operand: left, values };
      }
    }
    return left;
  }

  private parsePrimary(): FilterExpression {
    const token = this.next('an operand');
    switch (token.type) {
      case 'string':
        return { kind: 'literal', value: token.text, literalType: 'string' };
      case 'number':
        return { kind: 'literal', value: Number(token.text), literalType: 'number' };
      case 'guid':
        return { kind: 'literal', value: token.text, literalType: 'guid' };
      case 'dateTime':
        return { kind: 'literal', value: token.text, literalType: 'dateTime' };
      case 'punct':
        if (token.text === '(') {
          const inner = this.parseOr();
          this.expectPunct(')');
          return inner;
        }
        return this.fail(`unexpected '${token.text}'`, token.position);
      case 'identifier':
        return this.parseIdentifier(token);
    }
  }

  private parseIdentifier(token: Token & { type: 'identifier' }): FilterExpression {
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', literalType: 'boolean' };
    if (word === 'null') return { kind: 'literal', value: null, literalType: 'null' };
    if (this.peekPunct('(')) {
      if (!(word in FUNCTION_ARITY)) this.fail(`unknown function '${token.text}'`, token.position);
      this.index++;
      const args: FilterExpression[] = [];
      if (!this.peekPunct(')')) {
        args.push(this.parseOr());
        while (this.peekPunct(',')) {
          this.index++;
          args.push(this.parseOr());
        }
      }
      this.expectPunct(')');
      if (args.length !== FUNCTION_ARITY[word]) {
        this.fail(`function '${token.text}' takes ${FUNCTION_ARITY[word]} argument(s)`, token.position);
      }
      return { kind: 'call', name: word, args };
    }
    const path = [token.text];
    while (this.peekPunct('/')) {
      this.index++;
      const segment = this.next('a property name');
      if (segment.type !== 'identifier') return this.fail(`expected a property name after '/'`, segment.position);
      const lower = segment.text.toLowerCase();
      if ((lower === 'any' || lower === 'all') && this.peekPunct('(')) {
        return this.parseLambda(path, lower);
      }
      path.push(segment.text);
    }
    return { kind: 'property', path };
  }

  private parseLambda(collection: string[], quantifier: 'any' | 'all'): FilterExpression {
    this.expectPunct('(');
    const variable = this.next('a lambda variable');
    if (variable.type !== 'identifier') return this.fail('expected a lambda variable', variable.position);
    this.expectPunct(':');
    this.variables.push(variable.text);
    const body = this.parseOr();
    this.variables.pop();
    this.expectPunct(')');
    return { kind: 'lambda', collection, quantifier, variable: variable.text, body };
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.index];
    if (!token) this.fail(`expected ${expected} but the expression ended`, this.text.length);
    this.index++;
    return token!;
  }

  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'identifier' && token.text.toLowerCase() === word;
  }

  private peekPunct(text: string): boolean {
    const token = this.peek();
    return token?.type === 'punct' && token.text === text;
  }

  private expectPunct(text: string): void {
    const token = this.peek();
    if (token?.type !== 'punct' || token.text !== text) {
      this.fail(`expected '${text}'`, token ? token.position : this.text.length);
    }
    this.index++;
  }

  private fail(detail: string, position: number): never {
    throw new FilterSyntaxError(`Syntax error: ${detail} at position ${position} in '${this.text}'.`);
  }
}

/** Every property path the expression reads (lambda bodies relative to their element are left out). */
export function propertyPaths(expression: FilterExpression, variables: string[] = []): string[][] {
  switch (expression.kind) {
    case 'literal':
      return [];
    case 'property':
      return variables.includes(expression.path[0]!) ? [] : [expression.path];
    case 'compare':
    case 'logical':
      return [...propertyPaths(expression.left, variables), ...propertyPaths(expression.right, variables)];
    case 'not':
      return propertyPaths(expression.operand, variables);
    case 'in':
      return [...propertyPaths(expression.operand, variables), ...expression.values.flatMap((v) => propertyPaths(v, variables))];
    case 'call':
      return expression.args.flatMap((a) => propertyPaths(a, variables));
    case 'lambda':
      return [expression.collection, ...propertyPaths(expression.body, [...variables, expression.variable])];
  }
}

/** Names of the functions the expression calls (for collections that accept only some of them). */
export function functionNames(expression: FilterExpression): string[] {
  switch (expression.kind) {
    case 'literal':
    case 'property':
      return [];
    case 'compare':
    case 'logical':
      return [...functionNames(expression.left), ...functionNames(expression.right)];
    case 'not':
      return functionNames(expression.operand);
    case 'in':
      return [...functionNames(expression.operand), ...expression.values.flatMap(functionNames)];
    case 'call':
      return [expression.name, ...expression.args.flatMap(functionNames)];
    case 'lambda':
      return [`${expression.quantifier}`, ...functionNames(expression.body)];
  }
}
