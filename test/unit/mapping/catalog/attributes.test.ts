// The attribute catalogues: Entra source attributes (the sandbox's directory definition is built from them), SCIM /
// Enterprise / Workplace target attributes, the Workplace SCIM 1.0 → 2.0 names, and the extension patterns.
import assert from 'node:assert/strict';
import { describeAttributeShape } from '../../../../src/mapping/catalog/attributeInfo';
import {
  ENTRA_GROUP_ATTRIBUTES,
  ENTRA_USER_ATTRIBUTES,
  entraAttributesFor,
  isDirectoryExtension,
} from '../../../../src/mapping/catalog/entraAttributes';
import {
  anyTargetAttribute,
  CUSTOM_EXTENSION_PATTERN,
  ENTERPRISE_1_ATTRIBUTES,
  ENTERPRISE_2_ATTRIBUTES,
  isEmailTarget,
  isGroupObject,
  SCIM_CORE_USER_ATTRIBUTES,
  targetCatalog,
  WORKPLACE_1_ATTRIBUTES,
  WORKPLACE_1_TO_2,
  WORKPLACE_2_ATTRIBUTES,
} from '../../../../src/mapping/catalog/targetAttributes';
import { entraSourceDirectory } from '../../../../src/sandbox/tenant/templates';
import { TEMPLATES } from '../../../../src/sandbox/tenant/templates';

describe('attribute catalogues', () => {
  it('the sandbox\'s Entra directory is the Entra catalogue, attribute for attribute', () => {
    const directory = entraSourceDirectory();
    for (const [objectName, catalog] of [
      ['User', ENTRA_USER_ATTRIBUTES],
      ['Group', ENTRA_GROUP_ATTRIBUTES],
    ] as const) {
      const object = directory.objects.find((o) => o.name === objectName)!;
      assert.deepEqual(
        object.attributes.map((a) => [a.name, a.type, a.multivalued, a.required, a.anchor]),
        catalog.map((a) => [a.name, a.type, a.multivalued, a.required, a.anchor]),
      );
    }
  });

  it('describes every Entra attribute, names each once, marks what scoping filters cannot use', () => {
    for (const list of [ENTRA_USER_ATTRIBUTES, ENTRA_GROUP_ATTRIBUTES]) {
      assert.equal(new Set(list.map((a) => a.name)).size, list.length);
      for (const a of list) assert.ok(a.description.length >= 9, a.name);
    }
    const user = entraAttributesFor('User')!;
    for (const name of ['appRoleAssignments', 'manager', 'employeeHireDate', 'userType', 'proxyAddresses']) assert.equal(user.get(name)!.filterable, false, name);
    assert.equal(user.get('department')!.filterable, true);
    assert.equal(entraAttributesFor('Contact'), undefined);
  });

  it('recognises directory extensions and custom SCIM extension attributes by pattern', () => {
    assert.ok(isDirectoryExtension('extension_d7a076d91c104133b712ad6caf3819c9_SkillSet'));
    assert.ok(!isDirectoryExtension('extension_SkillSet'));
    assert.ok(CUSTOM_EXTENSION_PATTERN.test('urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute'));
    assert.ok(!CUSTOM_EXTENSION_PATTERN.test('urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User'));
    assert.equal(anyTargetAttribute('urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:badge')!.origin, 'Custom SCIM extension');
  });

  it('has the SCIM 2.0 core, Enterprise 2.0 / 1.0 and Workplace attributes, with shapes', () => {
    const core = new Map(SCIM_CORE_USER_ATTRIBUTES.map((a) => [a.name, a]));
    assert.equal(describeAttributeShape(core.get('userName')!), 'String · ReadWrite · single-valued · required');
    assert.equal(core.get('active')!.type, 'Boolean');
    assert.equal(core.get('roles')!.multivalued, true);
    assert.equal(core.get('roles')!.filterable, false);
    assert.equal(core.get('password')!.filterable, false, 'write-only');
    assert.ok(ENTERPRISE_2_ATTRIBUTES.some((a) => a.name === 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' && a.type === 'Reference'));
    assert.ok(ENTERPRISE_1_ATTRIBUTES.some((a) => a.name === 'urn:scim:schemas:extension:enterprise:1.0.costCenter'));
    assert.deepEqual(
      WORKPLACE_2_ATTRIBUTES.slice(0, 3).map((a) => a.name),
      [
        'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:startDate',
        'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:termDate',
        'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod',
      ],
    );
    assert.ok(targetCatalog('User', 'workplace1').has('urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline'));
    assert.ok(!targetCatalog('User', 'scim2').has('urn:scim:schemas:extension:enterprise:1.0.department'));
    assert.ok(isGroupObject('urn:ietf:params:scim:schemas:core:2.0:Group') && isGroupObject('Group') && !isGroupObject('User'));
    assert.ok(targetCatalog('Group', 'scim2').has('members'));
  });

  it('maps every Workplace 1.0 name to its 2.0 name (is_frontline has none)', () => {
    for (const a of WORKPLACE_1_ATTRIBUTES) assert.ok(WORKPLACE_1_TO_2.has(a.name), a.name);
    for (const a of ENTERPRISE_1_ATTRIBUTES) assert.equal(WORKPLACE_1_TO_2.get(a.name), a.name.replace('urn:scim:schemas:extension:enterprise:1.0.', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:'));
    assert.equal(WORKPLACE_1_TO_2.get('urn:scim:schemas:extension:facebook:auth_method:1.0:auth_method'), 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod');
    assert.equal(WORKPLACE_1_TO_2.get('urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline'), null);
    const twoNames = new Set(WORKPLACE_2_ATTRIBUTES.map((a) => a.name).concat(ENTERPRISE_2_ATTRIBUTES.map((a) => a.name)));
    for (const target of WORKPLACE_1_TO_2.values()) if (target !== null) assert.ok(twoNames.has(target), target);
  });

  it('knows every target attribute the sandbox templates declare', () => {
    for (const template of TEMPLATES.values()) {
      const schema = template.defaultSchema();
      for (const object of schema.directories[1]!.objects) {
        for (const attribute of object.attributes) assert.ok(anyTargetAttribute(attribute.name), `${template.id}: ${attribute.name}`);
      }
    }
  });

  it('tells email targets apart', () => {
    for (const name of ['emails[type eq "work"].value', 'emails', 'mail', 'Email']) assert.ok(isEmailTarget(name), name);
    for (const name of ['userName', 'emails[type eq "work"].primary', 'name.givenName']) assert.ok(!isEmailTarget(name), name);
  });
});
