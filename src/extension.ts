// Entry point: wires the features into VS Code. Nothing heavy is imported here; msal, the Graph client and the
// sandbox load on first use so activation stays fast.
import * as vscode from 'vscode';
import { redactingLogger } from './logging/logger';
import { JobsTreeProvider } from './vscode/views/jobsTree';

export const VIEW_JOBS = 'entraProvisioning.jobs';

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('Entra Provisioning'), { log: true });
  const logger = redactingLogger(channel);
  context.subscriptions.push(channel);

  const jobs = new JobsTreeProvider();
  context.subscriptions.push(
    vscode.window.createTreeView(VIEW_JOBS, { treeDataProvider: jobs, showCollapseAll: true }),
    vscode.commands.registerCommand('entraProvisioning.showLog', () => channel.show(true)),
  );
  logger.info(`Entra Provisioning ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  // Subscriptions are disposed by VS Code.
}
