// The evaluator's decided semantics (docs/expression-semantics.md), errors with spans, traces, and the functions
// whose results are random or clock-dependent.
import assert from 'node:assert/strict';
import {
  EvaluationError,
  IGNORE_FLOW,
  REDACTED,
  diacriticsTable,
  evaluate,
  parse,
  seededRandom,
  type EvaluationContext,
  type EvaluationErrorCode,
  type SourceValue,
} from '../../../../src/mapping/expression';

function value(expression: string, source: Record<string, SourceValue> = {}, context: EvaluationContext = {}) {
  return evaluate(expression, { now: new Date('2024-01-01T00:00:00Z'), random: seededRandom(3), ...context, source }).value;
}

/** Asserts evaluation fails with `code`, and that the error's span covers `at` in the expression text. */
function fails(expression: string, code: EvaluationErrorCode, at?: string, source: Record<string, SourceValue> = {}, context: EvaluationContext = {}) {
  assert.throws(
    () => evaluate(expression, { ...context, source }),
    (err: unknown) => {
      assert.ok(err instanceof EvaluationError, String(err));
      assert.equal(err.code, code, err.message);
      if (at !== undefined) assert.equal(expression.slice(err.span.start, err.span.end), at, err.message);
      return true;
    },
  );
}

describe('mapping expressions: evaluator semantics', () => {
  describe('NULL, empty and multi-valued values', () => {
    it('treats an absent attribute, null and an empty list as NULL, and "" as a value', () => {
      assert.equal(value('IsNull([a])', { a: undefined }), 'True');
      assert.equal(value('IsNull([a])', { a: null }), 'True');
      assert.equal(value('IsNull([a])', { a: [] }), 'True');
      assert.equal(value('IsNull([a])', { a: '' }), 'False');
      assert.equal(value('Coalesce([a], [b])', { a: '', b: 'x' }), '', 'Coalesce skips only NULL');
      assert.equal(value('Coalesce([a], [b], "default")'), 'default');
      assert.equal(value('Coalesce([a], [b])'), null);
    });

    it('propagates NULL through string functions, except the documented "" cases', () => {
      for (const e of ['Append([a], "x")', 'Prepend("x", [a])', 'Mid([a], 1, 2)', 'ToLower([a])', 'PCase([a])', 'Replace([a], "x", , , "y", , )', 'CDate([a])', 'Split([a], ",")', 'InStr([a], "x")']) {
        assert.equal(value(e), null, e);
      }
      assert.equal(value('Left([a], 2)'), '');
      assert.equal(value('Word([a], 1, " ")'), '');
      assert.equal(value('Not([a])'), 'True');
      assert.equal(value('Count([a])'), '0');
      assert.equal(value('Append("x", [a])'), 'x', 'a NULL suffix adds nothing');
    });

    it('joins every value of multi-valued sources, skipping NULL and ""; all-NULL gives NULL', () => {
      assert.equal(value('Join(";", [p], "", [q], [missing])', { p: ['a', '', 'b'], q: 'c' }), 'a;b;c');
      assert.equal(value('Join(";", [x], [y])'), null);
      assert.equal(value('Join(";", [x], "")'), '');
    });

    it('applies single-value string functions to each value of a multi-valued first argument', () => {
      assert.deepEqual(value('ToLower([p])', { p: ['SMTP:A@X.COM', 'smtp:B@x.com'] }), ['smtp:a@x.com', 'smtp:b@x.com']);
      assert.deepEqual(value('Replace([p], "smtp:", , , "", , )', { p: ['smtp:a', 'smtp:b'] }), ['a', 'b']);
      assert.deepEqual(value('RemoveDuplicates(ToLower([p]))', { p: ['A', 'a', 'B'] }), ['a', 'b']);
      assert.equal(value('ToLower([p])', { p: ['ONE'] }), 'one', 'a one-value list is that value');
    });

    it('refuses several values where one is expected', () => {
      fails('Switch([p], "d", "a", "1")', 'multi-valued', '[p]', { p: ['a', 'b'] });
      fails('IIF([p] = "a", "1", "2")', 'multi-valued', '[p]', { p: ['a', 'b'] });
      fails('Join([p], "x")', 'multi-valued', '[p]', { p: [',', ';'] });
    });

    it('reads Count, Item and RemoveDuplicates on single values too', () => {
      assert.equal(value('Count([a])', { a: 'x' }), '1');
      assert.equal(value('Item([a], 1)', { a: 'x' }), 'x');
      assert.equal(value('Item([a], 1)'), null);
      assert.equal(value('RemoveDuplicates([a])', { a: 'x' }), 'x');
      fails('Item([a], 0)', 'out-of-range', '0', { a: ['x'] });
      fails('Item([a], 3)', 'out-of-range', '3', { a: ['x', 'y'] });
    });
  });

  describe('conditions', () => {
    it('makes every comparison with NULL false (the documented IIF limitation)', () => {
      assert.equal(value('IIF([country]="","Other",[country])'), null, 'unsupported form: no "Other" for an absent country');
      assert.equal(value('IIF([country]<>"x","1","2")'), '2');
      assert.equal(value('IIF(IsNullOrEmpty([country]),"Other",[country])'), 'Other', 'the HR troubleshooting form works');
      assert.equal(value('IIF(IsPresent([country]),[country],"Other")', { country: 'NL' }), 'NL');
      assert.equal(value('Switch([country],[country],"","Other")'), 'Other', 'an absent source matches the "" key');
    });

    it('compares numbers as numbers, printed dates as dates, text case-sensitively', () => {
      assert.equal(value('IIF("10" > "9", "y", "n")'), 'y');
      assert.equal(value('IIF(129699324000000001 > 129699324000000000, "y", "n")'), 'y');
      assert.equal(value('IIF(CDate("2024-02-01") > CDate("2024-01-31T23:00:00Z"), "y", "n")'), 'y');
      assert.equal(value('IIF(CDate("2024-10-01") > CDate("2024-9-30"), "y", "n")'), 'y', 'not as text: "10/…" < "9/…"');
      assert.equal(value('IIF("Sales" = "sales", "y", "n")'), 'n');
      assert.equal(value('IIF("b" > "a", "y", "n")'), 'y');
      for (const [op, expected] of [['=', 'n'], ['<>', 'y'], ['<', 'y'], ['<=', 'y'], ['>', 'n'], ['>=', 'n']]) {
        assert.equal(value(`IIF(1 ${op} 2, "y", "n")`), expected, op);
      }
    });

    it('evaluates only the branch IIF takes and the pairs Switch needs', () => {
      assert.equal(value('IIF("True", "ok", Error("not evaluated"))'), 'ok');
      assert.equal(value('Switch("a", Error("x"), "a", "found", "b", Error("y"))'), 'found');
      assert.equal(value('Coalesce("first", Error("never"))'), 'first');
    });

    it('accepts True/False in any case and numbers as conditions; rejects other text', () => {
      assert.equal(value('IIF("true", "y", "n")'), 'y');
      assert.equal(value('IIF("0", "y", "n")'), 'n');
      assert.equal(value('CBool(5)'), 'True');
      assert.equal(value('CBool([a])'), 'False');
      fails('IIF("maybe", "y", "n")', 'type', '"maybe"');
      fails('CBool("maybe")', 'type', '"maybe"');
    });

    it('Switch: omitted default is NULL, keys are case-sensitive, pairs must be complete', () => {
      assert.equal(value('Switch([a], , "x", "1")', { a: 'y' }), null);
      assert.equal(value('Switch([a], "d", "x", "1")', { a: 'X' }), 'd');
      fails('Switch([a], "d", "x", "1", "y")', 'arity');
      fails('Switch([a], "d")', 'arity');
    });
  });

  describe('IgnoreFlowIfNullOrEmpty and Redact', () => {
    it('gives IGNORE_FLOW, distinct from NULL, and propagates it outward', () => {
      assert.equal(value('IgnoreFlowIfNullOrEmpty([a])'), IGNORE_FLOW);
      assert.equal(value('IgnoreFlowIfNullOrEmpty([a])', { a: 'x' }), 'x');
      assert.deepEqual(value('IgnoreFlowIfNullOrEmpty([a])', { a: ['x', 'y'] }), ['x', 'y']);
      assert.equal(value('Append(IgnoreFlowIfNullOrEmpty([a]), "x")'), IGNORE_FLOW);
      assert.equal(value('IIF(IsPresent([a]), IgnoreFlowIfNullOrEmpty([a]), "none")'), 'none');
    });

    it('passes Redact values through, flags the result and masks the trace', () => {
      const result = evaluate('Redact(Append([password], "!"))', { source: { password: 'hunter2' } });
      assert.equal(result.value, 'hunter2!');
      assert.equal(result.redacted, true);
      assert.ok(result.trace.length >= 3);
      for (const step of result.trace) {
        assert.equal(step.result, REDACTED, step.name);
        for (const arg of step.args) if (arg.evaluated) assert.equal(arg.value, REDACTED);
      }
      assert.ok(!JSON.stringify(result.trace).includes('hunter2'));
      assert.equal(evaluate('Append([a], "!")', { source: { a: 'x' } }).redacted, false);
    });
  });

  describe('trace', () => {
    it('records calls, comparisons and attribute reads in start order with depth, parent and arguments', () => {
      const { trace } = evaluate('IIF([country]="USA", Append([a], "!"), "no")', { source: { country: 'USA', a: 'hi' } });
      assert.deepEqual(
        trace.map((s) => [s.kind, s.name, s.depth, s.parent, s.result]),
        [
          ['call', 'IIF', 0, -1, 'hi!'],
          ['comparison', '=', 1, 0, 'True'],
          ['attribute', 'country', 2, 1, 'USA'],
          ['call', 'Append', 1, 0, 'hi!'],
          ['attribute', 'a', 2, 3, 'hi'],
        ],
      );
      assert.deepEqual(trace[0]!.args.map((a) => [a.evaluated, a.value]), [[true, 'True'], [true, 'hi!'], [false, undefined]]);
    });

    it('keeps the partial trace on the error, with the failing step marked', () => {
      try {
        evaluate('Append([a], CDate([b]))', { source: { a: 'x', b: 'not a date' } });
        assert.fail('should throw');
      } catch (err) {
        assert.ok(err instanceof EvaluationError);
        const trace = err.details.trace!;
        assert.equal(trace.find((s) => s.name === 'CDate')!.error, err.message);
        assert.equal(err.details.functionName, 'CDate');
      }
    });
  });

  describe('errors carry the span of the offending node', () => {
    it('syntax errors', () => {
      fails('Append([a], "x"', 'syntax');
      try {
        evaluate('Join(" " [a])');
      } catch (err) {
        assert.ok(err instanceof EvaluationError && err.details.diagnostics!.length === 1);
      }
    });

    it('unknown functions, with a hint for the wrong case', () => {
      fails('AppendSeparator([a], "x")', 'unknown-function', 'AppendSeparator');
      assert.throws(() => evaluate('append([a], "x")'), /did you mean Append\?/);
    });

    it('wrong argument counts and empty required slots', () => {
      fails('Mid([a], 1)', 'arity', 'Mid([a], 1)');
      fails('Redact()', 'arity');
      fails('Not([a], [b])', 'arity');
      fails('Join(",")', 'arity');
      fails('SelectUniqueValue("a")', 'arity');
      fails('FormatDateTime([a], "x")', 'arity');
      const text = 'Mid([a], , 3)';
      fails(text, 'missing-argument', ' ');
    });

    it('bad integers, dates, formats, regexes, cultures and intervals', () => {
      fails('Mid([a], "one", 2)', 'type', '"one"', { a: 'x' });
      fails('CDate("2021-02-30")', 'bad-date', '"2021-02-30"');
      fails('DateAdd("d", 1, "soon")', 'bad-date', '"soon"');
      fails('FormatDateTime("2021", , "yyyyMMdd", "yyyy")', 'bad-date', '"2021"');
      fails('FormatDateTime("2021", , "q", "yyyy")', 'bad-format', '"q"');
      fails('FormatDateTime("2021", "Sometimes", "yyyy", "yyyy")', 'bad-format', '"Sometimes"');
      fails('Replace("abc", , "(unclosed", , "x", , )', 'bad-regex', '"(unclosed"');
      fails('Replace("abc", , "(?>atomic)", , "x", , )', 'bad-regex', '"(?>atomic)"');
      fails('Replace("abc", , "(?<g>b)", "nope", "x", , )', 'bad-regex', '"nope"');
      fails('ToLower("ABC", "not a culture!")', 'bad-culture', '"not a culture!"');
      fails('DateAdd("days", 1, Now())', 'type', '"days"');
      fails('DateFromNum(-1)', 'out-of-range', '-1');
      fails('DateAdd("yyyy", 9000, CDate("2024-01-01"))', 'out-of-range');
      fails('Mid("abc", 0, 1)', 'out-of-range', '0');
      fails('InStr("abc", "b", 0)', 'out-of-range', '0');
    });

    it('bare words only where an enum is expected', () => {
      fails('Append(mail, "x")', 'unknown-name', 'mail');
      fails('DateAdd(d, 1, Now())', 'unknown-name', 'd');
      assert.equal(value('InStr("aBc", "b", 1, vbTextCompare)'), '2');
      assert.equal(value('InStr("aBc", "b", 1, "vbTextCompare")'), '2');
    });

    it('undocumented Replace combinations are reported, not guessed', () => {
      fails('Replace("abc", "a", "b", , "x", , )', 'unsupported');
      fails('Replace("abc", "a", , , , , )', 'unsupported');
      fails('Replace("abc", , , , "x", , )', 'unsupported');
      fails('Replace("abc", , "a", "g", , , )', 'unsupported');
      fails('Replace("abc", "", , , "x", , )', 'type', '""');
    });

    it('SingleAppRoleAssignment with two roles fails like the service', () => {
      fails('SingleAppRoleAssignment([appRoleAssignments])', 'app-role-assignments', '[appRoleAssignments]', { appRoleAssignments: ['Admin', 'User'] });
      assert.throws(() => evaluate('SingleAppRoleAssignment([r])', { source: { r: ['a', 'b'] } }), /this many where found: 2/);
    });

    it('Cloud Sync Error() raises its message', () => {
      fails('IIF(IsPresent([accountName]),[accountName],Error("AccountName is required"))', 'custom-error', 'Error("AccountName is required")');
      assert.throws(() => evaluate('Error("AccountName is required")'), /^EvaluationError: AccountName is required$/);
    });
  });

  describe('dates', () => {
    it('prints DateTime results as M/d/yyyy h:mm:ss tt in UTC, midnight and noon included', () => {
      assert.equal(value('CDate("2024-01-05T00:00:00Z")'), '1/5/2024 12:00:00 AM');
      assert.equal(value('CDate("2024-01-05T12:30:05Z")'), '1/5/2024 12:30:05 PM');
      assert.equal(value('CDate("March 16, 2020 7:00 AM")'), '3/16/2020 7:00:00 AM');
      assert.equal(value('CDate("Tue, 16 Mar 2020 07:00:00 GMT")'), '3/16/2020 7:00:00 AM');
      assert.equal(value('CDate("2020/3/16")'), '3/16/2020 12:00:00 AM');
    });

    it('adds months like .NET AddMonths (clamped) and VB intervals', () => {
      assert.equal(value('DateAdd("m", 1, CDate("2024-01-31"))'), '2/29/2024 12:00:00 AM');
      assert.equal(value('DateAdd("yyyy", 1, CDate("2024-02-29"))'), '2/28/2025 12:00:00 AM');
      assert.equal(value('DateAdd("q", 1, CDate("2024-01-15"))'), '4/15/2024 12:00:00 AM');
      assert.equal(value('DateAdd("h", 25, CDate("2024-01-15"))'), '1/16/2024 1:00:00 AM');
      assert.equal(value('DateAdd("n", -1, CDate("2024-01-15"))'), '1/14/2024 11:59:00 PM');
      assert.equal(value('DateAdd("s", 90, CDate("2024-01-15"))'), '1/15/2024 12:01:30 AM');
    });

    it('DateDiff counts like VB', () => {
      assert.equal(value('DateDiff("d", "2024-01-01T23:00:00Z", "2024-01-02T01:00:00Z")'), '0');
      assert.equal(value('DateDiff("m", "2024-01-31", "2024-02-01")'), '1');
      assert.equal(value('DateDiff("yyyy", "2023-12-31", "2024-01-01")'), '1');
      assert.equal(value('DateDiff("q", "2024-03-31", "2024-04-01")'), '1');
      assert.equal(value('DateDiff("ww", "2024-01-06", "2024-01-07")'), '1', 'Saturday → Sunday crosses a week');
      assert.equal(value('DateDiff("w", "2024-01-06", "2024-01-07")'), '0');
      assert.equal(value('DateDiff("n", "2024-01-01", "2024-01-01T01:30:00Z")'), '90');
      assert.equal(value('DateDiff("s", "2024-01-01", "2024-01-01T00:01:00Z")'), '60');
      assert.equal(value('DateDiff("d", Now(), CDate("2024-01-10"))', {}, { now: new Date('2024-01-01T00:00:00Z') }), '9');
    });

    it('FormatDateTime: .NET formats, standard formats and styles', () => {
      assert.equal(value('FormatDateTime("2015-01-23T10:53:47.123Z", , "yyyy-MM-ddTHH:mm:ss.fffK", "dddd, MMMM d, yyyy h:mm tt")'), 'Friday, January 23, 2015 10:53 AM');
      assert.equal(value('FormatDateTime("20150123", , "yyyyMMdd", "o")'), '2015-01-23T00:00:00.0000000');
      assert.equal(value('FormatDateTime("20150123", , "yyyyMMdd", "d")'), '1/23/2015');
      assert.equal(value('FormatDateTime("23 Jan 15", , "dd MMM yy", "yyyy-MM-dd")'), '2015-01-23');
      assert.equal(value('FormatDateTime("2015-01-23 08:00 +02:00", , "yyyy-MM-dd HH:mm zzz", "yyyy-MM-dd HH:mm zzz")'), '2015-01-23 06:00 +00:00');
      assert.equal(value('FormatDateTime("2015-01-23T08:00:00Z", , "yyyy-MM-ddTHH:mm:ssK", "HH:mm K")'), '08:00 Z');
      assert.equal(value('FormatDateTime("12.5", , "ss.F", "s.FFF")'), '12.5');
      assert.equal(value('FormatDateTime("12", , "ss", "ss.FFF")'), '12');
      assert.equal(value(`FormatDateTime("2015-01-23", , "yyyy-MM-dd", "'Year' yyyy")`), 'Year 2015');
      assert.equal(value('FormatDateTime("  2015-01-23  ", , "yyyy-MM-dd", "yyyy")'), '2015', 'default styles allow leading/trailing white');
      fails('FormatDateTime("  2015-01-23", "None", "yyyy-MM-dd", "yyyy")', 'bad-date');
      assert.equal(value('FormatDateTime("2015 - 01-23", "AllowWhiteSpaces", "yyyy-MM-dd", "yyyy")'), '2015');
      assert.equal(value('FormatDateTime("14:05", , "HH:mm", "yyyy-MM-dd HH:mm")', {}, { now: new Date('2024-06-01T00:00:00Z') }), '2024-06-01 14:05');
    });

    it('NumFromDate and DateFromNum are inverses', () => {
      assert.equal(value('DateFromNum(NumFromDate("2024-05-06T07:08:09Z"))'), '5/6/2024 7:08:09 AM');
      assert.equal(value('DateFromNum(0)'), '1/1/1601 12:00:00 AM');
      fails('DateFromNum(9223372036854775807)', 'out-of-range');
    });

    it('Now() uses the context clock', () => {
      assert.equal(value('Now()', {}, { now: new Date('2021-07-02T15:33:38Z') }), '7/2/2021 3:33:38 PM');
    });
  });

  describe('text functions', () => {
    it('NormalizeDiacritics maps exactly the documented table, in NFC and NFD input', () => {
      assert.equal(value('NormalizeDiacritics("Ærøskøbing Łódź Şişli İzmir ı")'), 'AEroeskoebing Lodz Sisli Izmir i');
      assert.equal(value('NormalizeDiacritics([x])', { x: 'Zoe\u0308 Jo\u0301se\u0301' }), 'Zoe Jose');
      assert.equal(value('NormalizeDiacritics([x])', { x: 'a\u0304\u0301 A\u0331' }), 'a A', 'letter + combining sequences');
      assert.equal(value('NormalizeDiacritics("œ ð þ đ ħ Œ")'), 'œ ð þ đ ħ Œ', 'not in the table');
      const table = diacriticsTable();
      for (const [from, to] of [['ø', 'oe'], ['Ø\u0304', 'OE'], ['œ\u0304', 'oe'], ['ß', 'ss'], ['ǣ', 'ae'], ['ı', 'i'], ['İ', 'I'], ['e\u030a\u0304', 'e'], ['ṳ\u0304', 'u'], ['ẕ', 'z']]) {
        assert.equal(table.get(from!), to, from);
      }
      // 261 sequences are listed; their NFC/NFD spellings add the rest.
      assert.ok(table.size >= 261, String(table.size));
    });

    it('PCase breaks words like ToTitleCase, or at the given separators only', () => {
      assert.equal(value(`PCase("o'neil mcdonald-smith")`), "O'neil Mcdonald-Smith");
      assert.equal(value('PCase("hello_world 1st")'), 'Hello_World 1St');
      assert.equal(value('PCase("ANNE MARIE", "-")'), 'Anne marie');
    });

    it('ToLower/ToUpper use invariant simple case mapping unless a culture is given', () => {
      assert.equal(value('ToUpper("straße")'), 'STRAßE');
      assert.equal(value('ToLower("İSTANBUL")'), 'istanbul');
      assert.equal(value('ToLower("TITLE", "tr-TR")'), 'tıtle');
    });

    it('InStr follows VB', () => {
      assert.equal(value('InStr("abc", "")'), '1');
      assert.equal(value('InStr("abc", "", 3)'), '3');
      assert.equal(value('InStr("abc", "c", 9)'), '0');
      assert.equal(value('InStr("aXc", "x", 1, 0)'), '0');
      assert.equal(value('InStr("aXc", "x", 1, 1)'), '2');
    });

    it('Word treats runs of delimiters as one', () => {
      assert.equal(value('Word("a,,b", 2, ",")'), 'b');
      assert.equal(value('Word(",a", 1, ",")'), 'a');
    });

    it('Replace expands .NET replacement patterns and leaves unknown ones literal', () => {
      assert.equal(value('Replace("John Smith", , "(?<first>\\\\w+) (?<last>\\\\w+)", , "${last}, ${first} $$1 $1 $0 ${nope}", , )'), 'Smith, John $1 John John Smith ${nope}');
      assert.equal(value(`Replace("ab", , "(?'x'a)", , "[\${x}]", , )`), '[a]b');
      assert.equal(value('Replace("Hello", , "(?i)hello", , "bye", , )'), 'bye');
      assert.equal(value('Replace("aaa", , "a", , "b", , )'), 'bbb');
      assert.equal(value('Replace("a-b-c", "-", , , "+", , )'), 'a+b+c');
      assert.equal(value('Replace("x", "<v>", , , , , "<v>-<v>")'), 'x-x');
      assert.equal(value('Replace("", "a", , , "b", , )'), '');
    });

    it('Replace mode 5 returns the source when it has a value', () => {
      const e = String.raw`Replace([t], , "\\+(?<isd>\\d* )(?<phone>\\d{10})", "phone", , [m], )`;
      assert.equal(value(e, { t: '+1 5551234567', m: '+91 8887779999' }), '+1 5551234567');
      assert.equal(value(e, { m: '+91 8887779999' }), '8887779999');
      assert.equal(value(e, { t: '', m: 'no match' }), '');
    });
  });

  describe('generated values', () => {
    it('Guid() is a lower-case v4 GUID, repeatable under a seed', () => {
      const a = value('Guid()', {}, { random: seededRandom(11) });
      const b = value('Guid()', {}, { random: seededRandom(11) });
      assert.match(String(a), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(a, b);
      assert.notEqual(value('Guid()', {}, { random: seededRandom(12) }), a);
    });

    it('RandomString meets its minimums, avoids characters and is repeatable under a seed', () => {
      for (let seed = 0; seed < 200; seed++) {
        const s = String(value('RandomString(10,2,2,2,1,"?,")', {}, { random: seededRandom(seed) }));
        assert.equal(s.length, 10);
        assert.ok((s.match(/[0-9]/g) ?? []).length >= 2, s);
        assert.ok((s.match(/[A-Z]/g) ?? []).length >= 2, s);
        assert.ok((s.match(/[a-z]/g) ?? []).length >= 1, s);
        assert.ok((s.match(/[^0-9A-Za-z]/g) ?? []).length >= 2, s);
        assert.ok(!/[?,]/.test(s), s);
      }
      const doc = String(value('RandomString(6,3,0,0,3)'));
      assert.match(doc, /^[0-9a-zA-Z~!@#$%^&*_\-+=`|\\(){}[\]:;"'<>,.?/]{6}$/);
      assert.equal((doc.match(/[0-9]/g) ?? []).length >= 3 && (doc.match(/[a-z]/g) ?? []).length >= 3, true, doc);
      assert.equal(value('RandomString(8,1,1,1,1)', {}, { random: seededRandom(5) }), value('RandomString(8,1,1,1,1)', {}, { random: seededRandom(5) }));
      fails('RandomString(3,2,2,0,0)', 'out-of-range');
      fails('RandomString(257,0,0,0,0)', 'out-of-range', '257');
      fails('RandomString(4,4,0,0,0,"0123456789")', 'out-of-range');
    });

    it('SelectUniqueValue asks the oracle in order, skips empty rules, escrows when none is free, and must be top-level', () => {
      const asked: string[] = [];
      const isUnique = (v: string) => {
        asked.push(v);
        return v === 'c';
      };
      assert.equal(value('SelectUniqueValue("a", [empty], "b", "c", "d")', {}, { isUnique }), 'c');
      assert.deepEqual(asked, ['a', 'b', 'c']);
      fails('SelectUniqueValue("a", "b")', 'no-unique-value', undefined, {}, { isUnique: () => false });
      fails('ToLower(SelectUniqueValue("a", "b"))', 'not-top-level', 'SelectUniqueValue');
    });

    it('DefaultDomain comes from the context', () => {
      assert.equal(value('Append("admin@", DefaultDomain())', {}, { defaultDomain: 'contoso.com' }), 'admin@contoso.com');
      fails('DefaultDomain()', 'missing-context', 'DefaultDomain()');
    });
  });

  describe('app roles', () => {
    const roles = { appRoleAssignments: ['Admin', '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}'] };

    it('AppRoleAssignmentsComplex sends every role non-primary, in the POST body shape', () => {
      assert.deepEqual(value('AppRoleAssignmentsComplex([appRoleAssignments])', roles), [
        '{"primary":false,"type":"WindowsAzureActiveDirectoryRole","displayName":"Admin","value":"Admin"}',
        '{"primary":false,"type":"WindowsAzureActiveDirectoryRole","displayName":"Role1234","value":"25"}',
      ]);
    });

    it('AssertiveAppRoleAssignmentsComplex uses "display"; AppRoleAssignments lists values', () => {
      assert.deepEqual(JSON.parse((value('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])', roles) as string[])[1]!), {
        primary: false,
        type: 'WindowsAzureActiveDirectoryRole',
        display: 'Role1234',
        value: '25',
      });
      assert.deepEqual(value('AppRoleAssignments([appRoleAssignments])', roles), ['Admin', '25']);
      assert.equal(value('AppRoleAssignmentsComplex([appRoleAssignments])'), null);
      assert.equal(value('Switch(SingleAppRoleAssignment([r]), "none", "member", "My Corp User")', { r: ['member'] }), 'My Corp User');
    });
  });

  describe('Cloud Sync functions', () => {
    it('StringFromSid, ConvertFromBase64 ASCII, Contains and DNComponent', () => {
      const sid = Buffer.from([1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 32, 2, 0, 0]).toString('base64');
      assert.equal(value(`StringFromSid("${sid}")`), 'S-1-5-32-544');
      assert.equal(value(`ConvertFromBase64("${Buffer.from('hé').toString('base64')}", ASCII)`), 'h??');
      assert.equal(value('Contains([p], "x")', { p: ['a', 'b'] }), '0');
      assert.equal(value('DNComponent("cn=Smith\\\\, Joe,ou=Sales", 2)'), 'Sales');
      assert.equal(value('DNComponent("cn=Smith\\\\, Joe,ou=Sales", 5)'), null);
    });
  });

  it('evaluates a parse result or a tree as well as text', () => {
    const parsed = parse('Append([a], "!")');
    assert.equal(evaluate(parsed, { source: { a: 'x' } }).value, 'x!');
    assert.equal(evaluate(parsed.root, { source: { a: 'y' } }).value, 'y!');
  });
});
