import assert from 'node:assert/strict';
import type { AttributeMappingSource } from '../../../../src/graph/model';
import { MappingSourceError, fromMappingSource, parse, toMappingSource } from '../../../../src/mapping/expression';

/** Drops `expression` everywhere: what a tree-only consumer has to work with. */
function withoutExpressions(node: AttributeMappingSource): AttributeMappingSource {
  return { ...node, expression: null, parameters: node.parameters.map((p) => ({ key: p.key, value: withoutExpressions(p.value) })) };
}

describe('mapping expressions: attributeMappingSource round trip', () => {
  it('builds exactly the §7 parseExpression tree', () => {
    const tree = toMappingSource('Replace([preferredLanguage], "-", , ,  "_", ,  )');
    assert.deepEqual(tree, {
      expression: 'Replace([preferredLanguage], "-", , , "_", , )',
      name: 'Replace',
      type: 'Function',
      parameters: [
        { key: 'source', value: { expression: '[preferredLanguage]', name: 'preferredLanguage', parameters: [], type: 'Attribute' } },
        { key: 'Find', value: { expression: '"-"', name: '-', parameters: [], type: 'Constant' } },
        { key: 'Replacement', value: { expression: '"_"', name: '_', parameters: [], type: 'Constant' } },
      ],
    });
  });

  it('builds the §2.1 Mid tree: numbers are Constants with a quoted expression', () => {
    assert.deepEqual(toMappingSource('Mid([userPrincipalName], 1, 8)').parameters, [
      { key: 'source', value: { expression: '[userPrincipalName]', name: 'userPrincipalName', parameters: [], type: 'Attribute' } },
      { key: 'start', value: { expression: '"1"', name: '1', parameters: [], type: 'Constant' } },
      { key: 'length', value: { expression: '"8"', name: '8', parameters: [], type: 'Constant' } },
    ]);
  });

  it('builds the other documented trees (Not, SingleAppRoleAssignment, an attribute)', () => {
    const not = toMappingSource('Not([IsSoftDeleted])');
    assert.deepEqual([not.name, not.type, not.parameters[0]!.key, not.parameters[0]!.value.name, not.parameters[0]!.value.type], [
      'Not', 'Function', 'source', 'IsSoftDeleted', 'Attribute',
    ]);
    assert.equal(toMappingSource('SingleAppRoleAssignment([appRoleAssignments])').parameters[0]!.key, 'source');
    assert.deepEqual(toMappingSource('[mail]'), { expression: '[mail]', name: 'mail', parameters: [], type: 'Attribute' });
  });

  it('repeats the key of a repeated parameter and leaves omitted ones out', () => {
    const sw = toMappingSource('Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    assert.deepEqual(sw.parameters.map((p) => [p.key, p.value.name]), [
      ['source', 'IsSoftDeleted'], ['switchValue', 'False'], ['switchValue', 'True'], ['switchValue', 'True'], ['switchValue', 'False'],
    ]);
    const join = toMappingSource('Join(" ", [givenName], [surname])');
    assert.deepEqual(join.parameters.map((p) => p.key), ['separator', 'source', 'source']);
    const coalesce = toMappingSource('Coalesce([mail], [userPrincipalName], "")');
    assert.deepEqual(coalesce.parameters.map((p) => p.key), ['source', 'source', 'source']);
  });

  it('keys FormatDateTime by its form: dateTimeStyles only when given', () => {
    const keys = (t: string) => toMappingSource(t).parameters.map((p) => p.key);
    assert.deepEqual(keys('FormatDateTime([x], , "yyyyMMdd", "yyyy")'), ['source', 'inputFormat', 'outputFormat']);
    assert.deepEqual(keys('FormatDateTime([x], "yyyyMMdd", "yyyy")'), ['source', 'inputFormat', 'outputFormat']);
    assert.deepEqual(keys('FormatDateTime([x], "AdjustToUniversal", "yyyyMMdd", "yyyy")'), ['source', 'dateTimeStyles', 'inputFormat', 'outputFormat']);
  });

  it('escapes constants and keeps the unescaped value as the name', () => {
    const c = toMappingSource(String.raw`Append([a], "say \"hi\" \\ bye")`).parameters[1]!.value;
    assert.equal(c.name, 'say "hi" \\ bye');
    assert.equal(c.expression, String.raw`"say \"hi\" \\ bye"`);
  });

  it('puts the canonical text on every node', () => {
    const tree = toMappingSource('Append( Mid([givenName],1,3) ,Mid([surname], 1, 5))');
    assert.equal(tree.expression, 'Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))');
    assert.equal(tree.parameters[0]!.value.expression, 'Mid([givenName], 1, 3)');
  });

  it('represents bare words, hex and comparisons (no documented Graph form: our convention)', () => {
    const instr = toMappingSource('InStr([a], "x", 1, vbTextCompare)');
    assert.deepEqual(instr.parameters[3], { key: 'compareType', value: { expression: '"vbTextCompare"', name: 'vbTextCompare', parameters: [], type: 'Constant' } });
    assert.deepEqual(toMappingSource('BitAnd(&HF, &HF7)').parameters[1]!.value, { expression: '"247"', name: '247', parameters: [], type: 'Constant' });
    const iif = toMappingSource('IIF([country]="USA", "1", "2")');
    assert.deepEqual(iif.parameters[0]!.value, {
      expression: '[country] = "USA"',
      name: '=',
      type: 'Function',
      parameters: [
        { key: 'left', value: { expression: '[country]', name: 'country', parameters: [], type: 'Attribute' } },
        { key: 'right', value: { expression: '"USA"', name: 'USA', parameters: [], type: 'Constant' } },
      ],
    });
  });

  it('refuses what has no tree: syntax errors, unknown functions, too many arguments', () => {
    assert.throws(() => toMappingSource('Append([a], "x"'), MappingSourceError);
    assert.throws(() => toMappingSource('AppendSeparator([a])'), (err: unknown) => err instanceof MappingSourceError && err.span.start === 0);
    assert.throws(() => toMappingSource('Not([a], [b])'), MappingSourceError);
    // Too few arguments still have keys: the tree can be built (lint reports the arity).
    assert.deepEqual(toMappingSource('Mid([a], 1)').parameters.map((p) => p.key), ['source', 'start']);
  });

  describe('fromMappingSource', () => {
    it('returns the stored expression text', () => {
      const tree = toMappingSource('Replace([preferredLanguage], "-", , , "_", , )');
      assert.equal(fromMappingSource(tree), 'Replace([preferredLanguage], "-", , , "_", , )');
    });

    it('rebuilds text from the tree alone: empty slots before present arguments, bare numbers and enum words', () => {
      const rebuild = (t: string) => fromMappingSource(withoutExpressions(toMappingSource(t)), { preferExpression: false });
      assert.equal(rebuild('Replace([preferredLanguage], "-", , , "_", , )'), 'Replace([preferredLanguage], "-", , , "_")');
      assert.equal(rebuild('Mid([userPrincipalName], 1, 8)'), 'Mid([userPrincipalName], 1, 8)');
      assert.equal(rebuild('Switch([IsSoftDeleted], , "False", "True", "True", "False")'), 'Switch([IsSoftDeleted], , "False", "True", "True", "False")');
      assert.equal(rebuild('InStr("repEated","e",3,vbBinaryCompare)'), 'InStr("repEated", "e", 3, vbBinaryCompare)');
      assert.equal(rebuild('FormatDateTime([x], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")'), 'FormatDateTime([x], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")');
      assert.equal(rebuild('IIF([a] = "x", BitAnd(&HF, 2), DateAdd("d", -10, Now()))'), 'IIF([a] = "x", BitAnd(15, 2), DateAdd("d", -10, Now()))');
      assert.equal(rebuild('Join(", ", "", [surname], [givenName])'), 'Join(", ", "", [surname], [givenName])');
      assert.equal(rebuild('"text"'), '"text"');
    });

    it('prints an unknown function with its parameters in order', () => {
      const tree: AttributeMappingSource = {
        expression: null,
        name: 'Mystery',
        type: 'Function',
        parameters: [{ key: 'a', value: { expression: null, name: 'x', parameters: [], type: 'Attribute' } }],
      };
      assert.equal(fromMappingSource(tree), 'Mystery([x])');
    });

    it('parses back to the same tree', () => {
      for (const t of ['Join(" ", [givenName], [surname])', 'Not([IsSoftDeleted])', 'Coalesce([mail], [userPrincipalName])']) {
        const tree = toMappingSource(t);
        assert.deepEqual(toMappingSource(fromMappingSource(withoutExpressions(tree), { preferExpression: false })), tree);
        assert.equal(parse(fromMappingSource(tree)).ok, true);
      }
    });
  });
});
