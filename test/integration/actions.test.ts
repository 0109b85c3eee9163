// Job commands change the sandbox's job as expected; each change is read back over HTTP with a token of our own,
// not through the extension. Commands are driven with argument objects (`confirmed: true` stands for the modal a
// user answers on every UI path). Jobs the tree suite checks are left as the seed has them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EntraProvisioningApi } from '../../src/extension';
import { api, jobArgs, jobRow, readJob, readSecrets, sandbox, signInApp } from './treeSupport';

interface Outcome {
  status: 'done' | 'cancelled' | 'notAllowed' | 'failed';
  message?: string;
  [key: string]: unknown;
}

const run = (command: string, arg: unknown) => vscode.commands.executeCommand<Outcome>(`entraProvisioning.${command}`, arg);

describe('Jobs tree: job actions against the sandbox', function () {
  this.timeout(60_000);
  let ext: EntraProvisioningApi;
  let accountId: string;

  before(async () => {
    ext = await api();
    accountId = (await signInApp()).id;
    await ext.jobsTree.refresh();
  });

  it('starts a paused job, then pauses it again', async () => {
    const zoom = await jobRow(ext.jobsTree, accountId, 'Zoom');
    assert.equal((await readJob(zoom)).status.code, 'Paused');
    const started = await run('startJob', jobArgs(zoom));
    assert.equal(started?.status, 'done', started?.message);
    const afterStart = await readJob(zoom);
    assert.equal(afterStart.schedule.state, 'Active');
    assert.notEqual(afterStart.status.code, 'Paused');
    // The tree shows the new state at once.
    const row = await jobRow(ext.jobsTree, accountId, 'Zoom');
    assert.doesNotMatch(String(ext.jobsTree.getTreeItem(row).contextValue), /^job\.paused/);

    const paused = await run('pauseJob', row);
    assert.equal(paused?.status, 'done', paused?.message);
    assert.equal((await readJob(zoom)).status.code, 'Paused');
    assert.match(String(ext.jobsTree.getTreeItem(await jobRow(ext.jobsTree, accountId, 'Zoom')).contextValue), /^job\.paused/);
  });

  it('refuses to pause a paused job and to start a running one, changing nothing', async () => {
    const zoom = await jobRow(ext.jobsTree, accountId, 'Zoom');
    assert.equal((await run('pauseJob', jobArgs(zoom)))?.status, 'notAllowed');
    const benefits = await jobRow(ext.jobsTree, accountId, 'Contoso Benefits Portal');
    assert.equal((await run('startJob', jobArgs(benefits)))?.status, 'notAllowed');
    assert.equal((await readJob(benefits)).status.code, 'Active');
  });

  it('restarts a quarantined job with resetScope QuarantineState: the quarantine is lifted', async () => {
    const expenses = await jobRow(ext.jobsTree, accountId, 'Contoso Expense Reports (SCIM)');
    assert.ok((await readJob(expenses)).status.quarantine, 'seeded in quarantine');
    const outcome = await run('restartJob', jobArgs(expenses, { resetScope: ['QuarantineState'], confirmed: true }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    assert.equal((await readJob(expenses)).status.quarantine, null);
  });

  it('starting a job whose target refuses the saved token puts it into quarantine, and the tree shows why', async () => {
    // Contoso Expense Reports (SCIM) keeps a token the sandbox's SCIM server refuses (README, sandbox section).
    const expenses = await jobRow(ext.jobsTree, accountId, 'Contoso Expense Reports (SCIM)');
    if ((await readJob(expenses)).schedule.state !== 'Paused') {
      assert.equal((await run('pauseJob', jobArgs(expenses, { confirmed: true })))?.status, 'done');
    }
    const outcome = await run('startJob', jobArgs(expenses, { confirmed: true }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const job = await readJob(expenses) as Awaited<ReturnType<typeof readJob>> & { status: { quarantine: { reason: string } | null } };
    assert.equal(job.status.code, 'Quarantine');
    assert.equal(job.status.quarantine?.reason, 'EncounteredQuarantineException');

    await ext.jobsTree.refresh();
    const row = await jobRow(ext.jobsTree, accountId, 'Contoso Expense Reports (SCIM)');
    const item = await ext.jobsTree.getTreeItem(row);
    assert.match(String(item.description), /^Quarantine/);
    const [status] = await ext.jobsTree.getChildren(row);
    const figures = await ext.jobsTree.getChildren(status!);
    const reason = await Promise.all(figures.map((f) => ext.jobsTree.getTreeItem(f)));
    const byLabel = new Map(reason.map((i) => [typeof i.label === 'string' ? i.label : i.label?.label ?? '', String(i.description)]));
    assert.match(byLabel.get('Quarantine reason') ?? '', /EncounteredQuarantineException/);
  });

  it('sets the Tenant URL and secret token (the token is stored, and never read back)', async () => {
    const hr = await jobRow(ext.jobsTree, accountId, 'Contoso HR SCIM (custom)');
    // The sandbox's SCIM target: the only Tenant URL a connection test can reach.
    const outcome = await run('setCredentials', jobArgs(hr, { baseAddress: sandbox().scim, secretToken: sandbox().scimToken, confirmed: true }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const secrets = await readSecrets(hr);
    assert.equal(secrets.BaseAddress, sandbox().scim);
    assert.equal(secrets.SecretToken, '*****', 'Graph masks the token on read');
    assert.equal(secrets.SyncAll, 'false', 'other keys are kept');
  });

  it('tests the connection: pass with valid credentials, a clear failure with a refused token or an invalid Tenant URL', async () => {
    const hr = await jobRow(ext.jobsTree, accountId, 'Contoso HR SCIM (custom)');
    const pass = await run('testConnection', jobArgs(hr));
    assert.equal(pass?.status, 'done');
    assert.equal(pass?.ok, true, String(pass?.message));

    await run('setCredentials', jobArgs(hr, { secretToken: 'a-token-the-scim-target-refuses', confirmed: true }));
    const refused = await run('testConnection', jobArgs(hr));
    assert.equal(refused?.ok, false);
    assert.match(String(refused?.message), /Test Connection failed for Contoso HR SCIM \(custom\): .*invalid credentials.*HTTP 401/i);
    await run('setCredentials', jobArgs(hr, { secretToken: sandbox().scimToken, confirmed: true }));

    await run('setCredentials', jobArgs(hr, { baseAddress: 'not a url', confirmed: true }));
    const fail = await run('testConnection', jobArgs(hr));
    assert.equal(fail?.status, 'done');
    assert.equal(fail?.ok, false);
    assert.match(String(fail?.message), /Test Connection failed for Contoso HR SCIM \(custom\): .*tenant URL/i);
    await run('setCredentials', jobArgs(hr, { baseAddress: sandbox().scim, confirmed: true }));
  });

  it('warns when a Workplace job\'s Tenant URL is not exactly https://scim.workplace.com/', async () => {
    const workplace = await jobRow(ext.jobsTree, accountId, 'Workplace from Meta (EMEA)');
    const original = (await readSecrets(workplace)).BaseAddress;
    try {
      const outcome = await run('setCredentials', jobArgs(workplace, { baseAddress: 'https://scim.workplace.com', confirmed: true }));
      assert.equal(outcome?.status, 'done', outcome?.message);
      assert.match(String(outcome?.warning), /https:\/\/scim\.workplace\.com\/ exactly/);
      const exact = await run('setCredentials', jobArgs(workplace, { baseAddress: 'https://scim.workplace.com/', confirmed: true }));
      assert.equal(exact?.warning, undefined, 'the exact URL gets no warning');
      assert.equal((await readSecrets(workplace)).BaseAddress, 'https://scim.workplace.com/');
    } finally {
      // Back to the sandbox's SCIM target, so later suites can provision through this job.
      await run('setCredentials', jobArgs(workplace, { baseAddress: original, confirmed: true }));
    }
  });

  it('sets the notification email and "send on failure"', async () => {
    const timesheets = await jobRow(ext.jobsTree, accountId, 'Contoso Timesheets (legacy SCIM)');
    const outcome = await run('setNotificationEmail', jobArgs(timesheets, { email: 'provisioning-alerts@contoso.example', sendOnFailure: true }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const settings = JSON.parse(String((await readSecrets(timesheets)).SyncNotificationSettings)) as Record<string, unknown>;
    assert.equal(settings.Enabled, true);
    assert.equal(settings.Recipients, 'provisioning-alerts@contoso.example');
    assert.equal(settings.DeleteThresholdEnabled, true, 'accidental-deletion prevention is kept');
    const refused = await run('setNotificationEmail', jobArgs(timesheets, { email: 'not-an-address', sendOnFailure: true }));
    assert.equal(refused?.status, 'notAllowed');
  });

  it('switches the scope between assigned and all users (SyncAll)', async () => {
    const timesheets = await jobRow(ext.jobsTree, accountId, 'Contoso Timesheets (legacy SCIM)');
    assert.equal((await run('setScope', jobArgs(timesheets, { scope: 'all', confirmed: true })))?.status, 'done');
    assert.equal((await readSecrets(timesheets)).SyncAll, 'true');
    const back = await run('setScope', jobArgs(timesheets, { scope: 'assigned', confirmed: true }));
    assert.equal(back?.status, 'done');
    assert.match(String(back?.note), /restart/i, 'all → assigned says a restart is needed');
    assert.equal((await readSecrets(timesheets)).SyncAll, 'false');
  });

  it('copies the job id, the ids of the app and the portal link', async () => {
    const slack = await jobRow(ext.jobsTree, accountId, 'Slack');
    const jobId = await run('copyId', jobArgs(slack, { which: 'jobId' }));
    assert.equal(jobId?.value, slack.job.jobId);
    const appId = await run('copyId', jobArgs(slack, { which: 'appId' }));
    assert.equal(appId?.value, slack.job.appId);
    const spId = await run('copyId', { accountId, servicePrincipalId: slack.job.servicePrincipalId, which: 'servicePrincipalId' });
    assert.equal(spId?.value, slack.job.servicePrincipalId);
    const link = await run('copyId', jobArgs(slack, { which: 'portalUrl' }));
    assert.match(String(link?.value), new RegExp(`ProvisioningManagement/appId/${slack.job.appId}/objectId/${slack.job.servicePrincipalId}$`));
  });

  it('filters a job\'s provisioning logs to failures', async () => {
    const workplace = await jobRow(ext.jobsTree, accountId, 'Workplace from Meta');
    try {
      const outcome = await run('filterLogs', jobArgs(workplace, { filter: { status: 'failure' } }));
      assert.equal(outcome?.status, 'done');
      const logs = (await ext.jobsTree.getChildren(workplace))[2]!;
      assert.match(String(ext.jobsTree.getTreeItem(logs).description), /failure/);
      const entries = (await ext.jobsTree.getChildren(logs)).filter((n) => n.kind === 'logEntry');
      assert.ok(entries.length > 0);
      for (const entry of entries) assert.equal(entry.kind === 'logEntry' && entry.entry.provisioningStatusInfo.status, 'failure');
    } finally {
      await run('filterLogs', jobArgs(workplace, { filter: {} }));
    }
  });
});
