// Read-only job commands: open the app's provisioning page in the Entra admin center / Azure portal, copy its ids,
// show and filter its provisioning logs, and explain a log entry's error with the fix the catalogue offers.
import * as vscode from 'vscode';
import type { ProvisioningAction, ProvisioningResult } from '../../graph/model';
import { portalUrl } from '../../provisioning/jobPresentation';
import type { JobLogFilter } from '../../provisioning/tree/jobsTreeModel';
import type { JobNode } from '../../provisioning/tree/nodes';
import type { JobsView } from '../views/jobsView';
import { isNode } from '../views/jobsView';
import type { ActionDeps, Outcome } from './actionRunner';
import { resolveApp, resolveJob, type TargetDeps } from './targets';

type Deps = ActionDeps & TargetDeps & { view: JobsView };

export type CopyWhich = 'jobId' | 'servicePrincipalId' | 'appId' | 'portalUrl';

export async function openInPortal(deps: Deps, input: unknown): Promise<Outcome<{ url: string }>> {
  const target = await resolveApp(input, deps, vscode.l10n.t('Open in Entra Admin Center'));
  if (!target) return { status: 'cancelled' };
  const url = appPortalUrl(deps, target.ref);
  // Not awaited: VS Code may ask the user whether to open an outside link, and the command is done either way.
  void vscode.env.openExternal(vscode.Uri.parse(url));
  return { status: 'done', url };
}

export async function copyId(deps: Deps, input: unknown): Promise<Outcome<{ value: string; which: CopyWhich }>> {
  const target = await resolveApp(input, deps, vscode.l10n.t('Copy ID'));
  if (!target) return { status: 'cancelled' };
  const values: { which: CopyWhich; label: string; value: string }[] = [
    ...(target.job ? [{ which: 'jobId' as const, label: vscode.l10n.t('Job ID'), value: target.job.jobId }] : []),
    { which: 'servicePrincipalId', label: vscode.l10n.t('Service principal (object) ID'), value: target.ref.servicePrincipalId },
    { which: 'appId', label: vscode.l10n.t('Application (client) ID'), value: target.ref.appId },
    { which: 'portalUrl', label: vscode.l10n.t('Link to the provisioning page'), value: appPortalUrl(deps, target.ref) },
  ];
  const wanted = (input as { which?: unknown } | undefined)?.which;
  const chosen = target.programmatic && typeof wanted === 'string'
    ? values.find((v) => v.which === wanted)
    : (await vscode.window.showQuickPick(values.map((v) => ({ label: v.label, description: v.value, v })), { title: vscode.l10n.t('Copy from {0}', target.ref.appName) }))?.v;
  if (!chosen) return { status: 'cancelled' };
  await vscode.env.clipboard.writeText(chosen.value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', chosen.label), 3000);
  return { status: 'done', value: chosen.value, which: chosen.which };
}

/** Reveals the job's "Recent provisioning logs" in the tree, expanded. */
export async function showLogs(deps: Deps, input: unknown): Promise<Outcome<{ nodeId: string }>> {
  const target = await resolveJob(input, deps, { title: vscode.l10n.t('Show Provisioning Logs') });
  if (!target) return { status: 'cancelled' };
  await deps.model.ensureDiscovered(target.ref.accountId);
  const jobNode = deps.model.jobNode(target.ref);
  if (!jobNode) return { status: 'notAllowed', message: vscode.l10n.t('{0} is not in the tree (refresh it).', target.ref.appName) };
  const logs = deps.model.logsNode(jobNode);
  await vscode.commands.executeCommand('entraProvisioning.jobs.focus');
  await deps.view.treeView.reveal(logs, { select: true, focus: true, expand: true });
  return { status: 'done', nodeId: logs.id };
}

const STATUSES: ProvisioningResult[] = ['success', 'failure', 'skipped', 'warning'];
const ACTIONS: ProvisioningAction[] = ['create', 'update', 'disable', 'delete', 'stagedDelete', 'other'];
const PERIODS = [
  { label: 'Last hour', hours: 1 },
  { label: 'Last 24 hours', hours: 24 },
  { label: 'Last 7 days', hours: 24 * 7 },
  { label: 'Last 30 days', hours: 24 * 30 },
];

/** Filters one job's logs by status, action, time and user (argument `{ …job, filter }` for programmatic use). */
export async function filterLogs(deps: Deps, input: unknown): Promise<Outcome<{ filter: JobLogFilter }>> {
  const jobInput = isNode(input) && input.kind === 'logs' ? deps.model.node(input.parentId!) : input;
  const target = await resolveJob(jobInput, deps, { title: vscode.l10n.t('Filter Provisioning Logs') });
  if (!target) return { status: 'cancelled' };
  let filter: JobLogFilter | undefined;
  if (target.programmatic) filter = (input as { filter?: JobLogFilter }).filter ?? {};
  else filter = await askLogFilter(deps.model.logFilterOf(target.ref), target.ref.appName);
  if (!filter) return { status: 'cancelled' };
  deps.model.setLogFilter(target.ref, filter);
  return { status: 'done', filter };
}

export function clearLogFilter(deps: Deps, input: unknown): Outcome {
  const node = isNode(input) && input.kind === 'logs' ? input : undefined;
  if (node) deps.model.setLogFilter(node.job, {});
  return { status: 'done' };
}

async function askLogFilter(current: JobLogFilter, appName: string): Promise<JobLogFilter | undefined> {
  const title = vscode.l10n.t('Filter the provisioning logs of {0}', appName);
  const any = vscode.l10n.t('Any');
  const status = await vscode.window.showQuickPick(
    [{ label: any, value: undefined }, ...STATUSES.map((s) => ({ label: s, value: s, picked: current.status === s }))],
    { title: `${title} (1/4)`, placeHolder: vscode.l10n.t('Status') },
  );
  if (!status) return undefined;
  const action = await vscode.window.showQuickPick(
    [{ label: any, value: undefined }, ...ACTIONS.map((a) => ({ label: a, value: a }))],
    { title: `${title} (2/4)`, placeHolder: vscode.l10n.t('Action') },
  );
  if (!action) return undefined;
  const period = await vscode.window.showQuickPick(
    [{ label: any, hours: undefined as number | undefined }, ...PERIODS.map((p) => ({ label: vscode.l10n.t(p.label), hours: p.hours as number | undefined }))],
    { title: `${title} (3/4)`, placeHolder: vscode.l10n.t('Time') },
  );
  if (!period) return undefined;
  const user = await vscode.window.showInputBox({
    title: `${title} (4/4)`,
    prompt: vscode.l10n.t('Part of a user or group name, or an object id (empty: anyone)'),
    value: current.user ?? '',
  });
  if (user === undefined) return undefined;
  return {
    ...(status.value ? { status: status.value } : {}),
    ...(action.value ? { action: action.value } : {}),
    ...(period.hours ? { since: new Date(Date.now() - period.hours * 3_600_000).toISOString() } : {}),
    ...(user.trim() ? { user: user.trim() } : {}),
  };
}

/** A log entry's error in plain words, with buttons for the fixes the extension can do. */
export async function explainLogEntry(deps: Deps & { runCommand(id: string, arg: unknown): Thenable<unknown> }, input: unknown): Promise<Outcome> {
  const node = isNode(input) && input.kind === 'logEntry' ? input : undefined;
  const explanation = node?.summary.explanation;
  if (!node || !explanation) return { status: 'cancelled' };
  const logs = deps.model.parent(node);
  const parent = logs ? deps.model.parent(logs) : undefined;
  const jobNode: JobNode | undefined = parent?.kind === 'job' ? parent : undefined;
  const buttons: { title: string; run: () => unknown }[] = [];
  const addFix = (action: string | undefined) => {
    if (action === 'restart' && jobNode && !buttons.some((b) => b.title === restart)) buttons.push({ title: restart, run: () => deps.runCommand('entraProvisioning.restartJob', jobNode) });
    if (action === 'setCredentials' && jobNode && !buttons.some((b) => b.title === credentials)) buttons.push({ title: credentials, run: () => deps.runCommand('entraProvisioning.setCredentials', jobNode) });
    if (action === 'editMapping' && explanation.mappingSuggestion && !buttons.some((b) => b.title === copy)) {
      const expression = explanation.mappingSuggestion.expression;
      buttons.push({ title: copy, run: () => vscode.env.clipboard.writeText(expression) });
    }
  };
  const restart = vscode.l10n.t('Restart Job…');
  const credentials = vscode.l10n.t('Set Credentials…');
  const copy = vscode.l10n.t('Copy Suggested Expression');
  addFix(explanation.fixAction);
  for (const alternative of explanation.alternatives ?? []) addFix(alternative.fixAction);
  const text = [
    `${explanation.title}: ${explanation.explanation}`,
    explanation.fix,
    ...(explanation.alternatives ?? []).map((a) => a.fix),
  ].filter(Boolean).join(' ');
  const answer = await vscode.window.showWarningMessage(`${node.summary.label} — ${text}`, ...buttons.map((b) => b.title));
  await buttons.find((b) => b.title === answer)?.run();
  return { status: 'done' };
}

function appPortalUrl(deps: Deps, app: { accountId: string; servicePrincipalId: string; appId: string }): string {
  const tenant = deps.model.tenantInfo(app.accountId);
  return portalUrl(tenant?.portal ?? 'https://portal.azure.com/', app.servicePrincipalId, app.appId);
}
