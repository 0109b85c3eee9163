// "Preview Mapping…": which mapping (the active *.provisioning.json — also a job's schema opened as a virtual document —
// a mapping file from the explorer, or a job from the tree whose schema is read from Graph), which user (a tenant user
// from the directory picker, or a JSON file holding a Graph user), then the preview document opens beside the editor.
// Reads only: nothing is written to the tenant or to disk.
import * as vscode from 'vscode';
import type { Outcome } from '../commands/actionRunner';
import { isJobArgs, pickTenant, resolveJob, type TargetDeps } from '../commands/targets';
import type { ActionDeps } from '../commands/actionRunner';
import { isNode } from '../views/jobsView';
import { getUserForPreview } from '../../provisioning/onDemand/directorySearch';
import { syncApi } from '../../provisioning/tree/graphSources';
import { describeActionError } from '../../provisioning/tree/loadErrors';
import type { PreviewResult, SourceObject } from '../../mapping/preview';
import { pickDirectoryObject } from '../onDemand/directoryPicker';
import type { MappingSource, PreviewController, PreviewSubject } from './controller';

/** The argument object (tests, keybindings, other extensions); everything optional, pickers fill the gaps. */
export interface PreviewArgs {
  /** A mapping document (file or virtual schema document), as a URI string or Uri. */
  documentUri?: string | vscode.Uri;
  /** Or a job: its schema is read from Graph. */
  accountId?: string;
  servicePrincipalId?: string;
  jobId?: string;
  /** The source: a Graph user object as GET /users/{id} returns it … */
  user?: Record<string, unknown>;
  /** … or a user of the account's tenant by object id … */
  userId?: string;
  /** … or a JSON file with such an object. */
  userFile?: string | vscode.Uri;
  ruleId?: string;
  /** 'Group' previews the group mapping with `user` holding a Graph group. */
  objectType?: 'User' | 'Group';
}

export type PreviewOutcome = Outcome<{ uri: string; result: PreviewResult | undefined; error?: string }>;
type Deps = ActionDeps & TargetDeps;

export async function previewMapping(deps: Deps, controller: PreviewController, input: unknown): Promise<PreviewOutcome> {
  const args: PreviewArgs = isPlainArgs(input) ? input : {};
  const mapping = await chooseMapping(deps, input, args);
  if (!mapping) return { status: 'cancelled' };
  if ('failed' in mapping) return mapping.failed;
  const subject = await chooseSubject(deps, args, mapping.accountId);
  if (!subject) return { status: 'cancelled' };
  if ('failed' in subject) return subject.failed;
  const opened = await controller.open({
    mapping: mapping.source,
    subject,
    ...(args.ruleId ? { ruleId: args.ruleId } : {}),
    ...(args.objectType ? { sourceObjectName: args.objectType } : {}),
  });
  if (opened.error) void vscode.window.showWarningMessage(vscode.l10n.t('No preview: {0}', opened.error));
  return { status: 'done', uri: opened.uri.toString(), result: opened.result, ...(opened.error ? { error: opened.error } : {}) };
}

function isPlainArgs(value: unknown): value is PreviewArgs {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !isNode(value);
}

type Chosen<T> = T | { failed: PreviewOutcome } | undefined;

async function chooseMapping(deps: Deps, input: unknown, args: PreviewArgs): Promise<Chosen<{ source: MappingSource; accountId?: string }>> {
  const documentUri = input instanceof vscode.Uri ? input : args.documentUri ? toUri(args.documentUri) : undefined;
  if (documentUri) return { source: await documentSource(documentUri) };
  const jobInput = isNode(input) && input.kind === 'job' ? input : isJobArgs(input) ? input : undefined;
  if (!jobInput) {
    // The palette: the mapping document in the active editor, else a job.
    const active = vscode.window.activeTextEditor?.document;
    if (active && isMappingDocument(active)) return { source: await documentSource(active.uri) };
  }
  const target = await resolveJob(jobInput, deps, { title: vscode.l10n.t('Preview Mapping') });
  if (!target) return undefined;
  try {
    const schema = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the schema of {0}…', target.ref.appName) },
      () => syncApi(deps.accounts, target.ref.accountId).getJobSchema(target.ref.servicePrincipalId, target.ref.jobId),
    );
    return { source: { kind: 'job', schema, label: target.ref.appName }, accountId: target.ref.accountId };
  } catch (error) {
    return { failed: fail(deps, error, vscode.l10n.t('Reading the schema of {0} failed', target.ref.appName)) };
  }
}

export function isMappingDocument(document: vscode.TextDocument): boolean {
  return /\.provisioning\.json$/i.test(document.uri.path);
}

async function documentSource(uri: vscode.Uri): Promise<MappingSource> {
  // Open it (without showing) so edits in any editor reach the preview through onDidChangeTextDocument.
  await vscode.workspace.openTextDocument(uri);
  return { kind: 'document', uri, label: uri.path.split('/').pop() ?? uri.toString() };
}

async function chooseSubject(deps: Deps, args: PreviewArgs, jobAccountId: string | undefined): Promise<Chosen<PreviewSubject>> {
  const toSource = (object: Record<string, unknown>): SourceObject =>
    args.objectType === 'Group' ? previewCore().sourceFromGraphGroup(object) : previewCore().sourceFromGraphUser(object);
  if (args.user) return { label: labelOfObject(args.user), object: toSource(args.user) };
  if (args.userFile) return fromFile(deps, toUri(args.userFile), toSource);
  const accountId = args.accountId ?? jobAccountId;
  if (args.userId) {
    const account = accountId ?? deps.model.tenantInfos()[0]?.accountId;
    if (!account) return { failed: fail(deps, new Error(vscode.l10n.t('Sign in to read the user {0}.', args.userId)), vscode.l10n.t('Preview Mapping')) };
    return fromTenant(deps, account, args.userId, toSource);
  }

  // Pickers: a user of a signed-in tenant (the job's own tenant first), or a JSON file.
  const tenants = deps.model.tenantInfos();
  const fromFileItem = { label: vscode.l10n.t('$(file) Open a JSON File…'), detail: vscode.l10n.t('A user as Graph returns it (GET /users/{id})'), accountId: undefined as string | undefined };
  const items = [
    ...tenants
      .slice()
      .sort((a, b) => (a.accountId === accountId ? -1 : b.accountId === accountId ? 1 : 0))
      .map((t) => ({ label: vscode.l10n.t('$(person) Pick a User of {0}…', t.label), detail: t.description, accountId: t.accountId as string | undefined })),
    fromFileItem,
  ];
  const choice = items.length === 1 ? fromFileItem : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Preview Mapping'), placeHolder: vscode.l10n.t('Whose attributes to preview') });
  if (!choice) return undefined;
  if (!choice.accountId) {
    const files = await vscode.window.showOpenDialog({ title: vscode.l10n.t('A JSON file with a Graph user'), canSelectMany: false, filters: { JSON: ['json'] } });
    return files?.[0] ? fromFile(deps, files[0], toSource) : undefined;
  }
  const tenant = tenants.find((t) => t.accountId === choice.accountId) ?? (await pickTenant(deps, vscode.l10n.t('Preview Mapping')));
  if (!tenant) return undefined;
  const picked = await pickDirectoryObject(deps.accounts.graph(tenant.accountId), 'User', vscode.l10n.t('Preview the mapping for a user of {0}', tenant.label));
  return picked ? fromTenant(deps, tenant.accountId, picked.id, toSource) : undefined;
}

async function fromTenant(deps: Deps, accountId: string, userId: string, toSource: (o: Record<string, unknown>) => SourceObject): Promise<Chosen<PreviewSubject>> {
  try {
    const user = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the user…') }, () =>
      getUserForPreview(deps.accounts.graph(accountId), userId),
    );
    return { label: labelOfObject(user), object: toSource(user) };
  } catch (error) {
    return { failed: fail(deps, error, vscode.l10n.t('Reading the user {0} failed', userId)) };
  }
}

async function fromFile(deps: Deps, uri: vscode.Uri, toSource: (o: Record<string, unknown>) => SourceObject): Promise<Chosen<PreviewSubject>> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(vscode.l10n.t('The file must hold one JSON object (a Graph user).'));
    return { label: labelOfObject(parsed as Record<string, unknown>), object: toSource(parsed as Record<string, unknown>) };
  } catch (error) {
    return { failed: fail(deps, error, vscode.l10n.t('Reading {0} failed', uri.path.split('/').pop() ?? uri.toString())) };
  }
}

function labelOfObject(object: Record<string, unknown>): string {
  const name = typeof object['displayName'] === 'string' ? object['displayName'] : undefined;
  const upn = typeof object['userPrincipalName'] === 'string' ? object['userPrincipalName'] : typeof object['mail'] === 'string' ? object['mail'] : undefined;
  const id = typeof object['id'] === 'string' ? object['id'] : typeof object['objectId'] === 'string' ? object['objectId'] : undefined;
  return name ? (upn ? `${name} (${upn})` : name) : (upn ?? id ?? vscode.l10n.t('source object'));
}

function toUri(value: string | vscode.Uri): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
}

function fail(deps: Deps, error: unknown, what: string): PreviewOutcome {
  const message = error instanceof Error && !('status' in error) && !('kind' in error) ? `${what}: ${error.message}` : describeActionError(error, what);
  deps.logger.error(message);
  void vscode.window.showErrorMessage(message);
  return { status: 'failed', message };
}

type PreviewModule = typeof import('../../mapping/preview');
let previewModule: PreviewModule | undefined;
function previewCore(): PreviewModule {
  previewModule ??= require('../../mapping/preview') as PreviewModule;
  return previewModule;
}
