// Language features of mapping documents (*.provisioning.json): completion, hover, signature help, outline,
// diagnostics with quick fixes — all answered by the pure analysis core (src/mapping/analysis), one analyzer per open
// document, created on first use. Registering costs nothing: the core is required when a mapping document first asks.
//
// Folding is left to VS Code's JSON service: the core's folding ranges are the JSON objects and arrays the JSON
// service already folds, so a second provider would add no range.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import { MappingAnalyzers } from './analyzers';
import { MappingCodeActionProvider } from './codeActions';
import { registerMappingDiagnostics } from './diagnostics';
import {
  COMPLETION_TRIGGERS,
  MappingCompletionProvider,
  MappingHoverProvider,
  MappingSignatureHelpProvider,
  MappingSymbolProvider,
  SIGNATURE_RETRIGGERS,
  SIGNATURE_TRIGGERS,
} from './providers';
import { MAPPING_DOCUMENT_SELECTOR } from './selector';

export { MAPPING_DOCUMENT_SELECTOR, isMappingDocument } from './selector';
export { DIAGNOSTIC_SOURCE } from './convert';

export function registerMappingLanguage(logger: Logger): vscode.Disposable {
  const analyzers = new MappingAnalyzers();
  const selector = MAPPING_DOCUMENT_SELECTOR;
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(selector, new MappingCompletionProvider(analyzers, logger), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(selector, new MappingHoverProvider(analyzers, logger)),
    vscode.languages.registerSignatureHelpProvider(selector, new MappingSignatureHelpProvider(analyzers, logger), {
      triggerCharacters: SIGNATURE_TRIGGERS,
      retriggerCharacters: SIGNATURE_RETRIGGERS,
    }),
    // The JSON service lists the raw JSON tree in the Outline too; the label tells our group apart from it.
    vscode.languages.registerDocumentSymbolProvider(selector, new MappingSymbolProvider(analyzers, logger), {
      label: vscode.l10n.t('Provisioning mappings'),
    }),
    vscode.languages.registerCodeActionsProvider(selector, new MappingCodeActionProvider(analyzers, logger), MappingCodeActionProvider.metadata),
    registerMappingDiagnostics(analyzers, logger),
    { dispose: () => analyzers.clear() },
  );
}
