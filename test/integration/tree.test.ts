// The Provisioning Jobs tree against the sandbox's seed tenant "Contoso (sandbox)", read through the provider the
// view uses (the extension API's `jobsTree`): rows, states, icons, tooltips, context values, details, pins, filter.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EntraProvisioningApi } from '../../src/extension';
import type { TreeNode } from '../../src/provisioning/tree/nodes';
import { TENANT_DISPLAY_NAME } from '../../src/sandbox/tenant/seed/tenant';
import { api, appRow, appRows, jobRow, labelOf, sandbox, signInApp, tenantRow } from './treeSupport';

/** The seed's apps with a provisioning job (Contoso Travel offers a template but has no job; SSO-only apps have none). */
const SEED_PROVISIONING_APPS = [
  'Contoso Benefits Portal',
  'Contoso Expense Reports (SCIM)',
  'Contoso HR SCIM (custom)',
  'Contoso Learning Portal (SCIM)',
  'Contoso Timesheets (legacy SCIM)',
  'Northwind Partner Directory (SCIM)',
  'Slack',
  'Slack (Sandbox workspace)',
  'Workplace from Meta',
  'Workplace from Meta (EMEA)',
  'Zoom',
];

describe('Jobs tree: the seed tenant', function () {
  this.timeout(60_000);
  let ext: EntraProvisioningApi;
  let accountId: string;
  const item = (node: TreeNode) => ext.jobsTree.getTreeItem(node);
  const icon = (node: TreeNode) => item(node).iconPath as vscode.ThemeIcon;

  before(async () => {
    ext = await api();
    accountId = (await signInApp()).id;
    await vscode.commands.executeCommand('entraProvisioning.clearFilter');
    await ext.jobsTree.refresh();
  });

  it('shows one tenant row for the account: the tenant by name, who is signed in and the cloud', async () => {
    const tenant = await tenantRow(ext.jobsTree, accountId);
    const tenantItem = item(tenant);
    // The name comes from GET /organization; the id stays in the tooltip.
    assert.equal(labelOf(tenantItem), TENANT_DISPLAY_NAME);
    const tooltip = tenantItem.tooltip instanceof vscode.MarkdownString ? tenantItem.tooltip.value : String(tenantItem.tooltip);
    assert.ok(tooltip.includes(sandbox().tenantId), tooltip);
    assert.match(String(tenantItem.description), new RegExp(`app ${sandbox().clientId} · Sandbox`));
    assert.equal(tenantItem.contextValue, 'tenant');
    assert.equal(tenantItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(ext.jobsTree.getParent(tenant), undefined);
  });

  it('lists exactly the apps that have provisioning jobs, by name', async () => {
    const names = (await appRows(ext.jobsTree, accountId)).map((node) => labelOf(item(node)));
    assert.deepEqual(names, SEED_PROVISIONING_APPS);
  });

  it('shows a quarantined job with its icon, colour, description, markdown tooltip and context value', async () => {
    const slack = await jobRow(ext.jobsTree, accountId, 'Slack');
    const slackItem = item(slack);
    assert.equal(labelOf(slackItem), 'Slack');
    assert.match(String(slackItem.contextValue), /^job\.quarantine\..*canStart/);
    assert.equal(icon(slack).id, 'error');
    assert.equal((icon(slack).color as vscode.ThemeColor).id, 'errorForeground');
    assert.match(String(slackItem.description), /^Quarantine · /);
    const tooltip = slackItem.tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
    assert.match(tooltip.value, /EncounteredEscrowProportionThreshold/);
    assert.match(tooltip.value, /LicenseLimitExceeded/);
    assert.match(tooltip.value, /next attempt/i);
  });

  it('shows the other seed states: paused, never configured, running with errors, initial cycle', async () => {
    const zoom = item(await jobRow(ext.jobsTree, accountId, 'Zoom'));
    assert.match(String(zoom.contextValue), /^job\.paused\..*canStart/);
    assert.equal((zoom.iconPath as vscode.ThemeIcon).id, 'debug-pause');
    const learning = item(await jobRow(ext.jobsTree, accountId, 'Contoso Learning Portal (SCIM)'));
    assert.match(String(learning.contextValue), /^job\.notConfigured/);
    assert.match(String(learning.description), /^Not configured/);
    const workplace = await jobRow(ext.jobsTree, accountId, 'Workplace from Meta');
    assert.equal(labelOf(item(workplace)), 'FacebookAtWorkOutDelta');
    assert.match(String(item(workplace).contextValue), /^job\.failing\..*canPause/);
    assert.match(String(item(workplace).description), /^Active with errors · .* failed/);
    const partners = item(await jobRow(ext.jobsTree, accountId, 'Northwind Partner Directory (SCIM)'));
    assert.match(String(partners.contextValue), /^job\.notRun\./);
    const benefits = item(await jobRow(ext.jobsTree, accountId, 'Contoso Benefits Portal'));
    assert.match(String(benefits.contextValue), /^job\.active\..*canPause/);
    assert.doesNotMatch(String(benefits.contextValue), /canStart/, 'a running job offers no Start');
  });

  it('gives each job Status, Schema and Recent provisioning logs, and walks back up with getParent', async () => {
    const job = await jobRow(ext.jobsTree, accountId, 'Slack');
    const details = await ext.jobsTree.getChildren(job);
    assert.deepEqual(details.map((d) => labelOf(item(d))), ['Status', 'Schema', 'Recent provisioning logs']);
    const figures = await ext.jobsTree.getChildren(details[0]!);
    const byLabel = new Map(figures.map((f) => [labelOf(item(f)), String(item(f).description)]));
    assert.match(byLabel.get('State') ?? '', /Quarantine/);
    assert.match(byLabel.get('Quarantine reason') ?? '', /EncounteredEscrowProportionThreshold/);
    assert.ok(byLabel.has('Next attempt'));
    assert.equal(ext.jobsTree.getParent(figures[0]!), details[0]);
    assert.equal(ext.jobsTree.getParent(job)?.kind, 'app');
  });

  it('shows the schema read-only: rules → object mappings → attribute mappings', async () => {
    const job = await jobRow(ext.jobsTree, accountId, 'Contoso HR SCIM (custom)');
    const schema = (await ext.jobsTree.getChildren(job))[1]!;
    const rules = await ext.jobsTree.getChildren(schema);
    assert.ok(rules.length > 0 && rules.every((r) => r.kind === 'rule'), `rules: ${rules.map((r) => r.kind).join(', ')}`);
    const objects = await ext.jobsTree.getChildren(rules[0]!);
    assert.ok(objects.some((o) => o.kind === 'objectMapping' && /User/.test(String(item(o).description))));
    const userMapping = objects.find((o) => o.kind === 'objectMapping')!;
    const attributes = await ext.jobsTree.getChildren(userMapping);
    const userName = attributes.find((a) => labelOf(item(a)) === 'userName');
    assert.ok(userName, `attribute rows: ${attributes.map((a) => labelOf(item(a))).join(', ')}`);
    assert.match(String(item(userName).description), /← \[userPrincipalName\] · matching #1/);
    assert.equal((item(userName).iconPath as vscode.ThemeIcon).id, 'key');
  });

  it('lists recent provisioning logs newest first, with explained errors', async () => {
    const job = await jobRow(ext.jobsTree, accountId, 'Workplace from Meta');
    const logs = (await ext.jobsTree.getChildren(job))[2]!;
    const entries = (await ext.jobsTree.getChildren(logs)).filter((e) => e.kind === 'logEntry');
    assert.ok(entries.length > 0, 'the seed has logs for the legacy Workplace job');
    const times = entries.map((e) => (e.kind === 'logEntry' ? Date.parse(e.entry.activityDateTime) : 0));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const failed = entries.find((e) => item(e).contextValue === 'logEntry.explained' && /1789003/.test(String(item(e).description)));
    assert.ok(failed, 'a Workplace 1789003 failure is listed and explained');
    assert.equal((item(failed).iconPath as vscode.ThemeIcon).id, 'error');
    assert.match((item(failed).tooltip as vscode.MarkdownString).value, /verified/i);
  });

  it('pins an app to the top and unpins it (per tenant, kept in globalState)', async () => {
    const zoom = await appRow(ext.jobsTree, accountId, 'Zoom');
    await vscode.commands.executeCommand('entraProvisioning.pinApp', zoom);
    const pinned = await appRows(ext.jobsTree, accountId);
    assert.equal(labelOf(item(pinned[0]!)), 'Zoom');
    assert.equal(item(pinned[0]!).contextValue, 'app.pinned');
    assert.match(String(item(pinned[0]!).description), /pinned/);
    await vscode.commands.executeCommand('entraProvisioning.unpinApp', pinned[0]);
    const names = (await appRows(ext.jobsTree, accountId)).map((n) => labelOf(item(n)));
    assert.deepEqual(names, SEED_PROVISIONING_APPS);
  });

  it('filters apps by name and to problems only, and clears the filter', async () => {
    try {
      await vscode.commands.executeCommand('entraProvisioning.filter', 'slack');
      assert.deepEqual((await appRows(ext.jobsTree, accountId)).map((n) => labelOf(item(n))), ['Slack', 'Slack (Sandbox workspace)']);
      await vscode.commands.executeCommand('entraProvisioning.filter', { problemsOnly: true });
      const problems = (await appRows(ext.jobsTree, accountId)).map((n) => labelOf(item(n)));
      assert.ok(problems.includes('Slack') && problems.includes('Workplace from Meta'), problems.join(', '));
      assert.ok(!problems.includes('Zoom') && !problems.includes('Contoso Benefits Portal'), problems.join(', '));
    } finally {
      await vscode.commands.executeCommand('entraProvisioning.clearFilter');
    }
    assert.equal((await appRows(ext.jobsTree, accountId)).length, SEED_PROVISIONING_APPS.length);
  });

  it('counts the jobs needing attention for the status bar and reveals them', async () => {
    const problems = ext.jobsTree.model.problems();
    assert.ok(problems.quarantined >= 1, JSON.stringify(problems));
    assert.ok(problems.failing >= 1, JSON.stringify(problems));
    try {
      await vscode.commands.executeCommand('entraProvisioning.showProblems');
      assert.equal(ext.jobsTree.model.filter.problemsOnly, true);
    } finally {
      await vscode.commands.executeCommand('entraProvisioning.clearFilter');
    }
  });

  it('reveals a job\'s logs from the palette-style command with an argument', async () => {
    const job = await jobRow(ext.jobsTree, accountId, 'Zoom');
    const outcome = await vscode.commands.executeCommand<{ status: string; nodeId?: string }>('entraProvisioning.showLogs', {
      accountId,
      servicePrincipalId: job.job.servicePrincipalId,
      jobId: job.job.jobId,
    });
    assert.equal(outcome?.status, 'done');
    assert.equal(outcome?.nodeId, `${job.id}/logs`);
  });
});
