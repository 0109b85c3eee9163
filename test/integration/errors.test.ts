// What the tree does when Graph misbehaves: a 429 storm and 500s during discovery recover by themselves; a failure
// that does not go away becomes an error row with Retry; a missing permission explains what an admin must grant.
// Faults are injected through the sandbox's control API before a refresh.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EntraProvisioningApi } from '../../src/extension';
import type { TreeNode } from '../../src/provisioning/tree/nodes';
import { api, appRows, clearFaults, control, injectFault, jobArgs, jobRow, labelOf, restrictedClient, signInApp, signOut, tenantRow } from './treeSupport';

const SEED_APP_COUNT = 11;

describe('Jobs tree: errors and recovery', function () {
  this.timeout(120_000);
  let ext: EntraProvisioningApi;
  let accountId: string;
  const item = (node: TreeNode) => ext.jobsTree.getTreeItem(node);

  before(async () => {
    ext = await api();
    accountId = (await signInApp()).id;
    await vscode.commands.executeCommand('entraProvisioning.clearFilter');
  });
  afterEach(clearFaults);

  it('recovers from a 429 storm during discovery', async () => {
    await injectFault({ kind: 'throttle', path: '^/servicePrincipals$', count: 3, retryAfter: 1 });
    await injectFault({ kind: 'throttle', path: '^/\\$batch$', count: 4, retryAfter: 1 });
    await ext.jobsTree.refresh();
    const rows = await appRows(ext.jobsTree, accountId);
    assert.equal(rows.filter((r) => r.kind === 'app').length, SEED_APP_COUNT);
    assert.deepEqual(rows.filter((r) => r.kind !== 'app').map((r) => labelOf(item(r))), []);
    const fired = await control<{ value: { fired?: number; count: number }[] }>('GET', '/_sandbox/faults');
    assert.ok(fired.value.every((rule) => (rule.fired ?? 0) > 0), `every throttle fired: ${JSON.stringify(fired.value)}`);
  });

  it('recovers from 500s on the job requests inside the $batch', async () => {
    await injectFault({ kind: 'error', status: 500, path: '/synchronization/jobs$', count: 5 });
    await ext.jobsTree.refresh();
    const rows = await appRows(ext.jobsTree, accountId);
    assert.equal(rows.filter((r) => r.kind === 'app').length, SEED_APP_COUNT);
    assert.equal(rows.some((r) => r.kind === 'error' || r.kind === 'message'), false);
  });

  it('shows a lasting 500 as an error row with Retry, and Retry recovers', async () => {
    await injectFault({ kind: 'error', status: 500, path: '^/servicePrincipals$', count: -1 });
    await ext.jobsTree.refresh();
    let rows = await appRows(ext.jobsTree, accountId);
    const error = rows.find((r) => r.kind === 'error');
    assert.ok(error, `rows: ${rows.map((r) => r.kind).join(', ')}`);
    assert.match(labelOf(item(error)), /Could not list the apps with provisioning: Microsoft Graph had an error \(HTTP 500\)/);
    assert.equal(item(error).command?.command, 'entraProvisioning.retry');
    assert.match((item(error).tooltip as vscode.MarkdownString).value, /request-id/);
    // The apps found before stay visible while the failure is reported.
    assert.ok(rows.filter((r) => r.kind === 'app').length > 0);

    await clearFaults();
    await vscode.commands.executeCommand('entraProvisioning.retry', error);
    await ext.jobsTree.whenIdle();
    rows = await appRows(ext.jobsTree, accountId);
    assert.equal(rows.some((r) => r.kind === 'error'), false);
    assert.equal(rows.filter((r) => r.kind === 'app').length, SEED_APP_COUNT);
  });

  it('shows an error row when a job\'s schema cannot be read, and reloads it on Retry', async () => {
    const job = await jobRow(ext.jobsTree, accountId, 'Zoom');
    await vscode.commands.executeCommand('entraProvisioning.refreshNode', job);
    await injectFault({ kind: 'error', status: 404, path: '/schema$', count: -1 });
    const schema = (await ext.jobsTree.getChildren(job))[1]!;
    const [error] = await ext.jobsTree.getChildren(schema);
    assert.equal(error?.kind, 'error');
    assert.match(labelOf(item(error)), /Could not read the schema: not found/);
    await clearFaults();
    await vscode.commands.executeCommand('entraProvisioning.retry', error);
    const rules = await ext.jobsTree.getChildren(schema);
    assert.ok(rules.length > 0 && rules.every((r) => r.kind === 'rule'));
  });

  it('explains a permission-denied discovery: which permission is missing and who grants it', async () => {
    const client = await restrictedClient(['Synchronization.Read.All']);
    const restricted = await signInApp(client);
    try {
      const tenant = await tenantRow(ext.jobsTree, restricted.id);
      const rows = await ext.jobsTree.getChildren(tenant);
      const error = rows.find((r) => r.kind === 'error');
      assert.ok(error, `rows: ${rows.map((r) => labelOf(item(r))).join(' | ')}`);
      assert.match(labelOf(item(error)), /permission denied/);
      const tooltip = (item(error).tooltip as vscode.MarkdownString).value.replace(/\\/g, '');
      assert.match(tooltip, /Application.Read.All/);
      assert.match(tooltip, /admin consent/);
      assert.match(tooltip, new RegExp(client.clientId));
    } finally {
      await signOut(restricted.id);
    }
    assert.equal((await ext.jobsTree.getChildren()).some((r) => r.accountId === restricted.id), false, 'signing out removes the tenant row');
  });

  it('explains a permission-denied job action in its failure message', async () => {
    const client = await restrictedClient(['Synchronization.Read.All', 'Application.Read.All']);
    const restricted = await signInApp(client);
    try {
      const zoom = await jobRow(ext.jobsTree, restricted.id, 'Zoom');
      const outcome = await vscode.commands.executeCommand<{ status: string; message?: string }>('entraProvisioning.startJob', jobArgs(zoom));
      assert.equal(outcome?.status, 'failed');
      assert.match(String(outcome?.message), /Starting provisioning for Zoom failed: permission denied/);
      assert.match(String(outcome?.message), /Synchronization\.ReadWrite\.All/);
    } finally {
      await signOut(restricted.id);
    }
  });
});
