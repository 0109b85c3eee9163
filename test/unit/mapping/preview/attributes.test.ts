import assert from 'node:assert/strict';
import type { SynchronizationSchema } from '../../../../src/graph/model';
import { compilePreview, previewObject, sourceFromGraphGroup, sourceFromGraphUser } from '../../../../src/mapping/preview';
import { fn } from '../../../../src/sandbox/tenant/templates';
import { attribute, constant, graphUser, mapping, templateSchema, userMappings } from './fixtures';

function withMappings(...extra: ReturnType<typeof mapping>[]): SynchronizationSchema {
  const schema = templateSchema('scim');
  userMappings(schema).push(...extra);
  return schema;
}

describe('preview: attribute values', () => {
  it('IgnoreFlowIfNullOrEmpty drops the attribute; a plain NULL is not sent either', () => {
    const schema = withMappings(
      mapping('nickName', fn('IgnoreFlowIfNullOrEmpty', attribute('extensionAttribute6'))),
      mapping('userType', attribute('employeeType')),
    );
    const result = previewObject(schema, sourceFromGraphUser(graphUser()));
    const nick = result.attributes.find((a) => a.targetAttributeName === 'nickName')!;
    assert.deepEqual([nick.sent, nick.reason, nick.value], [false, 'ignoreFlow', null]);
    assert.equal(nick.expression, 'IgnoreFlowIfNullOrEmpty([extensionAttribute6])');
    const type = result.attributes.find((a) => a.targetAttributeName === 'userType')!;
    assert.deepEqual([type.sent, type.reason], [false, 'null']);
    assert.equal('nickName' in result.request!.body || 'userType' in result.request!.body, false);
  });

  it('reports expression errors per attribute instead of throwing; the rest of the request is built', () => {
    const schema = withMappings(
      mapping('nickName', { expression: 'Left([givenName], "x")', name: 'Left', parameters: [], type: 'Function' }),
      mapping('locale', { expression: 'Join(" ", [givenName]', name: 'Join', parameters: [], type: 'Function' }),
      mapping('timezone', { expression: 'Frobnicate([givenName])', name: 'Frobnicate', parameters: [], type: 'Function' }),
    );
    const result = previewObject(schema, sourceFromGraphUser(graphUser()));
    const byName = (n: string) => result.attributes.find((a) => a.targetAttributeName === n)!;
    assert.equal(byName('nickName').reason, 'error');
    assert.equal(byName('nickName').error!.code, 'type');
    assert.ok(byName('nickName').trace.length > 0, 'the trace up to the failure is kept');
    assert.equal(byName('locale').error!.code, 'syntax');
    assert.equal(byName('timezone').error!.code, 'unknown-function');
    assert.deepEqual(byName('timezone').error!.span, { start: 0, end: 10 });
    assert.equal(result.request!.body['userName'], 'adele.vance@contoso.com');
  });

  it('evaluates Constant, Attribute and Function sources; trees without expression text are printed', () => {
    const joined = fn('Join', constant('.'), attribute('givenName'), attribute('surname'));
    const schema = withMappings(
      mapping('userType', constant('Employee')),
      mapping('nickName', { ...joined, expression: null }),
      mapping('locale', attribute('usageLocation')),
    );
    const result = previewObject(schema, sourceFromGraphUser(graphUser()));
    assert.equal(result.request!.body['userType'], 'Employee');
    assert.equal(result.request!.body['nickName'], 'Adele.Vance');
    assert.equal(result.attributes.find((a) => a.targetAttributeName === 'nickName')!.expression, 'Join(".", [givenName], [surname])');
    assert.equal(result.request!.body['locale'], 'US');
  });

  it('Now(), Guid() and SelectUniqueValue use the options; multi-valued targets get arrays, app roles objects', () => {
    const schema = withMappings(
      mapping('nickName', fn('FormatDateTime', fn('Now'), null, constant('M/d/yyyy h:mm:ss tt'), constant('yyyy-MM-dd'))),
      mapping('locale', fn('SelectUniqueValue', fn('Join', constant('@'), attribute('givenName'), constant('contoso.com')), attribute('mail'))),
      mapping('roles', fn('AppRoleAssignmentsComplex', attribute('appRoleAssignments'))),
    );
    const source = sourceFromGraphUser(graphUser({ appRoleAssignments: [{ id: 'r1', value: 'Admin', displayName: 'Administrator' }] }));
    const body = previewObject(schema, source, { now: new Date('2024-05-01T08:00:00Z'), isUnique: (v) => v !== 'Adele@contoso.com' }).request!.body;
    assert.equal(body['nickName'], '2024-05-01');
    assert.equal(body['locale'], 'adele.vance@contoso.com');
    assert.deepEqual(body['roles'], [{ primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: 'Administrator', value: 'Admin' }]);
  });

  it('a list into a single-valued target is an error for that attribute', () => {
    const schema = withMappings(mapping('nickName', attribute('otherMails')));
    const result = previewObject(schema, sourceFromGraphUser(graphUser({ otherMails: ['a@x.com', 'b@x.com'] })));
    const nick = result.attributes.find((a) => a.targetAttributeName === 'nickName')!;
    assert.deepEqual([nick.reason, nick.error!.code], ['error', 'multi-valued']);
  });

  it('out of scope: request null, attributes still evaluated', () => {
    const result = previewObject(templateSchema('scim'), sourceFromGraphUser(graphUser()), { isAssigned: false });
    assert.equal(result.request, null);
    assert.equal(result.attributes.find((a) => a.targetAttributeName === 'userName')!.value, 'adele.vance@contoso.com');
  });

  it('compilePreview gives the same results as previewObject, with or without traces', () => {
    const schema = templateSchema('FacebookWorkplace');
    const source = sourceFromGraphUser(graphUser());
    const traced = compilePreview(schema)(source);
    assert.deepEqual(traced, previewObject(schema, source));
    const fast = compilePreview(schema, { trace: false })(source);
    assert.deepEqual(fast.request, traced.request);
    assert.ok(fast.attributes.every((a) => a.trace.length === 0));
    assert.deepEqual(compilePreview(schema)(source, { action: 'update', current: traced.request!.body }).request!.body['Operations'], []);
  });
});

describe('preview: Graph objects → source attributes', () => {
  it('renames Graph properties to the directory\'s attribute names', () => {
    const source = sourceFromGraphUser(
      graphUser({
        faxNumber: '+1 555',
        employeeOrgData: { costCenter: 'CC-1', division: 'Retail' },
        onPremisesSyncEnabled: true,
        extension_0123456789abcdef0123456789abcdef_skills: ['a', 'b'],
        passwordProfile: { password: 'x' },
      }),
    );
    assert.equal(source['objectId'], '6f1c3b52-8e0a-4d7c-9b21-3a5e7d9f0c14');
    assert.equal(source['telephoneNumber'], '+1 206 555 0100');
    assert.equal(source['mobile'], '+1 206 555 0199');
    assert.equal(source['facsimileTelephoneNumber'], '+1 555');
    assert.equal(source['physicalDeliveryOfficeName'], 'Seattle HQ');
    assert.equal(source['accountEnabled'], 'True');
    assert.equal(source['IsSoftDeleted'], 'False');
    assert.equal(source['extensionAttribute1'], 'sso');
    assert.equal(source['extensionAttribute6'], null);
    assert.equal(source['employeeOrgData.costCenter'], 'CC-1');
    assert.equal(source['dirSyncEnabled'], 'True');
    assert.equal(source['manager'], '0b8e2f61-3c4d-4a5b-8c9d-1e2f3a4b5c6d');
    assert.deepEqual(source['extension_0123456789abcdef0123456789abcdef_skills'], ['a', 'b']);
    assert.equal(source['passwordProfile.password'], 'x');
    assert.equal('@odata.context' in source || 'id' in source || 'officeLocation' in source, false);
    assert.equal(sourceFromGraphUser(graphUser({ accountEnabled: false }))['IsSoftDeleted'], 'True');
    assert.equal(sourceFromGraphUser(graphUser({ deletedDateTime: '2024-01-01T00:00:00Z' }))['IsSoftDeleted'], 'True');
  });

  it('groups: objectId, Booleans as text, members as ids', () => {
    const source = sourceFromGraphGroup({ id: 'g1', displayName: 'G', mailEnabled: false, securityEnabled: true, members: [{ id: 'u1' }, 'u2'] });
    assert.deepEqual(source, { objectId: 'g1', displayName: 'G', mailEnabled: 'False', securityEnabled: 'True', members: ['u1', 'u2'], IsSoftDeleted: 'False' });
  });
});
