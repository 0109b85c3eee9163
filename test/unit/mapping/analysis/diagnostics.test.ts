// Semantic diagnostics of mapping documents: every code at its exact document range (inside the JSON string for
// expression problems, JSON escapes accounted for) and its quick fixes applied to the text.
import assert from 'node:assert/strict';
import { MappingAnalyzer } from '../../../../src/mapping/analysis/analyzer';
import { DIAGNOSTIC_CODES } from '../../../../src/mapping/analysis/diagnosticCodes';
import { pretty, templateDocuments, templateSchema, workplaceLegacyJob } from './documents';
import { analyze, applyFix, documentWith, expressionOf, mappingOf, sourceOf, users, withCode, withMapping } from './helpers';

describe('mapping diagnostics', () => {
  describe('real documents', () => {
    for (const { id, text } of templateDocuments()) {
      it(`the ${id} template has no errors, and warnings only for Workplace's [mail] email`, () => {
        const found = analyze(text);
        assert.deepEqual(found.filter((d) => d.severity === 'error'), []);
        const warnings = found.filter((d) => d.severity === 'warning');
        if (id.startsWith('Facebook')) assert.deepEqual(warnings.map((d) => d.code), ['email-without-fallback']);
        else assert.deepEqual(warnings, []);
        // Elsewhere the same mapping is a hint: a SCIM app without a work email is legal.
        assert.deepEqual(found.filter((d) => d.severity === 'hint').map((d) => d.code), id.startsWith('Facebook') ? [] : ['email-without-fallback']);
      });
    }

    it('the seeded Workplace 1.0 job warns on its [mail] email mapping, and the fix writes Coalesce([mail],[userPrincipalName])', () => {
      const text = pretty(workplaceLegacyJob());
      const found = analyze(text);
      assert.deepEqual(found.map((d) => [d.severity, d.code]), [['warning', 'email-without-fallback']]);
      const [d] = found;
      assert.equal(text.slice(d!.start, d!.end), '[mail]');
      assert.match(d!.message, /Missing Email field/);
      const fix = d!.fixes!.find((f) => f.isPreferred)!;
      assert.equal(fix.title, 'Use Coalesce([mail],[userPrincipalName])');
      const fixed = applyFix(text, fix);
      const source = sourceOf(fixed, 'emails[type eq "work"].value')!;
      assert.equal(source.expression, 'Coalesce([mail],[userPrincipalName])');
      // The parsed form moves with the text: Graph stores both.
      assert.equal(source.type, 'Function');
      assert.equal(source.name, 'Coalesce');
      assert.deepEqual(source.parameters.map((p) => [p.key, p.value.name]), [['source', 'mail'], ['source', 'userPrincipalName']]);
      assert.deepEqual(analyze(fixed), []);
    });

    it('every code is documented', () => {
      const codes = new Set<string>();
      const texts = [
        withMapping(mappingOf('title', 'Joyn(" ", [givenName])')),
        withMapping(mappingOf('title', 'Mid([givenName], "a", 2)')),
      ];
      for (const text of texts) for (const d of analyze(text)) codes.add(d.code);
      for (const code of codes) assert.ok(code in DIAGNOSTIC_CODES, code);
    });
  });

  describe('expressions', () => {
    it('reports a syntax error at the end of the expression, before the closing quote', () => {
      const text = withMapping(mappingOf('title', '[jobTitle]')).replace('"expression": "[jobTitle]"', '"expression": "Join(\\" \\", [jobTitle]"');
      const [d] = withCode(text, 'missing-close-paren');
      assert.equal(d!.start, d!.end);
      assert.equal(text[d!.start], '"');
      assert.equal(text.slice(d!.start - 10, d!.start), '[jobTitle]');
    });

    it('reports an unknown function on its name and offers the closest one; the fix rebuilds the source', () => {
      const text = withMapping(mappingOf('title', '[jobTitle]')).replace('"expression": "[jobTitle]"', '"expression": "Joyn(\\" \\", [givenName])"');
      const [d] = withCode(text, 'unknown-function');
      assert.equal(d!.covered, 'Joyn');
      assert.equal(d!.severity, 'error');
      const fixed = applyFix(text, d!.fixes!.find((f) => f.title === 'Change to Join')!);
      assert.equal(expressionOf(fixed, 'title'), 'Join(" ", [givenName])');
      assert.equal(sourceOf(fixed, 'title')!.name, 'Join');
      assert.deepEqual(analyze(fixed).filter((x) => x.severity !== 'hint'), []);
    });

    it('function names are case-sensitive: join → Join', () => {
      const text = withMapping(mappingOf('title', 'Join(" ", [givenName])')).replace('"expression": "Join(', '"expression": "join(');
      const [d] = withCode(text, 'function-name-case');
      assert.equal(d!.covered, 'join');
      assert.equal(expressionOf(applyFix(text, d!.fixes![0]!), 'title'), 'Join(" ", [givenName])');
    });

    it('reports the wrong number of arguments', () => {
      const text = withMapping(mappingOf('title', 'Mid([givenName], 1)'));
      const [d] = withCode(text, 'wrong-argument-count');
      assert.equal(d!.covered, 'Mid([givenName], 1)');
    });

    it('reports an argument of the wrong type at the argument, escapes included', () => {
      const text = withMapping(mappingOf('title', 'Mid([givenName], "a", 2)'));
      const [d] = withCode(text, 'argument-type');
      assert.equal(d!.severity, 'error');
      assert.equal(d!.covered, '\\"a\\"'); // the JSON spelling of "a"
      assert.match(d!.message, /start expects a whole number/);
    });

    it('asks for CDate() around text passed as a date, with a fix', () => {
      const text = withMapping(mappingOf('title', 'DateAdd("d", 7, [employeeId])'));
      const [d] = withCode(text, 'argument-type');
      assert.equal(d!.covered, '[employeeId]');
      assert.equal(expressionOf(applyFix(text, d!.fixes![0]!), 'title'), 'DateAdd("d", 7, CDate([employeeId]))');
    });

    it('wants [appRoleAssignments] for SingleAppRoleAssignment and a multi-valued attribute for Count', () => {
      const text = withMapping(mappingOf('title', 'Join(",", SingleAppRoleAssignment([mail]), Count([department]))'));
      const found = withCode(text, 'argument-type');
      assert.deepEqual(found.map((d) => [d.covered, d.severity]), [['[mail]', 'error'], ['[department]', 'warning']]);
    });

    it('reports an unknown source attribute exactly, after JSON escapes, with suggestions', () => {
      // `\"é\"` in the expression is `\\\"\u00e9\\\"` in the document: 4 escapes before the attribute.
      const text = withMapping(mappingOf('title', 'Join("\\"é\\"", [mial])')).replace('é', '\\u00e9');
      assert.ok(text.includes('"expression": "Join(\\"\\\\\\"\\u00e9\\\\\\"\\", [mial])"'));
      const [d] = withCode(text, 'unknown-source-attribute');
      assert.equal(d!.covered, 'mial');
      assert.equal(d!.severity, 'error');
      const fixed = applyFix(text, d!.fixes!.find((f) => f.title === 'Change to [mail]')!);
      assert.equal(expressionOf(fixed, 'title'), 'Join("\\"é\\"", [mail])');
      assert.deepEqual(withCode(fixed, 'unknown-source-attribute'), []);
    });

    it('attribute names are case-sensitive: [Mail] is an error with a preferred fix', () => {
      const text = withMapping(mappingOf('title', 'ToLower([Mail])'));
      const [d] = withCode(text, 'unknown-source-attribute');
      assert.equal(d!.severity, 'error');
      assert.match(d!.message, /case-sensitive/);
      assert.equal(d!.fixes!.find((f) => f.isPreferred)!.title, 'Change to [mail]');
    });

    it('a directory extension the source object does not list is a warning', () => {
      const text = withMapping(mappingOf('title', '[extension_0123456789abcdef0123456789abcdef_skill]'));
      const [d] = withCode(text, 'unknown-source-attribute');
      assert.equal(d!.severity, 'warning');
      assert.equal(d!.covered, 'extension_0123456789abcdef0123456789abcdef_skill');
    });

    it('enforces the 10,000-character limit from character 10,000 on', () => {
      const long = `Join("", "${'x'.repeat(10_040)}")`;
      const text = withMapping(mappingOf('title', long));
      const [d] = withCode(text, 'expression-too-long');
      assert.equal(d!.covered, `${'x'.repeat(long.length - 10_000 - 2)}\\")`);
    });

    it('reports nesting too deep as a diagnostic, not a stack overflow', () => {
      const deep = `${'ToLower('.repeat(400)}[mail]${')'.repeat(400)}`;
      const text = withMapping(mappingOf('title', '[jobTitle]')).replace('"expression": "[jobTitle]"', `"expression": "${deep}"`);
      assert.equal(withCode(text, 'nesting-too-deep').length, 1);
    });

    it('says when the parsed form no longer matches the expression text, and rebuilds it', () => {
      const text = withMapping(mappingOf('title', '[jobTitle]')).replace('"expression": "[jobTitle]"', '"expression": "[department]"');
      const [d] = withCode(text, 'source-tree-mismatch');
      assert.equal(d!.covered, '"[department]"');
      const fixed = applyFix(text, d!.fixes![0]!);
      assert.deepEqual(sourceOf(fixed, 'title'), { expression: '[department]', name: 'department', parameters: [], type: 'Attribute' });
      assert.deepEqual(withCode(fixed, 'source-tree-mismatch'), []);
    });

    it('SelectUniqueValue: not on a matching attribute, and only on object creation', () => {
      const text = withMapping(
        mappingOf('userName', 'SelectUniqueValue(Join("@", [givenName], "contoso.com"), Join("@", [surname], "contoso.com"))', { matchingPriority: 1 }),
      );
      const found = withCode(text, 'select-unique-value-usage');
      assert.deepEqual(found.map((d) => [d.severity, d.covered]), [['error', 'SelectUniqueValue'], ['warning', 'SelectUniqueValue']]);
      assert.match(applyFix(text, found[1]!.fixes![0]!), /"flowType": "ObjectAddOnly"/);
    });
  });

  describe('targets', () => {
    it('reports a target attribute the target object does not declare, with suggestions and a fix that declares it', () => {
      const text = withMapping(mappingOf('nickname', '[displayName]'));
      const [d] = withCode(text, 'unknown-target-attribute');
      assert.equal(d!.covered, '"nickname"');
      assert.equal(d!.severity, 'error');
      assert.ok(d!.fixes!.some((f) => f.title === 'Change to nickName'));
      const declare = d!.fixes!.find((f) => f.title.startsWith("Add 'nickname'"))!;
      const declared = applyFix(text, declare);
      assert.doesNotThrow(() => JSON.parse(declared));
      assert.deepEqual(withCode(declared, 'unknown-target-attribute'), []);
      const object = (JSON.parse(declared) as ReturnType<typeof templateSchema>).directories[1]!.objects[0]!;
      assert.equal(object.attributes.at(-1)!.name, 'nickname');
    });

    it('warns about mapping a read-only target', () => {
      const [d] = withCode(withMapping(mappingOf('id', '[objectId]')), 'read-only-target');
      assert.equal(d!.covered, '"id"');
    });

    it('reports a duplicate target in one object mapping; the fix removes the mapping', () => {
      const text = documentWith((schema) => users(schema).attributeMappings.push(mappingOf('displayName', 'PCase([displayName])')));
      const [d] = withCode(text, 'duplicate-target');
      assert.equal(d!.covered, '"displayName"');
      assert.ok(d!.start > text.indexOf('PCase'));
      const fixed = applyFix(text, d!.fixes![0]!);
      const schema = JSON.parse(fixed) as ReturnType<typeof templateSchema>;
      assert.equal(users(schema).attributeMappings.filter((m) => m.targetAttributeName === 'displayName').length, 1);
      assert.equal(users(schema).attributeMappings.length, users(templateSchema('scim')).attributeMappings.length);
    });

    it('reports two matching attributes with the same precedence, and none at all', () => {
      const same = documentWith((schema) => {
        users(schema).attributeMappings.find((m) => m.targetAttributeName === 'externalId')!.matchingPriority = 1;
      });
      const found = withCode(same, 'duplicate-matching-priority');
      assert.deepEqual(found.map((d) => d.covered), ['1', '1']);
      assert.deepEqual(withCode(applyFix(same, found[1]!.fixes![0]!), 'duplicate-matching-priority'), []);

      const none = documentWith((schema) => {
        users(schema).attributeMappings.find((m) => m.targetAttributeName === 'userName')!.matchingPriority = 0;
      });
      const [d] = withCode(none, 'no-matching-attribute');
      assert.equal(d!.covered, '"Provision Azure Active Directory Users"');
    });

    it('warns about matching on an attribute the target cannot filter on', () => {
      const text = withMapping(mappingOf('roles', 'AppRoleAssignmentsComplex([appRoleAssignments])', { matchingPriority: 2 }));
      const [d] = withCode(text, 'matching-not-filterable');
      assert.equal(d!.covered, '2');
      assert.match(d!.message, /multi-valued/);
    });

    it('a Workplace SCIM 2.0 job using 1.0 names: fix to the 2.0 name, or remove when there is none', () => {
      const text = documentWith((schema) => {
        users(schema).attributeMappings.push(
          mappingOf('urn:scim:schemas:extension:enterprise:1.0.division', '[department]'),
          mappingOf('urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline', '"True"'),
        );
      }, 'FacebookWorkplace');
      const found = withCode(text, 'workplace-legacy-attribute');
      assert.deepEqual(found.map((d) => d.severity), ['error', 'error']);
      assert.deepEqual(withCode(text, 'unknown-target-attribute'), [], 'said once');
      const renamed = applyFix(text, found[0]!.fixes![0]!);
      assert.ok(renamed.includes('"targetAttributeName": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division"'));
      const removed = applyFix(text, found[1]!.fixes![0]!);
      assert.equal(found[1]!.fixes![0]!.title, 'Remove this mapping');
      assert.ok(!removed.includes('is_frontline'));
      assert.doesNotThrow(() => JSON.parse(removed));
    });

    it('the 1.0 names are right in a 1.0 job', () => {
      const text = documentWith((schema) => {
        users(schema).attributeMappings.push(mappingOf('urn:scim:schemas:extension:enterprise:1.0.division', '[department]'));
      }, 'FacebookAtWorkOutDelta');
      assert.deepEqual(withCode(text, 'workplace-legacy-attribute'), []);
    });
  });

  describe('scoping clauses', () => {
    const withClauses = (clauses: unknown[]) =>
      documentWith((schema) => {
        users(schema).scope = { categoryFilterGroups: [], inputFilterGroups: [], groups: [{ name: 'Filter', clauses: clauses as never }] };
      });

    it('unknown operator with a fix to the exact spelling', () => {
      const text = withClauses([{ operatorName: 'EQUAL', sourceOperandName: 'department', targetOperand: { values: ['Sales'] } }]);
      const [d] = withCode(text, 'unknown-scope-operator');
      assert.equal(d!.covered, '"EQUAL"');
      assert.match(applyFix(text, d!.fixes![0]!), /"operatorName": "EQUALS"/);
    });

    it('unary with values and binary without', () => {
      const text = withClauses([
        { operatorName: 'IS NULL', sourceOperandName: 'department', targetOperand: { values: ['x'] } },
        { operatorName: 'EQUALS', sourceOperandName: 'department', targetOperand: null },
      ]);
      const found = withCode(text, 'scope-operand-count');
      assert.deepEqual(found.map((d) => d.severity), ['warning', 'error']);
      assert.equal(found[1]!.covered, 'null');
      assert.match(applyFix(text, found[0]!.fixes![0]!), /"operatorName": "IS NULL",\s*"sourceOperandName": "department",\s*"targetOperand": null/);
    });

    it('unknown, unsupported and mistyped operands; invalid regexes', () => {
      const text = withClauses([
        { operatorName: 'EQUALS', sourceOperandName: 'departmnt', targetOperand: { values: ['Sales'] } },
        { operatorName: 'IS NOT NULL', sourceOperandName: 'manager', targetOperand: null },
        { operatorName: 'IS TRUE', sourceOperandName: 'department', targetOperand: null },
        { operatorName: 'REGEX MATCH', sourceOperandName: 'userPrincipalName', targetOperand: { values: ['(unclosed'] } },
        { operatorName: 'Greater_Than', sourceOperandName: 'employeeId', targetOperand: { values: ['abc'] } },
      ]);
      const [unknown] = withCode(text, 'unknown-source-attribute');
      assert.equal(unknown!.covered, '"departmnt"');
      assert.match(applyFix(text, unknown!.fixes!.find((f) => f.title === 'Change to department')!), /"sourceOperandName": "department"/);
      assert.deepEqual(withCode(text, 'scope-attribute-unsupported').map((d) => d.covered), ['"manager"']);
      assert.deepEqual(withCode(text, 'scope-operator-type').map((d) => d.covered), ['"IS TRUE"', '"abc"']);
      assert.deepEqual(withCode(text, 'scope-invalid-regex').map((d) => d.covered), ['"(unclosed"']);
    });
  });

  describe('references and structure', () => {
    it('names directories and objects that do not exist', () => {
      const text = documentWith((schema) => {
        schema.synchronizationRules[0]!.targetDirectoryName = 'customappso';
        users(schema).sourceObjectName = 'Usr';
      });
      assert.deepEqual(withCode(text, 'unknown-directory').map((d) => d.covered), ['"customappso"']);
      assert.deepEqual(withCode(text, 'unknown-object').map((d) => d.covered), ['"Usr"']);
    });

    it('reports JSON nested too deep instead of overflowing the stack', () => {
      const deep = `{"synchronizationRules": [], "x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
      const analyzer = new MappingAnalyzer(deep);
      assert.deepEqual(analyzer.diagnostics().map((d) => d.code), ['json-nesting-too-deep']);
      assert.doesNotThrow(() => analyzer.foldingRanges());
    });

    it('broken JSON still gets expression diagnostics', () => {
      const text = withMapping(mappingOf('title', 'Joyn([jobTitle])')).replace('"enabled": true', '"enabled": tru');
      assert.equal(withCode(text, 'unknown-function')[0]!.covered, 'Joyn');
    });
  });
});
