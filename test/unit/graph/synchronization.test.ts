import assert from 'node:assert/strict';
import { GraphError } from '../../../src/graph/errors';
import { SynchronizationApi, restartScopeValue } from '../../../src/graph/synchronization';
import type { RunningSandbox } from '../../../src/sandbox/server';
import { withSandbox } from '../../support/sandbox';
import { graphFor, jobOf, spNamed } from '../provisioning/helpers';

describe('SynchronizationApi against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let api: SynchronizationApi;

  beforeEach(async () => {
    sandbox = await withSandbox();
    api = new SynchronizationApi((await graphFor(sandbox)).graph);
  });
  afterEach(() => sandbox.close());

  it('lists and gets jobs, the service principal, templates and the job schema', async () => {
    const { sp, record } = jobOf(sandbox, 'Workplace from Meta');
    const jobs = await api.listJobs(sp.resource.id);
    assert.deepEqual(jobs.map((j) => j.id), [record.job.id]);
    const job = await api.getJob(sp.resource.id, record.job.id);
    assert.equal(job.templateId, 'FacebookAtWorkOutDelta');
    const principal = await api.getServicePrincipal(sp.resource.id);
    assert.equal(principal.displayName, 'Workplace from Meta');
    assert.equal(principal.appId, sp.resource.appId);
    const templates = await api.listTemplates(sp.resource.id);
    assert.deepEqual(templates.map((t) => t.id).sort(), ['FacebookAtWorkOutDelta', 'FacebookWorkplace']);
    const schema = await api.getJobSchema(sp.resource.id, record.job.id);
    assert.ok(schema.synchronizationRules.length > 0);
    assert.equal(await api.listJobs(spNamed(sandbox, 'Salesforce').resource.id).then((j) => j.length), 0);
  });

  it('pauses and starts a job', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso Benefits Portal');
    await api.pauseJob(sp.resource.id, record.job.id);
    assert.equal(record.job.status.code, 'Paused');
    assert.equal(record.job.schedule.state, 'Paused');
    await api.startJob(sp.resource.id, record.job.id);
    assert.equal(record.job.status.code, 'Active');
    assert.equal(record.job.schedule.state, 'Active');
  });

  it('start clears a quarantine once the cause is fixed', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso Expense Reports (SCIM)');
    assert.equal(record.job.status.code, 'Quarantine');
    // Seeded with a token the sandbox SCIM target refuses: give it the right one, as an admin would.
    sandbox.tenant.replaceSecrets(sp, sandbox.tenant.secrets(sp).map((s) => (s.key === 'SecretToken' ? { ...s, value: sandbox.scim.token } : s)));
    await api.startJob(sp.resource.id, record.job.id);
    assert.equal(record.job.status.quarantine, null);
    assert.equal(record.job.status.code, 'Active');
  });

  it('restart without scopes is the portal restart: quarantine, escrows and watermark reset, links kept', async () => {
    const { sp, record } = jobOf(sandbox, 'Slack');
    const links = record.runtime.connectorDataStoreLinks;
    assert.ok(record.job.status.quarantine && (record.job.status.lastExecution?.countEscrowed ?? 0) > 0);
    await api.restartJob(sp.resource.id, record.job.id);
    assert.equal(record.job.status.quarantine, null);
    assert.equal(record.job.status.lastExecution?.countEscrowed, 0);
    assert.equal(record.runtime.watermark, null);
    assert.equal(record.runtime.connectorDataStoreLinks, links);
    assert.equal(record.job.status.code, 'Active');
  });

  it('restart with QuarantineState only lifts the quarantine', async () => {
    const { sp, record } = jobOf(sandbox, 'Slack');
    const escrowed = record.job.status.lastExecution!.countEscrowed;
    const watermark = record.runtime.watermark;
    await api.restartJob(sp.resource.id, record.job.id, ['QuarantineState']);
    assert.equal(record.job.status.quarantine, null);
    assert.equal(record.job.status.lastExecution!.countEscrowed, escrowed);
    assert.equal(record.runtime.watermark, watermark);
  });

  it('restart with Escrows clears escrows and keeps the quarantine', async () => {
    const { sp, record } = jobOf(sandbox, 'Slack');
    await api.restartJob(sp.resource.id, record.job.id, ['Escrows']);
    assert.equal(record.job.status.lastExecution!.countEscrowed, 0);
    assert.equal(record.job.status.countSuccessiveCompleteFailures, 0);
    assert.ok(record.job.status.quarantine);
    assert.equal(record.job.status.code, 'Quarantine');
  });

  it('restart with Watermark forces a new initial cycle', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso HR SCIM (custom)');
    assert.ok(record.runtime.watermark);
    await api.restartJob(sp.resource.id, record.job.id, ['Watermark']);
    assert.equal(record.runtime.watermark, null);
    assert.equal(record.runtime.initialCycleReason, 'restart');
    assert.deepEqual(record.job.status.progress, []);
  });

  it('restart with Full also breaks the source/target links', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso HR SCIM (custom)');
    assert.ok(record.runtime.connectorDataStoreLinks > 0);
    await api.restartJob(sp.resource.id, record.job.id, ['Full']);
    assert.equal(record.runtime.connectorDataStoreLinks, 0);
    assert.equal(record.runtime.watermark, null);
    assert.deepEqual(record.job.status.synchronizedEntryCountByType, []);
  });

  it('restart with ForceDeletes releases held-back deletes', async () => {
    const { sp, record } = jobOf(sandbox, 'Zoom');
    record.runtime.pendingDeletes = 612;
    await api.restartJob(sp.resource.id, record.job.id, ['ForceDeletes', 'Watermark']);
    assert.equal(record.runtime.forceDeletes, true);
    assert.equal(record.runtime.watermark, null);
  });

  it('sends resetScope as comma-separated flags', () => {
    assert.equal(restartScopeValue(['Watermark', 'Escrows', 'QuarantineState']), 'Watermark, Escrows, QuarantineState');
    assert.equal(restartScopeValue(['Escrows', 'Escrows']), 'Escrows');
  });

  it('reads secrets masked and writes them back with the body key `value`', async () => {
    const sp = spNamed(sandbox, 'Contoso Benefits Portal');
    const stored = sandbox.tenant.secrets(sp).find((s) => s.key === 'SecretToken')!.value;
    const secrets = await api.getSecrets(sp.resource.id);
    const token = secrets.find((s) => s.key === 'SecretToken')!;
    assert.notEqual(token.value, stored);
    await api.putSecrets(sp.resource.id, secrets.map((s) => (s.key === 'BaseAddress' ? { ...s, value: 'https://benefits.example/scim/' } : s)));
    const after = sandbox.tenant.secrets(sp);
    assert.equal(after.find((s) => s.key === 'BaseAddress')!.value, 'https://benefits.example/scim/');
    assert.equal(after.find((s) => s.key === 'SecretToken')!.value, stored, 'the masked token kept the stored value');
  });

  it('validateCredentials passes with saved credentials and explains a failure', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso Benefits Portal');
    await api.validateCredentials(sp.resource.id, record.job.id, { useSavedCredentials: true });
    const error = await api
      .validateCredentials(sp.resource.id, record.job.id, { useSavedCredentials: false, credentials: [{ key: 'BaseAddress', value: 'not a url' }] })
      .catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'SystemForCrossDomainIdentityManagementInvalidCredentials');
  });

  it('deletes a job', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso Learning Portal (SCIM)');
    await api.deleteJob(sp.resource.id, record.job.id);
    assert.equal(sp.jobs.length, 0);
    const error = await api.getJob(sp.resource.id, record.job.id).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.status, 404);
  });

  it('can talk beta', async () => {
    const beta = new SynchronizationApi(api.graph, 'beta');
    const { sp } = jobOf(sandbox, 'Zoom');
    assert.equal((await beta.listJobs(sp.resource.id)).length, 1);
  });
});
