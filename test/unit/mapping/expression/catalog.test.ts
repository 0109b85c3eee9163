import assert from 'node:assert/strict';
import {
  CLOUD_SYNC_FUNCTION_NAMES,
  MAPPING_FUNCTION_CATALOG,
  acceptsArgumentCount,
  describeArity,
  findFunction,
  graphFunctionSchemas,
  parameterAt,
  signatureFor,
} from '../../../../src/mapping/catalog/functions';
import { evaluate, EvaluationError } from '../../../../src/mapping/expression';
import { FUNCTION_IMPLEMENTATIONS } from '../../../../src/mapping/expression/builtins';

const DOCUMENTED_43 = [
  'Append', 'AppRoleAssignmentsComplex', 'BitAnd', 'CBool', 'CDate', 'Coalesce', 'ConvertToBase64', 'ConvertToUTF8Hex', 'Count', 'CStr',
  'DateAdd', 'DateDiff', 'DateFromNum', 'FormatDateTime', 'Guid', 'IgnoreFlowIfNullOrEmpty', 'IIF', 'InStr', 'IsNull', 'IsNullOrEmpty',
  'IsPresent', 'IsString', 'Item', 'Join', 'Left', 'Mid', 'NormalizeDiacritics', 'Not', 'Now', 'NumFromDate', 'PCase', 'RandomString',
  'Redact', 'RemoveDuplicates', 'Replace', 'SelectUniqueValue', 'SingleAppRoleAssignment', 'Split', 'StripSpaces', 'Switch', 'ToLower',
  'ToUpper', 'Word',
];

describe('mapping function catalogue', () => {
  it('has the documented 43, the Graph/customize extras and the flagged Cloud Sync functions', () => {
    assert.equal(DOCUMENTED_43.length, 43);
    assert.deepEqual(
      MAPPING_FUNCTION_CATALOG.filter((f) => f.availability === 'documented').map((f) => f.name).sort(),
      [...DOCUMENTED_43].sort(),
    );
    const by = (availability: string) => MAPPING_FUNCTION_CATALOG.filter((f) => f.availability === availability).map((f) => f.name).sort();
    assert.deepEqual(by('graph'), ['AppRoleAssignments', 'DefaultDomain', 'IsNothing', 'Prepend']);
    assert.deepEqual(by('customizeAttributes'), ['AssertiveAppRoleAssignmentsComplex']);
    assert.deepEqual(by('cloudSync'), ['CRef', 'Contains', 'ConvertFromBase64', 'DNComponent', 'Error', 'StringFromSid', 'Trim']);
    assert.deepEqual([...CLOUD_SYNC_FUNCTION_NAMES].sort(), by('cloudSync'));
    assert.equal(findFunction('AppendSeparator'), undefined);
  });

  it('gives every function a summary, signature labels, parameter descriptions and an implementation', () => {
    for (const f of MAPPING_FUNCTION_CATALOG) {
      assert.ok(f.summary.length > 20, f.name);
      assert.ok(FUNCTION_IMPLEMENTATIONS[f.name], `${f.name} is implemented`);
      for (const s of f.signatures) {
        assert.ok(s.label.startsWith(`${f.name}(`), s.label);
        for (const p of s.parameters) assert.ok(p.description.length > 5 && p.key && p.label, `${f.name}.${p.key}`);
      }
    }
  });

  it('evaluates every example the catalogue shows on hover to its stated output', () => {
    let checked = 0;
    for (const f of MAPPING_FUNCTION_CATALOG) {
      for (const example of f.examples) {
        if (example.note) continue; // random, clock or "not sent"
        const { value } = evaluate(example.expression, { source: example.input ?? {} });
        assert.deepEqual(value, example.output, `${f.name}: ${example.expression}`);
        checked++;
      }
    }
    assert.ok(checked >= 45, `${checked} examples`);
  });

  it('uses Graph keys in trees and the prose names for display (§2.2 vs §4)', () => {
    const replace = findFunction('Replace')!.signatures[0]!;
    assert.deepEqual(replace.parameters.map((p) => p.key), ['source', 'Find', 'RegularExpression', 'RegularExpressionGroupName', 'Replacement', 'ReplacementPropertyName', 'Template']);
    assert.deepEqual(replace.parameters.map((p) => p.label), ['source', 'oldValue', 'regexPattern', 'regexGroupName', 'replacementValue', 'replacementAttributeName', 'template']);
    const sw = findFunction('Switch')!.signatures[0]!;
    assert.equal(sw.label, 'Switch(source, defaultValue, key, value, …)');
    assert.deepEqual([2, 3, 4, 5].map((i) => parameterAt(sw, i)!.label), ['key', 'value', 'key', 'value']);
    assert.deepEqual([2, 3].map((i) => parameterAt(sw, i)!.key), ['switchValue', 'switchValue']);
  });

  it('knows the argument counts, including alternative forms and complete pairs', () => {
    const accepts = (name: string, n: number) => findFunction(name)!.signatures.some((s) => acceptsArgumentCount(s, n));
    assert.deepEqual([2, 3, 4, 5].map((n) => accepts('FormatDateTime', n)), [false, true, true, false]);
    assert.deepEqual([3, 4, 5, 6, 7].map((n) => accepts('Switch', n)), [false, true, false, true, false]);
    assert.deepEqual([1, 2, 9].map((n) => accepts('SelectUniqueValue', n)), [false, true, true]);
    assert.deepEqual([1, 7, 8].map((n) => accepts('Replace', n)), [true, true, false]);
    assert.deepEqual([0, 1, 2].map((n) => accepts('Redact', n)), [false, true, false]);
    assert.equal(describeArity(findFunction('FormatDateTime')!), '4 or 3');
    assert.equal(describeArity(findFunction('Switch')!), '4, 6, 8, …');
    assert.equal(describeArity(findFunction('Join')!), 'at least 2');
    assert.equal(signatureFor(findFunction('FormatDateTime')!, 3).parameters.length, 3);
    assert.equal(signatureFor(findFunction('FormatDateTime')!, 4).parameters.length, 4);
  });

  it('derives the Graph functions endpoint list: no Cloud Sync functions, §2.2 shapes', () => {
    const schemas = graphFunctionSchemas();
    assert.equal(schemas.length, 48);
    assert.ok(schemas.every((s) => !CLOUD_SYNC_FUNCTION_NAMES.includes(s.name)));
    const params = (name: string) => schemas.find((f) => f.name === name)!.parameters.map((p) => [p.name, p.type, p.required, p.allowMultipleOccurrences]);
    assert.deepEqual(params('Switch'), [['source', 'String', true, false], ['defaultValue', 'String', false, false], ['switchValue', 'String', false, true]]);
    assert.deepEqual(params('FormatDateTime'), [['source', 'String', true, false], ['inputFormat', 'String', true, false], ['outputFormat', 'String', true, false]]);
    assert.deepEqual(params('Split'), [['source', 'String', true, false], ['delimiter', 'String', false, false]]);
    assert.deepEqual(params('Not'), [['source', 'Boolean', true, false]]);
  });

  it('every function rejects a wrong argument count when evaluated', () => {
    for (const f of MAPPING_FUNCTION_CATALOG) {
      const max = Math.max(...f.signatures.map((s) => s.maxArgs ?? -1));
      if (max < 0) continue;
      const text = `${f.name}(${Array.from({ length: max + 1 }, () => '"1"').join(', ')})`;
      assert.throws(() => evaluate(text), (err: unknown) => err instanceof EvaluationError && err.code === 'arity', text);
    }
  });
});
