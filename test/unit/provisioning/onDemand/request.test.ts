import assert from 'node:assert/strict';
import type { SynchronizationSchema } from '../../../../src/graph/model';
import { MAX_GROUP_MEMBERS, OnDemandRequestError, buildOnDemandRequest, onDemandRules } from '../../../../src/provisioning/onDemand';

function rule(id: string, supports: boolean | undefined, mappings: { source: string; enabled?: boolean }[]) {
  return {
    id,
    name: id.toUpperCase(),
    editable: true,
    priority: 1,
    sourceDirectoryName: 'Azure Active Directory',
    targetDirectoryName: 'App',
    metadata: supports === undefined ? [] : [{ key: 'supportsProvisionOnDemand', value: String(supports) }],
    objectMappings: mappings.map((m) => ({ sourceObjectName: m.source, enabled: m.enabled ?? true, name: m.source, targetObjectName: m.source, flowTypes: 'Add', attributeMappings: [], metadata: [], scope: null })),
  };
}

describe('onDemandRules', () => {
  it('prefers rules marked supportsProvisionOnDemand, with the object types of their enabled mappings', () => {
    const schema = {
      synchronizationRules: [rule('inbound', undefined, [{ source: 'User' }]), rule('outbound', true, [{ source: 'Group' }, { source: 'User' }, { source: 'Contact' }])],
    } as unknown as SynchronizationSchema;
    assert.deepEqual(onDemandRules(schema), [{ id: 'outbound', name: 'OUTBOUND', supportsOnDemand: true, objectTypes: ['User', 'Group'] }]);
  });

  it('offers every rule with a User or Group mapping when none is marked; skips disabled mappings', () => {
    const schema = {
      synchronizationRules: [rule('a', undefined, [{ source: 'user' }, { source: 'Group', enabled: false }]), rule('b', false, [{ source: 'Device' }])],
    } as unknown as SynchronizationSchema;
    assert.deepEqual(onDemandRules(schema), [{ id: 'a', name: 'A', supportsOnDemand: false, objectTypes: ['User'] }]);
  });
});

describe('buildOnDemandRequest', () => {
  it('builds the documented user request', () => {
    assert.deepEqual(buildOnDemandRequest({ ruleId: 'r1', objectType: 'User', objectId: 'u1' }), {
      parameters: [{ ruleId: 'r1', subjects: [{ objectId: 'u1', objectTypeName: 'User' }] }],
    });
  });

  it('builds a group request with its members as links (duplicates and blanks dropped)', () => {
    const request = buildOnDemandRequest({ ruleId: 'r1#V2', objectType: 'Group', objectId: 'g1', memberIds: ['m1', 'm2', 'm1', ' '] });
    assert.deepEqual(request.parameters[0]!.subjects[0], {
      objectId: 'g1',
      objectTypeName: 'Group',
      links: { members: [{ objectId: 'm1', objectTypeName: 'User' }, { objectId: 'm2', objectTypeName: 'User' }] },
    });
  });

  it(`refuses more than ${MAX_GROUP_MEMBERS} members, members with a user, and a missing rule or object`, () => {
    const six = ['1', '2', '3', '4', '5', '6'];
    assert.throws(() => buildOnDemandRequest({ ruleId: 'r', objectType: 'Group', objectId: 'g', memberIds: six }), (e: unknown) => e instanceof OnDemandRequestError && /at most 5/.test(e.message));
    assert.doesNotThrow(() => buildOnDemandRequest({ ruleId: 'r', objectType: 'Group', objectId: 'g', memberIds: six.slice(0, 5) }));
    assert.throws(() => buildOnDemandRequest({ ruleId: 'r', objectType: 'User', objectId: 'u', memberIds: ['m'] }), OnDemandRequestError);
    assert.throws(() => buildOnDemandRequest({ ruleId: ' ', objectType: 'User', objectId: 'u' }), OnDemandRequestError);
    assert.throws(() => buildOnDemandRequest({ ruleId: 'r', objectType: 'User', objectId: '' }), OnDemandRequestError);
  });
});
