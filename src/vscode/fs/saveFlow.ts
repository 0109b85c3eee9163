// Writing a schema to Entra — the one path behind saving a schema document (Ctrl+S on `entra-provisioning:`) and
// pushing a workspace file to a job:
//   1. nothing is sent while the text has errors (how many, where, and "Show Problems");
//   2. Entra's schema is read again; if it changed since the edit started (another window, the portal, a script) the
//      user chooses Compare / Overwrite / Cancel — never a silent overwrite;
//   3. otherwise a diff (Entra now ↔ the edit) opens and a modal names tenant, app and job, summarises the change and
//      says that a mapping change starts a new initial cycle (full resync);
//   4. PUT (the whole document: Graph's schema API has no PATCH), then Entra's schema is read back as the new base.
// Any "no" or failure leaves the edit where it is. The decisions (what changed, conflict or not) are the core's.
import * as vscode from 'vscode';
import { GraphError } from '../../graph/errors';
import type { SynchronizationSchema } from '../../graph/model';
import type { MappingAnalyzer } from '../../mapping/analysis';
import {
  changesMappings,
  decideSave,
  describeBlockingProblems,
  lineColumnAt,
  parseSchemaText,
  schemaDocumentText,
  summarizeSchemaChanges,
  type BlockingProblem,
} from '../../provisioning/schemaEditing';
import type { JobRef } from '../../provisioning/tree/nodes';
import { syncApi, type AccountsSource } from '../../provisioning/tree/graphSources';
import { describeActionError } from '../../provisioning/tree/loadErrors';
import type { ActionDeps } from '../commands/actionRunner';
import { DIAGNOSTIC_SOURCE } from '../language/convert';
import type { RemoteSnapshots } from './snapshots';
import { SNAPSHOT_SCHEME } from './uris';

/** Answers a programmatic caller gives instead of the prompts (tests, keybindings, other extensions). */
export interface SaveAnswers {
  /** The caller has confirmed the write (the modal is skipped, as `confirmed` does for every job command). */
  confirmed?: boolean;
  /** What to do when Entra's schema changed since the edit started. */
  onConflict?: 'overwrite' | 'compare' | 'cancel';
}

export type SaveResult =
  /** `written` false: the edit already matched Entra. `remoteText`: Entra's schema now, as document text (the new base). */
  | { status: 'done'; written: boolean; remoteText: string }
  | { status: 'cancelled'; conflict?: boolean; compared?: boolean; message: string }
  | { status: 'notAllowed'; message: string; errorCount?: number }
  | { status: 'failed'; message: string };

export interface SaveDeps extends ActionDeps {
  accounts: AccountsSource;
  snapshots: RemoteSnapshots;
}

export interface SaveRequest {
  ref: JobRef;
  /** The text to write. */
  text: string;
  /** The edited document or file: the right side of the diff, and whose diagnostics block the save. */
  editedUri: vscode.Uri;
  /** Fingerprint of Entra's schema the edit started from; undefined when unknown (no conflict check possible). */
  baseFingerprint: string | undefined;
  answers: SaveAnswers;
  /**
   * Show failures as a message. False for Ctrl+S: VS Code itself reports a failed save (with Retry, Save As…,
   * Revert), so a second message would only repeat it.
   */
  notifyFailures: boolean;
}

export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

export async function saveToEntra(deps: SaveDeps, request: SaveRequest): Promise<SaveResult> {
  const { ref } = request;
  const fail = (message: string): SaveResult => {
    deps.logger.error(message);
    if (request.notifyFailures) void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  };

  // 1. Errors block the write: the text must be a whole schema and free of error diagnostics.
  const parsed = parseSchemaText(request.text);
  if ('message' in parsed) {
    const message = vscode.l10n.t('Not saved to Entra: {0}', parsed.message);
    void vscode.window.showErrorMessage(message);
    return { status: 'notAllowed', message };
  }
  const problems = blockingProblems(request.text, request.editedUri);
  if (problems.length > 0) {
    const message = vscode.l10n.t(
      'Not saved to Entra: the schema of “{0}” has {1} — fix them first (your edits are kept).',
      ref.appName,
      describeBlockingProblems(problems),
    );
    const show = vscode.l10n.t('Show Problems');
    void vscode.window.showErrorMessage(message, show).then((answer) => {
      if (answer === show) void vscode.commands.executeCommand(SHOW_PROBLEMS_COMMAND);
    });
    return { status: 'notAllowed', message, errorCount: problems.length };
  }

  // 2. What Entra has now.
  const api = syncApi(deps.accounts, ref.accountId);
  let remote: SynchronizationSchema;
  try {
    remote = await withGraphProgress(vscode.l10n.t('Reading the schema of {0} from Entra', ref.appName), (signal) =>
      api.getJobSchema(ref.servicePrincipalId, ref.jobId, { signal }),
    );
  } catch (error) {
    if (isCancellation(error)) return cancelled(vscode.l10n.t('Not saved to Entra: cancelled. Your edits are kept.'));
    return fail(describeError(deps, ref, error, vscode.l10n.t('Reading the schema of {0} failed; nothing was saved', ref.appName)));
  }
  const remoteText = schemaDocumentText(remote);
  const decision = decideSave({ baseFingerprint: request.baseFingerprint, remote, edited: request.text });
  if (decision.kind === 'invalid') return { status: 'notAllowed', message: decision.message };
  if (decision.kind === 'unchanged') {
    void vscode.window.showInformationMessage(vscode.l10n.t('The schema of {0} in Entra already says this: nothing to write.', ref.appName));
    return { status: 'done', written: false, remoteText };
  }

  const jobLines = [
    vscode.l10n.t('Tenant: {0}', ref.tenantLabel),
    vscode.l10n.t('App: {0} ({1})', ref.appName, ref.appId),
    vscode.l10n.t('Job: {0} ({1})', ref.templateId, ref.jobId),
  ];
  const summary = summarizeSchemaChanges(withoutAnnotationsSchema(remote), decision.schema);
  const resync = changesMappings(withoutAnnotationsSchema(remote), decision.schema)
    ? vscode.l10n.t('Mappings or scoping change: Entra starts a new initial cycle (a full resync of every user and group in scope) on the next run.')
    : vscode.l10n.t('PUT replaces the whole schema. A change to mappings or scoping would start a new initial cycle (full resync).');
  const snapshotLabel = vscode.l10n.t('{0} · {1} in Entra', ref.appName, ref.templateId);
  const diffTitle = vscode.l10n.t('{0} · {1}: Entra ↔ your edits', ref.appName, ref.templateId);

  // 3a. A conflict: Compare / Overwrite / Cancel.
  if (decision.kind === 'conflict') {
    const compare = vscode.l10n.t('Compare');
    const overwrite = vscode.l10n.t('Overwrite');
    const answer =
      request.answers.onConflict ??
      (await vscode.window
        .showWarningMessage(
          vscode.l10n.t('The schema of “{0}” changed in Entra since you opened it.', ref.appName),
          {
            modal: true,
            detail: [
              ...jobLines,
              vscode.l10n.t('Someone saved it after you started editing (another window, the Entra admin center, a script). Overwrite replaces their change with your document; Compare shows what Entra has now beside your edits. Cancel keeps your edits unsaved.'),
              resync,
            ].join('\n\n'),
          },
          compare,
          overwrite,
        )
        .then((picked) => (picked === compare ? 'compare' : picked === overwrite ? 'overwrite' : 'cancel')));
    if (answer === 'compare') {
      await openDiff(deps.snapshots.create(snapshotLabel, remoteText), request.editedUri, diffTitle);
      return {
        status: 'cancelled',
        conflict: true,
        compared: true,
        message: vscode.l10n.t('Not saved to Entra: its schema changed since you opened it. Compare, then save again to overwrite. Your edits are kept.'),
      };
    }
    if (answer !== 'overwrite') {
      return { ...cancelled(vscode.l10n.t('Not saved to Entra: its schema changed since you opened it, and you cancelled. Your edits are kept.')), conflict: true };
    }
  } else if (!request.answers.confirmed) {
    // 3b. Diff, then the modal confirmation.
    await openDiff(deps.snapshots.create(snapshotLabel, remoteText), request.editedUri, diffTitle);
    const save = vscode.l10n.t('Save to Entra');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Replace the schema of “{0}” in tenant {1}?', ref.appName, ref.tenantLabel),
      { modal: true, detail: [...jobLines, summary.map((line) => `• ${line}`).join('\n'), resync].filter(Boolean).join('\n\n') },
      save,
    );
    if (answer !== save) return cancelled(vscode.l10n.t('Not saved to Entra: cancelled. Your edits are kept.'));
  }

  // 4. PUT the whole document, then read back what Entra keeps as the new base.
  try {
    await withGraphProgress(vscode.l10n.t('Saving the schema of {0} to Entra', ref.appName), (signal) =>
      api.putJobSchema(ref.servicePrincipalId, ref.jobId, decision.schema, { signal }),
    );
  } catch (error) {
    if (isCancellation(error)) {
      return cancelled(vscode.l10n.t('Saving was cancelled; Entra may or may not have the new schema (read it again to see). Your edits are kept.'));
    }
    return fail(describeError(deps, ref, error, vscode.l10n.t('Saving the schema of {0} failed; your edits are kept', ref.appName)));
  }
  let written = schemaDocumentText(decision.schema);
  try {
    written = schemaDocumentText(await api.getJobSchema(ref.servicePrincipalId, ref.jobId));
  } catch (error) {
    deps.logger.warn(`Reading back the schema of ${ref.appName} after saving failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  deps.logger.info(`Schema of ${ref.appName} (${ref.jobId}) saved with PUT`);
  closeDiffsOf(request.editedUri);
  void deps.model.reloadApp(ref);
  void vscode.window.showInformationMessage(vscode.l10n.t('Schema of {0} saved to Entra. {1}', ref.appName, changesMappings(withoutAnnotationsSchema(remote), decision.schema) ? vscode.l10n.t('The next cycle is an initial cycle.') : ''));
  return { status: 'done', written: true, remoteText: written };
}

function cancelled(message: string): Extract<SaveResult, { status: 'cancelled' }> {
  return { status: 'cancelled', message };
}

function withoutAnnotationsSchema(schema: SynchronizationSchema): SynchronizationSchema {
  const parsed = parseSchemaText(JSON.stringify(schema));
  return 'schema' in parsed ? parsed.schema : schema;
}

let analysisModule: typeof import('../../mapping/analysis') | undefined;

/**
 * Errors in the text being written: ours from a fresh analysis of exactly this text (published diagnostics lag ~200 ms
 * behind typing), plus the other sources' errors VS Code shows for the document (the JSON service), when the document
 * holds this text.
 */
export function blockingProblems(text: string, uri: vscode.Uri): BlockingProblem[] {
  analysisModule ??= require('../../mapping/analysis') as typeof import('../../mapping/analysis');
  const analyzer: MappingAnalyzer = new analysisModule.MappingAnalyzer(text);
  const problems: BlockingProblem[] = analyzer
    .diagnostics()
    .filter((d) => d.severity === 'error')
    .map((d) => ({ ...lineColumnAt(text, d.start), message: d.message }));
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open && open.getText() === text) {
    for (const d of vscode.languages.getDiagnostics(uri)) {
      if (d.severity !== vscode.DiagnosticSeverity.Error || d.source === DIAGNOSTIC_SOURCE) continue;
      problems.push({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message });
    }
  }
  return problems;
}

export async function withGraphProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}…`, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return task(controller.signal);
  });
}

export function isCancellation(error: unknown): boolean {
  return error instanceof GraphError && error.kind === 'cancelled';
}

export function describeError(deps: ActionDeps, ref: JobRef, error: unknown, what: string): string {
  const tenant = deps.model.tenantInfo(ref.accountId);
  return describeActionError(error, what, tenant ? { kind: tenant.accountKind, clientId: tenant.clientId } : {});
}

export async function openDiff(left: vscode.Uri, right: vscode.Uri, title: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
}

/**
 * After a save the diff against the old remote is stale: close it. Only when another tab shows the edited document
 * too, so closing never asks "save changes?" about the document being saved.
 */
function closeDiffsOf(uri: vscode.Uri): void {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  const shownElsewhere = tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
  if (!shownElsewhere) return;
  const diffs = tabs.filter(
    (tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.original.scheme === SNAPSHOT_SCHEME && tab.input.modified.toString() === uri.toString(),
  );
  if (diffs.length > 0) void vscode.window.tabGroups.close(diffs, true);
}
