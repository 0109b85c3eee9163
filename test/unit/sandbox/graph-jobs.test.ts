import assert from 'node:assert/strict';
import { GraphHarness, VERSIONS, assertGraphError, keysOf, type ApiVersion } from './graph-harness';

const JOB_KEYS = ['id', 'schedule', 'status', 'synchronizationJobSettings', 'templateId'];
const SCHEDULE_KEYS = ['expiration', 'interval', 'state'];
const STATUS_KEYS = [
  'code', 'countSuccessiveCompleteFailures', 'escrowsPruned', 'lastExecution', 'lastSuccessfulExecution',
  'lastSuccessfulExecutionWithExports', 'progress', 'quarantine', 'steadyStateFirstAchievedTime',
  'steadyStateLastAchievedTime', 'synchronizedEntryCountByType', 'troubleshootingUrl',
];
const NEW_JOB_INTERVAL = 'P10675199DT2H48M5.4775807S';

function assertJobShape(job: Record<string, unknown>): void {
  assert.deepEqual(keysOf(job), JOB_KEYS);
  assert.deepEqual(keysOf(job.schedule as object), SCHEDULE_KEYS);
  assert.deepEqual(keysOf(job.status as object), STATUS_KEYS);
  for (const setting of job.synchronizationJobSettings as object[]) assert.deepEqual(keysOf(setting), ['name', 'value']);
}

describe('sandbox Graph: synchronization jobs', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  beforeEach(async () => {
    graph = await GraphHarness.start();
  });
  afterEach(() => graph.close());

  async function jobOf(displayName: string, version: ApiVersion = 'v1.0') {
    const sp = await graph.servicePrincipalNamed(displayName);
    const list = await graph.get(version, `/servicePrincipals/${sp.id}/synchronization/jobs`);
    const job = list.body.value[0];
    const base = `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}`;
    return { sp, job, base, read: async () => (await graph.get(version, base)).body };
  }

  it('lists and gets jobs with Graph shapes, by object id or appId, in v1.0 and beta', async () => {
    const sp = await graph.servicePrincipalNamed('Workplace from Meta');
    for (const version of VERSIONS) {
      const list = await graph.get(version, `/servicePrincipals/${sp.id}/synchronization/jobs`);
      assert.equal(list.status, 200);
      assert.equal(list.body['@odata.context'], `${graph.origin}/${version}/$metadata#servicePrincipals('${sp.id}')/synchronization/jobs`);
      assert.equal(list.body.value.length, 1);
      const job = list.body.value[0];
      assertJobShape(job);
      assert.match(job.id, /^FacebookAtWorkOutDelta\./);
      const one = await graph.get(version, `/servicePrincipals(appId='${sp.appId}')/synchronization/jobs/${job.id}`);
      assert.equal(one.body['@odata.context'], `${graph.origin}/${version}/$metadata#servicePrincipals('${sp.id}')/synchronization/jobs/$entity`);
      const { '@odata.context': _context, ...rest } = one.body;
      assert.deepEqual(rest, job);
      const filtered = await graph.get(version, `/servicePrincipals/${sp.id}/synchronization/jobs?$filter=templateid eq 'FacebookAtWorkOutDelta'`);
      assert.equal(filtered.body.value.length, 1);
      assertGraphError(await graph.get(version, `/servicePrincipals/${sp.id}/synchronization/jobs/nope.123`), 404, 'Request_ResourceNotFound');
      assertGraphError(await graph.get(version, '/servicePrincipals/00000000-0000-0000-0000-000000000000/synchronization/jobs'), 404);
    }
  });

  it('serves the seed states: quarantined, paused and not-configured jobs', async () => {
    const slack = await jobOf('Slack');
    assert.equal(slack.job.status.code, 'Quarantine');
    assert.equal(slack.job.status.quarantine.reason, 'EncounteredEscrowProportionThreshold');
    assert.deepEqual(keysOf(slack.job.status.quarantine), ['currentBegan', 'error', 'nextAttempt', 'reason', 'seriesBegan', 'seriesCount']);
    assert.equal((await jobOf('Zoom')).job.status.code, 'Paused');
    assert.equal((await jobOf('Contoso Learning Portal (SCIM)')).job.status.code, 'NotConfigured');
  });

  it('pause keeps state, start resumes (clearing quarantine), as Active once a job has run', async () => {
    const slack = await jobOf('Slack', 'beta');
    assert.equal((await graph.post('beta', `${slack.base}/pause`)).status, 204);
    let job = await slack.read();
    assert.equal(job.schedule.state, 'Paused');
    assert.equal(job.status.code, 'Paused');
    assert.equal(job.status.quarantine.reason, 'EncounteredEscrowProportionThreshold', 'pause keeps the quarantine details');
    const started = await graph.post('beta', `${slack.base}/start`);
    assert.equal(started.status, 204);
    assert.equal(started.text, '');
    job = await slack.read();
    assert.equal(job.schedule.state, 'Active');
    assert.equal(job.status.code, 'Active');
    assert.equal(job.status.quarantine, null);

    const zoom = await jobOf('Zoom');
    await graph.post('v1.0', `${zoom.base}/start`);
    assert.equal((await zoom.read()).status.code, 'Active');

    const fresh = await jobOf('Contoso Learning Portal (SCIM)');
    await graph.post('v1.0', `${fresh.base}/start`);
    const freshJob = await fresh.read();
    assert.equal(freshJob.status.code, 'NotRun', 'a job that never ran starts as NotRun');
    assert.equal(freshJob.schedule.state, 'Active');
    assert.equal(freshJob.schedule.interval, 'PT40M');
  });

  it('restart applies each reset flag and validates the flag names', async () => {
    const slack = await jobOf('Slack');
    const record = () => {
      const sp = graph.sandbox.tenant.servicePrincipal(slack.sp.id)!;
      return graph.sandbox.tenant.job(sp, slack.job.id)!;
    };
    assert.ok(record().runtime.watermark !== null);
    assertGraphError(await graph.post('v1.0', `${slack.base}/restart`, { criteria: { resetScope: 'Watermark, Bogus' } }), 400, 'BadRequest');
    assertGraphError(await graph.post('v1.0', `${slack.base}/restart`, { criteria: { resetScope: 4 } }), 400);
    assertGraphError(await graph.call('POST', 'v1.0', `${slack.base}/restart`, { rawBody: '{"criteria":' }), 400);

    // Escrows alone: counters reset, quarantine and watermark untouched.
    assert.equal((await graph.post('v1.0', `${slack.base}/restart`, { criteria: { resetScope: 'Escrows' } })).status, 204);
    let job = await slack.read();
    assert.equal(job.status.lastExecution.countEscrowed, 0);
    assert.equal(job.status.countSuccessiveCompleteFailures, 0);
    assert.equal(job.status.code, 'Quarantine');
    assert.equal(job.schedule.state, 'Active');
    assert.ok(record().runtime.watermark !== null);

    // QuarantineState through the appId form of the path.
    const byAppId = `/servicePrincipals(appId='${slack.sp.appId}')/synchronization/jobs/${slack.job.id}/restart`;
    assert.equal((await graph.post('beta', byAppId, { criteria: { resetScope: 'QuarantineState' } })).status, 204);
    job = await slack.read();
    assert.equal(job.status.quarantine, null);
    assert.equal(job.status.code, 'Active');

    // Empty body = the portal's restart: QuarantineState, Watermark, Escrows → a new initial cycle.
    assert.equal((await graph.post('v1.0', `${slack.base}/restart`)).status, 204);
    assert.equal(record().runtime.watermark, null);
    assert.equal(record().runtime.initialCycleReason, 'restart');
    assert.deepEqual((await slack.read()).status.progress, []);
    assert.ok(record().runtime.connectorDataStoreLinks > 0, 'the portal restart keeps source/target links');

    // Full additionally clears the connector data store.
    assert.equal((await graph.post('v1.0', `${slack.base}/restart`, { criteria: { resetScope: 'Full' } })).status, 204);
    assert.equal(record().runtime.connectorDataStoreLinks, 0);
    assert.deepEqual((await slack.read()).status.synchronizedEntryCountByType, []);

    // ForceDeletes = the portal's "Allow deletes" for a job stopped by accidental-deletions prevention.
    const tooManyDeletes = { ...structuredClone(slack.job.status.quarantine), reason: 'TooManyDeletes' };
    record().job.status.quarantine = tooManyDeletes;
    record().job.status.code = 'Quarantine';
    assert.equal((await graph.post('v1.0', `${slack.base}/restart`, { criteria: { resetScope: 'ForceDeletes' } })).status, 204);
    assert.equal((await slack.read()).status.quarantine, null);
    assert.equal(record().runtime.forceDeletes, true);

    // None alone starts the job, like start.
    const zoom = await jobOf('Zoom');
    assert.equal((await graph.post('v1.0', `${zoom.base}/restart`, { criteria: { resetScope: 'None' } })).status, 204);
    const zoomJob = await zoom.read();
    assert.equal(zoomJob.status.code, 'Active');
    assert.equal(zoomJob.schedule.state, 'Active');
  });

  it('creates a job from a template: 201, Disabled, the template default schema; refuses unknown templates and duplicates', async () => {
    const travel = await graph.servicePrincipalNamed('Contoso Travel');
    const jobs = `/servicePrincipals/${travel.id}/synchronization/jobs`;
    assertGraphError(await graph.post('v1.0', jobs, { templateId: 'noSuchTemplate' }), 400, 'BadRequest');
    assertGraphError(await graph.post('v1.0', jobs, {}), 400);
    assertGraphError(await graph.call('POST', 'v1.0', jobs, { rawBody: '{not json' }), 400);
    const created = await graph.post('v1.0', jobs, { templateId: 'scim' });
    assert.equal(created.status, 201);
    assert.equal(created.body['@odata.context'], `${graph.origin}/v1.0/$metadata#servicePrincipals('${travel.id}')/synchronization/jobs/$entity`);
    const { '@odata.context': _c, ...job } = created.body;
    assertJobShape(job);
    const tenantId = graph.sandbox.tenant.tenantId.replace(/-/g, '');
    assert.equal(job.id, `scim.${tenantId}.${travel.appId}`);
    assert.deepEqual(job.schedule, { expiration: null, interval: NEW_JOB_INTERVAL, state: 'Disabled' });
    assert.equal(job.status.code, 'Paused');
    assert.equal(job.status.lastExecution, null);
    assert.equal(job.status.steadyStateFirstAchievedTime, '0001-01-01T00:00:00Z');

    const jobSchema = (await graph.get('beta', `${jobs}/${job.id}/schema`)).body;
    const templateSchema = (await graph.get('beta', `/servicePrincipals/${travel.id}/synchronization/templates/scim/schema`)).body;
    const strip = (s: Record<string, unknown>) => ({ directories: s.directories, synchronizationRules: s.synchronizationRules, version: s.version });
    assert.deepEqual(strip(jobSchema), strip(templateSchema));
    assert.equal(jobSchema.id, job.id);

    const again = await graph.post('beta', jobs, { templateId: 'scim' });
    assertGraphError(again, 409, 'Conflict');
  });

  it('deletes a job with its schema, and the secrets with the last job (Workplace migration)', async () => {
    const legacy = await jobOf('Workplace from Meta', 'beta');
    const secrets = `/servicePrincipals/${legacy.sp.id}/synchronization/secrets`;
    assert.ok((await graph.get('beta', secrets)).body.value.length > 0);
    const deleted = await graph.delete('beta', legacy.base);
    assert.equal(deleted.status, 204);
    assertGraphError(await graph.get('beta', legacy.base), 404);
    assertGraphError(await graph.get('beta', `${legacy.base}/schema`), 404);
    assert.deepEqual((await graph.get('beta', secrets)).body.value, []);
    assertGraphError(await graph.delete('beta', legacy.base), 404);
    const created = await graph.post('beta', `/servicePrincipals/${legacy.sp.id}/synchronization/jobs`, { templateId: 'FacebookWorkplace' });
    assert.equal(created.status, 201);
    assert.match(created.body.id, /^FacebookWorkplace\./);
  });

  it('validates credentials: saved or given, at job and collection level', async () => {
    const hr = await jobOf('Contoso HR SCIM (custom)');
    assert.equal((await graph.post('v1.0', `${hr.base}/validateCredentials`, { useSavedCredentials: true })).status, 204);
    // Given credentials are tested against the endpoint they name: the sandbox SCIM target (more in scim/connection.test.ts).
    const { url, token } = graph.sandbox.scim;
    const given = { credentials: [{ key: 'BaseAddress', value: url }, { key: 'SecretToken', value: token }] };
    assert.equal((await graph.post('beta', `${hr.base}/validateCredentials`, given)).status, 204);
    const refused = await graph.post('v1.0', `${hr.base}/validateCredentials`, {
      credentials: [{ key: 'BaseAddress', value: url }, { key: 'SecretToken', value: 'tok' }],
    });
    assertGraphError(refused, 400, 'SystemForCrossDomainIdentityManagementInvalidCredentials');
    const badUrl = await graph.post('v1.0', `${hr.base}/validateCredentials`, {
      credentials: [{ key: 'BaseAddress', value: 'not a url' }, { key: 'SecretToken', value: 'tok' }],
    });
    assertGraphError(badUrl, 400, 'SystemForCrossDomainIdentityManagementInvalidCredentials');
    const noToken = await graph.post('v1.0', `${hr.base}/validateCredentials`, { credentials: [{ key: 'BaseAddress', value: 'https://x.test/' }] });
    assertGraphError(noToken, 400, 'SystemForCrossDomainIdentityManagementInvalidCredentials');

    const learning = await jobOf('Contoso Learning Portal (SCIM)');
    assertGraphError(await graph.post('v1.0', `${learning.base}/validateCredentials`, { useSavedCredentials: true }), 400);

    const collection = `/servicePrincipals/${hr.sp.id}/synchronization/jobs/validateCredentials`;
    assert.equal((await graph.post('beta', collection, { ...given, templateId: 'scim' })).status, 204);
    assertGraphError(await graph.post('beta', collection, { ...given, templateId: 'Nope' }), 400);
  });

  it('answers bulkUpload like an unimplemented Graph action (501) and resolves the job of provisionOnDemand first', async () => {
    const hr = await jobOf('Contoso HR SCIM (custom)');
    for (const version of VERSIONS) {
      // provisionOnDemand itself: test/unit/sandbox/provisioning/onDemand.test.ts.
      assertGraphError(await graph.post(version, `${hr.base}/provisionOnDemand`, { parameters: [] }), 400, 'BadRequest');
      assertGraphError(await graph.post(version, `${hr.base}/bulkUpload`, {}), 501, 'NotImplemented');
      assertGraphError(await graph.post(version, `/servicePrincipals/${hr.sp.id}/synchronization/jobs/nope/provisionOnDemand`, {}), 404);
    }
  });
});

describe('sandbox Graph: synchronization secrets', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());

  it('replaces the set on PUT and never returns secret values in full', async () => {
    const sp = await graph.servicePrincipalNamed('Contoso Travel');
    const path = `/servicePrincipals/${sp.id}/synchronization/secrets`;
    const token = 'very-secret-token-value-1234567890';
    const put = await graph.put('v1.0', path, {
      value: [
        { key: 'BaseAddress', value: 'https://travel.example/scim' },
        { key: 'SecretToken', value: token },
        { key: 'SyncAll', value: 'false' },
      ],
    });
    assert.equal(put.status, 204);
    for (const version of VERSIONS) {
      const read = await graph.get(version, path);
      assert.equal(read.status, 200);
      assert.equal(read.body['@odata.context'], `${graph.origin}/${version}/$metadata#servicePrincipals('${sp.id}')/synchronization/secrets`);
      assert.ok(!read.text.includes(token.slice(0, 8)), 'no part of the token is readable');
      const byKey = Object.fromEntries(read.body.value.map((p: { key: string; value: string }) => [p.key, p.value]));
      assert.equal(byKey.BaseAddress, 'https://travel.example/scim');
      assert.equal(byKey.SyncAll, 'false');
      assert.notEqual(byKey.SecretToken, token);
      assert.deepEqual(keysOf(read.body.value[0]), ['key', 'value']);
    }
    // The documented edit: GET, append, PUT back (masked value included) keeps the stored token.
    const current = (await graph.get('beta', path)).body.value;
    assert.equal((await graph.put('beta', path, { value: [...current, { key: 'SkipOutOfScopeDeletions', value: 'True' }] })).status, 204);
    const stored = graph.sandbox.tenant.secrets(graph.sandbox.tenant.servicePrincipal(sp.id)!);
    assert.equal(stored.find((s) => s.key === 'SecretToken')?.value, token);
    assert.equal(stored.length, 4);
    // PUT replaces the set.
    await graph.put('v1.0', path, { value: [{ key: 'SyncAll', value: 'true' }] });
    assert.deepEqual((await graph.get('v1.0', path)).body.value, [{ key: 'SyncAll', value: 'true' }]);

    assertGraphError(await graph.put('v1.0', path, { credentials: [] }), 400);
    assertGraphError(await graph.put('v1.0', path, { value: [{ key: 'NotASecretKey', value: 'x' }] }), 400);
    assertGraphError(await graph.put('v1.0', '/servicePrincipals/00000000-0000-0000-0000-000000000000/synchronization/secrets', { value: [] }), 404);
  });
});
