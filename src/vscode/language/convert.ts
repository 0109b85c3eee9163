// Plain analysis data (document offsets, string kinds) → VS Code objects. Offsets are UTF-16 code-unit offsets into
// the document text, exactly what TextDocument.positionAt/offsetAt speak.
import * as vscode from 'vscode';
import type {
  Fix,
  MappingCompletion,
  MappingCompletionKind,
  MappingDiagnostic,
  MappingDiagnosticSeverity,
  MappingSignatureHelp,
  MappingSymbol,
  MappingSymbolKind,
} from '../../mapping/analysis/types';

/** Source of our diagnostics, and name of their collection (VS Code's JSON service reports as "json"). */
export const DIAGNOSTIC_SOURCE = 'entra-provisioning';

export function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(Math.max(start, end)));
}

const SEVERITIES: Record<MappingDiagnosticSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(document: vscode.TextDocument, problem: MappingDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(document, problem.start, problem.end), problem.message, SEVERITIES[problem.severity]);
  diagnostic.code = problem.code;
  diagnostic.source = DIAGNOSTIC_SOURCE;
  return diagnostic;
}

export function toWorkspaceEdit(document: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) edit.replace(document.uri, rangeOf(document, change.start, change.end), change.newText);
  return edit;
}

const COMPLETION_KINDS: Record<MappingCompletionKind, vscode.CompletionItemKind> = {
  function: vscode.CompletionItemKind.Function,
  attribute: vscode.CompletionItemKind.Field,
  enumMember: vscode.CompletionItemKind.EnumMember,
  property: vscode.CompletionItemKind.Property,
  snippet: vscode.CompletionItemKind.Snippet,
  value: vscode.CompletionItemKind.Value,
};

export function toCompletionItem(document: vscode.TextDocument, completion: MappingCompletion): vscode.CompletionItem {
  const item = new vscode.CompletionItem(completion.label, COMPLETION_KINDS[completion.kind]);
  item.insertText = completion.isSnippet ? new vscode.SnippetString(completion.insertText) : completion.insertText;
  item.range = rangeOf(document, completion.start, completion.end);
  if (completion.detail !== undefined) item.detail = completion.detail;
  if (completion.documentation !== undefined) item.documentation = new vscode.MarkdownString(completion.documentation);
  if (completion.sortText !== undefined) item.sortText = completion.sortText;
  if (completion.filterText !== undefined) item.filterText = completion.filterText;
  return item;
}

export function toSignatureHelp(help: MappingSignatureHelp): vscode.SignatureHelp {
  const signature = new vscode.SignatureInformation(help.label, markdown(help.documentation));
  signature.parameters = help.parameters.map(
    (parameter) => new vscode.ParameterInformation([parameter.start, parameter.end], markdown(parameter.documentation)),
  );
  const result = new vscode.SignatureHelp();
  result.signatures = [signature];
  result.activeSignature = 0;
  result.activeParameter = help.activeParameter;
  return result;
}

function markdown(text: string | undefined): vscode.MarkdownString | undefined {
  return text === undefined ? undefined : new vscode.MarkdownString(text);
}

const SYMBOL_KINDS: Record<MappingSymbolKind, vscode.SymbolKind> = {
  rule: vscode.SymbolKind.Namespace,
  objectMapping: vscode.SymbolKind.Class,
  attributeMapping: vscode.SymbolKind.Field,
  directory: vscode.SymbolKind.Module,
  object: vscode.SymbolKind.Struct,
};

export function toDocumentSymbol(document: vscode.TextDocument, symbol: MappingSymbol): vscode.DocumentSymbol {
  const range = rangeOf(document, symbol.start, symbol.end);
  // VS Code rejects a symbol with an empty name or a selection range outside its range: keep both valid even for a
  // half-typed document.
  const selection = rangeOf(document, symbol.selectionStart, symbol.selectionEnd);
  const result = new vscode.DocumentSymbol(
    symbol.name.trim() || '…',
    symbol.detail ?? '',
    SYMBOL_KINDS[symbol.kind],
    range,
    range.contains(selection) ? selection : new vscode.Range(range.start, range.start),
  );
  result.children = symbol.children.map((child) => toDocumentSymbol(document, child));
  return result;
}
