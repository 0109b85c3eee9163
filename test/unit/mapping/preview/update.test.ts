import assert from 'node:assert/strict';
import { previewObject, sourceFromGraphUser } from '../../../../src/mapping/preview';
import { attribute, graphUser, mapping, templateSchema, userMappings } from './fixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function operations(result: ReturnType<typeof previewObject>): unknown[] {
  assert.equal(result.request!.method, 'PATCH');
  assert.deepEqual(result.request!.body['schemas'], ['urn:ietf:params:scim:api:messages:2.0:PatchOp']);
  return result.request!.body['Operations'] as unknown[];
}

describe('preview: updates (PATCH)', () => {
  const schema = templateSchema('FacebookWorkplace');
  const created = previewObject(schema, sourceFromGraphUser(graphUser())).request!.body;

  it('carries only the attributes that changed, Replace for existing values and Add for new ones', () => {
    const source = sourceFromGraphUser(graphUser({ jobTitle: 'Store Manager', department: 'Operations', faxNumber: '+1 206 555 0111' }));
    const result = previewObject(schema, source, { action: 'update', targetId: 'wp-123', current: created });
    assert.equal(result.request!.path, '/Users/wp-123');
    assert.deepEqual(operations(result), [
      { op: 'Replace', path: 'title', value: 'Store Manager' },
      { op: 'Add', path: 'phoneNumbers[type eq "fax"].value', value: '+1 206 555 0111' },
      { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Operations' },
    ]);
    const unchanged = result.attributes.filter((a) => a.reason === 'unchanged').map((a) => a.targetAttributeName);
    assert.ok(unchanged.includes('userName') && unchanged.includes(`${ENTERPRISE}:manager`) && unchanged.includes('active'));
  });

  it('disabling a user is one Replace of active with the JSON boolean false', () => {
    const result = previewObject(schema, sourceFromGraphUser(graphUser({ accountEnabled: false })), { action: 'update', targetId: 'wp-123', current: created });
    assert.deepEqual(operations(result), [{ op: 'Replace', path: 'active', value: false }]);
  });

  it('compares ignoring case unless the target attribute is caseExact', () => {
    const current = { ...created, displayName: 'ADELE VANCE', externalId: 'ADELE.VANCE' };
    const result = previewObject(schema, sourceFromGraphUser(graphUser()), { action: 'update', current });
    assert.deepEqual(operations(result), [{ op: 'Replace', path: 'externalId', value: 'adele.vance' }]);
  });

  it('an update with nothing to change has no operations', () => {
    const result = previewObject(schema, sourceFromGraphUser(graphUser()), { action: 'update', targetId: 'x', current: created });
    assert.deepEqual(operations(result), []);
  });

  it('ObjectAddOnly attributes are sent on create only', () => {
    const custom = templateSchema('FacebookWorkplace');
    const externalId = userMappings(custom).find((m) => m.targetAttributeName === 'externalId')!;
    externalId.flowType = 'ObjectAddOnly';
    const source = sourceFromGraphUser(graphUser({ mailNickname: 'adele.v2' }));
    assert.equal(previewObject(custom, source).request!.body['externalId'], 'adele.v2');
    const update = previewObject(custom, source, { action: 'update', current: created });
    assert.deepEqual(operations(update), []);
    const attribute = update.attributes.find((a) => a.targetAttributeName === 'externalId')!;
    assert.deepEqual([attribute.sent, attribute.reason, attribute.value], [false, 'notOnUpdate', 'adele.v2']);
  });

  it('without the current resource every applicable attribute is a Replace, and the path has an {id} placeholder', () => {
    const result = previewObject(schema, sourceFromGraphUser(graphUser()), { action: 'update' });
    assert.equal(result.request!.path, '/Users/{id}');
    const ops = operations(result) as { op: string; path: string }[];
    assert.equal(ops.length, result.attributes.filter((a) => a.value !== null).length);
    assert.ok(ops.every((o) => o.op === 'Replace'));
  });

  it('ValueAddOnly fills an empty target only; FlowAlways sends unchanged values', () => {
    const custom = templateSchema('FacebookWorkplace');
    const mappings = userMappings(custom);
    mappings.find((m) => m.targetAttributeName === 'title')!.flowType = 'ValueAddOnly';
    mappings.find((m) => m.targetAttributeName === 'displayName')!.flowBehavior = 'FlowAlways';
    mappings.push(mapping('nickName', attribute('givenName'), { flowType: 'ValueAddOnly' }));
    const source = sourceFromGraphUser(graphUser({ jobTitle: 'Store Manager' }));
    const result = previewObject(custom, source, { action: 'update', current: created });
    assert.deepEqual(operations(result), [
      { op: 'Replace', path: 'displayName', value: 'Adele Vance' },
      { op: 'Add', path: 'nickName', value: 'Adele' },
    ]);
    assert.equal(result.attributes.find((a) => a.targetAttributeName === 'title')!.reason, 'notOnUpdate');
  });
});
