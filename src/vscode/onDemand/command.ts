// "Provision on Demand…": job → rule → User or Group → the subject (directory search) → for a group up to 5 members →
// run (paced to Graph's 5 requests / 10 s, cancellable) → the result in a webview panel. Every choice can come
// pre-made in the argument object (other extensions, keybindings, integration tests); the pickers fill in the rest.
import * as vscode from 'vscode';
import type { ProvisionOnDemandRequest, SynchronizationJob, SynchronizationSchema, SynchronizationTemplate } from '../../graph/model';
import { onDemandBlocker } from '../../provisioning/onDemand/oauth';
import { PacerCancelledError } from '../../provisioning/onDemand/pacer';
import { MAX_GROUP_MEMBERS, OnDemandRequestError, buildOnDemandRequest, onDemandRules, type OnDemandObjectType, type OnDemandRule } from '../../provisioning/onDemand/request';
import type { OnDemandResult } from '../../provisioning/onDemand/response';
import { runOnDemand } from '../../provisioning/onDemand/run';
import { searchDirectory } from '../../provisioning/onDemand/directorySearch';
import { syncApi } from '../../provisioning/tree/graphSources';
import { describeActionError } from '../../provisioning/tree/loadErrors';
import type { ActionDeps, Outcome } from '../commands/actionRunner';
import { resolveJob, type ResolvedJob, type TargetDeps } from '../commands/targets';
import { pickDirectoryObject, pickGroupMembers } from './directoryPicker';
import { onDemandPanelTitle, showOnDemandResult } from './panel';

/** The argument object: the job, plus any choice already made. */
export interface OnDemandArgs {
  accountId: string;
  servicePrincipalId: string;
  jobId: string;
  ruleId?: string;
  objectType?: OnDemandObjectType;
  /** Entra object id of the user or group. */
  subjectId?: string;
  /** Group only: member user ids to provision with it (≤ 5). */
  memberIds?: string[];
  /** For an OAuth app whose job runs: pause it first (the caller agreed; the UI asks in a modal). */
  pauseIfNeeded?: boolean;
}

export type OnDemandOutcome = Outcome<{ result: OnDemandResult; request: ProvisionOnDemandRequest; panelTitle: string }>;
type Deps = ActionDeps & TargetDeps;

export async function provisionOnDemand(deps: Deps, input: unknown): Promise<OnDemandOutcome> {
  const title = vscode.l10n.t('Provision on Demand');
  const target = await resolveJob(input, deps, { title });
  if (!target) return { status: 'cancelled' };
  const args = target.programmatic ? (input as Partial<OnDemandArgs>) : {};
  const { ref } = target;
  const api = syncApi(deps.accounts, ref.accountId);
  const graph = deps.accounts.graph(ref.accountId);

  const loaded = await withReadProgress(deps, target, vscode.l10n.t('Reading the provisioning job of {0}', ref.appName), async () => {
    const [job, schema, templates] = await Promise.all([
      api.getJob(ref.servicePrincipalId, ref.jobId),
      api.getJobSchema(ref.servicePrincipalId, ref.jobId),
      // Only for the OAuth rule; without them the known Workplace template ids still count.
      api.listTemplates(ref.servicePrincipalId).catch((): SynchronizationTemplate[] => []),
    ]);
    return { job, schema, templates };
  });
  if ('failed' in loaded) return loaded.failed;
  const { job, schema, templates } = loaded.value;

  const rule = await chooseRule(schema, args.ruleId, ref.appName);
  if (!rule) return { status: 'cancelled' };
  if ('notAllowed' in rule) return notAllowed(rule.notAllowed);
  const objectType = await chooseObjectType(rule, args.objectType);
  if (!objectType) return { status: 'cancelled' };

  const stopped = await ensureStoppedForOAuth(deps, target, job, templates, args);
  if (stopped !== true) return stopped;

  let subjectId = args.subjectId;
  let subjectLabel: string;
  let memberIds = args.memberIds;
  if (subjectId) {
    subjectLabel = await labelOf(graph, objectType, subjectId);
  } else {
    const picked = await pickDirectoryObject(
      graph,
      objectType,
      objectType === 'User' ? vscode.l10n.t('Provision a user on demand to {0}', ref.appName) : vscode.l10n.t('Provision a group on demand to {0}', ref.appName),
    );
    if (!picked) return { status: 'cancelled' };
    subjectId = picked.id;
    subjectLabel = picked.secondary ? `${picked.displayName} (${picked.secondary})` : picked.displayName;
    if (objectType === 'Group' && memberIds === undefined) {
      memberIds = await pickGroupMembers(graph, picked, MAX_GROUP_MEMBERS);
      if (memberIds === undefined) return { status: 'cancelled' };
    }
  }

  let request: ProvisionOnDemandRequest;
  try {
    request = buildOnDemandRequest({ ruleId: rule.id, objectType, objectId: subjectId, ...(memberIds ? { memberIds } : {}) });
  } catch (error) {
    if (error instanceof OnDemandRequestError) return notAllowed(error.message);
    throw error;
  }

  const run = await runWithProgress(deps, target, subjectLabel, request);
  if (run.status !== 'done') return run;
  const context = { appName: ref.appName, tenantLabel: ref.tenantLabel, subjectLabel, objectType, ruleName: rule.name };
  showOnDemandResult(run.result, context);
  const say = run.result.result === 'Success' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void say(run.result.summary);
  return { status: 'done', result: run.result, request, panelTitle: onDemandPanelTitle(context) };
}

async function chooseRule(schema: SynchronizationSchema, given: string | undefined, appName: string): Promise<OnDemandRule | { notAllowed: string } | undefined> {
  const rules = onDemandRules(schema);
  if (given) {
    // An id the schema does not list (versioned ids like `…#V2`) still goes to Graph, which has the last word.
    return rules.find((r) => r.id.toLowerCase() === given.toLowerCase()) ?? { id: given, name: given, supportsOnDemand: false, objectTypes: ['User', 'Group'] };
  }
  if (rules.length === 0) return { notAllowed: vscode.l10n.t('The schema of {0} has no synchronization rule with a User or Group mapping to provision on demand.', appName) };
  if (rules.length === 1) return rules[0];
  const picked = await vscode.window.showQuickPick(
    rules.map((r) => ({ label: r.name, description: r.objectTypes.join(', '), detail: r.supportsOnDemand ? r.id : vscode.l10n.t('{0} · not marked as supporting on demand', r.id), rule: r })),
    { title: vscode.l10n.t('Provision on Demand'), placeHolder: vscode.l10n.t('Pick the synchronization rule') },
  );
  return picked?.rule;
}

async function chooseObjectType(rule: OnDemandRule, given: OnDemandObjectType | undefined): Promise<OnDemandObjectType | undefined> {
  if (given === 'User' || given === 'Group') return given;
  if (rule.objectTypes.length === 1) return rule.objectTypes[0];
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('User'), detail: vscode.l10n.t('One user'), type: 'User' as const },
      { label: vscode.l10n.t('Group'), detail: vscode.l10n.t('One group, with up to {0} of its members', MAX_GROUP_MEMBERS), type: 'Group' as const },
    ].filter((item) => rule.objectTypes.includes(item.type)),
    { title: vscode.l10n.t('Provision on Demand'), placeHolder: vscode.l10n.t('What to provision') },
  );
  return picked?.type;
}

/** OAuth apps (Workplace, Slack …): the job must be stopped first. Explains and offers to pause; true when clear. */
async function ensureStoppedForOAuth(
  deps: Deps,
  target: ResolvedJob,
  job: SynchronizationJob,
  templates: SynchronizationTemplate[],
  args: Partial<OnDemandArgs>,
): Promise<true | OnDemandOutcome> {
  const blocker = onDemandBlocker(job, templates.find((t) => t.id.toLowerCase() === job.templateId.toLowerCase())?.metadata);
  if (!blocker) return true;
  const { ref } = target;
  if (target.programmatic && args.pauseIfNeeded !== true) return notAllowed(`${ref.appName}: ${blocker.message}`);
  if (!target.programmatic) {
    const pause = vscode.l10n.t('Pause Job and Continue');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Pause provisioning for “{0}” first?', ref.appName),
      { modal: true, detail: `${vscode.l10n.t('Tenant: {0}', ref.tenantLabel)}\n\n${blocker.message}` },
      pause,
    );
    if (answer !== pause) return { status: 'cancelled' };
  }
  const paused = await withReadProgress(deps, target, vscode.l10n.t('Pausing provisioning for {0}', ref.appName), async () => {
    const api = syncApi(deps.accounts, ref.accountId);
    await api.pauseJob(ref.servicePrincipalId, ref.jobId);
    deps.model.updateJob(ref, await api.getJob(ref.servicePrincipalId, ref.jobId));
  });
  if ('failed' in paused) return paused.failed;
  void vscode.window.showInformationMessage(vscode.l10n.t('Provisioning for {0} paused for on-demand provisioning. Start it again when you are done.', ref.appName));
  return true;
}

async function runWithProgress(
  deps: Deps,
  target: ResolvedJob,
  subjectLabel: string,
  request: ProvisionOnDemandRequest,
): Promise<{ status: 'done'; result: OnDemandResult } | OnDemandOutcome> {
  const { ref } = target;
  const what = vscode.l10n.t('Provisioning {0} on demand to {1}', subjectLabel, ref.appName);
  const controller = new AbortController();
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${what}…`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return runOnDemand(syncApi(deps.accounts, ref.accountId), ref, request, {
          signal: controller.signal,
          onWait: (ms) => progress.report({ message: vscode.l10n.t('waiting {0} s: Graph allows 5 on-demand requests per 10 seconds', Math.ceil(ms / 1000)) }),
        });
      },
    );
    return { status: 'done', result };
  } catch (error) {
    if (error instanceof PacerCancelledError || controller.signal.aborted) return { status: 'cancelled' };
    return failed(deps, target, error, vscode.l10n.t('{0} failed', what));
  }
}

async function withReadProgress<T>(deps: Deps, target: ResolvedJob, what: string, task: () => Promise<T>): Promise<{ value: T } | { failed: OnDemandOutcome }> {
  try {
    return { value: await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${what}…` }, task) };
  } catch (error) {
    return { failed: failed(deps, target, error, vscode.l10n.t('{0} failed', what)) };
  }
}

function failed(deps: Deps, target: ResolvedJob, error: unknown, what: string): OnDemandOutcome {
  const tenant = deps.model.tenantInfo(target.ref.accountId);
  const message = describeActionError(error, what, tenant ? { kind: tenant.accountKind, clientId: tenant.clientId } : {});
  deps.logger.error(message);
  void vscode.window.showErrorMessage(message);
  return { status: 'failed', message };
}

function notAllowed(message: string): OnDemandOutcome {
  void vscode.window.showWarningMessage(message);
  return { status: 'notAllowed', message };
}

/** "Name (upn)" for a subject given by id; the id itself when the lookup fails (the run still goes ahead). */
async function labelOf(graph: ReturnType<Deps['accounts']['graph']>, kind: OnDemandObjectType, id: string): Promise<string> {
  try {
    const [entry] = await searchDirectory(graph, kind, id);
    if (entry) return entry.secondary ? `${entry.displayName} (${entry.secondary})` : entry.displayName;
  } catch {
    // A missing User.Read.All is not a reason to stop: Graph's own answer tells whether the object exists.
  }
  return id;
}
