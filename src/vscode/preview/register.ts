// Registers "Preview Mapping…", the read-only preview documents' scheme and their hovers. Light on purpose
// (activation budget): the controller and the preview core are required when a preview is first asked for.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { AccountsSource } from '../../provisioning/tree/graphSources';
import type { JobsView } from '../views/jobsView';
import { safeCommand } from '../commands/actionRunner';
import type { PreviewController } from './controller';

export const PREVIEW_MAPPING_COMMAND = 'entraProvisioning.previewMapping';
/** Kept equal to controller.ts's PREVIEW_SCHEME (not imported: that module loads on first use). */
export const PREVIEW_SCHEME = 'entra-provisioning-preview';

export function registerPreview(view: JobsView, accounts: AccountsSource, logger: Logger): vscode.Disposable {
  const deps = { model: view.model, accounts, logger };
  let controller: PreviewController | undefined;
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const load = (): PreviewController => {
    if (!controller) {
      const { PreviewController: Controller } = require('./controller') as typeof import('./controller');
      controller = new Controller();
      controller.onDidChange((uri) => changed.fire(uri));
    }
    return controller;
  };
  return vscode.Disposable.from(
    changed,
    { dispose: () => controller?.dispose() },
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => load().provideTextDocumentContent(uri),
    }),
    vscode.languages.registerHoverProvider({ scheme: PREVIEW_SCHEME }, { provideHover: (document, position) => controller?.provideHover(document, position) }),
    safeCommand(PREVIEW_MAPPING_COMMAND, logger, async (input: unknown) => {
      const { previewMapping } = require('./command') as typeof import('./command');
      return previewMapping(deps, load(), input);
    }),
  );
}
