// Registers the job commands. Each accepts a tree row (context menu, inline icon), an argument object (other
// extensions, keybindings, integration tests: see JobArgs) or nothing (Command Palette: pickers), and returns an
// Outcome instead of throwing.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { JobsView } from '../views/jobsView';
import type { AccountsSource } from '../../provisioning/tree/graphSources';
import { safeCommand } from './actionRunner';
import { clearLogFilter, copyId, explainLogEntry, filterLogs, openInPortal, showLogs } from './jobInfo';
import { pauseJob, restartJob, startJob } from './jobControl';
import { setCredentials, setNotificationEmail, setScope, testConnection } from './jobSettings';

export const JOB_COMMANDS = {
  start: 'entraProvisioning.startJob',
  pause: 'entraProvisioning.pauseJob',
  restart: 'entraProvisioning.restartJob',
  setCredentials: 'entraProvisioning.setCredentials',
  setNotificationEmail: 'entraProvisioning.setNotificationEmail',
  setScope: 'entraProvisioning.setScope',
  testConnection: 'entraProvisioning.testConnection',
  openInPortal: 'entraProvisioning.openInPortal',
  copyId: 'entraProvisioning.copyId',
  showLogs: 'entraProvisioning.showLogs',
  filterLogs: 'entraProvisioning.filterLogs',
  clearLogFilter: 'entraProvisioning.clearLogFilter',
} as const;

export function registerJobCommands(view: JobsView, accounts: AccountsSource, logger: Logger): vscode.Disposable[] {
  const deps = { model: view.model, accounts, logger, view, runCommand: vscode.commands.executeCommand };
  const command = (id: string, run: (input: unknown) => unknown) => safeCommand(id, logger, async (input: unknown) => run(input));
  return [
    command(JOB_COMMANDS.start, (input) => startJob(deps, input)),
    command(JOB_COMMANDS.pause, (input) => pauseJob(deps, input)),
    command(JOB_COMMANDS.restart, (input) => restartJob(deps, input)),
    command(JOB_COMMANDS.setCredentials, (input) => setCredentials(deps, input)),
    command(JOB_COMMANDS.setNotificationEmail, (input) => setNotificationEmail(deps, input)),
    command(JOB_COMMANDS.setScope, (input) => setScope(deps, input)),
    command(JOB_COMMANDS.testConnection, (input) => testConnection(deps, input)),
    command(JOB_COMMANDS.openInPortal, (input) => openInPortal(deps, input)),
    command(JOB_COMMANDS.copyId, (input) => copyId(deps, input)),
    command(JOB_COMMANDS.showLogs, (input) => showLogs(deps, input)),
    command(JOB_COMMANDS.filterLogs, (input) => filterLogs(deps, input)),
    command(JOB_COMMANDS.clearLogFilter, (input) => clearLogFilter(deps, input)),
    command('entraProvisioning.explainLogEntry', (input) => explainLogEntry(deps, input)),
  ];
}
