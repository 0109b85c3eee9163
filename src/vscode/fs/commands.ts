// The schema-editing commands. Each takes a tree row (a job, or its "Schema" row), an argument object (tests,
// keybindings, other extensions; `confirmed: true` stands for the modal as with every job command) or nothing
// (Command Palette: the tenant → app → job pickers of ../commands/targets), and returns an outcome.
//  - Edit Job Schema: opens the job's `entra-provisioning:` document (saving it writes to Entra, see schemaFileSystem.ts).
//  - Save Schema to Entra…: the explicit save of that document.
//  - Pull Schema to File…: a `*.provisioning.json` in the workspace (a backup, or to edit and review in git).
//  - Push Schema File to Job…: a file to a job, through the same checks, diff and confirmation as a save.
//  - Compare Job Schemas…: two jobs (any tenants) side by side, both read-only.
//  - Reset Schema to Template Default…: DELETE …/schema after a modal that says what is lost.
import * as vscode from 'vscode';
import type { SynchronizationSchema } from '../../graph/model';
import { pulledFileName, schemaDocumentText, schemaFingerprint, type SchemaLocation } from '../../provisioning/schemaEditing';
import { syncApi } from '../../provisioning/tree/graphSources';
import type { JobRef } from '../../provisioning/tree/nodes';
import type { Outcome } from '../commands/actionRunner';
import { isJobArgs, resolveJob, type JobArgs, type ResolvedJob } from '../commands/targets';
import { isNode } from '../views/jobsView';
import { describeError, isCancellation, openDiff, saveToEntra, withGraphProgress, type SaveAnswers, type SaveResult } from './saveFlow';
import type { SchemaFileSystem, SchemaFsDeps } from './schemaFileSystem';
import { SCHEMA_SCHEME, locationOf, schemaUri } from './uris';

export interface SchemaCommandDeps extends SchemaFsDeps {
  fs: SchemaFileSystem;
  /** workspaceState: which job each pulled file came from, and the fingerprint of what it had then. */
  state: vscode.Memento;
}

const PULLED_KEY = 'entraProvisioning.pulledSchemas';

interface PulledRecord {
  accountId: string;
  tenantId: string;
  servicePrincipalId: string;
  jobId: string;
  /** Fingerprint of Entra's schema when the file was pulled (or last pushed): the base of a later push. */
  fingerprint: string;
}

export interface PullArgs extends JobArgs {
  /** Where to write (skips the save dialog). */
  target?: string | vscode.Uri;
}

export interface PushArgs extends Partial<JobArgs>, SaveAnswers {
  file?: string | vscode.Uri;
}

export interface SaveArgs extends SaveAnswers {
  uri?: string | vscode.Uri;
}

export interface CompareArgs {
  left?: JobArgs;
  right?: JobArgs;
}

// ---- open ---------------------------------------------------------------------------------------------------------

export async function openSchema(deps: SchemaCommandDeps, input: unknown): Promise<Outcome<{ uri: string }>> {
  const target = await resolveJob(jobInput(deps, input), deps, { title: vscode.l10n.t('Edit Job Schema') });
  if (!target) return { status: 'cancelled' };
  const uri = schemaUri(locationOfRef(target.ref));
  const alreadyOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  if (!alreadyOpen) {
    // Read here (progress, a clear message on failure) and hand the text to the provider's first read.
    const text = await readSchemaText(deps, target.ref);
    if (typeof text !== 'string') return text;
    deps.fs.prime(uri, text);
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return { status: 'done', uri: uri.toString() };
}

// ---- save (the document's explicit save) -------------------------------------------------------------------------------

export async function saveSchema(deps: SchemaCommandDeps, input: unknown): Promise<SaveResult | Outcome> {
  const args: SaveArgs = isPlainObject(input) ? (input as SaveArgs) : {};
  const given = input instanceof vscode.Uri ? input : args.uri !== undefined ? toUri(args.uri) : vscode.window.activeTextEditor?.document.uri;
  if (!given || given.scheme !== SCHEMA_SCHEME) {
    const message = vscode.l10n.t('Open a job\'s schema first (Edit Job Schema), then save it to Entra.');
    void vscode.window.showInformationMessage(message);
    return { status: 'notAllowed', message };
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === given.toString()) ?? (await vscode.workspace.openTextDocument(given));
  if (!document.isDirty) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No unsaved changes in this schema.'));
    return { status: 'done', written: false, remoteText: document.getText() } satisfies SaveResult;
  }
  const answers: SaveAnswers = {
    ...(args.confirmed === true ? { confirmed: true } : {}),
    ...(args.onConflict ? { onConflict: args.onConflict } : {}),
  };
  return deps.fs.saveFromCommand(document, answers);
}

// ---- reset ----------------------------------------------------------------------------------------------------------

export async function resetSchema(deps: SchemaCommandDeps, input: unknown): Promise<Outcome> {
  const target = await resolveJob(jobInput(deps, input), deps, { title: vscode.l10n.t('Reset Schema to Template Default') });
  if (!target) return { status: 'cancelled' };
  const { ref } = target;
  const open = deps.fs.openDocumentsOf(locationOfRef(ref));
  if (!(target.programmatic && target.confirmed)) {
    for (;;) {
      const reset = vscode.l10n.t('Reset to Default');
      const backup = vscode.l10n.t('Pull a Backup First…');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset the schema of “{0}” in tenant {1} to its template default?', ref.appName, ref.tenantLabel),
        {
          modal: true,
          detail: [
            vscode.l10n.t('Tenant: {0}', ref.tenantLabel),
            vscode.l10n.t('App: {0} ({1})', ref.appName, ref.appId),
            vscode.l10n.t('Job: {0} ({1})', ref.templateId, ref.jobId),
            vscode.l10n.t('Every customization of this job\'s schema is lost: attribute mappings added or changed (expressions, constants, defaults), matching precedence, scoping filters, object mappings switched on or off, and attributes added to the app\'s attribute list. The {0} template\'s defaults replace them. This cannot be undone except by saving a copy back.', ref.templateId),
            vscode.l10n.t('The next run is an initial cycle (a full resync of every user and group in scope).'),
            open.some((d) => d.isDirty) ? vscode.l10n.t('Unsaved edits of this schema in the editor are discarded.') : undefined,
            vscode.l10n.t('Pull a backup first to keep the current schema in a file.'),
          ]
            .filter(Boolean)
            .join('\n\n'),
        },
        reset,
        backup,
      );
      if (answer === backup) {
        const pulled = await pullSchema(deps, { accountId: ref.accountId, servicePrincipalId: ref.servicePrincipalId, jobId: ref.jobId });
        if (pulled.status !== 'done') return pulled;
        continue; // ask again, now with a backup
      }
      if (answer !== reset) return { status: 'cancelled' };
      break;
    }
  }
  try {
    await withGraphProgress(vscode.l10n.t('Resetting the schema of {0}', ref.appName), (signal) =>
      syncApi(deps.accounts, ref.accountId).resetJobSchema(ref.servicePrincipalId, ref.jobId, { signal }),
    );
  } catch (error) {
    if (isCancellation(error)) return { status: 'cancelled' };
    return failed(deps, describeError(deps, ref, error, vscode.l10n.t('Resetting the schema of {0} failed', ref.appName)));
  }
  deps.logger.info(`Schema of ${ref.appName} (${ref.jobId}) reset to the template default with DELETE`);
  await reloadOpenDocuments(deps, open, true);
  void deps.model.reloadApp(ref);
  void vscode.window.showInformationMessage(vscode.l10n.t('The schema of {0} is back to the {1} template default. The next run is an initial cycle.', ref.appName, ref.templateId));
  return { status: 'done' };
}

// ---- pull -------------------------------------------------------------------------------------------------------------

export async function pullSchema(deps: SchemaCommandDeps, input: unknown): Promise<Outcome<{ file: string }>> {
  const target = await resolveJob(jobInput(deps, input), deps, { title: vscode.l10n.t('Pull Schema to File') });
  if (!target) return { status: 'cancelled' };
  const { ref } = target;
  const given = isJobArgs(input) ? (input as PullArgs).target : undefined;
  const text = await readSchemaText(deps, ref);
  if (typeof text !== 'string') return text;
  const file = given !== undefined ? toUri(given) : await askPullTarget(ref);
  if (!file) return { status: 'cancelled' };
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  await rememberPull(deps, file, ref, schemaFingerprint(text));
  deps.logger.info(`Schema of ${ref.appName} (${ref.jobId}) pulled to a file`);
  if (given === undefined) {
    // Chosen in the dialog: show what was written (a programmatic target is the caller's business).
    if (!isJobArgs(input)) await vscode.window.showTextDocument(file, { preview: false });
    void vscode.window.showInformationMessage(vscode.l10n.t('Schema of {0} saved to {1}.', ref.appName, vscode.workspace.asRelativePath(file)));
  }
  return { status: 'done', file: file.toString() };
}

async function askPullTarget(ref: JobRef): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = pulledFileName(ref.appName, ref.templateId);
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Pull the schema of {0} to a file', ref.appName),
    saveLabel: vscode.l10n.t('Pull Schema'),
    filters: { [vscode.l10n.t('Provisioning schema')]: ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
}

// ---- push -------------------------------------------------------------------------------------------------------------

export async function pushSchema(deps: SchemaCommandDeps, input: unknown): Promise<SaveResult | Outcome> {
  const args: PushArgs = isPlainObject(input) && !isNode(input) ? (input as PushArgs) : {};
  // The file: the explorer/editor's URI, the argument, the active *.provisioning.json, or an open dialog.
  const file = await chooseFile(input, args);
  if (!file) return { status: 'cancelled' };
  const pulled = pulledRecords(deps)[file.toString()];
  const target = await choosePushJob(deps, input, args, pulled);
  if (!target) return { status: 'cancelled' };
  const { ref } = target;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  const sameJob = pulled && pulled.servicePrincipalId === ref.servicePrincipalId && pulled.jobId === ref.jobId && pulled.tenantId.toLowerCase() === ref.tenantId.toLowerCase();
  const answers: SaveAnswers = {
    ...(target.programmatic && args.confirmed === true ? { confirmed: true } : {}),
    ...(target.programmatic && args.onConflict ? { onConflict: args.onConflict } : {}),
  };
  const result = await saveToEntra(deps, {
    ref,
    text,
    editedUri: file,
    baseFingerprint: sameJob ? pulled.fingerprint : undefined,
    answers,
    notifyFailures: true,
  });
  if (result.status === 'done') {
    await rememberPull(deps, file, ref, schemaFingerprint(result.remoteText));
    if (result.written) await reloadOpenDocuments(deps, deps.fs.openDocumentsOf(locationOfRef(ref)), false);
  }
  return result;
}

async function chooseFile(input: unknown, args: PushArgs): Promise<vscode.Uri | undefined> {
  if (input instanceof vscode.Uri) return input;
  if (args.file !== undefined) return toUri(args.file);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (!isNode(input) && active && active.scheme !== SCHEMA_SCHEME && /\.provisioning\.json$/i.test(active.path)) return active;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Push a schema file to a provisioning job'),
    openLabel: vscode.l10n.t('Push This File'),
    canSelectMany: false,
    filters: { [vscode.l10n.t('Provisioning schema')]: ['json'] },
    ...(folder ? { defaultUri: folder } : {}),
  });
  return picked?.[0];
}

async function choosePushJob(deps: SchemaCommandDeps, input: unknown, args: PushArgs, pulled: PulledRecord | undefined): Promise<ResolvedJob | undefined> {
  const title = vscode.l10n.t('Push Schema File to Job');
  if (isNode(input)) return resolveJob(jobInput(deps, input), deps, { title });
  if (isJobArgs(args)) return resolveJob(args, deps, { title });
  if (pulled && deps.accounts.listAccounts().some((a) => a.id === pulled.accountId)) {
    const known = deps.model.findJob(pulled.accountId, pulled.servicePrincipalId, pulled.jobId);
    const origin = { label: known ? `${known.ref.appName} · ${known.ref.templateId}` : pulled.jobId, description: vscode.l10n.t('the job this file was pulled from'), origin: true };
    const other = { label: vscode.l10n.t('Another job…'), origin: false };
    const picked = await vscode.window.showQuickPick([origin, other], { title, placeHolder: vscode.l10n.t('Which job gets this schema?') });
    if (!picked) return undefined;
    if (picked.origin) return resolveJob({ accountId: pulled.accountId, servicePrincipalId: pulled.servicePrincipalId, jobId: pulled.jobId }, deps, { title }).then((r) => r && { ...r, programmatic: false, confirmed: false });
  }
  return resolveJob(undefined, deps, { title });
}

function pulledRecords(deps: SchemaCommandDeps): Record<string, PulledRecord> {
  return deps.state.get<Record<string, PulledRecord>>(PULLED_KEY, {});
}

async function rememberPull(deps: SchemaCommandDeps, file: vscode.Uri, ref: JobRef, fingerprint: string): Promise<void> {
  const record: PulledRecord = { accountId: ref.accountId, tenantId: ref.tenantId, servicePrincipalId: ref.servicePrincipalId, jobId: ref.jobId, fingerprint };
  await deps.state.update(PULLED_KEY, { ...pulledRecords(deps), [file.toString()]: record });
}

// ---- compare ----------------------------------------------------------------------------------------------------------

export async function compareSchemas(deps: SchemaCommandDeps, input: unknown): Promise<Outcome<{ left: string; right: string }>> {
  const args: CompareArgs = isPlainObject(input) && !isNode(input) ? (input as CompareArgs) : {};
  const first = await resolveJob(args.left ?? jobInput(deps, input), deps, { title: vscode.l10n.t('Compare Job Schemas: the first job') });
  if (!first) return { status: 'cancelled' };
  const second = await resolveJob(args.right, deps, { title: vscode.l10n.t('Compare {0} with…', `${first.ref.appName} · ${first.ref.templateId}`) });
  if (!second) return { status: 'cancelled' };
  let schemas: [SynchronizationSchema, SynchronizationSchema];
  try {
    schemas = await withGraphProgress(vscode.l10n.t('Reading both schemas'), (signal) =>
      Promise.all([
        syncApi(deps.accounts, first.ref.accountId).getJobSchema(first.ref.servicePrincipalId, first.ref.jobId, { signal }),
        syncApi(deps.accounts, second.ref.accountId).getJobSchema(second.ref.servicePrincipalId, second.ref.jobId, { signal }),
      ]),
    );
  } catch (error) {
    if (isCancellation(error)) return { status: 'cancelled' };
    return failed(deps, describeError(deps, first.ref, error, vscode.l10n.t('Reading the schemas failed')));
  }
  const label = (ref: JobRef) => (ref.tenantId === first.ref.tenantId && ref.tenantId === second.ref.tenantId ? `${ref.appName} · ${ref.templateId}` : `${ref.appName} · ${ref.templateId} (${ref.tenantLabel})`);
  const left = deps.snapshots.create(label(first.ref), schemaDocumentText(schemas[0]));
  const right = deps.snapshots.create(label(second.ref), schemaDocumentText(schemas[1]));
  await openDiff(left, right, `${label(first.ref)} ↔ ${label(second.ref)}`);
  return { status: 'done', left: left.toString(), right: right.toString() };
}

// ---- shared -----------------------------------------------------------------------------------------------------------

/** A "Schema" row or an open schema document stands for its job; anything else goes to resolveJob as is. */
function jobInput(deps: SchemaCommandDeps, input: unknown): unknown {
  if (isNode(input) && input.kind === 'schema') return { accountId: input.job.accountId, servicePrincipalId: input.job.servicePrincipalId, jobId: input.job.jobId };
  // The editor title passes the document's URI.
  const uri = input instanceof vscode.Uri ? input : undefined;
  const location = uri ? locationOf(uri) : undefined;
  if (location) return { accountId: deps.fs.accountOf(location).id, servicePrincipalId: location.servicePrincipalId, jobId: location.jobId };
  return input;
}

function locationOfRef(ref: JobRef): SchemaLocation {
  return { tenantId: ref.tenantId, servicePrincipalId: ref.servicePrincipalId, jobId: ref.jobId, accountId: ref.accountId };
}

async function readSchemaText(deps: SchemaCommandDeps, ref: JobRef): Promise<string | Outcome<never>> {
  try {
    const schema = await withGraphProgress(vscode.l10n.t('Reading the schema of {0}', ref.appName), (signal) =>
      syncApi(deps.accounts, ref.accountId).getJobSchema(ref.servicePrincipalId, ref.jobId, { signal }),
    );
    return schemaDocumentText(schema);
  } catch (error) {
    if (isCancellation(error)) return { status: 'cancelled' };
    return failed(deps, describeError(deps, ref, error, vscode.l10n.t('Reading the schema of {0} failed', ref.appName)));
  }
}

/**
 * After Entra's schema changed through us: clean documents reload from Graph. With `discardEdits` (reset: the modal
 * said so) a dirty one is reverted too; otherwise it keeps its edits, and its next save meets the conflict check.
 */
async function reloadOpenDocuments(deps: SchemaCommandDeps, documents: readonly vscode.TextDocument[], discardEdits: boolean): Promise<void> {
  for (const document of documents) {
    if (document.isDirty && !discardEdits) continue;
    deps.fs.invalidate(document.uri);
    if (document.isDirty) {
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
}

function failed(deps: SchemaCommandDeps, message: string): { status: 'failed'; message: string } {
  deps.logger.error(message);
  void vscode.window.showErrorMessage(message);
  return { status: 'failed', message };
}

function toUri(value: string | vscode.Uri): vscode.Uri {
  return typeof value === 'string' ? vscode.Uri.parse(value) : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}
