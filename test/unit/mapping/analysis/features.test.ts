// Completion, hover, signature help, symbols and folding of mapping documents, and incremental re-analysis giving the
// same answers as a fresh analysis.
import assert from 'node:assert/strict';
import { MappingAnalyzer } from '../../../../src/mapping/analysis/analyzer';
import type { MappingCompletion } from '../../../../src/mapping/analysis/types';
import { generatedDocument, pretty, templateDocuments, workplaceLegacyJob } from './documents';
import { applyCompletion, cursor, documentWith, expressionOf, mappingOf, offsetAfter, users, withMapping } from './helpers';

const labels = (items: MappingCompletion[]) => items.map((i) => i.label);
const byLabel = (items: MappingCompletion[], label: string) => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no completion ${label} in ${labels(items).slice(0, 20).join(', ')}…`);
  return item;
};

describe('mapping language features', () => {
  const base = withMapping(mappingOf('title', 'Join(" ", [givenName], [surname])'));

  describe('completion', () => {
    it('offers the target object\'s declared attributes first, with type and mutability, for targetAttributeName', () => {
      const offset = offsetAfter(base, '"targetAttributeName": "ti');
      const items = new MappingAnalyzer(base).completions(offset);
      const first = items.slice().sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0]!;
      assert.match(first.detail!, /^String · ReadOnly · single-valued/); // `id`, declared first in the target object
      const emails = byLabel(items, 'emails[type eq "work"].value');
      assert.equal(emails.insertText, 'emails[type eq \\"work\\"].value', 'JSON-escaped for the string literal');
      assert.match(byLabel(items, 'displayName').detail!, /already mapped/);
      // Replaces the whole string content.
      assert.equal(base.slice(emails.start, emails.end), 'title');
      const applied = applyCompletion(base, emails);
      assert.ok(applied.includes('"targetAttributeName": "emails[type eq \\"work\\"].value"'));
      assert.ok(items.some((i) => i.kind === 'snippet' && i.insertText.startsWith('urn:ietf:params:scim:schemas:extension:${1:')));
    });

    it('offers the Workplace 2.0 extension attributes in a FacebookWorkplace job', () => {
      const text = templateDocuments().find((d) => d.id === 'FacebookWorkplace')!.text;
      const items = new MappingAnalyzer(text).completions(offsetAfter(text, '"targetAttributeName": "'));
      assert.ok(labels(items).includes('urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod'));
      assert.ok(!labels(items).some((l) => l.startsWith('urn:scim:')));
    });

    it('offers source attributes inside [ … ] in an expression, replacing the attribute name', () => {
      const { text, offset } = cursor(base.replace('[givenName]', '[giv|enName]'));
      const items = new MappingAnalyzer(text).completions(offset);
      const item = byLabel(items, 'givenName');
      assert.equal(text.slice(item.start, item.end), 'givenName');
      assert.match(item.documentation!, /First name/);
      assert.equal(expressionOf(applyCompletion(text, byLabel(items, 'surname')), 'title'), 'Join(" ", [surname], [surname])');
      // Extension attributes declared in the document come with the catalogue.
      assert.ok(labels(items).includes('extensionAttribute15'));
    });

    it('closes an unclosed attribute reference', () => {
      const text = base.replace('"expression": "Join(\\" \\", [givenName], [surname])"', '"expression": "Join(\\" \\", [giv"');
      const offset = offsetAfter(text, '[giv');
      const item = byLabel(new MappingAnalyzer(text).completions(offset), 'givenName');
      assert.equal(expressionOf(applyCompletion(text, item), 'title'), 'Join(" ", [givenName]');
    });

    it('offers functions as snippets in an empty argument slot', () => {
      const text = base.replace('"expression": "Join(\\" \\", [givenName], [surname])"', '"expression": "Join(\\" \\", , [surname])"');
      const offset = offsetAfter(text, '"expression": "Join(\\" \\", ');
      const items = new MappingAnalyzer(text).completions(offset);
      const coalesce = byLabel(items, 'Coalesce');
      assert.equal(coalesce.insertText, 'Coalesce(${1:source1}, ${2:source2})');
      assert.equal(coalesce.isSnippet, true);
      assert.equal(expressionOf(applyCompletion(text, coalesce), 'title'), 'Join(" ", Coalesce(source1, source2), [surname])');
      assert.ok(labels(items).includes('[mail]'));
      const switchItem = byLabel(items, 'Switch');
      assert.equal(switchItem.insertText, 'Switch(${1:source}, ${2:defaultValue}, ${3:key}, ${4:value})');
    });

    it('completes a function name being typed, without a snippet when the call already has parentheses', () => {
      const { text, offset } = cursor(base.replace('"expression": "Join(', '"expression": "Jo|in('));
      const join = byLabel(new MappingAnalyzer(text).completions(offset), 'Join');
      assert.equal(join.insertText, 'Join');
      assert.equal(text.slice(join.start, join.end), 'Join');
    });

    it('offers enum words for enum parameters and DateAdd intervals inside the string', () => {
      const inStr = withMapping(mappingOf('title', 'InStr([mail], "@", 1, vbTextCompare)'));
      const items = new MappingAnalyzer(inStr).completions(offsetAfter(inStr, ', 1, vb'));
      assert.ok(labels(items).includes('vbBinaryCompare'));
      const dateAdd = withMapping(mappingOf('title', 'DateAdd("d", 7, CDate([employeeHireDate]))'));
      const intervals = new MappingAnalyzer(dateAdd).completions(offsetAfter(dateAdd, '"expression": "DateAdd(\\"'));
      assert.deepEqual(labels(intervals), ['yyyy', 'm', 'd', 'ww', 'h', 'n', 's']);
    });

    it('offers flowType, flowBehavior, source type and operator values with descriptions', () => {
      const a = new MappingAnalyzer(base);
      const flow = a.completions(offsetAfter(base, '"flowType": "'));
      assert.deepEqual(labels(flow), ['Always', 'ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly']);
      assert.match(byLabel(flow, 'ObjectAddOnly').documentation!, /Only during creation/);
      assert.deepEqual(labels(a.completions(offsetAfter(base, '"flowBehavior": "'))), ['FlowWhenChanged', 'FlowAlways']);
      assert.deepEqual(labels(a.completions(offsetAfter(base, '"type": "'))), ['String', 'Integer', 'Reference', 'Binary', 'Boolean', 'DateTime']);
      assert.deepEqual(labels(a.completions(offsetAfter(base, '"type": "', base.indexOf('"synchronizationRules"')))), ['Attribute', 'Constant', 'Function']);
      const scoped = pretty(workplaceLegacyJob());
      const operators = new MappingAnalyzer(scoped).completions(offsetAfter(scoped, '"operatorName": "'));
      assert.ok(labels(operators).includes('Greater_Than_OR_EQUALS'));
      const operands = new MappingAnalyzer(scoped).completions(offsetAfter(scoped, '"sourceOperandName": "'));
      assert.ok(labels(operands).includes('department'));
      assert.ok(!labels(operands).includes('manager'), 'scoping filters can\'t use references');
    });

    it('offers nothing outside string values it understands', () => {
      const a = new MappingAnalyzer(base);
      assert.deepEqual(a.completions(offsetAfter(base, '"matchingPriority": ')), []);
      assert.deepEqual(a.completions(base.indexOf('"targetAttributeName"') + 3), []);
    });
  });

  describe('hover', () => {
    const a = new MappingAnalyzer(base);
    it('describes functions, attributes and target attributes', () => {
      const fn = a.hover(offsetAfter(base, '"expression": "Jo'))!;
      assert.equal(base.slice(fn.start, fn.end), 'Join');
      assert.match(fn.markdown, /Join\(separator/);
      const attr = a.hover(offsetAfter(base, '[giv'))!;
      assert.equal(base.slice(attr.start, attr.end), '[givenName]');
      assert.match(attr.markdown, /givenName.*String/);
      const target = a.hover(offsetAfter(base, '"targetAttributeName": "user'))!;
      assert.match(target.markdown, /userName.*required/);
      assert.match(a.hover(offsetAfter(base, '"flowType": "Al'))!.markdown, /\*\*Always\*\*/);
    });
  });

  describe('signature help', () => {
    it('shows the signature with the active parameter, cycling through repeated ones', () => {
      const text = withMapping(mappingOf('title', 'Switch([state], "Other", "NSW", "Sydney", "QLD", "Brisbane")'));
      const a = new MappingAnalyzer(text);
      const help = a.signatureHelp(offsetAfter(text, '"QLD'))!;
      assert.equal(help.label, 'Switch(source, defaultValue, key, value, …)');
      assert.equal(help.activeParameter, 2);
      const active = help.parameters[help.activeParameter]!;
      assert.equal(help.label.slice(active.start, active.end), 'key');
      assert.equal(a.signatureHelp(offsetAfter(text, '"Brisbane'))!.activeParameter, 3);
      assert.equal(a.signatureHelp(offsetAfter(text, '"targetAttributeName": "t')), undefined);
    });
  });

  describe('symbols and folding', () => {
    it('outlines directories → objects and rules → object mappings → attribute mappings', () => {
      const a = new MappingAnalyzer(base);
      const symbols = a.symbols();
      assert.deepEqual(symbols.map((s) => [s.kind, s.name]), [
        ['directory', 'Azure Active Directory'],
        ['directory', 'customappsso'],
        ['rule', 'USER_OUTBOUND_USER'],
      ]);
      const userMapping = symbols[2]!.children[0]!;
      assert.equal(userMapping.name, 'Provision Azure Active Directory Users');
      const title = userMapping.children.find((c) => c.name === 'title')!;
      assert.equal(title.detail, '← Join(" ", [givenName], [surname])');
      assert.equal(base.slice(title.selectionStart, title.selectionEnd), '"title"');
      assert.equal(base[title.start], '{');
      assert.equal(base[title.end - 1], '}');
    });

    it('folds every multi-line object and array', () => {
      const ranges = new MappingAnalyzer(base).foldingRanges();
      assert.ok(ranges.length > 100);
      for (const r of ranges.slice(0, 50)) {
        assert.ok(['{', '['].includes(base[r.start]!));
        assert.ok(['}', ']'].includes(base[r.end]!));
      }
      assert.deepEqual(new MappingAnalyzer(JSON.stringify(JSON.parse(base))).foldingRanges(), [], 'a one-line document has nothing to fold');
    });
  });

  describe('incremental re-analysis', () => {
    const text = generatedDocument(300);
    const sameAsFresh = (analyzer: MappingAnalyzer, edited: string) => {
      const fresh = new MappingAnalyzer(edited);
      assert.deepEqual(analyzer.diagnostics(), fresh.diagnostics());
      assert.deepEqual(analyzer.symbols(), fresh.symbols());
    };

    it('re-parses only the edited mapping after a keystroke inside an expression, with the same results as a fresh analysis', () => {
      const analyzer = new MappingAnalyzer(text);
      analyzer.diagnostics();
      const at = offsetAfter(text, '[givenName', text.length / 2);
      const edited = `${text.slice(0, at)}x${text.slice(at)}`;
      analyzer.update(edited);
      assert.equal(analyzer.lastUpdate, 'incremental');
      const d = analyzer.diagnostics().find((x) => x.code === 'unknown-source-attribute')!;
      assert.equal(edited.slice(d.start, d.end), 'givenNamex');
      sameAsFresh(analyzer, edited);
      // And back.
      analyzer.update(text);
      assert.equal(analyzer.lastUpdate, 'incremental');
      sameAsFresh(analyzer, text);
    });

    it('falls back to a full parse when an edit breaks the JSON, and recovers', () => {
      const analyzer = new MappingAnalyzer(text);
      const at = offsetAfter(text, '"targetAttributeName": "', text.length / 3);
      const broken = `${text.slice(0, at)}"${text.slice(at)}`;
      analyzer.update(broken);
      assert.equal(analyzer.lastUpdate, 'full');
      analyzer.diagnostics();
      analyzer.update(text);
      sameAsFresh(analyzer, text);
    });

    it('applies edits that move later mappings (insertions, deletions, new mappings) correctly', () => {
      const analyzer = new MappingAnalyzer(text);
      let current = text;
      // Insert a whole mapping, delete a chunk of an expression, rename a target: each must equal a fresh analysis.
      const edits: ((t: string) => string)[] = [
        (t) => t.replace('"attributeMappings": [', `"attributeMappings": [${JSON.stringify(mappingOf('nickName', 'Joyn([mail])'))},`),
        (t) => t.replace('Append(ToLower([mailNickname]), ', 'Append('),
        (t) => t.replace('"targetAttributeName": "displayName"', '"targetAttributeName": "displayNam"'),
        (t) => t.replace(/"matchingPriority": 1/, '"matchingPriority": 0'),
      ];
      for (const edit of edits) {
        current = edit(current);
        analyzer.update(current);
        sameAsFresh(analyzer, current);
      }
      assert.ok(analyzer.diagnostics().some((d) => d.code === 'unknown-function'));
      assert.ok(analyzer.diagnostics().some((d) => d.code === 'no-matching-attribute'));
    });

    it('directory changes reach the mappings that depend on them', () => {
      const doc = documentWith((schema) => users(schema).attributeMappings.push(mappingOf('nickName', '[department]')));
      const analyzer = new MappingAnalyzer(doc);
      assert.equal(analyzer.diagnostics().filter((d) => d.code === 'unknown-target-attribute').length, 0);
      const renamed = doc.replace('"name": "nickName"', '"name": "nick"');
      analyzer.update(renamed);
      assert.equal(analyzer.diagnostics().filter((d) => d.code === 'unknown-target-attribute').length, 1);
      sameAsFresh(analyzer, renamed);
    });
  });
});
