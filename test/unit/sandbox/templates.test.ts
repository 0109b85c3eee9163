import assert from 'node:assert/strict';
import type { AttributeMappingSource, ObjectDefinition, SynchronizationSchema } from '../../../src/graph/model';
import {
  FILTER_OPERATORS,
  MAPPING_FUNCTIONS,
  TEMPLATES,
  attribute,
  entraSourceDirectory,
  fn,
  num,
  constant,
  quote,
  synchronizationTemplate,
  type TemplateDefinition,
} from '../../../src/sandbox/tenant/templates';

// ---- helpers: an independent reading of the expression text, to check it against the stored tree ----------------

/** Splits `Name(a, b, , c)` into its name and raw top-level arguments (quotes, brackets and parens respected). */
function splitCall(text: string): { name: string; args: string[] } {
  const open = text.indexOf('(');
  assert.ok(open > 0 && text.endsWith(')'), `not a call: ${text}`);
  const name = text.slice(0, open);
  const inner = text.slice(open + 1, -1);
  const args: string[] = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (inString) {
      current += ch;
      if (ch === '\\') current += inner[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (inner.trim() !== '' || args.length > 0) args.push(current.trim());
  return { name, args };
}

/** The parameter key Graph uses for the argument at `position` of `fnName`. */
function keyAt(fnName: string, position: number): string | undefined {
  const params = MAPPING_FUNCTIONS.find((f) => f.name === fnName)?.parameters ?? [];
  const repeating = params.findIndex((p) => p.allowMultipleOccurrences);
  return repeating >= 0 && position >= repeating ? params[repeating]!.name : params[position]?.name;
}

function assertConsistent(node: AttributeMappingSource, where: string): void {
  if (node.type === 'Attribute') {
    assert.equal(node.expression, `[${node.name}]`, where);
    assert.deepEqual(node.parameters, [], where);
    return;
  }
  if (node.type === 'Constant') {
    assert.equal(node.expression, quote(node.name ?? ''), where);
    assert.deepEqual(node.parameters, [], where);
    return;
  }
  const { name, args } = splitCall(node.expression ?? '');
  assert.equal(name, node.name, `${where}: function name`);
  const present = args.map((text, position) => ({ text, position })).filter((a) => a.text !== '');
  assert.equal(present.length, node.parameters.length, `${where}: ${node.expression} has ${present.length} arguments, tree has ${node.parameters.length}`);
  present.forEach(({ text, position }, i) => {
    const param = node.parameters[i]!;
    assert.equal(param.key, keyAt(name, position), `${where}: key of argument ${position + 1} of ${name}`);
    const child = param.value;
    const bareNumber = child.type === 'Constant' && /^-?\d+$/.test(child.name ?? '') && text === child.name;
    assert.ok(text === child.expression || bareNumber, `${where}: argument ${position + 1} "${text}" vs tree "${child.expression}"`);
    assertConsistent(child, `${where} > ${name}#${position + 1}`);
  });
}

function target(schema: SynchronizationSchema) {
  return schema.directories[1]!;
}
function userMapping(schema: SynchronizationSchema) {
  return schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User')!;
}
function mappingFor(schema: SynchronizationSchema, targetName: string) {
  const found = userMapping(schema).attributeMappings.find((m) => m.targetAttributeName === targetName);
  assert.ok(found, `no mapping for ${targetName}`);
  return found;
}
function attributeNames(object: ObjectDefinition): string[] {
  return object.attributes.map((a) => a.name);
}

const ALL = [...TEMPLATES.values()];
const SCIM_TEMPLATES = ['scim', 'customappsso'];

describe('sandbox templates', () => {
  it('offers the required templates with realistic factory tags and metadata', () => {
    for (const id of ['scim', 'customappsso', 'FacebookWorkplace', 'FacebookAtWorkOutDelta', 'Slack', 'Zoom']) assert.ok(TEMPLATES.has(id), id);
    assert.equal(TEMPLATES.get('Slack')!.factoryTag, 'CustomSCIM');
    assert.equal(TEMPLATES.get('FacebookAtWorkOutDelta')!.factoryTag, 'FacebookAtWorkOutDelta');
    for (const t of ALL) {
      const meta = Object.fromEntries(t.metadata.map((m) => [m.key, m.value]));
      assert.match(meta.galleryApplicationIdentifier ?? '', /^[0-9a-f-]{36}$/, t.id);
      assert.ok(Array.isArray(JSON.parse(meta.configurationFields ?? 'x')), t.id);
    }
    const scimFields = JSON.parse(TEMPLATES.get('scim')!.metadata.find((m) => m.key === 'configurationFields')!.value!);
    assert.deepEqual(scimFields, [{ name: 'baseaddress' }, { name: 'secrettoken', secret: true }]);
    for (const id of ['FacebookWorkplace', 'FacebookAtWorkOutDelta']) {
      assert.equal(TEMPLATES.get(id)!.metadata.find((m) => m.key === 'IsOAuthEnabled')?.value, 'true', id);
    }
  });

  it('renders the Graph synchronizationTemplate shape', () => {
    const t = synchronizationTemplate(TEMPLATES.get('FacebookWorkplace')!, 'app-object-id');
    assert.deepEqual(Object.keys(t).sort(), ['applicationId', 'default', 'description', 'discoverable', 'factoryTag', 'id', 'metadata']);
    assert.equal(t.applicationId, 'app-object-id');
    assert.equal(t.default, true);
    assert.equal(synchronizationTemplate(TEMPLATES.get('FacebookAtWorkOutDelta')!, 'x').default, false);
  });

  it('returns a fresh deep copy of the default schema on every call', () => {
    const t = TEMPLATES.get('scim')!;
    const a = t.defaultSchema();
    a.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.length = 0;
    a.directories.pop();
    const b = t.defaultSchema();
    assert.equal(b.directories.length, 2);
    assert.ok(b.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.length > 10);
  });

  it('puts the Entra source directory first and a target directory second, one anchor per object', () => {
    for (const t of ALL) {
      const schema = t.defaultSchema();
      assert.equal(schema.directories.length, 2, t.id);
      assert.equal(schema.directories[0]!.name, 'Azure Active Directory');
      assert.equal(target(schema).name, t.targetDirectoryName);
      for (const dir of schema.directories) {
        for (const object of dir.objects) {
          assert.equal(object.attributes.filter((a) => a.anchor).length, 1, `${t.id} ${dir.name}/${object.name}`);
          const names = attributeNames(object);
          assert.equal(new Set(names).size, names.length, `${t.id} ${dir.name}/${object.name} has duplicate attributes`);
        }
      }
    }
  });

  it('describes Entra users and groups realistically', () => {
    const dir = entraSourceDirectory();
    const user = dir.objects.find((o) => o.name === 'User')!;
    const group = dir.objects.find((o) => o.name === 'Group')!;
    const byName = new Map(user.attributes.map((a) => [a.name, a]));
    for (const name of [
      'accountEnabled', 'userPrincipalName', 'mail', 'givenName', 'surname', 'displayName', 'jobTitle', 'department', 'employeeId',
      'manager', 'mailNickname', 'objectId', 'IsSoftDeleted', 'preferredLanguage', 'streetAddress', 'city', 'state', 'postalCode',
      'country', 'telephoneNumber', 'mobile', 'facsimileTelephoneNumber', 'physicalDeliveryOfficeName', 'companyName',
      'employeeHireDate', 'extensionAttribute1', 'extensionAttribute15',
    ]) {
      assert.ok(byName.has(name), name);
    }
    assert.equal(byName.get('objectId')!.anchor, true);
    assert.equal(byName.get('manager')!.type, 'Reference');
    assert.deepEqual(byName.get('manager')!.referencedObjects, [{ referencedObjectName: 'User', referencedProperty: null }]);
    assert.equal(byName.get('IsSoftDeleted')!.type, 'Boolean');
    assert.equal(byName.get('employeeHireDate')!.type, 'DateTime');
    assert.equal(byName.get('proxyAddresses')!.multivalued, true);
    assert.deepEqual(user.metadata.find((m) => m.key === 'PropertyNameSoftDeleted'), { key: 'PropertyNameSoftDeleted', value: 'IsSoftDeleted' });
    const members = group.attributes.find((a) => a.name === 'members')!;
    assert.equal(members.type, 'Reference');
    assert.equal(members.multivalued, true);
    for (const name of ['displayName', 'mail', 'objectId', 'IsSoftDeleted']) assert.ok(attributeNames(group).includes(name), name);
  });

  it('has one USER_OUTBOUND_USER rule that supports provisioning on demand', () => {
    for (const t of ALL) {
      const schema = t.defaultSchema();
      assert.equal(schema.synchronizationRules.length, 1);
      const rule = schema.synchronizationRules[0]!;
      assert.equal(rule.name, 'USER_OUTBOUND_USER');
      assert.equal(rule.id, t.userRuleId);
      assert.match(rule.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.deepEqual(rule.metadata, [{ key: 'supportsProvisionOnDemand', value: 'true' }]);
      assert.equal(rule.sourceDirectoryName, 'Azure Active Directory');
      assert.equal(rule.targetDirectoryName, t.targetDirectoryName);
      const names = rule.objectMappings.map((m) => m.name);
      assert.equal(names[0], 'Provision Azure Active Directory Users');
      const withGroups = SCIM_TEMPLATES.includes(t.id) || t.id === 'Slack';
      assert.deepEqual(names.includes('Provision Azure Active Directory Groups'), withGroups, t.id);
      for (const m of rule.objectMappings) assert.equal(m.scope, null);
    }
  });

  it('gives every attribute mapping every field, a known target and a consistent source tree', () => {
    const entra = entraSourceDirectory();
    for (const t of ALL) {
      const schema = t.defaultSchema();
      for (const om of schema.synchronizationRules[0]!.objectMappings) {
        const sourceObject = entra.objects.find((o) => o.name === om.sourceObjectName)!;
        const targetObject = target(schema).objects.find((o) => o.name === om.targetObjectName);
        assert.ok(targetObject, `${t.id}: target object ${om.targetObjectName}`);
        const matching = om.attributeMappings.filter((m) => m.matchingPriority > 0).map((m) => m.matchingPriority);
        assert.deepEqual(matching, [1], `${t.id} ${om.name}: exactly one matching attribute, priority 1`);
        for (const m of om.attributeMappings) {
          const where = `${t.id} ${om.name} → ${m.targetAttributeName}`;
          assert.deepEqual(
            Object.keys(m).sort(),
            ['defaultValue', 'exportMissingReferences', 'flowBehavior', 'flowType', 'matchingPriority', 'source', 'targetAttributeName'],
            where,
          );
          assert.ok(attributeNames(targetObject).includes(m.targetAttributeName), `${where}: not a target attribute`);
          assert.ok(m.source, where);
          assertConsistent(m.source, where);
          const attributes: string[] = [];
          const collect = (n: AttributeMappingSource) => {
            if (n.type === 'Attribute') attributes.push(n.name!);
            n.parameters.forEach((p) => collect(p.value));
          };
          collect(m.source);
          for (const a of attributes) assert.ok(attributeNames(sourceObject).includes(a), `${where}: unknown source attribute ${a}`);
        }
      }
    }
  });

  it('ships the standard Entra SCIM 2.0 default mappings for scim and customappsso', () => {
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    for (const id of SCIM_TEMPLATES) {
      const schema = TEMPLATES.get(id)!.defaultSchema();
      assert.equal(target(schema).name, 'customappsso');
      const expect = (targetName: string, expression: string, matchingPriority = 0) => {
        const m = mappingFor(schema, targetName);
        assert.equal(m.source!.expression, expression, `${id} ${targetName}`);
        assert.equal(m.matchingPriority, matchingPriority, `${id} ${targetName} matching`);
      };
      expect('userName', '[userPrincipalName]', 1);
      expect('active', 'Switch([IsSoftDeleted], , "False", "True", "True", "False")');
      expect('displayName', '[displayName]');
      expect('title', '[jobTitle]');
      expect('emails[type eq "work"].value', '[mail]');
      expect('preferredLanguage', '[preferredLanguage]');
      expect('name.givenName', '[givenName]');
      expect('name.familyName', '[surname]');
      expect('name.formatted', 'Join(" ", [givenName], [surname])');
      expect('addresses[type eq "work"].formatted', '[physicalDeliveryOfficeName]');
      expect('addresses[type eq "work"].streetAddress', '[streetAddress]');
      expect('addresses[type eq "work"].locality', '[city]');
      expect('addresses[type eq "work"].region', '[state]');
      expect('addresses[type eq "work"].postalCode', '[postalCode]');
      expect('addresses[type eq "work"].country', '[country]');
      expect('phoneNumbers[type eq "work"].value', '[telephoneNumber]');
      expect('phoneNumbers[type eq "mobile"].value', '[mobile]');
      expect('phoneNumbers[type eq "fax"].value', '[facsimileTelephoneNumber]');
      expect('externalId', '[mailNickname]');
      expect(`${enterprise}:employeeNumber`, '[employeeId]');
      expect(`${enterprise}:department`, '[department]');
      expect(`${enterprise}:manager`, '[manager]');

      const groups = schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'Group')!;
      const g = Object.fromEntries(groups.attributeMappings.map((m) => [m.targetAttributeName, m]));
      assert.equal(g.displayName!.matchingPriority, 1);
      assert.equal(g.externalId!.source!.expression, '[objectId]');
      assert.equal(g.members!.source!.expression, '[members]');

      const user = target(schema).objects.find((o) => o.name === userMapping(schema).targetObjectName)!;
      const def = (n: string) => user.attributes.find((a) => a.name === n)!;
      assert.equal(def('userName').required, true);
      assert.equal(def('active').type, 'Boolean');
      assert.equal(def('id').anchor, true);
      assert.equal(def(`${enterprise}:manager`).type, 'Reference');
      assert.equal(def('roles').multivalued, true);
      const group = target(schema).objects.find((o) => o.name === groups.targetObjectName)!;
      const members = group.attributes.find((a) => a.name === 'members')!;
      assert.equal(members.type, 'Reference');
      assert.equal(members.multivalued, true);
    }
  });

  it('keeps the Switch tree of the active mapping in Graph form', () => {
    const active = mappingFor(TEMPLATES.get('scim')!.defaultSchema(), 'active').source!;
    assert.deepEqual(
      active.parameters.map((p) => [p.key, p.value.type, p.value.name]),
      [
        ['source', 'Attribute', 'IsSoftDeleted'],
        ['switchValue', 'Constant', 'False'],
        ['switchValue', 'Constant', 'True'],
        ['switchValue', 'Constant', 'True'],
        ['switchValue', 'Constant', 'False'],
      ],
    );
  });

  describe('Workplace from Meta', () => {
    const TUTORIAL_1_0 = [
      'userName', 'displayName', 'active', 'title', 'emails[type eq "work"].value', 'name.givenName', 'name.familyName', 'name.formatted',
      'addresses[type eq "work"].formatted', 'addresses[type eq "work"].streetAddress', 'addresses[type eq "work"].locality',
      'addresses[type eq "work"].region', 'addresses[type eq "work"].country', 'addresses[type eq "work"].postalCode',
      'addresses[type eq "other"].formatted', 'phoneNumbers[type eq "work"].value', 'phoneNumbers[type eq "mobile"].value',
      'phoneNumbers[type eq "fax"].value', 'externalId', 'preferredLanguage',
      'urn:scim:schemas:extension:enterprise:1.0.manager', 'urn:scim:schemas:extension:enterprise:1.0.department',
      'urn:scim:schemas:extension:enterprise:1.0.division', 'urn:scim:schemas:extension:enterprise:1.0.organization',
      'urn:scim:schemas:extension:enterprise:1.0.costCenter', 'urn:scim:schemas:extension:enterprise:1.0.employeeNumber',
      'urn:scim:schemas:extension:facebook:auth_method:1.0:auth_method', 'urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline',
      'urn:scim:schemas:extension:facebook:starttermdates:1.0.startDate',
    ];

    it('legacy SCIM 1.0 target declares exactly the tutorial attributes (plus the id anchor)', () => {
      const schema = TEMPLATES.get('FacebookAtWorkOutDelta')!.defaultSchema();
      const user = target(schema).objects[0]!;
      assert.deepEqual(attributeNames(user).filter((n) => n !== 'id').sort(), TUTORIAL_1_0.slice().sort());
      const def = (n: string) => user.attributes.find((a) => a.name === n)!;
      assert.equal(def('urn:scim:schemas:extension:facebook:frontline:1.0.is_frontline').type, 'Boolean');
      assert.equal(def('urn:scim:schemas:extension:facebook:starttermdates:1.0.startDate').type, 'Integer');
      assert.equal(def('title').type, 'String'); // the tutorial's "Boolean" is a typo
      assert.equal(def('urn:scim:schemas:extension:enterprise:1.0.manager').type, 'Reference');
    });

    it('legacy defaults use only 1.0 names and map email from [mail]', () => {
      const schema = TEMPLATES.get('FacebookAtWorkOutDelta')!.defaultSchema();
      const mappings = userMapping(schema).attributeMappings;
      assert.ok(mappings.every((m) => !m.targetAttributeName.startsWith('urn:ietf:')));
      assert.equal(mappingFor(schema, 'emails[type eq "work"].value').source!.expression, '[mail]');
      assert.equal(mappingFor(schema, 'userName').matchingPriority, 1);
      assert.equal(mappingFor(schema, 'urn:scim:schemas:extension:enterprise:1.0.department').source!.expression, '[department]');
      assert.equal(userMapping(schema).attributeMappings.some((m) => m.targetAttributeName.endsWith('costCenter')), false);
      assert.equal(schema.synchronizationRules[0]!.objectMappings.length, 1);
    });

    it('SCIM 2.0 connector uses 2.0 names, start date and auth method, and no frontline', () => {
      const schema = TEMPLATES.get('FacebookWorkplace')!.defaultSchema();
      const names = attributeNames(target(schema).objects[0]!);
      const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
      for (const a of ['manager', 'department', 'division', 'organization', 'costCenter', 'employeeNumber']) assert.ok(names.includes(`${ext}:${a}`), a);
      const startDate = target(schema).objects[0]!.attributes.find((a) => a.name === 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User:startDate');
      assert.equal(startDate?.type, 'Integer');
      assert.ok(names.includes('urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User:authMethod'));
      assert.ok(names.every((n) => !n.startsWith('urn:scim:') && !n.includes('frontline')));
      assert.ok(userMapping(schema).attributeMappings.every((m) => !m.targetAttributeName.startsWith('urn:scim:')));
      assert.equal(mappingFor(schema, `${ext}:manager`).source!.expression, '[manager]');
    });
  });

  describe('expression builder', () => {
    it('reproduces the docs’ Mid tree (numbers are quoted Constants, bare in the text)', () => {
      assert.deepEqual(fn('Mid', attribute('userPrincipalName'), num(1), num(8)), {
        expression: 'Mid([userPrincipalName], 1, 8)',
        name: 'Mid',
        parameters: [
          { key: 'source', value: { expression: '[userPrincipalName]', name: 'userPrincipalName', parameters: [], type: 'Attribute' } },
          { key: 'start', value: { expression: '"1"', name: '1', parameters: [], type: 'Constant' } },
          { key: 'length', value: { expression: '"8"', name: '8', parameters: [], type: 'Constant' } },
        ],
        type: 'Function',
      });
    });

    it('reproduces the parseExpression Replace example with omitted arguments', () => {
      const tree = fn('Replace', attribute('preferredLanguage'), constant('-'), null, null, constant('_'), null, null);
      assert.equal(tree.expression, 'Replace([preferredLanguage], "-", , , "_", , )');
      assert.deepEqual(tree.parameters.map((p) => [p.key, p.value.name]), [['source', 'preferredLanguage'], ['Find', '-'], ['Replacement', '_']]);
    });

    it('escapes quotes and backslashes in constants', () => {
      assert.equal(constant('Company name: "Contoso"').expression, '"Company name: \\"Contoso\\""');
      assert.equal(constant('\\d').expression, '"\\\\d"');
      assert.equal(constant('Company name: "Contoso"').name, 'Company name: "Contoso"');
    });

    it('rejects unknown functions and too many arguments', () => {
      assert.throws(() => fn('AppendSeparator', attribute('x')));
      assert.throws(() => fn('Not', attribute('a'), attribute('b')));
    });
  });

  describe('helper catalogues', () => {
    it('lists the full scoping operator set with Graph arity and types', () => {
      const byName = new Map(FILTER_OPERATORS.map((o) => [o.name, o]));
      assert.deepEqual(
        [...byName.keys()].sort(),
        ['!&', '&', 'ENDS_WITH', 'EQUALS', 'Greater_Than', 'Greater_Than_OR_EQUALS', 'IS FALSE', 'IS NOT NULL', 'IS NULL', 'IS TRUE', 'Includes', 'NOT EQUALS', 'NOT REGEX MATCH', 'REGEX MATCH'].sort(),
      );
      assert.deepEqual(byName.get('EQUALS'), { name: 'EQUALS', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Integer', 'String'] });
      assert.deepEqual(byName.get('IS NOT NULL')!.supportedAttributeTypes, ['Integer', 'String', 'Binary', 'Boolean']);
      for (const unary of ['IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL']) assert.equal(byName.get(unary)!.arity, 'Unary');
      assert.deepEqual(byName.get('IS TRUE')!.supportedAttributeTypes, ['Boolean']);
      assert.deepEqual(byName.get('Greater_Than')!.supportedAttributeTypes, ['Integer']);
      assert.ok(FILTER_OPERATORS.every((o) => o.multivaluedComparisonType === 'All'));
    });

    it('lists every documented mapping function', () => {
      const names = new Set(MAPPING_FUNCTIONS.map((f) => f.name));
      const documented = [
        'Append', 'AppRoleAssignmentsComplex', 'BitAnd', 'CBool', 'CDate', 'Coalesce', 'ConvertToBase64', 'ConvertToUTF8Hex', 'Count', 'CStr',
        'DateAdd', 'DateDiff', 'DateFromNum', 'FormatDateTime', 'Guid', 'IgnoreFlowIfNullOrEmpty', 'IIF', 'InStr', 'IsNull', 'IsNullOrEmpty',
        'IsPresent', 'IsString', 'Item', 'Join', 'Left', 'Mid', 'NormalizeDiacritics', 'Not', 'Now', 'NumFromDate', 'PCase', 'RandomString',
        'Redact', 'RemoveDuplicates', 'Replace', 'SelectUniqueValue', 'SingleAppRoleAssignment', 'Split', 'StripSpaces', 'Switch', 'ToLower',
        'ToUpper', 'Word',
      ];
      assert.equal(documented.length, 43);
      for (const name of [...documented, 'AssertiveAppRoleAssignmentsComplex', 'DefaultDomain', 'AppRoleAssignments', 'IsNothing', 'Prepend']) {
        assert.ok(names.has(name), name);
      }
      assert.equal(names.size, MAPPING_FUNCTIONS.length, 'no duplicates');
      assert.equal(names.has('AppendSeparator'), false);
    });

    it('uses the exact Graph parameter schemas of §2.2', () => {
      const params = (name: string) => MAPPING_FUNCTIONS.find((f) => f.name === name)!.parameters.map((p) => [p.name, p.type, p.required, p.allowMultipleOccurrences]);
      assert.deepEqual(params('Append'), [['source', 'String', true, false], ['suffix', 'String', true, false]]);
      assert.deepEqual(params('DefaultDomain'), []);
      assert.deepEqual(params('FormatDateTime'), [['source', 'String', true, false], ['inputFormat', 'String', true, false], ['outputFormat', 'String', true, false]]);
      assert.deepEqual(params('IsNothing'), [['source', 'Boolean', true, false]]);
      assert.deepEqual(params('Join'), [['separator', 'String', true, false], ['source', 'String', true, true]]);
      assert.deepEqual(params('Prepend'), [['prefix', 'String', true, false], ['source', 'String', true, false]]);
      assert.deepEqual(params('Mid'), [['source', 'String', true, false], ['start', 'Integer', true, false], ['length', 'Integer', true, false]]);
      assert.deepEqual(params('Not'), [['source', 'Boolean', true, false]]);
      assert.deepEqual(
        params('Replace').map((p) => [p[0], p[2]]),
        [['source', true], ['Find', false], ['RegularExpression', false], ['RegularExpressionGroupName', false], ['Replacement', false], ['ReplacementPropertyName', false], ['Template', false]],
      );
      assert.deepEqual(params('SingleAppRoleAssignment'), [['source', 'String', true, false]]);
      assert.deepEqual(params('Split'), [['source', 'String', true, false], ['delimiter', 'String', false, false]]);
      assert.deepEqual(params('StripSpaces'), [['source', 'String', true, false]]);
      assert.deepEqual(params('Switch'), [['source', 'String', true, false], ['defaultValue', 'String', false, false], ['switchValue', 'String', false, true]]);
    });
  });
});

// Keeps the TemplateDefinition export honest: the route author codes against these members.
const _contract: (keyof TemplateDefinition)[] = ['id', 'factoryTag', 'description', 'metadata', 'defaultSchema'];
void _contract;
