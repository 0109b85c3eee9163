// Entry point: wires the features into VS Code. Nothing heavy is imported here; msal, the Graph client and the
// sandbox load on first use so activation stays fast.
import * as vscode from 'vscode';
import { redactingLogger } from './logging/logger';
import { registerAuth } from './vscode/auth';
import { registerJobCommands } from './vscode/commands';
import { registerMappingLanguage } from './vscode/language';
import { registerMigration } from './vscode/migration/register';
import { registerOnDemand } from './vscode/onDemand/register';
import { registerPreview } from './vscode/preview/register';
import { registerSchemaEditing } from './vscode/fs/register';
import type { JobsTreeProvider } from './vscode/views/jobsTree';
import { VIEW_JOBS, registerJobsView } from './vscode/views/jobsView';

export { VIEW_JOBS };

/**
 * What `activate()` returns (`vscode.extensions.getExtension(id).exports`): the jobs tree's data provider, so other
 * extensions and the integration tests read exactly the rows the view shows, and the extension's log and storage
 * folders (the secret-scan test searches them for tokens).
 */
export interface EntraProvisioningApi {
  jobsTree: JobsTreeProvider;
  logUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): EntraProvisioningApi {
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('Entra Provisioning'), { log: true });
  const logger = redactingLogger(channel);
  context.subscriptions.push(channel);

  // Sign-in: accounts, token caches in SecretStorage, the sign-in commands; `auth.graph(accountId)` reaches Graph.
  const auth = registerAuth(context, logger);

  // The Provisioning Jobs tree (tenants → apps → jobs → details), its status bar item and the job commands. Its
  // Graph clients come from `auth`, which builds them with this logger: every request is in the log channel.
  const jobsView = registerJobsView(context, { accounts: auth, logger });
  context.subscriptions.push(
    ...registerJobCommands(jobsView, auth, logger),
    vscode.commands.registerCommand('entraProvisioning.showLog', () => channel.show(true)),
  );
  // Provision on demand (a webview with the result) and the mapping preview (a read-only document beside the mapping);
  // both load their modules on first use.
  context.subscriptions.push(registerOnDemand(jobsView, auth, logger), registerPreview(jobsView, auth, logger));
  // Migrating a job to another template (plan document, journaled apply, resume, rollback); backups and journals go
  // under globalStorageUri. The migration core loads on first use.
  context.subscriptions.push(registerMigration(context, jobsView, auth, logger));
  // A job's schema as an editable document (entra-provisioning:), saved to Entra with PUT after a diff and a
  // confirmation; pull/push/compare/reset. The provider and the commands load on first use.
  context.subscriptions.push(registerSchemaEditing(context, jobsView, auth, logger));
  // Language features of *.provisioning.json mapping documents; the analysis core loads when one first asks.
  context.subscriptions.push(registerMappingLanguage(logger));
  logger.info(`Entra Provisioning ${String(context.extension.packageJSON.version)} activated`);
  return { jobsTree: jobsView.provider, logUri: context.logUri, globalStorageUri: context.globalStorageUri };
}

export function deactivate(): void {
  // Subscriptions are disposed by VS Code.
}
