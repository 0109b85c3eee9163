// "Resume Migration…" and "Roll Back Migration…": the journals in globalStorageUri/migrations listed with their
// tenant, app, job, templates, the step they stopped at and when; the chosen one resumed or rolled back with the same
// confirmation, token box and progress as the migration itself. Both are idempotent in the core: running them twice
// does no harm. Also the notice after a restart when a migration did not finish (closed window, killed host).
import * as vscode from 'vscode';
import { loadPlan, needsToken, resumeMigration } from '../../migration/apply';
import { APPLY_STEPS, MigrationJournal, ROLLBACK_STEPS, STEP_LABELS, type MigrationStatus, type StepRecord } from '../../migration/journal';
import { canRollBack, rollbackMigration } from '../../migration/rollback';
import type { MigrationStorage } from '../../migration/storage';
import { tenantLabel } from '../../provisioning/tenantName';
import { syncApi } from '../../provisioning/tree/graphSources';
import type { AppRef, TenantInfo } from '../../provisioning/tree/nodes';
import { confirmChange } from '../commands/actionRunner';
import { MIGRATION_COMMANDS, askStart, askToken, runJournaled, type MigrationCommandOutcome, type MigrationDeps } from './run';
import { listMigrationFolders, migrationStorage } from './storage';

/** Arguments for programmatic calls. `confirmed: true` stands for the modal confirmation. */
export interface JournalArgs {
  /** The migration's folder (what the migrate command returned as `folder`). */
  folder?: string;
  /** The signed-in account to use (default: the one signed in to the journal's tenant). */
  accountId?: string;
  /** The SCIM token (resume: for the new job when its credentials are still to be set; rollback: for the restored job). */
  secretToken?: string;
  confirmed?: boolean;
  /** Resume: start the new job when the old one was running (default no). */
  startNewJob?: boolean;
  /** Roll back: start the restored job when the old one was running (default no). */
  startOldJob?: boolean;
}

interface JournalItem {
  folder: string;
  storage: MigrationStorage;
  journal: MigrationJournal;
}

const UNFINISHED: readonly MigrationStatus[] = ['applying', 'failed', 'rollingBack', 'rollbackFailed'];

export async function resumeMigrationCommand(deps: MigrationDeps, input: unknown): Promise<MigrationCommandOutcome> {
  const args = journalArgs(input);
  const item = await chooseJournal(deps, args, 'resume');
  if ('status' in item) return item;
  const { journal, storage, folder } = item;
  const data = journal.data;
  if (data.status === 'completed') return notAllowed(vscode.l10n.t('The migration of {0} already finished; there is nothing to resume.', data.appDisplayName));
  if (data.status !== 'applying' && data.status !== 'failed') {
    return notAllowed(vscode.l10n.t('The migration of {0} was rolled back (or its rollback is unfinished): it cannot be resumed. Use “Roll Back Migration…” or plan a new migration.', data.appDisplayName));
  }
  const tenant = await accountFor(deps, data.tenantId, args);
  if (!tenant) return { status: 'cancelled' };
  const app = await appRefOf(storage, journal, tenant);
  const confirmed = await confirmChange(
    { programmatic: args !== undefined, confirmed: args?.confirmed === true },
    app,
    vscode.l10n.t('Resume the migration of “{0}” in tenant {1} from {2} to {3}?', data.appDisplayName, app.tenantLabel, data.oldTemplateId, data.targetTemplateId),
    [stoppedAt(journal), data.backup ? vscode.l10n.t('Backup: {0}', data.backup.location) : undefined, vscode.l10n.t('Steps already done are checked against Graph and not repeated.')],
    vscode.l10n.t('Resume'),
  );
  if (!confirmed) return { status: 'cancelled' };
  let token: string | undefined;
  if (needsToken(journal)) {
    token = args
      ? args.secretToken
      : await askToken(
          vscode.l10n.t('Secret token for the new {0} job of {1}', data.targetTemplateId, data.appDisplayName),
          vscode.l10n.t('The new job’s credentials are not set yet. The token is sent to Microsoft Graph only; never stored.'),
          true,
        );
    if (!token) return args ? notAllowed(vscode.l10n.t('The SCIM token for the new job is needed (secretToken); the migration stays where it stopped.')) : { status: 'cancelled' };
  }
  const api = syncApi(deps.accounts, tenant.accountId);
  const remaining = data.steps.filter((s) => !journal.finished(s)).length || 1;
  const outcome = await runJournaled(deps, {
    title: vscode.l10n.t('Resuming the migration of {0}: {1} → {2}', data.appDisplayName, data.oldTemplateId, data.targetTemplateId),
    folder,
    storage,
    api,
    app: { accountId: tenant.accountId, servicePrincipalId: data.spId },
    steps: remaining,
    token,
    confirmStart: async (jobId) =>
      args ? args.startNewJob === true : askStart(vscode.l10n.t('The old {0} job was running. Start the new job {1} now?', data.oldTemplateId, jobId), vscode.l10n.t('If you do not, start it later from the Provisioning Jobs view.')),
    run: (host) => resumeMigration(api, storage, host),
  });
  if (outcome.status === 'done') {
    const message = vscode.l10n.t('The migration of {0} finished: it now runs on {1} (job {2}). Backup: {3}', data.appDisplayName, data.targetTemplateId, outcome.newJobId ?? '', outcome.backup ?? '');
    deps.logger.info(message);
    void vscode.window.showInformationMessage(message);
  }
  return outcome;
}

export async function rollbackMigrationCommand(deps: MigrationDeps, input: unknown): Promise<MigrationCommandOutcome> {
  const args = journalArgs(input);
  const item = await chooseJournal(deps, args, 'rollback');
  if ('status' in item) return item;
  const { journal, storage, folder } = item;
  const data = journal.data;
  if (!canRollBack(journal)) return notAllowed(vscode.l10n.t('The migration of {0} was already rolled back.', data.appDisplayName));
  const tenant = await accountFor(deps, data.tenantId, args);
  if (!tenant) return { status: 'cancelled' };
  const app = await appRefOf(storage, journal, tenant);
  const oldDeleted = journal.touched(journal.step('deleteOld'));
  const confirmed = await confirmChange(
    { programmatic: args !== undefined, confirmed: args?.confirmed === true },
    app,
    vscode.l10n.t('Roll back the migration of “{0}” in tenant {1} ({2} → {3})?', data.appDisplayName, app.tenantLabel, data.oldTemplateId, data.targetTemplateId),
    [
      stoppedAt(journal),
      data.newJobId ? vscode.l10n.t('The new {0} job {1} is deleted.', data.targetTemplateId, data.newJobId) : vscode.l10n.t('A {0} job the migration created, if any, is deleted.', data.targetTemplateId),
      oldDeleted
        ? vscode.l10n.t('A {0} job is recreated with the backed-up schema and settings from {1}.', data.oldTemplateId, data.backup?.location ?? '')
        : vscode.l10n.t('The old job {0} was not deleted; its schema is checked against the backup.', data.oldJobId),
      oldDeleted ? vscode.l10n.t('Its SCIM token is not in the backup: you can enter it next.') : undefined,
    ],
    vscode.l10n.t('Roll Back'),
  );
  if (!confirmed) return { status: 'cancelled' };
  let token: string | undefined;
  if (oldDeleted && !journal.finished(journal.rollbackStep('putOldSecrets'))) {
    token = args
      ? args.secretToken
      : await askToken(
          vscode.l10n.t('Secret token for the restored {0} job of {1}', data.oldTemplateId, data.appDisplayName),
          vscode.l10n.t('Leave empty to enter it later with “Set Provisioning Credentials”. Sent to Microsoft Graph only; never stored.'),
          false,
        );
    if (token === undefined && !args) return { status: 'cancelled' };
  }
  const api = syncApi(deps.accounts, tenant.accountId);
  const outcome = await runJournaled(deps, {
    title: vscode.l10n.t('Rolling back the migration of {0}', data.appDisplayName),
    folder,
    storage,
    api,
    app: { accountId: tenant.accountId, servicePrincipalId: data.spId },
    steps: ROLLBACK_STEPS.length,
    token: token || undefined,
    confirmStart: async (jobId) =>
      args ? args.startOldJob === true : askStart(vscode.l10n.t('The {0} job was running before the migration. Start the restored job {1} now?', data.oldTemplateId, jobId), vscode.l10n.t('If you do not, start it later from the Provisioning Jobs view.')),
    run: (host) => rollbackMigration(api, storage, host),
  });
  if (outcome.status === 'done') {
    const restored = outcome.recreatedJobId ?? data.oldJobId;
    const message = [
      vscode.l10n.t('Rolled back: {0} has its {1} job {2} with the backed-up schema and settings.', data.appDisplayName, data.oldTemplateId, restored),
      oldDeleted && !token ? vscode.l10n.t('Enter its SCIM token with “Set Provisioning Credentials”.') : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    deps.logger.info(message);
    void vscode.window.showInformationMessage(message);
  }
  return outcome;
}

/** After start-up: a migration that did not finish (window closed, host killed, an error) is offered for resuming. */
export async function notifyUnfinished(deps: MigrationDeps): Promise<void> {
  const unfinished = (await listJournals(deps)).filter((item) => UNFINISHED.includes(item.journal.data.status));
  if (unfinished.length === 0) return;
  const first = unfinished[0]!.journal;
  const message =
    unfinished.length === 1
      ? vscode.l10n.t(
          'The migration of {0} ({1} → {2}) did not finish. {3} A resume is possible, or a rollback.',
          first.data.appDisplayName,
          first.data.oldTemplateId,
          first.data.targetTemplateId,
          stoppedAt(first),
        )
      : vscode.l10n.t('{0} provisioning job migrations did not finish. A resume is possible, or a rollback.', unfinished.length);
  const rollingBack = unfinished.length === 1 && (first.data.status === 'rollingBack' || first.data.status === 'rollbackFailed');
  const resume = vscode.l10n.t('Resume Migration…');
  const rollback = vscode.l10n.t('Roll Back Migration…');
  const answer = await vscode.window.showWarningMessage(message, ...(rollingBack ? [rollback] : [resume, rollback]));
  if (answer === resume) await vscode.commands.executeCommand(MIGRATION_COMMANDS.resume);
  if (answer === rollback) await vscode.commands.executeCommand(MIGRATION_COMMANDS.rollback);
}

// ---- choosing a journal -----------------------------------------------------------------------------------------------

function journalArgs(input: unknown): JournalArgs | undefined {
  return typeof input === 'object' && input !== null && !(input instanceof vscode.Uri) ? (input as JournalArgs) : undefined;
}

async function listJournals(deps: MigrationDeps): Promise<JournalItem[]> {
  const items: JournalItem[] = [];
  for (const folder of await listMigrationFolders(deps.storageRoot)) {
    const storage = migrationStorage(deps.storageRoot, folder);
    try {
      items.push({ folder, storage, journal: await MigrationJournal.load(storage) });
    } catch (error) {
      deps.logger.warn(`Skipping the migration folder ${folder}: ${(error as Error).message}`);
    }
  }
  return items.sort((a, b) => b.journal.data.updatedAt.localeCompare(a.journal.data.updatedAt));
}

async function chooseJournal(deps: MigrationDeps, args: JournalArgs | undefined, mode: 'resume' | 'rollback'): Promise<JournalItem | MigrationCommandOutcome> {
  if (args?.folder) {
    if (!/^[\w.-]+$/.test(args.folder)) return notAllowed(vscode.l10n.t('“{0}” is not a migration folder name.', args.folder));
    const storage = migrationStorage(deps.storageRoot, args.folder);
    try {
      return { folder: args.folder, storage, journal: await MigrationJournal.load(storage) };
    } catch (error) {
      return notAllowed((error as Error).message);
    }
  }
  const candidates = (await listJournals(deps)).filter((item) =>
    mode === 'resume' ? item.journal.data.status === 'applying' || item.journal.data.status === 'failed' : canRollBack(item.journal),
  );
  if (candidates.length === 0) {
    return notAllowed(mode === 'resume' ? vscode.l10n.t('No unfinished migration to resume.') : vscode.l10n.t('No migration to roll back.'));
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((item) => {
      const data = item.journal.data;
      return {
        label: `${data.appDisplayName}: ${data.oldTemplateId} → ${data.targetTemplateId}`,
        description: `${statusText(data.status)} · ${new Date(data.updatedAt).toLocaleString()}`,
        detail: `${stoppedAt(item.journal)} ${vscode.l10n.t('Tenant {0} · job {1}', data.tenantId ?? '?', data.oldJobId)}`,
        item,
      };
    }),
    {
      title: mode === 'resume' ? vscode.l10n.t('Resume Migration') : vscode.l10n.t('Roll Back Migration'),
      placeHolder: mode === 'resume' ? vscode.l10n.t('Pick the unfinished migration to resume') : vscode.l10n.t('Pick the migration to roll back'),
      matchOnDetail: true,
    },
  );
  return picked ? picked.item : { status: 'cancelled' };
}

/** The account to use: the one given, else the one signed in to the journal's tenant (asking when several are). */
async function accountFor(deps: MigrationDeps, tenantId: string | null, args: JournalArgs | undefined): Promise<TenantInfo | undefined> {
  const tenants = deps.model.tenantInfos();
  if (args?.accountId) {
    const given = tenants.find((t) => t.accountId === args.accountId);
    if (!given) void vscode.window.showErrorMessage(vscode.l10n.t('No signed-in account has the id {0}.', args.accountId));
    return given;
  }
  const matching = tenants.filter((t) => !tenantId || t.tenantId === tenantId);
  if (matching.length === 1) return matching[0];
  if (matching.length === 0) {
    const signIn = vscode.l10n.t('Sign In');
    const answer = await vscode.window.showErrorMessage(vscode.l10n.t('Sign in to the tenant {0} first: the migration belongs to it.', tenantId ?? '?'), signIn);
    if (answer === signIn) void vscode.commands.executeCommand('entraProvisioning.signIn');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    matching.map((t) => ({ label: t.label, description: t.description, t })),
    { title: vscode.l10n.t('Which account?'), placeHolder: vscode.l10n.t('Pick the account to continue with') },
  );
  return picked?.t;
}

async function appRefOf(storage: MigrationStorage, journal: MigrationJournal, tenant: TenantInfo): Promise<AppRef> {
  const appId = await loadPlan(storage).then((plan) => plan.servicePrincipal.appId, () => '');
  return {
    accountId: tenant.accountId,
    tenantId: tenant.tenantId,
    tenantLabel: tenantLabel(tenant),
    servicePrincipalId: journal.data.spId,
    appId,
    appName: journal.data.appDisplayName,
  };
}

/** "Stopped at: <step> (<error>)": the last step that ran, from the apply or the rollback list. */
export function stoppedAt(journal: MigrationJournal): string {
  const data = journal.data;
  const rolling = data.status === 'rollingBack' || data.status === 'rollbackFailed' || data.status === 'rolledBack';
  const steps: StepRecord[] = rolling ? data.rollbackSteps : data.steps;
  const last = [...steps].reverse().find((s) => s.state !== 'pending');
  if (!last) return vscode.l10n.t('No step ran yet.');
  const label = STEP_LABELS[last.name as (typeof APPLY_STEPS)[number]] ?? last.name;
  const state = last.state === 'done' || last.state === 'skipped' ? vscode.l10n.t('Last step done') : last.state === 'failed' ? vscode.l10n.t('Failed at') : vscode.l10n.t('Stopped during');
  return `${state}: ${label}${last.error ? ` (${last.error})` : ''}.`;
}

function statusText(status: MigrationStatus): string {
  switch (status) {
    case 'applying':
      return vscode.l10n.t('interrupted');
    case 'failed':
      return vscode.l10n.t('stopped by an error');
    case 'completed':
      return vscode.l10n.t('completed');
    case 'rollingBack':
      return vscode.l10n.t('rollback interrupted');
    case 'rollbackFailed':
      return vscode.l10n.t('rollback stopped by an error');
    case 'rolledBack':
      return vscode.l10n.t('rolled back');
  }
}

function notAllowed(message: string): MigrationCommandOutcome {
  void vscode.window.showInformationMessage(message);
  return { status: 'notAllowed', message };
}
