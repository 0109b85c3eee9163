import assert from 'node:assert/strict';
import { GraphHarness, VERSIONS, assertGraphError, keysOf } from './graph-harness';

const LOG_KEYS = [
  'activityDateTime', 'changeId', 'cycleId', 'durationInMilliseconds', 'id', 'initiatedBy', 'jobId',
  'modifiedProperties', 'provisioningAction', 'provisioningStatusInfo', 'provisioningSteps', 'servicePrincipal',
  'sourceIdentity', 'sourceSystem', 'targetIdentity', 'targetSystem', 'tenantId',
];

describe('sandbox Graph: /auditLogs/provisioning', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());

  const all = () => graph.sandbox.tenant.provisioningLogs();
  const ids = (value: { id: string }[]) => value.map((e) => e.id);

  it('returns entries newest first with Graph shapes and pages through all of them', async () => {
    assert.ok(all().length > 10, 'the seed has provisioning logs');
    for (const version of VERSIONS) {
      const top = Math.ceil(all().length / 4);
      const { items, pages } = await graph.getAll(version, `/auditLogs/provisioning?$top=${top}`);
      assert.equal(pages.length, Math.ceil(all().length / top));
      assert.equal(items.length, all().length);
      assert.equal(new Set(ids(items)).size, all().length);
      assert.equal(pages[0]!.body['@odata.context'], `${graph.origin}/${version}/$metadata#auditLogs/provisioning`);
      assert.match(pages[0]!.body['@odata.nextLink'], /^http:\/\/127\.0\.0\.1:\d+\/(v1\.0|beta)\/auditLogs\/provisioning\?.*\$skiptoken=/);
      const times = items.map((e) => Date.parse(e.activityDateTime));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      assert.deepEqual(keysOf(items[0]), LOG_KEYS);
      assert.deepEqual(keysOf(items[0].provisioningStatusInfo), ['errorInformation', 'status']);
      assert.deepEqual(keysOf(items[0].servicePrincipal), ['displayName', 'id']);
    }
    const ascending = await graph.get('v1.0', `/auditLogs/provisioning?$orderby=activityDateTime asc&$top=1000`);
    const times = ascending.body.value.map((e: { activityDateTime: string }) => Date.parse(e.activityDateTime));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assertGraphError(await graph.get('v1.0', '/auditLogs/provisioning?$orderby=jobId'), 400);
    assertGraphError(await graph.get('v1.0', '/auditLogs/provisioning?$top=1001'), 400);
  });

  it('filters by job, service principal, status, action and time, case-sensitively', async () => {
    const sample = all().find((e) => e.provisioningStatusInfo.status === 'failure') ?? all()[0]!;
    const q = (filter: string) => graph.get('v1.0', `/auditLogs/provisioning?$top=1000&$filter=${encodeURIComponent(filter)}`);
    const expect = (predicate: (e: ReturnType<typeof all>[number]) => boolean) => all().filter(predicate).length;

    assert.equal((await q(`jobId eq '${sample.jobId}'`)).body.value.length, expect((e) => e.jobId === sample.jobId));
    assert.equal((await q(`jobid eq '${sample.jobId}'`)).body.value.length, expect((e) => e.jobId === sample.jobId));
    assert.equal((await q(`jobId eq '${sample.jobId.toUpperCase()}'`)).body.value.length, 0, 'values are case-sensitive');
    assert.equal((await q(`servicePrincipal/id eq '${sample.servicePrincipal.id}'`)).body.value.length, expect((e) => e.servicePrincipal.id === sample.servicePrincipal.id));
    const fragment = sample.servicePrincipal.displayName.slice(0, 5).toLowerCase();
    assert.equal(
      (await q(`contains(tolower(servicePrincipal/displayName), '${fragment}')`)).body.value.length,
      expect((e) => e.servicePrincipal.displayName.toLowerCase().includes(fragment)),
    );
    assert.equal((await q("provisioningStatusInfo/status eq 'failure'")).body.value.length, expect((e) => e.provisioningStatusInfo.status === 'failure'));
    assert.equal((await q("provisioningAction eq 'create'")).body.value.length, expect((e) => e.provisioningAction === 'create'));
    const day = sample.activityDateTime.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const inDay = (e: { activityDateTime: string }) => e.activityDateTime >= `${day}T00:00:00` && e.activityDateTime < `${next}T00:00:00`;
    const combined = await q(
      `((contains(tolower(servicePrincipal/id), '${sample.servicePrincipal.id.toLowerCase()}') or contains(tolower(servicePrincipal/displayName), 'zzz')) and activityDateTime gt ${day} and activityDateTime lt ${next})`,
    );
    assert.equal(combined.body.value.length, expect((e) => e.servicePrincipal.id === sample.servicePrincipal.id && inDay(e)));
    assert.ok(combined.body.value.length > 0);
    const identity = sample.sourceIdentity.displayName!;
    assert.equal((await q(`sourceIdentity/displayName eq '${identity.replace(/'/g, "''")}'`)).body.value.length, expect((e) => e.sourceIdentity.displayName === identity));
  });

  it('answers 400 for a bad filter', async () => {
    assertGraphError(await graph.get('v1.0', "/auditLogs/provisioning?$filter=jobId eq"), 400, 'BadRequest');
    assertGraphError(await graph.get('v1.0', "/auditLogs/provisioning?$filter=noSuchThing eq 'x'"), 400, 'BadRequest');
    assertGraphError(await graph.get('beta', "/auditLogs/provisioning?$filter=(jobId eq 'x'"), 400);
  });
});
