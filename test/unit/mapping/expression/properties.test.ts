// Property tests (fast-check): generated expressions — canonical and with arbitrary whitespace — parse back to the
// tree they were printed from; print() is canonical; every node's span slices back to its text; Graph trees
// round-trip; JSON-escaped offsets map back; and mutated (broken) text never makes any API throw.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AttributeMappingSource } from '../../../../src/graph/model';
import { MAPPING_FUNCTION_CATALOG, parameterAt, type FunctionSignature } from '../../../../src/mapping/catalog/functions';
import {
  COMPARISON_OPERATORS,
  EvaluationError,
  callContextAt,
  checkExpression,
  completionContextAt,
  evaluate,
  fromMappingSource,
  mapJsonStringOffsets,
  nodeAt,
  parse,
  print,
  toMappingSource,
  walk,
  type ComparisonOperator,
  type ExpressionNode,
} from '../../../../src/mapping/expression';

// ---- an independent model of expressions -------------------------------------------------------------------------

type Gen =
  | { k: 'attr'; name: string }
  | { k: 'str'; value: string }
  | { k: 'num'; raw: string }
  | { k: 'hex'; raw: string }
  | { k: 'word'; name: string }
  | { k: 'call'; name: string; args: (Gen | null)[] }
  | { k: 'cmp'; op: ComparisonOperator; left: Gen; right: Gen };

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
const attributeName = fc
  .string({ unit: fc.constantFrom(...'abcXYZ_09.:-é $'.split('')), minLength: 1, maxLength: 20 })
  .filter((s) => s.trim() !== '');
const leaf: fc.Arbitrary<Gen> = fc.oneof(
  attributeName.map((name): Gen => ({ k: 'attr', name })),
  fc.string({ unit: 'binary', maxLength: 12 }).map((value): Gen => ({ k: 'str', value })),
  fc.string({ unit: fc.constantFrom(...'ab"\\ \n'.split('')), maxLength: 8 }).map((value): Gen => ({ k: 'str', value })),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n): Gen => ({ k: 'num', raw: n.toString() })),
  fc
    .tuple(fc.constantFrom('&H', '&h'), fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFabcdef'.split('')), minLength: 1, maxLength: 8 }))
    .map(([p, d]): Gen => ({ k: 'hex', raw: p + d })),
  identifier.map((name): Gen => ({ k: 'word', name })),
);

/** A syntactically valid expression (any function names). */
const expression: fc.Arbitrary<Gen> = fc.letrec<{ node: Gen; operand: Gen }>((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(identifier, fc.array(fc.option(tie('node'), { nil: null, freq: 4 }), { maxLength: 5 }))
      .map(([name, args]): Gen => ({ k: 'call', name, args: args.length === 1 && args[0] === null ? [] : args })),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('operand'),
    fc.tuple(fc.constantFrom(...COMPARISON_OPERATORS), tie('operand'), tie('operand')).map(([op, left, right]): Gen => ({ k: 'cmp', op, left, right })),
  ),
})).node;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The canonical text, written independently of the engine's printer. */
function canonical(g: Gen): string {
  switch (g.k) {
    case 'attr':
      return `[${g.name}]`;
    case 'str':
      return quote(g.value);
    case 'num':
    case 'hex':
      return g.raw;
    case 'word':
      return g.name;
    case 'call':
      return `${g.name}(${g.args.map((a) => (a ? canonical(a) : '')).join(', ')})`;
    case 'cmp':
      return `${canonical(g.left)} ${g.op} ${canonical(g.right)}`;
  }
}

/** The same expression with arbitrary whitespace wherever the language allows it. */
function noisy(g: Gen, spaces: string[]): string {
  let i = 0;
  const ws = () => spaces[i++ % spaces.length] ?? '';
  const go = (n: Gen): string => {
    switch (n.k) {
      case 'call':
        return `${n.name}${ws()}(${ws()}${n.args.map((a) => (a ? `${ws()}${go(a)}${ws()}` : ws())).join(',')}${ws()})`;
      case 'cmp':
        return `${go(n.left)}${ws()}${n.op}${ws()}${go(n.right)}`;
      default:
        return canonical(n);
    }
  };
  return `${ws()}${go(g)}${ws()}`;
}

/** The engine's tree in the model's terms (no spans). */
function shape(node: ExpressionNode): Gen | null {
  switch (node.kind) {
    case 'Attribute':
      return { k: 'attr', name: node.name };
    case 'String':
      return { k: 'str', value: node.value };
    case 'Number':
      return { k: 'num', raw: node.raw };
    case 'Hex':
      return { k: 'hex', raw: node.raw };
    case 'BareWord':
      return { k: 'word', name: node.name };
    case 'Call':
      return { k: 'call', name: node.name, args: node.args.map(shape) };
    case 'Comparison':
      return { k: 'cmp', op: node.operator, left: shape(node.left)!, right: shape(node.right)! };
    case 'Omitted':
      return null;
    case 'Error':
      throw new Error(`unexpected error node: ${node.message}`);
  }
}

const whitespace = fc.array(fc.constantFrom('', '', ' ', '  ', '\n', '\t', ' \r\n '), { minLength: 1, maxLength: 30 });

// ---- expressions made of catalogue functions with valid argument counts ------------------------------------------

const CALLABLE = MAPPING_FUNCTION_CATALOG.filter((f) => f.name !== 'SelectUniqueValue');

function argumentCounts(sig: FunctionSignature): number[] {
  if (sig.maxArgs !== undefined) return Array.from({ length: sig.maxArgs - sig.minArgs + 1 }, (_, i) => sig.minArgs + i);
  const step = Math.max(1, sig.repeatSize);
  return [sig.minArgs, sig.minArgs + step, sig.minArgs + 2 * step];
}

const valueLeaf = leaf.filter((g) => g.k !== 'word'); // bare words are values only in enum parameters

const catalogExpression: fc.Arbitrary<Gen> = fc.letrec<{ node: Gen }>((tie) => {
  const argument = (sig: FunctionSignature, i: number): fc.Arbitrary<Gen | null> => {
    const p = parameterAt(sig, i);
    const value =
      p?.kind === 'Enum' && p.enumValues ? fc.oneof(tie('node'), fc.constantFrom(...p.enumValues).map((name): Gen => ({ k: 'word', name }))) : tie('node');
    return p?.required ? value : fc.option(value, { nil: null });
  };
  return {
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      valueLeaf,
      fc
        .constantFrom(...CALLABLE.flatMap((f) => f.signatures.flatMap((sig) => argumentCounts(sig).map((count) => ({ name: f.name, sig, count })))))
        .chain(({ name, sig, count }) =>
          fc.tuple(...Array.from({ length: count }, (_, i) => argument(sig, i))).map((args): Gen => ({ k: 'call', name, args })),
        )
        .filter((g) => !(g.k === 'call' && g.args.length === 1 && g.args[0] === null)),
      fc.tuple(fc.constantFrom(...COMPARISON_OPERATORS), valueLeaf, valueLeaf).map(([op, left, right]): Gen => ({ k: 'cmp', op, left, right })),
    ),
  };
}).node;

/** What evaluating gives: the value, or the error code (random/clock functions made deterministic). */
function outcome(text: string): unknown {
  try {
    const { value } = evaluate(text, {
      source: { a: 'x', b: ['1', '2'] },
      now: new Date('2024-01-01T00:00:00Z'),
      random: () => 0.5,
      defaultDomain: 'contoso.com',
    });
    return value;
  } catch (err) {
    if (err instanceof EvaluationError) return `error:${err.code}`;
    throw err;
  }
}

function withoutExpressions(node: AttributeMappingSource): AttributeMappingSource {
  return { ...node, expression: null, parameters: node.parameters.map((p) => ({ key: p.key, value: withoutExpressions(p.value) })) };
}

// ---- JSON string literals with every kind of escape --------------------------------------------------------------

function jsonLiteral(value: string, escapeChoices: number[]): string {
  let k = 0;
  let out = '"';
  for (const ch of value) {
    for (const unit of ch.length === 2 ? [ch[0]!, ch[1]!] : [ch]) {
      const choice = escapeChoices[k++ % escapeChoices.length]!;
      const code = unit.charCodeAt(0);
      const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
      if (choice === 0 || code < 0x20 || unit === '"' || unit === '\\' || (code >= 0xd800 && code <= 0xdfff)) {
        out += choice === 1 && named[unit] ? named[unit] : `\\u${code.toString(16).padStart(4, choice === 2 ? '0' : '0').toUpperCase()}`;
      } else if (unit === '/' && choice === 3) out += '\\/';
      else out += unit;
    }
  }
  return `${out}"`;
}

/** FAST_CHECK_RUNS=20000 turns these into a longer fuzz run. */
const SCALE = Number(process.env.FAST_CHECK_RUNS ?? 400) / 400;
const RUNS = { numRuns: Math.round(400 * SCALE) };

describe('mapping expressions: properties (fast-check)', () => {
  it('canonical text parses without diagnostics, back to the same tree, and prints identically', () => {
    fc.assert(
      fc.property(expression, (g) => {
        const text = canonical(g);
        const parsed = parse(text);
        assert.deepEqual(parsed.diagnostics, [], text);
        assert.deepEqual(shape(parsed.root), g);
        assert.equal(print(parsed.root), text);
      }),
      RUNS,
    );
  });

  it('any whitespace between tokens gives the same tree and the canonical print', () => {
    fc.assert(
      fc.property(expression, whitespace, (g, spaces) => {
        const text = noisy(g, spaces);
        const parsed = parse(text);
        assert.deepEqual(parsed.diagnostics, [], JSON.stringify(text));
        assert.deepEqual(shape(parsed.root), g);
        assert.equal(print(parsed.root), canonical(g));
        assert.equal(print(parse(print(parsed.root)).root), print(parsed.root), 'print is a fixed point');
      }),
      RUNS,
    );
  });

  it('every node span slices back to text that parses to that node', () => {
    fc.assert(
      fc.property(expression, whitespace, (g, spaces) => {
        const text = noisy(g, spaces);
        const { root } = parse(text);
        walk(root, (node, parent) => {
          assert.ok(node.span.start >= 0 && node.span.end <= text.length && node.span.start <= node.span.end);
          if (parent) assert.ok(parent.span.start <= node.span.start && node.span.end <= parent.span.end, 'children lie inside parents');
          const slice = text.slice(node.span.start, node.span.end);
          if (node.kind === 'Omitted') assert.equal(slice.trim(), '');
          else assert.equal(print(parse(slice).root), print(node), JSON.stringify(slice));
          if (node.kind === 'Call') {
            assert.equal(text.slice(node.nameSpan.start, node.nameSpan.end), node.name);
            assert.equal(text.slice(node.openParen.start, node.openParen.end), '(');
            assert.equal(text.slice(node.closeParen!.start, node.closeParen!.end), ')');
            for (const c of node.commas) assert.equal(text.slice(c.start, c.end), ',');
          }
          if (node.kind === 'Attribute') assert.equal(text.slice(node.nameSpan.start, node.nameSpan.end), node.name);
        });
      }),
      RUNS,
    );
  });

  it('attributeMappingSource round trip: stored text, and the tree alone, rebuild the same tree', () => {
    fc.assert(
      fc.property(catalogExpression, whitespace, (g, spaces) => {
        const text = noisy(g, spaces);
        const tree = toMappingSource(text);
        // A number, hex literal or bare word on its own is a Constant, whose expression is quoted (§2.1).
        const expected =
          g.k === 'num' ? quote(g.raw) : g.k === 'hex' ? quote(BigInt(`0x${g.raw.slice(2)}`).toString()) : g.k === 'word' ? quote(g.name) : canonical(g);
        assert.equal(tree.expression, expected);
        assert.equal(fromMappingSource(tree), expected);
        // From the tree alone: the same tree, except that a number the tree can't tell from text may come back
        // quoted (same value) and change the `expression` strings around it.
        const rebuilt = fromMappingSource(withoutExpressions(tree), { preferExpression: false });
        assert.deepEqual(withoutExpressions(toMappingSource(rebuilt)), withoutExpressions(tree), rebuilt);
        assert.deepEqual(outcome(rebuilt), outcome(text), `${text} → ${rebuilt}`);
      }),
      RUNS,
    );
  });

  it('JSON-escaped literals decode and every offset maps both ways', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 10 }), (value, choices) => {
        const raw = jsonLiteral(value, choices);
        assert.equal(JSON.parse(raw), value, 'the generator writes valid JSON');
        const map = mapJsonStringOffsets(raw);
        assert.equal(map.valid, true);
        assert.equal(map.value, value);
        for (let i = 0; i < value.length; i++) {
          const piece = raw.slice(map.toRaw(i), map.toRaw(i + 1));
          assert.equal(JSON.parse(`"${piece}"`), value[i], `unit ${i} from ${piece}`);
          assert.equal(map.toValue(map.toRaw(i)), i);
          for (let r = map.toRaw(i); r < map.toRaw(i + 1); r++) assert.equal(map.toValue(r), i, 'inside an escape');
        }
        assert.equal(map.toRaw(value.length), raw.length - 1);
      }),
      RUNS,
    );
  });

  it('expression offsets land on the same text inside the JSON document', () => {
    fc.assert(
      fc.property(catalogExpression, whitespace, (g, spaces) => {
        const text = noisy(g, spaces);
        const raw = JSON.stringify(text);
        const map = mapJsonStringOffsets(raw);
        walk(parse(map.value).root, (node) => {
          const inDocument = raw.slice(map.toRaw(node.span.start), map.toRaw(node.span.end));
          assert.equal(JSON.parse(`"${inDocument}"`), text.slice(node.span.start, node.span.end));
        });
      }),
      { numRuns: Math.round(200 * SCALE) },
    );
  });

  it('broken text never makes parse, navigation, check or evaluation throw anything but EvaluationError', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 3 }),
      insert: fc.string({ unit: fc.constantFrom(...'()[]",&=<>-\\ aZ0\n'.split('')), maxLength: 3 }),
    });
    fc.assert(
      fc.property(catalogExpression, fc.array(edit, { minLength: 1, maxLength: 4 }), (g, edits) => {
        let text = canonical(g);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        const parsed = parse(text);
        for (const d of parsed.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end);
        walk(parsed.root, (node, parent) => {
          assert.ok(node.span.start >= 0 && node.span.end <= text.length);
          if (parent) assert.ok(parent.span.start <= node.span.start && node.span.end <= parent.span.end);
        });
        print(parsed.root);
        checkExpression(parsed);
        for (let offset = 0; offset <= text.length; offset++) {
          nodeAt(parsed.root, offset);
          callContextAt(parsed.root, offset);
          completionContextAt(parsed, offset);
        }
        try {
          evaluate(parsed, { source: { a: 'x' }, now: new Date(0) });
        } catch (err) {
          assert.ok(err instanceof EvaluationError, String(err));
        }
      }),
      { numRuns: Math.round(500 * SCALE) },
    );
  });
});
