import assert from 'node:assert/strict';
import { evaluate, parse } from '../../../../src/mapping/expression';
import { EvaluationError } from '../../../../src/mapping/expression/values';
import type { ResolvedContext } from '../../../../src/mapping/expression/builtins';
import { fastCall } from '../../../../src/mapping/preview/fastCall';
import type { SourceObject } from '../../../../src/mapping/preview';

const context: ResolvedContext = { now: new Date(0), random: () => 0.5, isUnique: () => true, defaultDomain: undefined };

/** What evaluate() gives, as a value or the error's code and message. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (err) {
    if (err instanceof EvaluationError) return { error: err.code, message: err.message, span: err.span };
    throw err;
  }
}

// The trace-free preview's shortcuts (fastCall.ts), including the specialised Switch / Join closures, must give the
// evaluator's value or error for every source shape: present, absent, null, "", one-value and several-value lists.
const SOURCES: SourceObject[] = [
  {},
  { a: 'True', b: 'x', c: 'y' },
  { a: 'False', b: '', c: 'y' },
  { a: '', b: null, c: '' },
  { a: null, b: ['p', '', 'q'], c: 'z' },
  { a: ['True'], b: [], c: ['r'] },
  { a: ['True', 'False'], b: ['only'] },
  { a: 'other', c: null },
];

const EXPRESSIONS = [
  'Switch([a], , "False", "True", "True", "False")',
  'Switch([a], "none", "", "empty", "True", "T")',
  'Switch([a], 7, "True", 1)',
  'Join(" ", [b], [c])',
  'Join(", ", "", [b], [c])',
  'Join("", [a], "-", [c])',
  'Join(1, [b], [c])',
];

describe('preview: evaluator shortcuts', () => {
  for (const text of EXPRESSIONS) {
    it(`${text} equals evaluate() on every source shape`, () => {
      const parsed = parse(text);
      const fast = fastCall(parsed);
      assert.ok(fast, 'the expression has a shortcut');
      for (const source of SOURCES) {
        const expected = outcome(() => evaluate(parsed, { source, now: context.now, random: context.random }).value);
        const actual = outcome(() => fast(source, context) ?? evaluate(parsed, { source, now: context.now, random: context.random }).value);
        assert.deepStrictEqual(actual, expected, `${text} on ${JSON.stringify(source)}`);
      }
    });
  }
});
