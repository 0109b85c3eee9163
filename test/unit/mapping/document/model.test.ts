// The synchronizationSchema model over the JSON tree, and "what is at this offset".
import assert from 'node:assert/strict';
import { parseJsonTree } from '../../../../src/mapping/document/jsonTree';
import { locate } from '../../../../src/mapping/document/locate';
import { buildDocument } from '../../../../src/mapping/document/model';
import { pretty, workplaceLegacyJob } from '../analysis/documents';
import { offsetAfter } from '../analysis/helpers';

describe('mapping document model', () => {
  const text = pretty(workplaceLegacyJob());
  const doc = buildDocument(parseJsonTree(text));

  it('holds directories → objects → attributes and rules → object mappings → attribute mappings, with their nodes', () => {
    assert.equal(doc.id, 'FacebookAtWorkOutDelta.0a1b2c3d4e5f607.18293a4b5c6d7e8');
    assert.deepEqual(doc.directories.map((d) => d.name?.value), ['Azure Active Directory', 'Workplace by Facebook']);
    const rule = doc.rules[0]!;
    assert.equal(rule.targetDirectoryName?.value, 'Workplace by Facebook');
    const users = rule.objectMappings[0]!;
    assert.equal(users.rule, rule);
    const userName = users.attributeMappings.find((m) => m.targetAttributeName?.value === 'userName')!;
    assert.equal(userName.matchingPriority, 2);
    assert.equal(userName.source?.expression?.value, '[userPrincipalName]');
    assert.equal(text.slice(userName.node.offset, userName.node.offset + 1), '{');
    assert.deepEqual(
      users.scopeGroups[0]!.clauses.map((c) => [c.operatorName?.value, c.sourceOperandName?.value, c.values?.length]),
      [
        ['IS NOT NULL', 'department', undefined],
        ['NOT REGEX MATCH', 'userPrincipalName', 1],
      ],
    );
  });

  it('tolerates anything in place of the expected shapes', () => {
    const odd = buildDocument(parseJsonTree('{"synchronizationRules": [null, {"objectMappings": {"x": 1}}, {"objectMappings": [{"attributeMappings": [1, {"targetAttributeName": 5}]}]}], "directories": "none"}'));
    assert.equal(odd.rules.length, 3);
    assert.deepEqual(odd.rules[1]!.objectMappings, []);
    assert.equal(odd.rules[2]!.objectMappings[0]!.attributeMappings.length, 2);
    assert.equal(odd.rules[2]!.objectMappings[0]!.attributeMappings[1]!.targetAttributeName, undefined);
    assert.deepEqual(odd.directories, []);
  });

  it('says what the cursor is in, with the offset inside the expression', () => {
    const active = offsetAfter(text, '"expression": "Switch([IsSoft');
    const location = locate(doc, text, active)!;
    assert.equal(location.kind, 'expression');
    assert.equal(location.offsets.value.slice(0, location.valueOffset), 'Switch([IsSoft');
    assert.equal(locate(doc, text, offsetAfter(text, '"targetAttributeName": "user'))!.kind, 'targetAttributeName');
    assert.equal(locate(doc, text, offsetAfter(text, '"flowType": "'))!.kind, 'enum');
    assert.equal(locate(doc, text, offsetAfter(text, '"sourceOperandName": "dep'))!.kind, 'sourceOperandName');
    assert.equal(locate(doc, text, offsetAfter(text, '"sourceObjectName": "'))!.kind, 'objectName');
    assert.equal(locate(doc, text, offsetAfter(text, '"targetDirectoryName": "'))!.kind, 'directoryName');
    // On a key, after a closing quote, on a number: nothing.
    assert.equal(locate(doc, text, text.indexOf('"targetAttributeName"') + 2), undefined);
    assert.equal(locate(doc, text, offsetAfter(text, '"targetAttributeName": "userName"')), undefined);
    assert.equal(locate(doc, text, offsetAfter(text, '"matchingPriority": ')), undefined);
  });
});
