// Running a migration, a resume or a rollback in VS Code: a cancellable notification progress that reports each
// journaled step, the jobs tree refreshed afterwards, and — after any interruption (an error, Cancel) — a message that
// says what state things are in and offers Resume / Roll Back. The core decides everything; this only shows it.
import * as vscode from 'vscode';
import { GraphError } from '../../graph/errors';
import type { SynchronizationApi } from '../../graph/synchronization';
import type { Logger } from '../../logging/logger';
import type { MigrationHost, MigrationOutcome, StepEvent } from '../../migration/apply';
import { MigrationError, describeError } from '../../migration/errors';
import { MigrationJournal, type MigrationStatus } from '../../migration/journal';
import { rollbackMigration } from '../../migration/rollback';
import type { MigrationStorage } from '../../migration/storage';
import type { JobsTreeModel } from '../../provisioning/tree/jobsTreeModel';
import { describeActionError } from '../../provisioning/tree/loadErrors';
import type { AccountsSource } from '../../provisioning/tree/graphSources';
import type { PlanDocuments } from './planDocument';

export const MIGRATION_COMMANDS = {
  migrate: 'entraProvisioning.migrateJob',
  apply: 'entraProvisioning.applyMigrationPlan',
  schemaDiff: 'entraProvisioning.showMigrationSchemaDiff',
  resume: 'entraProvisioning.resumeMigration',
  rollback: 'entraProvisioning.rollbackMigration',
} as const;

export interface MigrationDeps {
  model: JobsTreeModel;
  accounts: AccountsSource;
  logger: Logger;
  /** `<globalStorageUri>/migrations`: one folder per migration (journal, plan, backup). */
  storageRoot: vscode.Uri;
  documents: PlanDocuments;
}

/** What the migration commands return (to other extensions and tests); never a secret. */
export type MigrationCommandOutcome =
  | {
      status: 'done';
      /** The migration's folder under globalStorageUri/migrations: the handle Resume and Roll Back take. */
      folder: string;
      journalStatus: MigrationStatus;
      journal: string;
      backup: string | null;
      newJobId: string | null;
      recreatedJobId: string | null;
    }
  | { status: 'cancelled'; message?: string }
  | { status: 'notAllowed'; message: string; code?: string }
  | { status: 'failed'; message: string; code?: string; folder?: string; resumable: boolean };

export interface JournaledRun {
  title: string;
  folder: string;
  storage: MigrationStorage;
  api: SynchronizationApi;
  app: { accountId: string; servicePrincipalId: string };
  /** Steps the progress bar is divided into. */
  steps: number;
  token: string | undefined;
  confirmStart: (jobId: string) => Promise<boolean>;
  run: (host: MigrationHost) => Promise<MigrationOutcome>;
}

export async function runJournaled(deps: MigrationDeps, job: JournaledRun): Promise<MigrationCommandOutcome> {
  const controller = new AbortController();
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: job.title, cancellable: true },
      async (progress, cancellation) => {
        const listener = cancellation.onCancellationRequested(() => controller.abort());
        try {
          const host: MigrationHost = {
            secretToken: async () => job.token,
            confirmStart: job.confirmStart,
            signal: controller.signal,
            onStep: (event: StepEvent) => {
              if (event.state === 'started') {
                progress.report({ message: `${event.label}…` });
                return;
              }
              deps.logger.info(`Migration ${job.folder}: ${event.label}: ${event.state}${event.note ? ` (${event.note})` : ''}`);
              progress.report({ increment: 100 / job.steps, message: event.state === 'failed' ? vscode.l10n.t('{0}: failed', event.label) : event.label });
            },
          };
          return await job.run(host);
        } finally {
          listener.dispose();
        }
      },
    );
    await refreshApp(deps, job.app);
    const data = outcome.journal.data;
    return {
      status: 'done',
      folder: job.folder,
      journalStatus: data.status,
      journal: outcome.journal.location,
      backup: data.backup?.location ?? null,
      newJobId: data.newJobId,
      recreatedJobId: data.recreatedJobId,
    };
  } catch (error) {
    await refreshApp(deps, job.app);
    return reportInterruption(deps, job, error, controller.signal.aborted);
  }
}

async function refreshApp(deps: MigrationDeps, app: { accountId: string; servicePrincipalId: string }): Promise<void> {
  try {
    await deps.model.reloadApp(app);
  } catch (error) {
    deps.logger.warn(`Could not refresh the jobs of ${app.servicePrincipalId}: ${describeError(error)}`);
  }
}

/**
 * After a failure or a cancel: what the journal says decides the message. Nothing changed yet (no backup recorded) →
 * the journal is closed so it is not offered for resuming; a rollback that stopped → roll back again; otherwise a
 * resume finishes the migration (or a rollback undoes it).
 */
async function reportInterruption(deps: MigrationDeps, job: JournaledRun, error: unknown, cancelled: boolean): Promise<MigrationCommandOutcome> {
  const reason = errorText(deps, job.app.accountId, error);
  const code = error instanceof MigrationError ? error.code : undefined;
  let journal: MigrationJournal | undefined;
  try {
    journal = await MigrationJournal.load(job.storage);
  } catch {
    journal = undefined;
  }
  const prefix = cancelled ? vscode.l10n.t('Cancelled.') : '';
  if (!journal) {
    const message = [prefix, reason].filter(Boolean).join(' ');
    deps.logger.error(message);
    void vscode.window.showErrorMessage(message);
    return { status: cancelled ? 'cancelled' : 'failed', message, ...(code ? { code } : {}), resumable: false } as MigrationCommandOutcome;
  }
  const status = journal.data.status;
  if ((status === 'applying' || status === 'failed') && !journal.data.backup) {
    // Stopped before the backup was written: Graph was not changed. Close the journal (the core's rollback does no
    // Graph call in that case) so it is not listed as unfinished.
    await rollbackMigration(job.api, job.storage, { secretToken: async () => undefined, confirmStart: async () => false }).catch(() => undefined);
    const message = [prefix, reason, vscode.l10n.t('Nothing was changed.')].filter(Boolean).join(' ');
    deps.logger.error(message);
    void vscode.window.showErrorMessage(message);
    return { status: cancelled ? 'cancelled' : 'failed', message, ...(code ? { code } : {}), folder: job.folder, resumable: false } as MigrationCommandOutcome;
  }
  const rollingBack = status === 'rollingBack' || status === 'rollbackFailed';
  const resume = vscode.l10n.t('Resume Migration');
  const rollback = vscode.l10n.t('Roll Back Migration');
  const next = rollingBack
    ? vscode.l10n.t('The journal records where it stopped: run “Roll Back Migration…” again to finish the rollback.')
    : vscode.l10n.t('The journal records where it stopped: a resume is possible (“Resume Migration…” finishes it), or “Roll Back Migration…” undoes it.');
  const message = [prefix, reason, next].filter(Boolean).join(' ');
  deps.logger.error(`Migration ${job.folder} interrupted: ${message}`);
  void vscode.window.showErrorMessage(message, ...(rollingBack ? [rollback] : [resume, rollback])).then((answer) => {
    if (answer === resume) void vscode.commands.executeCommand(MIGRATION_COMMANDS.resume, { folder: job.folder });
    if (answer === rollback) void vscode.commands.executeCommand(MIGRATION_COMMANDS.rollback, { folder: job.folder });
  });
  return { status: 'failed', message, ...(code ? { code } : {}), folder: job.folder, resumable: !rollingBack };
}

/** One sentence for a failure: the core's own words for migration errors, the jobs view's for Graph and sign-in. */
export function errorText(deps: Pick<MigrationDeps, 'model'>, accountId: string, error: unknown): string {
  if (error instanceof MigrationError) return error.message;
  const tenant = deps.model.tenantInfo(accountId);
  if (error instanceof GraphError || !(error instanceof Error)) {
    return describeActionError(error, vscode.l10n.t('The migration stopped'), tenant ? { kind: tenant.accountKind, clientId: tenant.clientId } : {});
  }
  return vscode.l10n.t('The migration stopped: {0}', error.message);
}

/** The password box for a SCIM token: typed, sent to Graph, never stored or logged. */
export async function askToken(title: string, prompt: string, required: boolean): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (required && !value.trim() ? vscode.l10n.t('The token is needed to set the new job’s credentials.') : undefined),
  });
}

/** Asks before a job is started at the end (modal: the step waits for the answer). */
export async function askStart(question: string, detail: string): Promise<boolean> {
  const start = vscode.l10n.t('Start');
  return (await vscode.window.showWarningMessage(question, { modal: true, detail }, start)) === start;
}
