import assert from 'node:assert/strict';
import { WORKPLACE2_AUTH_METHOD } from '../../../../src/sandbox/tenant/templates';
import { assertGraphError, type GraphHarness } from '../graph-harness';
import { onDemandBody, parsePair, populationUsers, seedJob, startProvisioningSandbox, unassignedUser } from './harness';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const AUTH_METHOD_SCHEMA = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';

describe('sandbox provisioning: provisionOnDemand', function () {
  this.timeout(20_000);
  let graph: GraphHarness;
  beforeEach(async () => {
    // A schema change schedules a cycle of the (Active) job: keep it out of the way of the on-demand calls.
    graph = await startProvisioningSandbox({ provisioning: { firstCycleDelayMs: 60_000 } });
  });
  afterEach(() => graph.close());

  it('provisions a Workplace (SCIM 2.0) user into the SCIM target with enterprise and Workplace extension values; a second call is a RedundantExport', async () => {
    const job = seedJob(graph, 'Workplace from Meta (EMEA)');
    // The Workplace 2.0 template maps no facebook extension by default: add authMethod = "sso", as admins do.
    const schema = structuredClone(job.record.schema);
    const users = schema.synchronizationRules[0]!.objectMappings[0]!;
    users.attributeMappings.push({
      defaultValue: null,
      exportMissingReferences: false,
      flowBehavior: 'FlowWhenChanged',
      flowType: 'Always',
      matchingPriority: 0,
      source: { expression: '"sso"', name: 'sso', parameters: [], type: 'Constant' },
      targetAttributeName: WORKPLACE2_AUTH_METHOD,
    });
    assert.equal((await graph.put('v1.0', `${job.base}/schema`, schema)).status, 204);
    const user = populationUsers(graph, job).find((u) => u.accountEnabled && u.department && u.mail)!;

    const first = await graph.post('v1.0', `${job.base}/provisionOnDemand`, onDemandBody(job.ruleId, user.id));
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body['@odata.context'], `${graph.origin}/v1.0/$metadata#microsoft.graph.stringKeyStringValuePair`);
    const { key, value } = parsePair(first.body);
    assert.equal(key.result, 'Success', first.body.value);
    assert.equal(value.action, 'Create');
    assert.deepEqual(Object.keys(value).sort(), [
      'action', 'changeId', 'endTime', 'modifiedProperties', 'provisioningSteps', 'reportableIdentifier', 'sourceIdentity',
      'sourceSystem', 'startTime', 'statusInfo', 'targetIdentity', 'targetSystem',
    ]);
    assert.deepEqual(value.provisioningSteps.map((s: any) => [s.name, s.type, s.status]), [
      ['EntryImport', 'Import', 'Success'],
      ['EntrySynchronizationScoping', 'Scoping', 'Success'],
      ['EntrySynchronizationAdd', 'Matching', 'Success'],
      ['EntryExportAdd', 'Export', 'Success'],
    ]);
    assert.equal(value.sourceIdentity.id, user.id);
    assert.equal(value.targetSystem.name, 'Workplace from Meta');

    const stored = graph.sandbox.scim.store.findUserByUserName(user.userPrincipalName);
    assert.ok(stored, 'the user is in the SCIM store');
    assert.equal(value.targetIdentity.id, stored.id);
    assert.equal(stored.displayName, user.displayName);
    assert.equal(stored.active, true);
    assert.equal((stored[ENTERPRISE] as Record<string, unknown>).department, user.department);
    assert.equal((stored[AUTH_METHOD_SCHEMA] as Record<string, unknown>).authMethod, 'sso');
    assert.ok(value.modifiedProperties.some((p: any) => p.displayName === `${ENTERPRISE}:department` && p.newValue === user.department));

    const second = await graph.post('beta', `${job.base}/provisionOnDemand`, onDemandBody(job.ruleId, user.id));
    assert.equal(second.status, 200);
    const again = parsePair(second.body);
    assert.equal(again.key.result, 'Skipped');
    assert.equal(again.key.details.errorCode, 'RedundantExport');
    assert.equal(again.value.targetIdentity.id, stored.id);
    assert.equal(graph.sandbox.scim.store.users().filter((u) => u.userName.toLowerCase() === user.userPrincipalName.toLowerCase()).length, 1);

    // A change in Entra flows as a PATCH on the next call.
    graph.sandbox.tenant.user(user.id)!.jobTitle = 'Chief Sandbox Officer';
    const third = parsePair((await graph.post('v1.0', `${job.base}/provisionOnDemand`, onDemandBody(job.ruleId, user.id))).body);
    assert.equal(third.key.result, 'Success');
    assert.equal(third.value.action, 'Update');
    assert.deepEqual(third.value.modifiedProperties.map((p: any) => [p.displayName, p.newValue]), [['title', 'Chief Sandbox Officer']]);
    assert.equal(graph.sandbox.scim.store.user(stored.id)!.title, 'Chief Sandbox Officer');

    // Every call left a provisioning log line for the job.
    const logs = await graph.get('v1.0', `/auditLogs/provisioning?$filter=jobId eq '${job.record.job.id}' and sourceIdentity/id eq '${user.id}'`);
    const actions = logs.body.value.map((l: any) => `${l.provisioningAction}/${l.provisioningStatusInfo.status}`).sort();
    assert.deepEqual(actions, ['create/success', 'other/skipped', 'update/success']);
  });

  it('skips an unassigned user with the scoping details and sends nothing to the SCIM target', async () => {
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const user = unassignedUser(graph, job);
    graph.sandbox.scim.clearRequests();
    const response = await graph.post('v1.0', `${job.base}/provisionOnDemand`, onDemandBody(job.ruleId, user.id));
    assert.equal(response.status, 200);
    const { key, value } = parsePair(response.body);
    assert.equal(key.result, 'Skipped');
    assert.equal(value.action, 'Other');
    const scoping = value.provisioningSteps.find((s: any) => s.name === 'EntrySynchronizationScoping');
    assert.equal(scoping.status, 'Skipped');
    assert.equal(scoping.details.Assigned, 'False');
    assert.equal(scoping.details.IsEffectivelyEntitledForProvisioning, 'False');
    assert.equal(value.provisioningSteps.at(-1).name, 'EntrySynchronizationSkip');
    assert.deepEqual(graph.sandbox.scim.requests(), [], 'no request reached the SCIM target');
    assert.equal(graph.sandbox.scim.store.findUserByUserName(user.userPrincipalName), undefined);
  });

  it('skips a user the scoping filter excludes (Workplace legacy: no department), with the filter evaluation', async () => {
    const job = seedJob(graph, 'Workplace from Meta');
    const user = populationUsers(graph, job).find((u) => u.department === null)!;
    assert.ok(user, 'the seed has an assigned user without a department');
    graph.sandbox.scim.clearRequests();
    const { key, value } = parsePair((await graph.post('v1.0', `${job.base}/provisionOnDemand`, onDemandBody(job.ruleId, user.id))).body);
    assert.equal(key.result, 'Skipped');
    const scoping = value.provisioningSteps.find((s: any) => s.name === 'EntrySynchronizationScoping');
    assert.equal(scoping.details.Assigned, 'True');
    assert.match(scoping.details.ScopeEvaluationResult, /department/);
    assert.deepEqual(graph.sandbox.scim.requests(), []);
  });

  it('provisions a group with its members: the members first, then the group, then a members PATCH', async () => {
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const tenant = graph.sandbox.tenant;
    const groupId = job.sp.assignedPrincipalIds[0]!;
    const members = (tenant.groupMembers(groupId) ?? []).filter((m) => m.type === 'user' && (m.resource as any).accountEnabled).slice(0, 3).map((m) => m.resource.id);
    assert.equal(members.length, 3);
    const response = await graph.post('v1.0', `${job.base}/provisionOnDemand`, onDemandBody(job.ruleId, groupId, 'Group', members));
    assert.equal(response.status, 200, response.text);
    const { key, value } = parsePair(response.body);
    assert.equal(key.result, 'Success', response.body.value);
    assert.equal(value.action, 'Create');
    const group = graph.sandbox.scim.store.groups().find((g) => g.displayName === tenant.group(groupId)!.displayName);
    assert.ok(group, 'the group is in the SCIM store');
    const memberTargets = members.map((id) => graph.sandbox.scim.store.findUserByUserName(tenant.user(id)!.userPrincipalName)?.id);
    assert.ok(memberTargets.every((id) => id), 'every member was provisioned');
    assert.deepEqual((group.members ?? []).map((m) => m.value).sort(), [...memberTargets].sort());
    const requests = graph.sandbox.scim.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`);
    assert.equal(requests.filter((r) => r === 'POST /scim/v2/Users').length, 3);
    assert.ok(requests.indexOf('POST /scim/v2/Groups') > requests.lastIndexOf('POST /scim/v2/Users'), 'the group is created after its members');
    assert.ok(requests.some((r) => r.startsWith('PATCH /scim/v2/Groups/')), 'members are added with a PATCH');
    assert.ok(graph.sandbox.scim.requests().some((r) => r.method === 'GET' && decodeURIComponent(r.path).includes('excludedAttributes=members&filter=displayName eq')));
  });

  it('validates the body with Graph 400s', async () => {
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const user = populationUsers(graph, job)[0]!;
    const url = `${job.base}/provisionOnDemand`;
    const cases: [unknown, RegExp][] = [
      [{}, /'parameters' property is required/],
      [onDemandBody('no-such-rule', user.id), /rule 'no-such-rule' is not in the synchronization schema/],
      [{ parameters: [{ ruleId: job.ruleId, subjects: [] }] }, /'subjects' must name/],
      [onDemandBody(job.ruleId, user.id, 'Worker'), /objectTypeName 'Worker' is not supported/],
      [onDemandBody(job.ruleId, '00000000-0000-0000-0000-000000000000'), /No user with objectId/],
      [onDemandBody(job.ruleId, job.sp.assignedPrincipalIds[0]!, 'Group', ['a', 'b', 'c', 'd', 'e', 'f']), /at most 5 members; 6 were given/],
    ];
    for (const [body, message] of cases) {
      const result = await graph.post('v1.0', url, body);
      assertGraphError(result, 400, 'BadRequest');
      assert.match(result.body.error.message, message);
    }
  });

  it('allows 5 requests per 10 seconds per job: the 6th is a 429 with Retry-After and Graph\'s envelope', async () => {
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const user = unassignedUser(graph, job); // skipped quickly: nothing is sent to SCIM
    const url = `${job.base}/provisionOnDemand`;
    for (let i = 0; i < 5; i++) assert.equal((await graph.post('v1.0', url, onDemandBody(job.ruleId, user.id))).status, 200);
    const throttled = await graph.post('v1.0', url, onDemandBody(job.ruleId, user.id));
    assertGraphError(throttled, 429, 'TooManyRequests');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`);
    // Another job has its own budget.
    const other = seedJob(graph, 'Contoso Benefits Portal');
    assert.equal((await graph.post('v1.0', `${other.base}/provisionOnDemand`, onDemandBody(other.ruleId, user.id))).status, 200);
  });
});
