// A job's schema as a file: `entra-provisioning:/<tenantId>/<spId>/<jobId>/schema.provisioning.json`.
// readFile = GET …/jobs/{id}/schema, pretty-printed; the provider remembers a fingerprint of what it read (the
// "base" the user's edits start from). writeFile = the save flow of saveFlow.ts (errors block, conflict check against
// the base, diff + modal confirmation, PUT).
//
// Design choice — the confirmation happens inside writeFile. Ctrl+S, "Save All", the "save before closing?" dialog and
// the "Save Schema to Entra…" command all end in writeFile, so there is exactly one place that decides, and no way to
// save past it. When the user says no (or a Graph call fails, or errors block the save), writeFile throws a
// FileSystemError: VS Code then keeps the document dirty — nothing is lost — and reports "Failed to save" with Retry,
// Save As… and Revert. A save participant (onWillSaveTextDocument) could not do this: it cannot cancel a save. Auto
// save (after a delay, on focus change) never writes a job's schema: it fails once with a message saying so, and VS
// Code does not auto-save a document whose save failed until it is saved explicitly.
// The friendlier path is the command "Save Schema to Entra…", bound to Ctrl+S in schema editors: it runs the same
// flow before VS Code's save, so a "no" leaves the document dirty without VS Code's "Failed to save" notification
// (which spells out the whole URI); writeFile then has nothing left to do. writeFile's own flow remains the guard for
// every other way to save (Save All, the menu, "save before closing?").
//
// VS Code's own "file changed on disk" check compares stat() before the write with stat() at load. stat() therefore
// reports the time and size of the provider's last read or write of the document — not a fresh GET, which would make
// VS Code claim a conflict of its own; the real conflict check is the GET inside the save flow.
import * as vscode from 'vscode';
import type { Account } from '../../auth/accounts';
import { locationKey, schemaDocumentText, schemaFingerprint, type SchemaLocation } from '../../provisioning/schemaEditing';
import { tenantLabel } from '../../provisioning/tenantName';
import { syncApi } from '../../provisioning/tree/graphSources';
import type { JobRef } from '../../provisioning/tree/nodes';
import { resolveJob, type TargetDeps } from '../commands/targets';
import { describeError, saveToEntra, type SaveAnswers, type SaveDeps, type SaveResult } from './saveFlow';
import { locationOf } from './uris';

interface Entry {
  /** Fingerprint of Entra's schema the document was last loaded from or saved as. */
  fingerprint: string;
  mtime: number;
  size: number;
  /** Text read by stat() (or by the open command) for the readFile that follows, and when. */
  pending?: { text: string; at: number };
}

/** A text read ahead is served to readFile only this long; later reads go to Graph again. */
const PENDING_MS = 15_000;

export type SchemaFsDeps = SaveDeps & TargetDeps;

export class SchemaFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>();
  /** Texts saveFromCommand has just written to Entra, with what Entra holds now. */
  private readonly written = new Map<string, { text: string; remoteText: string }>();
  private readonly saveReasons = new Map<string, vscode.TextDocumentSaveReason>();

  constructor(
    private readonly deps: SchemaFsDeps,
    private readonly changed: vscode.EventEmitter<vscode.FileChangeEvent[]>,
  ) {}

  readonly onDidChangeFile: vscode.Event<vscode.FileChangeEvent[]> = (listener, thisArg, disposables) => this.changed.event(listener, thisArg, disposables);

  watch(): vscode.Disposable {
    // Entra sends no change notifications; the provider fires changes it makes itself (reset, push).
    return new vscode.Disposable(() => undefined);
  }

  // ---- reading ----------------------------------------------------------------------------------------------------

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const location = locationOf(uri);
    if (!location) {
      if (/^\/([^/]+\/){0,2}[^/]*$/.test(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const entry = this.entries.get(uri.toString()) ?? (await this.load(uri, location));
    return { type: vscode.FileType.File, ctime: entry.mtime, mtime: entry.mtime, size: entry.size };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const location = this.locationOrThrow(uri);
    const entry = this.entries.get(uri.toString());
    if (entry?.pending && Date.now() - entry.pending.at < PENDING_MS) {
      const { text } = entry.pending;
      delete entry.pending;
      return new TextEncoder().encode(text);
    }
    const text = await this.fetchText(location);
    if (entry) {
      // mtime and size stay as VS Code's stat() saw them (see the header); the base is what the editor now holds.
      entry.fingerprint = schemaFingerprint(text);
      delete entry.pending;
    } else {
      this.entries.set(uri.toString(), newEntry(text));
    }
    return new TextEncoder().encode(text);
  }

  /** The open command read the schema already (with its own progress and error message): serve that text. */
  prime(uri: vscode.Uri, text: string): void {
    this.entries.set(uri.toString(), { ...newEntry(text), pending: { text, at: Date.now() } });
  }

  /** Entra's schema changed through us (reset, push): the next read goes to Graph; a clean open document reloads. */
  invalidate(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Fingerprint of the remote the document's edits started from. */
  baseOf(uri: vscode.Uri): string | undefined {
    return this.entries.get(uri.toString())?.fingerprint;
  }

  /** Open schema documents of a job (any account), e.g. to reload them after a reset or a push. */
  openDocumentsOf(location: Pick<SchemaLocation, 'tenantId' | 'servicePrincipalId' | 'jobId'>): vscode.TextDocument[] {
    const key = locationKey(location);
    return vscode.workspace.textDocuments.filter((d) => {
      const other = locationOf(d.uri);
      return other !== undefined && locationKey(other) === key;
    });
  }

  // ---- writing ----------------------------------------------------------------------------------------------------

  /** onWillSaveTextDocument: remembers why the next write happens (auto save never writes to Entra). */
  noteSaveReason(uri: vscode.Uri, reason: vscode.TextDocumentSaveReason): void {
    this.saveReasons.set(uri.toString(), reason);
  }

  /**
   * The "Save Schema to Entra…" command (also Ctrl+S in a schema editor): runs the save flow itself, so a "no" needs no
   * thrown error — the document just stays dirty — and only after Entra has the text lets VS Code save, which lands in
   * writeFile with nothing left to do.
   */
  async saveFromCommand(document: vscode.TextDocument, answers: SaveAnswers): Promise<SaveResult> {
    const key = document.uri.toString();
    const ref = await this.refOf(this.locationOrThrow(document.uri));
    const text = document.getText();
    const result = await saveToEntra(this.deps, {
      ref,
      text,
      editedUri: document.uri,
      baseFingerprint: this.entries.get(key)?.fingerprint,
      answers,
      notifyFailures: true,
    });
    if (result.status !== 'done') return result;
    this.written.set(key, { text, remoteText: result.remoteText });
    try {
      await document.save();
    } finally {
      this.written.delete(key);
    }
    return result;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const key = uri.toString();
    const location = this.locationOrThrow(uri);
    const text = new TextDecoder().decode(content);
    const reason = this.saveReasons.get(key);
    this.saveReasons.delete(key);
    const written = this.written.get(key);
    if (written && written.text === text) {
      // saveFromCommand has written this text to Entra already.
      this.entries.set(key, { fingerprint: schemaFingerprint(written.remoteText), mtime: nextMtime(this.entries.get(key)), size: content.byteLength });
      return;
    }
    if ((reason === vscode.TextDocumentSaveReason.AfterDelay || reason === vscode.TextDocumentSaveReason.FocusOut)) {
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t('Auto save does not write a job\'s schema to Entra. Save it explicitly (Ctrl+S) to review the change and confirm it; your edits are kept.'),
      );
    }
    const ref = await this.refOf(location);
    const result = await saveToEntra(this.deps, {
      ref,
      text,
      editedUri: uri,
      baseFingerprint: this.entries.get(key)?.fingerprint,
      answers: {},
      notifyFailures: false,
    });
    if (result.status === 'done') {
      this.entries.set(key, { fingerprint: schemaFingerprint(result.remoteText), mtime: nextMtime(this.entries.get(key)), size: content.byteLength });
      return;
    }
    // Throwing keeps the document dirty: the edits stay in the editor.
    throw vscode.FileSystemError.Unavailable(result.message);
  }

  // ---- not a real file system: one file per job, nothing else can be created, renamed or deleted ------------------

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    return uri.path.split('/').filter(Boolean).length === 3 ? [['schema.provisioning.json', vscode.FileType.File]] : [];
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  private locationOrThrow(uri: vscode.Uri): SchemaLocation {
    const location = locationOf(uri);
    if (!location) throw vscode.FileSystemError.FileNotFound(uri);
    return location;
  }

  private async load(uri: vscode.Uri, location: SchemaLocation): Promise<Entry> {
    const text = await this.fetchText(location);
    const entry: Entry = { ...newEntry(text), pending: { text, at: Date.now() } };
    this.entries.set(uri.toString(), entry);
    return entry;
  }

  private async fetchText(location: SchemaLocation): Promise<string> {
    const account = this.accountOf(location);
    try {
      return schemaDocumentText(await syncApi(this.deps.accounts, account.id).getJobSchema(location.servicePrincipalId, location.jobId));
    } catch (error) {
      const ref = this.deps.model.findJob(account.id, location.servicePrincipalId, location.jobId)?.ref ?? fallbackRef(account, location, this.deps.model.tenantInfo(account.id)?.displayName);
      throw vscode.FileSystemError.Unavailable(describeError(this.deps, ref, error, vscode.l10n.t('Reading the schema of {0} failed', ref.appName)));
    }
  }

  /** The account of the URI's query, else any signed-in account of the tenant. */
  accountOf(location: SchemaLocation): Account {
    const accounts = this.deps.accounts.listAccounts();
    const account =
      accounts.find((a) => a.id === location.accountId) ?? accounts.find((a) => a.tenantId.toLowerCase() === location.tenantId.toLowerCase());
    if (!account) {
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Sign in to tenant {0} to open or save this schema.', location.tenantId));
    }
    return account;
  }

  /** Names for messages and the confirmation: from the tree when it knows the job, else from Graph. */
  async refOf(location: SchemaLocation): Promise<JobRef> {
    const account = this.accountOf(location);
    try {
      const resolved = await resolveJob({ accountId: account.id, servicePrincipalId: location.servicePrincipalId, jobId: location.jobId }, this.deps, {
        title: vscode.l10n.t('Save Schema to Entra'),
      });
      if (resolved) return resolved.ref;
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(describeError(this.deps, fallbackRef(account, location, this.deps.model.tenantInfo(account.id)?.displayName), error, vscode.l10n.t('Reading the job failed; nothing was saved')));
    }
    return fallbackRef(account, location, this.deps.model.tenantInfo(account.id)?.displayName);
  }
}

function newEntry(text: string): Entry {
  return { fingerprint: schemaFingerprint(text), mtime: Date.now(), size: new TextEncoder().encode(text).byteLength };
}

/** Strictly later than the last mtime VS Code saw, so the write registers as a change even within one millisecond. */
function nextMtime(entry: Entry | undefined): number {
  return Math.max(Date.now(), (entry?.mtime ?? 0) + 1);
}

function fallbackRef(account: Account, location: SchemaLocation, tenantName: string | undefined): JobRef {
  return {
    accountId: account.id,
    tenantId: location.tenantId,
    tenantLabel: tenantLabel({ tenantId: location.tenantId, displayName: tenantName }),
    servicePrincipalId: location.servicePrincipalId,
    appId: '',
    appName: location.servicePrincipalId,
    jobId: location.jobId,
    templateId: location.jobId.split('.')[0] ?? location.jobId,
  };
}
