// Which job (or app) a command acts on. Three ways in, one result:
//  - a tree row (context menu, inline icon): the row's job;
//  - an argument object `{ accountId, servicePrincipalId, jobId, … }` (other extensions, keybindings, tests);
//  - nothing (Command Palette): pick the tenant, then the app, then the job.
import * as vscode from 'vscode';
import type { SynchronizationJob } from '../../graph/model';
import { presentJob, type JobPresentation } from '../../provisioning/jobPresentation';
import type { JobsTreeModel } from '../../provisioning/tree/jobsTreeModel';
import { appRefOf, type AppRef, type JobRef, type TenantInfo, type TreeNode } from '../../provisioning/tree/nodes';
import { isNode } from '../views/jobsView';
import { syncApi, type AccountsSource } from '../../provisioning/tree/graphSources';

/** The argument object job commands accept when called programmatically. */
export interface JobArgs {
  accountId: string;
  servicePrincipalId: string;
  jobId: string;
  /**
   * The caller has already confirmed the change (programmatic calls only: a tree row or the palette always shows
   * the modal confirmation).
   */
  confirmed?: boolean;
}

export interface ResolvedJob {
  ref: JobRef;
  job: SynchronizationJob;
  /** Called with an argument object (not a tree row, not the palette). */
  programmatic: boolean;
  /** Programmatic and `confirmed: true`. */
  confirmed: boolean;
}

export interface ResolvedApp {
  ref: AppRef;
  programmatic: boolean;
}

export interface TargetDeps {
  model: JobsTreeModel;
  accounts: AccountsSource;
}

export function isJobArgs(value: unknown): value is JobArgs {
  const v = value as Partial<JobArgs> | null;
  return !isNode(value) && typeof v === 'object' && v !== null && typeof v.accountId === 'string' && typeof v.servicePrincipalId === 'string' && typeof v.jobId === 'string';
}

function isAppArgs(value: unknown): value is { accountId: string; servicePrincipalId: string } {
  const v = value as { accountId?: unknown; servicePrincipalId?: unknown } | null;
  return !isNode(value) && typeof v === 'object' && v !== null && typeof v.accountId === 'string' && typeof v.servicePrincipalId === 'string';
}

/**
 * The job a command targets, or undefined when the user dismissed a picker. `allowed` narrows the palette's job
 * list (e.g. only startable jobs for Start); `noneAllowed` is said when nothing qualifies.
 */
export async function resolveJob(
  input: unknown,
  deps: TargetDeps,
  pick: { title: string; allowed?: (p: JobPresentation) => boolean; noneAllowed?: string },
): Promise<ResolvedJob | undefined> {
  if (isNode(input) && input.kind === 'job') return { ref: input.job, job: input.raw, programmatic: false, confirmed: false };
  if (isJobArgs(input)) {
    const known = deps.model.findJob(input.accountId, input.servicePrincipalId, input.jobId);
    const confirmed = input.confirmed === true;
    if (known) return { ...known, programmatic: true, confirmed };
    // Not discovered yet (or another caller's ids): ask Graph, so names in messages are still right.
    const api = syncApi(deps.accounts, input.accountId);
    const [sp, job] = await Promise.all([api.getServicePrincipal(input.servicePrincipalId), api.getJob(input.servicePrincipalId, input.jobId)]);
    const tenant = tenantOf(deps, input.accountId);
    const ref: JobRef = { ...appRefOf(tenant, { servicePrincipal: sp, jobs: [job] }), jobId: job.id, templateId: job.templateId };
    return { ref, job, programmatic: true, confirmed };
  }
  return pickJob(deps, pick);
}

/** An app target (pin, copy ids, open in portal): an app or job row, an argument object, or the pickers. */
export async function resolveApp(input: unknown, deps: TargetDeps, title: string): Promise<(ResolvedApp & { job?: JobRef }) | undefined> {
  if (isNode(input) && input.kind === 'app') return { ref: input.app, programmatic: false };
  if (isNode(input) && input.kind === 'job') return { ref: input.job, job: input.job, programmatic: false };
  if (isJobArgs(input)) {
    const resolved = await resolveJob(input, deps, { title });
    return resolved ? { ref: resolved.ref, job: resolved.ref, programmatic: true } : undefined;
  }
  if (isAppArgs(input)) {
    const known = deps.model.findApp(input.accountId, input.servicePrincipalId);
    if (known) return { ref: known, programmatic: true };
    const sp = await syncApi(deps.accounts, input.accountId).getServicePrincipal(input.servicePrincipalId);
    return { ref: appRefOf(tenantOf(deps, input.accountId), { servicePrincipal: sp, jobs: [] }), programmatic: true };
  }
  const picked = await pickJob(deps, { title });
  return picked ? { ref: picked.ref, job: picked.ref, programmatic: false } : undefined;
}

function tenantOf(deps: TargetDeps, accountId: string): TenantInfo {
  const tenant = deps.model.tenantInfo(accountId);
  if (!tenant) throw new Error(vscode.l10n.t('No signed-in account has the id {0}.', accountId));
  return tenant;
}

// ---- pickers ------------------------------------------------------------------------------------------------------

async function pickJob(
  deps: TargetDeps,
  pick: { title: string; allowed?: (p: JobPresentation) => boolean; noneAllowed?: string },
): Promise<ResolvedJob | undefined> {
  const tenant = await pickTenant(deps, pick.title);
  if (!tenant) return undefined;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for apps with provisioning in {0}…', tenant.label) },
    () => deps.model.ensureDiscovered(tenant.accountId),
  );
  const now = new Date();
  const candidates = deps.model
    .appsOf(tenant.accountId)
    .map(({ app, jobs }) => ({ app, jobs: jobs.map((job) => ({ job, presentation: presentJob(job, now) })).filter((j) => !pick.allowed || pick.allowed(j.presentation)) }))
    .filter((c) => c.jobs.length > 0);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(pick.noneAllowed ?? vscode.l10n.t('No provisioning jobs found in {0}.', tenant.label));
    return undefined;
  }
  const app = await vscode.window.showQuickPick(
    candidates.map((c) => ({
      label: c.app.appName,
      description: c.jobs.length === 1 ? c.jobs[0]!.presentation.description : vscode.l10n.t('{0} jobs', c.jobs.length),
      detail: c.app.appId,
      candidate: c,
    })),
    { title: pick.title, placeHolder: vscode.l10n.t('Pick the app'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!app) return undefined;
  const jobs = app.candidate.jobs;
  const chosen =
    jobs.length === 1
      ? jobs[0]
      : (
          await vscode.window.showQuickPick(
            jobs.map((j) => ({ label: j.job.templateId, description: j.presentation.description, detail: j.job.id, j })),
            { title: pick.title, placeHolder: vscode.l10n.t('Pick the provisioning job') },
          )
        )?.j;
  if (!chosen) return undefined;
  const ref: JobRef = { ...app.candidate.app, jobId: chosen.job.id, templateId: chosen.job.templateId };
  return { ref, job: chosen.job, programmatic: false, confirmed: false };
}

export async function pickTenant(deps: TargetDeps, title: string): Promise<TenantInfo | undefined> {
  const tenants = deps.model.tenantInfos();
  if (tenants.length === 0) {
    const signIn = vscode.l10n.t('Sign In');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Sign in to a tenant first.'), signIn);
    if (answer === signIn) void vscode.commands.executeCommand('entraProvisioning.signIn');
    return undefined;
  }
  if (tenants.length === 1) return tenants[0];
  const picked = await vscode.window.showQuickPick(
    tenants.map((t) => ({ label: t.label, description: t.description, detail: [t.defaultDomain, t.tenantId].filter(Boolean).join(' · '), tenant: t })),
    { title, placeHolder: vscode.l10n.t('Pick the tenant') },
  );
  return picked?.tenant;
}

export function nodeOf(value: unknown): TreeNode | undefined {
  return isNode(value) ? value : undefined;
}
