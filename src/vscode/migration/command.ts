// "Migrate Job to Another Template…": pick the job and the target template (the Workplace SCIM 1.0 → 2.0 upgrade
// first when it applies), make the plan (no writes) with a cancellable progress, show it as a read-only document
// with a schema diff beside it, confirm in a modal naming tenant, app and both templates, ask for the SCIM token
// (a password box; never stored), then run the journaled migration with progress. The core (src/migration) decides
// everything; this file asks and shows.
import * as vscode from 'vscode';
import { GraphError } from '../../graph/errors';
import { startMigration } from '../../migration/apply';
import { MigrationError } from '../../migration/errors';
import { APPLY_STEPS } from '../../migration/journal';
import { cleanSchema } from '../../migration/merge';
import { planMigration } from '../../migration/plan';
import { profileFor } from '../../migration/translate';
import { BACKUP_FILE } from '../../migration/storage';
import { WORKPLACE_TENANT_URL, isWorkplaceTemplate, secretValue, workplaceTenantUrlWarning } from '../../provisioning/credentials';
import { syncApi } from '../../provisioning/tree/graphSources';
import { confirmChange } from '../commands/actionRunner';
import { resolveJob, type JobArgs, type ResolvedJob } from '../commands/targets';
import type { PlanEntry } from './planDocument';
import { askStart, askToken, errorText, runJournaled, type MigrationCommandOutcome, type MigrationDeps } from './run';
import { migrationFolderName } from '../../migration/storage';
import { migrationStorage } from './storage';

/** Arguments for programmatic calls (other extensions, tests). `confirmed: true` stands for the modal confirmation. */
export interface MigrateArgs extends JobArgs {
  targetTemplateId?: string;
  /** Tenant URL of the new job (default: https://scim.workplace.com/ for Workplace, else the old job's). */
  tenantUrl?: string;
  /** The SCIM token for the new job; never stored. */
  secretToken?: string;
  /** Start the new job at the end when the old one was running (default: no). */
  startNewJob?: boolean;
  /** Stop after showing the plan. */
  planOnly?: boolean;
  /** Copy the verified backup to this file (path or URI) after a successful migration. */
  backupCopyTo?: string;
}

export type PlanOutcome = { status: 'done'; phase: 'planned'; planUri: string; plan: PlanEntry['plan'] };

export async function migrateJob(deps: MigrationDeps, input: unknown): Promise<MigrationCommandOutcome | PlanOutcome> {
  const title = vscode.l10n.t('Migrate Job to Another Template');
  const target = await resolveJob(input, deps, { title });
  if (!target) return { status: 'cancelled' };
  const args = target.programmatic ? (input as MigrateArgs) : undefined;
  const api = syncApi(deps.accounts, target.ref.accountId);

  // 1. The target template (and, for the Tenant URL box, the old job's URL).
  let templateId = args?.targetTemplateId;
  let tenantUrl = args?.tenantUrl;
  if (!templateId) {
    const picked = await pickTemplate(deps, target, api);
    if (picked.status !== 'done') return picked;
    templateId = picked.templateId;
    tenantUrl = await askTenantUrl(templateId, picked.oldTenantUrl);
    if (tenantUrl === undefined) return { status: 'cancelled' };
  }

  // 2. The plan: reads only. Refusals (same template, rights, a target job already there) come from the core.
  let entry: PlanEntry;
  try {
    entry = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Planning the migration of {0} to {1}…', target.ref.appName, templateId), cancellable: true },
      async (_progress, cancellation) => {
        const controller = new AbortController();
        const listener = cancellation.onCancellationRequested(() => controller.abort());
        try {
          const request = {
            spId: target.ref.servicePrincipalId,
            jobId: target.ref.jobId,
            targetTemplateId: templateId!,
            tenantId: target.ref.tenantId,
            signal: controller.signal,
            ...(tenantUrl?.trim() ? { tenantUrl: tenantUrl.trim() } : {}),
          };
          const plan = await planMigration(api, request);
          // The plan holds only a fingerprint of the current schema; the diff view needs the schema itself.
          const current = cleanSchema(await api.getJobSchema(target.ref.servicePrincipalId, target.ref.jobId, { signal: controller.signal }));
          return deps.documents.add(target.ref, plan, current);
        } finally {
          listener.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof GraphError && error.kind === 'cancelled') return { status: 'cancelled' };
    const message = errorText(deps, target.ref.accountId, error);
    // Refusals the core decides before anything is written: the same template, an unknown one, rights, a clash.
    const refused = error instanceof MigrationError && ['sameTemplate', 'unknownTemplate', 'targetExists', 'noAccess'].includes(error.code);
    deps.logger.error(message);
    void vscode.window.showErrorMessage(message);
    return { status: refused ? 'notAllowed' : 'failed', message, ...(error instanceof MigrationError ? { code: error.code } : {}), resumable: false } as MigrationCommandOutcome;
  }

  // 3. The plan document; the user reads it, then migrates from the notification or the editor title.
  await showPlan(entry);
  if (args?.planOnly) return { status: 'done', phase: 'planned', planUri: entry.uri.toString(), plan: entry.plan };
  if (!target.programmatic) {
    const decision = await reviewPlan(deps, entry);
    if (decision !== 'migrate') return { status: 'cancelled' };
  }
  return applyPlan(deps, entry, target, args);
}

/** The editor-title action of a plan document. */
export async function applyPlanDocument(deps: MigrationDeps, uri: unknown): Promise<MigrationCommandOutcome> {
  const entry = deps.documents.entryOf(uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri);
  if (!entry) return notAllowed(vscode.l10n.t('Open a migration plan first (“Migrate Job to Another Template…”).'));
  return applyPlan(deps, entry, { ref: entry.ref, programmatic: false, confirmed: false }, undefined);
}

/** The job's current schema beside the schema the migration writes. */
export async function showSchemaDiff(deps: MigrationDeps, uri: unknown): Promise<void> {
  const entry = deps.documents.entryOf(uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri);
  if (!entry) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a migration plan first (“Migrate Job to Another Template…”).'));
    return;
  }
  const { current, merged } = deps.documents.schemaUris(entry);
  await vscode.commands.executeCommand(
    'vscode.diff',
    current,
    merged,
    vscode.l10n.t('{0}: {1} schema now ↔ {2} schema to write', entry.ref.appName, entry.plan.source.templateId, entry.plan.target.templateId),
    { preview: false },
  );
}

async function showPlan(entry: PlanEntry): Promise<void> {
  // The `.md` path makes it a Markdown document (headings, lists and the diff block highlighted).
  const document = await vscode.workspace.openTextDocument(entry.uri);
  await vscode.window.showTextDocument(document, { preview: false });
}

/** A non-modal question, so the plan stays readable; Show Schema Diff keeps the question open. */
async function reviewPlan(deps: MigrationDeps, entry: PlanEntry): Promise<'migrate' | 'cancel'> {
  const migrate = vscode.l10n.t('Migrate…');
  const diff = vscode.l10n.t('Show Schema Diff');
  const lost = entry.plan.notTransferable.length;
  for (;;) {
    const answer = await vscode.window.showInformationMessage(
      [
        vscode.l10n.t('Review the plan: {0} from {1} to {2}.', entry.ref.appName, entry.plan.source.templateId, entry.plan.target.templateId),
        lost > 0 ? vscode.l10n.t('{0} customization(s) cannot be carried over.', lost) : undefined,
      ]
        .filter(Boolean)
        .join(' '),
      migrate,
      diff,
    );
    if (answer === diff) {
      await showSchemaDiff(deps, entry.uri);
      continue;
    }
    return answer === migrate ? 'migrate' : 'cancel';
  }
}

async function applyPlan(deps: MigrationDeps, entry: PlanEntry, target: Pick<ResolvedJob, 'ref' | 'programmatic' | 'confirmed'>, args: MigrateArgs | undefined): Promise<MigrationCommandOutcome> {
  if (entry.state !== 'planned') {
    return notAllowed(entry.state === 'applying' ? vscode.l10n.t('This plan is being applied.') : vscode.l10n.t('This plan was already applied; the old job is gone. Plan again to migrate another job.'));
  }
  const { plan, ref } = entry;
  const folder = migrationFolderName(plan.source.templateId);
  const storage = migrationStorage(deps.storageRoot, folder);
  const backupLocation = storage.locate(BACKUP_FILE);

  const confirmed = await confirmChange(
    target,
    ref,
    vscode.l10n.t('Migrate the provisioning job of “{0}” in tenant {1} from {2} to {3}?', ref.appName, ref.tenantLabel, plan.source.templateId, plan.target.templateId),
    [
      vscode.l10n.t('From: {0} (job {1})', plan.source.templateId, plan.source.jobId),
      vscode.l10n.t('To: {0}', plan.target.templateId),
      vscode.l10n.t('The old job is deleted, after a verified backup to {0}.', backupLocation),
      plan.notTransferable.length > 0 ? vscode.l10n.t('{0} customization(s) cannot be carried over (listed in the plan).', plan.notTransferable.length) : undefined,
      plan.target.tenantUrl ? vscode.l10n.t('Tenant URL of the new job: {0}', plan.target.tenantUrl) : undefined,
      plan.source.running ? vscode.l10n.t('The old job is running: you are asked before the new one starts.') : undefined,
      vscode.l10n.t('Next you enter the SCIM token for the new job; it is never stored.'),
    ],
    vscode.l10n.t('Migrate'),
  );
  if (!confirmed) return { status: 'cancelled' };

  // The token is asked before anything changes: cancelling here leaves everything as it was.
  const token = args
    ? args.secretToken
    : await askToken(
        vscode.l10n.t('Secret token for the new {0} job of {1}', plan.target.templateId, ref.appName),
        vscode.l10n.t('The bearer token the provisioning service sends to the app (Workplace: from the Admin Panel’s custom integration). Sent to Microsoft Graph only; never stored.'),
        true,
      );
  if (!token) {
    const message = vscode.l10n.t('No token entered: nothing was changed.');
    if (!args) void vscode.window.showInformationMessage(message);
    return args ? notAllowed(vscode.l10n.t('The SCIM token for the new job is needed (secretToken): nothing was changed.')) : { status: 'cancelled', message };
  }

  entry.state = 'applying';
  const api = syncApi(deps.accounts, ref.accountId);
  const outcome = await runJournaled(deps, {
    title: vscode.l10n.t('Migrating {0}: {1} → {2}', ref.appName, plan.source.templateId, plan.target.templateId),
    folder,
    storage,
    api,
    app: ref,
    steps: APPLY_STEPS.length,
    token,
    confirmStart: async (jobId) =>
      args
        ? args.startNewJob === true
        : askStart(vscode.l10n.t('The old {0} job was running. Start the new job {1} now?', plan.source.templateId, jobId), vscode.l10n.t('If you do not, start it later from the Provisioning Jobs view.')),
    run: (host) => startMigration(api, storage, plan, host),
  });
  // Once the journal exists the old job may be gone: the plan cannot be applied again (Resume continues it).
  entry.state = outcome.status === 'done' || (outcome.status === 'failed' && outcome.resumable) ? 'applied' : 'planned';
  if (outcome.status === 'done') await reportSuccess(deps, entry, outcome, args);
  return outcome;
}

async function reportSuccess(deps: MigrationDeps, entry: PlanEntry, outcome: Extract<MigrationCommandOutcome, { status: 'done' }>, args: MigrationArgsLike): Promise<void> {
  const others = entry.plan.credentialsToReenter.filter((key) => key !== 'SecretToken');
  const message = [
    vscode.l10n.t('{0} now runs on {1} (job {2}). Backup: {3}', entry.ref.appName, entry.plan.target.templateId, outcome.newJobId ?? '', outcome.backup ?? ''),
    entry.plan.notTransferable.length > 0 ? vscode.l10n.t('{0} customization(s) could not be carried over: see the plan.', entry.plan.notTransferable.length) : undefined,
    others.length > 0 ? vscode.l10n.t('Enter {0} with “Set Provisioning Credentials”.', others.join(', ')) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  deps.logger.info(message);
  if (args?.backupCopyTo && outcome.backup) {
    await copyBackup(outcome.backup, toUri(args.backupCopyTo));
    return;
  }
  if (args) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const save = vscode.l10n.t('Save a Copy of the Backup…');
  void vscode.window.showInformationMessage(message, save).then(async (answer) => {
    if (answer !== save || !outcome.backup) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `entra-migration-backup-${entry.ref.appName.replace(/[^\w.-]+/g, '-')}-${outcome.folder.slice(0, 10)}.json`;
    const destination = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save a copy of the migration backup'),
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      filters: { JSON: ['json'] },
    });
    if (!destination) return;
    try {
      await copyBackup(outcome.backup, destination);
      void vscode.window.showInformationMessage(vscode.l10n.t('Backup copied to {0}.', destination.fsPath || destination.toString()));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not copy the backup: {0}', (error as Error).message));
    }
  });
}

type MigrationArgsLike = MigrateArgs | undefined;

async function copyBackup(location: string, destination: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.copy(toUri(location), destination, { overwrite: true });
}

function toUri(pathOrUri: string): vscode.Uri {
  return /^[a-z][\w+.-]+:\/\//i.test(pathOrUri) ? vscode.Uri.parse(pathOrUri) : vscode.Uri.file(pathOrUri);
}

type TemplatePick = { status: 'done'; templateId: string; oldTenantUrl: string | undefined } | Exclude<MigrationCommandOutcome, { status: 'done' }>;

/** Templates the app offers besides the job's own; the Workplace 1.0 → 2.0 upgrade first. */
async function pickTemplate(deps: MigrationDeps, target: ResolvedJob, api: ReturnType<typeof syncApi>): Promise<TemplatePick> {
  const { ref } = target;
  let templates;
  let oldTenantUrl: string | undefined;
  try {
    [templates, oldTenantUrl] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the templates of {0}…', ref.appName) },
      async () => {
        const [list, secrets] = await Promise.all([api.listTemplates(ref.servicePrincipalId), api.getSecrets(ref.servicePrincipalId)]);
        return [list, secretValue(secrets, 'BaseAddress') ?? undefined] as const;
      },
    );
  } catch (error) {
    const message = errorText(deps, ref.accountId, error);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message, resumable: false };
  }
  const others = templates.filter((t) => t.id.toLowerCase() !== ref.templateId.toLowerCase());
  if (others.length === 0) {
    const message = vscode.l10n.t('{0} offers no template other than {1}: there is nothing to migrate to.', ref.appName, ref.templateId);
    void vscode.window.showInformationMessage(message);
    return { status: 'notAllowed', message };
  }
  const preset = (id: string) => profileFor(ref.templateId, id) !== 'same-names';
  const items = others
    .sort((a, b) => Number(preset(b.id)) - Number(preset(a.id)) || a.id.localeCompare(b.id))
    .map((t) => ({
      label: t.id,
      description: preset(t.id) ? vscode.l10n.t('Workplace SCIM 1.0 → 2.0 upgrade (recommended)') : t.default ? vscode.l10n.t('default template') : undefined,
      detail: t.description ?? undefined,
      id: t.id,
    }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Migrate {0} ({1}) to…', ref.appName, ref.templateId),
    placeHolder: vscode.l10n.t('Pick the target template'),
    matchOnDetail: true,
  });
  return picked ? { status: 'done', templateId: picked.id, oldTenantUrl } : { status: 'cancelled' };
}

/** The Tenant URL box: Workplace's only accepted URL preset for Workplace, otherwise the old job's. */
async function askTenantUrl(templateId: string, oldTenantUrl: string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Tenant URL of the new {0} job', templateId),
    prompt: vscode.l10n.t('The SCIM endpoint the new job provisions to (Tenant URL / BaseAddress).'),
    value: isWorkplaceTemplate(templateId) ? WORKPLACE_TENANT_URL : (oldTenantUrl ?? ''),
    ignoreFocusOut: true,
    validateInput: (value) => {
      const text = value.trim();
      if (!text) return undefined; // the core keeps the old job's
      if (!/^https?:\/\/\S+$/i.test(text)) return vscode.l10n.t('Enter an http(s) URL.');
      const warning = workplaceTenantUrlWarning(templateId, text);
      return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
}

function notAllowed(message: string): MigrationCommandOutcome {
  void vscode.window.showInformationMessage(message);
  return { status: 'notAllowed', message };
}
