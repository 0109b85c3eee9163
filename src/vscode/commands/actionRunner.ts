// What every job command shares: the modal confirmation for destructive changes, progress while Graph works, and
// errors as one clear message (never an unhandled rejection). Commands return an outcome so callers (other
// extensions, tests) know what happened without reading the UI.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import { describeActionError } from '../../provisioning/tree/loadErrors';
import type { JobsTreeModel } from '../../provisioning/tree/jobsTreeModel';
import type { AppRef } from '../../provisioning/tree/nodes';

export type Outcome<T extends object = object> =
  | ({ status: 'done' } & T)
  | { status: 'cancelled' }
  | { status: 'notAllowed'; message: string }
  | { status: 'failed'; message: string };

export interface ActionDeps {
  model: JobsTreeModel;
  logger: Logger;
}

/**
 * Asks before a destructive change (restart, scope, credentials), naming the tenant and the app.
 *
 * The modal is shown on every UI path: a tree row or the Command Palette. A caller that passes an argument object
 * with `confirmed: true` has confirmed by its own means — the same convention VS Code's own commands follow when
 * they accept arguments (e.g. a keybinding's `args`); it is how integration tests drive these commands, since a
 * test cannot answer a modal. There is no setting or environment switch that skips it.
 */
export async function confirmChange(
  target: { programmatic: boolean; confirmed: boolean },
  app: AppRef,
  question: string,
  details: (string | undefined)[],
  action: string,
): Promise<boolean> {
  if (target.programmatic && target.confirmed) return true;
  const detail = [vscode.l10n.t('Tenant: {0}', app.tenantLabel), vscode.l10n.t('App: {0} ({1})', app.appName, app.appId), ...details]
    .filter(Boolean)
    .join('\n\n');
  const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, action);
  return answer === action;
}

/** Runs a Graph write with a notification progress; turns failures into one message and a `failed` outcome. */
export async function runGraphAction<T extends object>(
  deps: ActionDeps,
  app: AppRef & { accountId: string },
  what: string,
  task: () => Promise<T>,
): Promise<Outcome<T>> {
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${what}…` }, task);
    return { status: 'done', ...result };
  } catch (error) {
    const tenant = deps.model.tenantInfo(app.accountId);
    const message = describeActionError(error, vscode.l10n.t('{0} failed', what), tenant ? { kind: tenant.accountKind, clientId: tenant.clientId } : {});
    deps.logger.error(message);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  }
}

/** Wraps a command so nothing escapes as an unhandled rejection. */
export function safeCommand(id: string, logger: Logger, handler: (...args: any[]) => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      // Reading what the command needs (the job, the saved settings) failed: same wording as a failed action.
      const message = describeActionError(error, vscode.l10n.t('The command could not run'));
      logger.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message } satisfies Outcome;
    }
  });
}
