import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectMapping, SynchronizationSchema } from '../../../../src/graph/model';
import { PreviewError, previewObject, sourceFromGraphGroup, sourceFromGraphUser } from '../../../../src/mapping/preview';
import { referenceDir } from '../jsonSchemaHarness';
import { graphUser, templateSchema } from './fixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('preview: non-gallery SCIM app (scim template)', () => {
  it('produces the exact POST body for a user', () => {
    const result = previewObject(templateSchema('scim'), sourceFromGraphUser(graphUser({ mobilePhone: null, state: null })));
    assert.equal(result.objectMapping.targetObjectName, ENTERPRISE);
    assert.deepEqual(result.request, {
      method: 'POST',
      path: '/Users',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        userName: 'adele.vance@contoso.com',
        active: true,
        displayName: 'Adele Vance',
        title: 'Retail Manager',
        emails: [{ type: 'work', value: 'adele.vance@contoso.com', primary: true }],
        preferredLanguage: 'en-US',
        name: { givenName: 'Adele', familyName: 'Vance', formatted: 'Adele Vance' },
        addresses: [{ type: 'work', formatted: 'Seattle HQ', streetAddress: '1 Contoso Way', locality: 'Seattle', postalCode: '98101', country: 'United States' }],
        phoneNumbers: [{ type: 'work', value: '+1 206 555 0100' }],
        externalId: 'adele.vance',
        [ENTERPRISE]: { employeeNumber: 'E1001', department: 'Retail', manager: { value: '0b8e2f61-3c4d-4a5b-8c9d-1e2f3a4b5c6d' } },
      },
    });
  });

  it('resolves the manager reference through resolveReference, and leaves it out when the manager is not provisioned', () => {
    const schema = templateSchema('scim');
    const source = sourceFromGraphUser(graphUser());
    const resolved = previewObject(schema, source, { resolveReference: (id) => (id.startsWith('0b8e') ? 'scim-42' : null) });
    assert.deepEqual((resolved.request!.body[ENTERPRISE] as Record<string, unknown>)['manager'], { value: 'scim-42' });
    const missing = previewObject(schema, source, { resolveReference: () => null });
    assert.equal('manager' in (missing.request!.body[ENTERPRISE] as Record<string, unknown>), false);
    const manager = missing.attributes.find((a) => a.targetAttributeName.endsWith(':manager'))!;
    assert.deepEqual([manager.sent, manager.reason], [false, 'null']);
    assert.match(manager.note!, /not provisioned/);
  });

  it('previews a group: displayName matches, members are not in the body (they follow in a PATCH)', () => {
    const group = sourceFromGraphGroup({
      id: '2d6c1a7e-5b3f-4e8a-9c0d-7f1e2a3b4c5d',
      displayName: 'Retail "Floor" Staff',
      description: null,
      mailEnabled: false,
      securityEnabled: true,
      members: [{ id: 'u-1' }, { id: 'u-2' }],
    });
    const result = previewObject(templateSchema('scim'), group, { sourceObjectName: 'Group' });
    assert.deepEqual(result.request, {
      method: 'POST',
      path: '/Groups',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        displayName: 'Retail "Floor" Staff',
        externalId: '2d6c1a7e-5b3f-4e8a-9c0d-7f1e2a3b4c5d',
      },
    });
    assert.deepEqual(result.matching, [
      { targetAttributeName: 'displayName', matchingPriority: 1, value: 'Retail "Floor" Staff', filter: 'displayName eq "Retail \\"Floor\\" Staff"' },
    ]);
    const members = result.attributes.find((a) => a.targetAttributeName === 'members')!;
    assert.deepEqual([members.sent, members.deferred, members.value], [false, true, ['u-1', 'u-2']]);
  });

  it('throws PreviewError for an unknown rule id (listing the ids) and a missing object mapping', () => {
    const schema = templateSchema('scim');
    assert.throws(
      () => previewObject(schema, {}, { ruleId: 'nope' }),
      (err: unknown) => err instanceof PreviewError && err.code === 'unknown-rule' && err.ruleIds[0] === schema.synchronizationRules[0]!.id,
    );
    assert.throws(
      () => previewObject(templateSchema('FacebookWorkplace'), {}, { sourceObjectName: 'Group' }),
      (err: unknown) => err instanceof PreviewError && err.code === 'no-object-mapping',
    );
  });
});

describe('preview: Microsoft\'s documented schema (example-schema.json)', () => {
  const reference = JSON.parse(readFileSync(join(referenceDir, 'example-schema.json'), 'utf8')) as Record<string, { schema?: SynchronizationSchema; objectMapping?: ObjectMapping }>;

  it('Salesforce: Not([IsSoftDeleted]) → a JSON boolean on an undeclared target attribute', () => {
    const schema = reference['synchronizationSchema_GET_example']!.schema!;
    const result = previewObject(schema, { IsSoftDeleted: 'False' });
    assert.equal(result.rule.id, '4c5ecfa1-a072-4460-b1c3-4adde3479854');
    assert.deepEqual(result.request!.body, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], IsActive: true });
    assert.equal(previewObject(schema, { IsSoftDeleted: 'True' }).request!.body['IsActive'], false);
  });

  it('Salesforce object mapping: Mid, Replace, defaults only on create, constant-only mappings', () => {
    const objectMapping = reference['objectMapping_Salesforce_Users']!.objectMapping!;
    const schema: SynchronizationSchema = {
      directories: [],
      synchronizationRules: [
        { id: 'r', name: 'USER_OUTBOUND_USER', editable: true, priority: 1, sourceDirectoryName: 'Azure Active Directory', targetDirectoryName: 'salesforce.com', metadata: [], objectMappings: [objectMapping] },
      ],
    };
    const source = { IsSoftDeleted: 'False', userPrincipalName: 'adele.vance@contoso.com', mail: 'adele@contoso.com', givenName: 'Adele', preferredLanguage: 'en-US' };
    const created = previewObject(schema, source);
    const body = created.request!.body;
    assert.equal(body['IsActive'], true);
    assert.equal(body['Alias'], 'adele.va');
    assert.equal(body['LanguageLocaleKey'], 'en_US');
    assert.equal(body['EmailEncodingKey'], 'ISO-8859-1'); // source null + defaultValue
    assert.equal(body['LastName'], '.'); // surname missing → "Default value if null"
    const lastName = created.attributes.find((a) => a.targetAttributeName === 'LastName')!;
    assert.equal(lastName.usedDefault, true);
    const updated = previewObject(schema, source, { action: 'update', targetId: '005' });
    const ops = updated.request!.body['Operations'] as { path: string }[];
    assert.equal(ops.some((o) => o.path === 'LastName' || o.path === 'EmailEncodingKey'), false, 'defaults are not applied on update');
  });
});
