// Quick fixes: the fixes the analyzer attaches to its diagnostics, offered as code actions for the diagnostics under
// the cursor. The diagnostics are recomputed from the analyzer at the document's current version rather than taken
// from the (debounced, possibly one edit behind) published ones, so a fix never edits stale offsets.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { MappingAnalyzers } from './analyzers';
import { rangeOf, toDiagnostic, toWorkspaceEdit } from './convert';
import { guarded } from './guarded';

export class MappingCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly analyzers: MappingAnalyzers,
    private readonly logger: Logger,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] | undefined {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return undefined;
    return guarded(this.logger, 'quick fixes', () => {
      const actions: vscode.CodeAction[] = [];
      for (const problem of this.analyzers.for(document).diagnostics()) {
        if (!problem.fixes?.length) continue;
        const problemRange = rangeOf(document, problem.start, problem.end);
        // The cursor touching the problem counts (an empty range at its end too), as VS Code's lightbulb expects.
        if (!problemRange.intersection(range)) continue;
        const diagnostic = toDiagnostic(document, problem);
        for (const fix of problem.fixes) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document, fix);
          action.diagnostics = [diagnostic];
          if (fix.isPreferred) action.isPreferred = true;
          actions.push(action);
        }
      }
      return actions;
    });
  }
}
