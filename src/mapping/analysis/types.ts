// The language-feature API of mapping documents (synchronizationSchema JSON): plain data with document offsets
// (UTF-16, `end` exclusive), no `vscode` types. The VS Code adapters (src/vscode) convert offsets to positions and
// these shapes to VS Code's; the CLI's `lint` prints the diagnostics. Keep this file stable: both sides build on it.

/** A replacement of `[start, end)` in the document by `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: a titled set of edits (applied together). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix to offer first / apply with "auto fix". */
  isPreferred?: boolean;
}

export type MappingDiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface MappingDiagnostic {
  /** Stable identifier, e.g. `unknown-function` (see DIAGNOSTIC_CODES in ./diagnosticCodes). */
  code: string;
  severity: MappingDiagnosticSeverity;
  message: string;
  /** Document offsets; inside the JSON string literal for expression problems (escapes accounted for). */
  start: number;
  end: number;
  fixes?: Fix[];
}

export type MappingCompletionKind = 'function' | 'attribute' | 'enumMember' | 'property' | 'snippet' | 'value';

export interface MappingCompletion {
  label: string;
  kind: MappingCompletionKind;
  /** One line shown next to the label (type, mutability, multi-valued; a function's signature). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text that replaces `[start, end)`; already JSON-escaped when it lands inside a JSON string literal. */
  insertText: string;
  /** insertText is a VS Code snippet (`${1:source}`). */
  isSnippet?: boolean;
  /** The document range the completion replaces. */
  start: number;
  end: number;
  sortText?: string;
  filterText?: string;
}

export interface MappingHover {
  /** Markdown. */
  markdown: string;
  start: number;
  end: number;
}

export interface MappingSignatureParameter {
  /** Offsets into MappingSignatureHelp.label. */
  start: number;
  end: number;
  /** Markdown. */
  documentation?: string;
}

export interface MappingSignatureHelp {
  /** `Mid(source, start, length)`. */
  label: string;
  /** Markdown. */
  documentation?: string;
  parameters: MappingSignatureParameter[];
  activeParameter: number;
}

export type MappingSymbolKind = 'rule' | 'objectMapping' | 'attributeMapping' | 'directory' | 'object';

export interface MappingSymbol {
  name: string;
  detail?: string;
  kind: MappingSymbolKind;
  /** The whole JSON object of the symbol. */
  start: number;
  end: number;
  /** What to reveal / highlight: the name's value (e.g. the targetAttributeName string). */
  selectionStart: number;
  selectionEnd: number;
  children: MappingSymbol[];
}

export interface FoldingRange {
  /** Offset of the opening bracket/brace. */
  start: number;
  /** Offset of the closing bracket/brace. */
  end: number;
}
