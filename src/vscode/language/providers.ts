// The read-only language features of mapping documents: completion, hover, signature help, outline symbols. Each
// asks the document's analyzer (brought up to the current version on the way) and converts its answer.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { MappingAnalyzers } from './analyzers';
import { guarded } from './guarded';
import { rangeOf, toCompletionItem, toDocumentSymbol, toSignatureHelp } from './convert';
import { hoverAddsToJsonSchema, withoutJsonSchemaValues } from './jsonOverlap';

/**
 * `[` opens an attribute reference, `(` and `,` an argument, `"` a JSON string value (targetAttributeName, source
 * name). Space is left out: it is typed constantly in JSON and would only ever add an empty request.
 */
export const COMPLETION_TRIGGERS = ['[', '(', ',', '"'];
export const SIGNATURE_TRIGGERS = ['(', ','];
export const SIGNATURE_RETRIGGERS = [')'];

export class MappingCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly analyzers: MappingAnalyzers,
    private readonly logger: Logger,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    return guarded(this.logger, 'completion', () => {
      const offset = document.offsetAt(position);
      const completions = this.analyzers.for(document).completions(offset);
      return withoutJsonSchemaValues(document, completions).map((completion) => toCompletionItem(document, completion));
    });
  }
}

export class MappingHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analyzers: MappingAnalyzers,
    private readonly logger: Logger,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return guarded(this.logger, 'hover', () => {
      const hover = this.analyzers.for(document).hover(document.offsetAt(position));
      if (!hover || !hoverAddsToJsonSchema(document, hover)) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.markdown), rangeOf(document, hover.start, hover.end));
    });
  }
}

export class MappingSignatureHelpProvider implements vscode.SignatureHelpProvider {
  constructor(
    private readonly analyzers: MappingAnalyzers,
    private readonly logger: Logger,
  ) {}

  provideSignatureHelp(document: vscode.TextDocument, position: vscode.Position): vscode.SignatureHelp | undefined {
    return guarded(this.logger, 'signature help', () => {
      const help = this.analyzers.for(document).signatureHelp(document.offsetAt(position));
      return help ? toSignatureHelp(help) : undefined;
    });
  }
}

export class MappingSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly analyzers: MappingAnalyzers,
    private readonly logger: Logger,
  ) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    return guarded(this.logger, 'outline', () => this.analyzers.for(document).symbols().map((symbol) => toDocumentSymbol(document, symbol)));
  }
}
