import assert from 'node:assert/strict';
import type { SynchronizationSchema } from '../../../src/graph/model';
import { findCustomizations } from '../../../src/migration/customizations';
import { mergeSchema } from '../../../src/migration/merge';
import { profileFor, translateCustomizations } from '../../../src/migration/translate';
import { diffLines, unifiedDiff } from '../../../src/migration/textDiff';
import { TEMPLATES, attribute, constant, enterprise1, mapping } from '../../../src/sandbox/tenant/templates';
import { customizeWorkplaceLegacySchema } from '../../../src/sandbox/tenant/seed';

const legacyDefault = (): SynchronizationSchema => TEMPLATES.get('FacebookAtWorkOutDelta')!.defaultSchema();
const scim2Default = (): SynchronizationSchema => TEMPLATES.get('FacebookWorkplace')!.defaultSchema();
const users = (schema: SynchronizationSchema) => schema.synchronizationRules[0]!.objectMappings[0]!;

describe('migration: customizations and their translation (pure)', () => {
  it('finds nothing on a template default', () => {
    assert.deepEqual(findCustomizations(legacyDefault(), legacyDefault()), []);
  });

  it('reports Facebook 1.0 attributes without a 2.0 URN as not transferable, and renames those with one', () => {
    const schema = customizeWorkplaceLegacySchema(legacyDefault());
    const maps = users(schema).attributeMappings;
    maps.push(mapping('urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline', constant('False')));
    maps.push(mapping('urn:scim:schemas:extension:facebook:auth_method:1.0:auth_method', constant('sso')));
    maps.push(mapping('urn:scim:schemas:extension:facebook:starttermdates:1.0.startDate', attribute('employeeHireDate')));
    maps.splice(maps.findIndex((m) => m.targetAttributeName === enterprise1('department')), 1);
    users(schema).enabled = false;

    const customizations = findCustomizations(schema, legacyDefault());
    const translation = translateCustomizations(customizations, scim2Default(), profileFor('FacebookAtWorkOutDelta', 'FacebookWorkplace'));
    assert.deepEqual(
      translation.notTransferable.map((n) => n.description),
      ['User → User: added mapping urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline ← "False"'],
    );
    assert.match(translation.notTransferable[0]!.reason, /no frontline attribute/);
    const renames = translation.translated.flatMap((t) => t.renames.map((r) => `${r.from} → ${r.to}`));
    assert.ok(renames.includes('urn:scim:schemas:extension:facebook:auth_method:1.0:auth_method → urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod'));
    assert.ok(renames.includes('urn:scim:schemas:extension:facebook:starttermdates:1.0.startDate → urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:startDate'));
    assert.ok(renames.includes('urn:scim:schemas:extension:enterprise:1.0.department → urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'));

    const merged = mergeSchema(scim2Default(), translation.translated, 'FacebookWorkplace.new');
    const targets = users(merged).attributeMappings.map((m) => m.targetAttributeName);
    assert.equal(merged.id, 'FacebookWorkplace.new');
    assert.ok(!targets.includes('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'), 'removed mapping stays removed');
    assert.ok(targets.includes('urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod'));
    assert.ok(!targets.some((t) => t.includes('frontline') || t.includes(':1.0')), 'no 1.0 name reaches the 2.0 schema');
    assert.equal(users(merged).enabled, false);
  });

  it('diffs lines minimally and prints unified hunks', () => {
    const ops = diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
    assert.deepEqual(ops.map((o) => `${o.kind}${o.line}`), [' a', '-b', '+x', ' c', ' d', '+e']);
    assert.equal(unifiedDiff('same\n', 'same\n', { before: 'a', after: 'b' }), '');
    const text = unifiedDiff(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n'), ['1', '2', '3', '4', '5', 'six', '7', '8', '9', '10'].join('\n'), { before: 'a', after: 'b' });
    assert.equal(text, '--- a\n+++ b\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n');
  });
});
