// Start, pause and restart a provisioning job. Start is offered only when the job is paused, stopped or quarantined
// (the docs warn against starting a running job); restart asks which reset scope, explaining each, and confirms in
// a modal naming the tenant and the app.
import * as vscode from 'vscode';
import type { SynchronizationJob, SynchronizationJobRestartScope } from '../../graph/model';
import { RESTART_SCOPE_CHOICES, presentJob, type RestartScopeChoice } from '../../provisioning/jobPresentation';
import { confirmChange, runGraphAction, type ActionDeps, type Outcome } from './actionRunner';
import { resolveJob, type JobArgs, type ResolvedJob, type TargetDeps } from './targets';
import { syncApi } from '../../provisioning/tree/graphSources';

export interface RestartArgs extends JobArgs {
  /** Flags to reset (`[]` = the portal's Restart), or one of RESTART_SCOPE_CHOICES by id. */
  resetScope?: SynchronizationJobRestartScope[] | RestartScopeChoice['id'];
}

type JobOutcome = Outcome<{ job: SynchronizationJob }>;
type Deps = ActionDeps & TargetDeps;

export async function startJob(deps: Deps, input: unknown): Promise<JobOutcome> {
  const target = await resolveJob(input, deps, {
    title: vscode.l10n.t('Start Provisioning Job'),
    allowed: (p) => p.actions.start,
    noneAllowed: vscode.l10n.t('No provisioning job is paused, stopped or quarantined: there is nothing to start.'),
  });
  if (!target) return { status: 'cancelled' };
  if (!presentJob(target.job, new Date()).actions.start) {
    return notAllowed(vscode.l10n.t('{0} is already running; starting a running job is not recommended (pause it first).', target.ref.appName));
  }
  return control(deps, target, vscode.l10n.t('Starting provisioning for {0}', target.ref.appName), (api) => api.startJob(target.ref.servicePrincipalId, target.ref.jobId), vscode.l10n.t('Provisioning for {0} started.', target.ref.appName));
}

export async function pauseJob(deps: Deps, input: unknown): Promise<JobOutcome> {
  const target = await resolveJob(input, deps, {
    title: vscode.l10n.t('Pause Provisioning Job'),
    allowed: (p) => p.actions.pause,
    noneAllowed: vscode.l10n.t('No provisioning job is running: there is nothing to pause.'),
  });
  if (!target) return { status: 'cancelled' };
  if (!presentJob(target.job, new Date()).actions.pause) {
    return notAllowed(vscode.l10n.t('{0} is not running, so it cannot be paused.', target.ref.appName));
  }
  return control(deps, target, vscode.l10n.t('Pausing provisioning for {0}', target.ref.appName), (api) => api.pauseJob(target.ref.servicePrincipalId, target.ref.jobId), vscode.l10n.t('Provisioning for {0} paused. Start resumes where it stopped.', target.ref.appName));
}

export async function restartJob(deps: Deps, input: unknown): Promise<JobOutcome> {
  const target = await resolveJob(input, deps, { title: vscode.l10n.t('Restart Provisioning Job'), allowed: (p) => p.actions.restart });
  if (!target) return { status: 'cancelled' };
  const choice = await restartChoice(input as RestartArgs | undefined, target);
  if (!choice) return { status: 'cancelled' };
  const confirmed = await confirmChange(
    target,
    target.ref,
    vscode.l10n.t('Restart provisioning for “{0}” in tenant {1}?', target.ref.appName, target.ref.tenantLabel),
    [vscode.l10n.t('Reset scope: {0}', choice.label), choice.detail, choice.destructive ? vscode.l10n.t('This cannot be undone.') : undefined],
    vscode.l10n.t('Restart'),
  );
  if (!confirmed) return { status: 'cancelled' };
  return control(
    deps,
    target,
    vscode.l10n.t('Restarting provisioning for {0}', target.ref.appName),
    (api) => api.restartJob(target.ref.servicePrincipalId, target.ref.jobId, choice.scopes),
    vscode.l10n.t('Provisioning for {0} restarted ({1}).', target.ref.appName, choice.label),
  );
}

/** The scope from the argument, else a picker that explains each scope. */
async function restartChoice(args: RestartArgs | undefined, target: ResolvedJob): Promise<Pick<RestartScopeChoice, 'scopes' | 'label' | 'detail' | 'destructive'> | undefined> {
  const given = target.programmatic ? args?.resetScope : undefined;
  if (typeof given === 'string') return RESTART_SCOPE_CHOICES.find((c) => c.id === given);
  if (Array.isArray(given)) {
    const known = RESTART_SCOPE_CHOICES.find((c) => c.scopes?.length === given.length && c.scopes.every((s) => given.includes(s)));
    if (given.length === 0) return RESTART_SCOPE_CHOICES.find((c) => c.scopes === undefined);
    return known ?? { scopes: given, label: given.join(', '), detail: '', destructive: given.includes('Full') || given.includes('ForceDeletes') || given.includes('ConnectorDataStore') };
  }
  const picked = await vscode.window.showQuickPick(
    RESTART_SCOPE_CHOICES.map((choice) => ({ label: choice.label, detail: choice.detail, description: choice.destructive ? vscode.l10n.t('destructive') : undefined, choice })),
    { title: vscode.l10n.t('Restart {0}: what to reset', target.ref.appName), placeHolder: vscode.l10n.t('Pick the reset scope'), matchOnDetail: true },
  );
  return picked?.choice;
}

async function control(
  deps: Deps,
  target: ResolvedJob,
  what: string,
  call: (api: ReturnType<typeof syncApi>) => Promise<void>,
  done: string,
): Promise<JobOutcome> {
  const outcome = await runGraphAction(deps, target.ref, what, async () => {
    const api = syncApi(deps.accounts, target.ref.accountId);
    await call(api);
    // Graph answers 204; read the job back so the tree shows its new state at once.
    const job = await api.getJob(target.ref.servicePrincipalId, target.ref.jobId);
    deps.model.updateJob(target.ref, job);
    return { job };
  });
  if (outcome.status === 'done') void vscode.window.showInformationMessage(done);
  return outcome;
}

function notAllowed(message: string): JobOutcome {
  void vscode.window.showInformationMessage(message);
  return { status: 'notAllowed', message };
}
