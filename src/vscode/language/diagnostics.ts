// Publishes the analyzer's diagnostics for every open mapping document: at once when a document opens, ~200 ms after
// the last edit while typing (each edit cancels the pending run, so only the text the user stopped at is analysed),
// and clears them when the document closes.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { MappingAnalyzers } from './analyzers';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { guarded } from './guarded';
import { isMappingDocument } from './selector';

export const DIAGNOSTICS_DELAY_MS = 200;

export function registerMappingDiagnostics(analyzers: MappingAnalyzers, logger: Logger): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const pending = new Map<string, NodeJS.Timeout>();

  const cancel = (uri: vscode.Uri): void => {
    const key = uri.toString();
    const timer = pending.get(key);
    if (timer) clearTimeout(timer);
    pending.delete(key);
  };

  const publish = (document: vscode.TextDocument): void => {
    cancel(document.uri);
    if (document.isClosed) return;
    const problems = guarded(logger, 'analysis', () => analyzers.for(document).diagnostics());
    if (problems) collection.set(document.uri, problems.map((problem) => toDiagnostic(document, problem)));
  };

  const schedule = (document: vscode.TextDocument): void => {
    cancel(document.uri);
    pending.set(document.uri.toString(), setTimeout(() => publish(document), DIAGNOSTICS_DELAY_MS));
  };

  const forget = (document: vscode.TextDocument): void => {
    cancel(document.uri);
    collection.delete(document.uri);
    analyzers.delete(document.uri);
  };

  const opened = (document: vscode.TextDocument): void => {
    if (isMappingDocument(document)) publish(document);
  };

  const subscriptions = [
    collection,
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && isMappingDocument(event.document)) schedule(event.document);
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
    // Changing the language mode (JSON ↔ plain text) closes and reopens the document, which the two events above
    // handle; a rename to or from *.provisioning.json does the same.
  ];
  // Documents already open when the extension activated (activation happens on the first JSON document).
  for (const document of vscode.workspace.textDocuments) opened(document);

  return vscode.Disposable.from(...subscriptions, { dispose: () => pending.forEach((timer) => clearTimeout(timer)) });
}
