// Registers "Provision on Demand…". Light on purpose (activation budget): the command's module — pickers, the core,
// the webview — is required on first use.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { AccountsSource } from '../../provisioning/tree/graphSources';
import type { JobsView } from '../views/jobsView';
import { safeCommand } from '../commands/actionRunner';

export const PROVISION_ON_DEMAND_COMMAND = 'entraProvisioning.provisionOnDemand';

export function registerOnDemand(view: JobsView, accounts: AccountsSource, logger: Logger): vscode.Disposable {
  const deps = { model: view.model, accounts, logger };
  return safeCommand(PROVISION_ON_DEMAND_COMMAND, logger, async (input: unknown) => {
    const { provisionOnDemand } = require('./command') as typeof import('./command');
    return provisionOnDemand(deps, input);
  });
}
