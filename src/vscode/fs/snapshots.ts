// Read-only snapshots of a schema as Entra has it at one moment: the left side of the diff shown before a save or a
// push, and both sides of "Compare Job Schemas". A content provider, so VS Code offers no way to edit them. Each
// snapshot is forgotten when its document closes. Named `.json` (not `.provisioning.json`): the snapshot is not the
// document being edited, and its diagnostics would only repeat the editor's in the Problems view.
import * as vscode from 'vscode';
import { SNAPSHOT_SCHEME } from './schemes';

export class RemoteSnapshots implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private counter = 0;
  private readonly closing: vscode.Disposable;

  constructor() {
    this.closing = vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === SNAPSHOT_SCHEME) this.texts.delete(document.uri.toString());
    });
  }

  /** A new snapshot; `label` names the tab side (e.g. "Slack (Sandbox workspace) · Slack in Entra"). */
  create(label: string, text: string): vscode.Uri {
    const safe = label.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || 'schema';
    const uri = vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: `/${++this.counter}/${safe}.json` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('// This snapshot is no longer available; compare again.');
  }

  dispose(): void {
    this.closing.dispose();
    this.texts.clear();
  }
}
