// Wires sign-in into VS Code: SecretStorage and globalState behind the core AuthManager, the prompts, the commands,
// and a context key (`entraProvisioning.hasAccounts`) for welcome views and menus. The returned AuthManager is what
// other features use to reach Graph (auth.graph(accountId)) and to follow account changes.
import * as vscode from 'vscode';
import { AuthManager } from '../../auth/authManager';
import type { Logger } from '../../logging/logger';
import { registerAuthCommands } from './commands';
import { OPEN_SIGN_IN_PAGE_COMMAND, VsCodeSignInUi, openSignInPage } from './signInUi';
import { GlobalStateAccountStore, SecretStorageStore } from './storage';

export { SIGN_IN_COMMAND, SIGN_OUT_COMMAND, LIST_ACCOUNTS_COMMAND } from './commands';

export const HAS_ACCOUNTS_CONTEXT = 'entraProvisioning.hasAccounts';

export function registerAuth(context: vscode.ExtensionContext, logger: Logger): AuthManager {
  const ui = new VsCodeSignInUi(logger);
  const auth = new AuthManager({
    secrets: new SecretStorageStore(context.secrets),
    accounts: new GlobalStateAccountStore(context.globalState),
    ui,
    logger,
  });
  const updateContext = () => void vscode.commands.executeCommand('setContext', HAS_ACCOUNTS_CONTEXT, auth.listAccounts().length > 0);
  updateContext();
  context.subscriptions.push(
    ...registerAuthCommands(auth, ui, logger),
    vscode.commands.registerCommand(OPEN_SIGN_IN_PAGE_COMMAND, (url?: unknown, userCode?: unknown) =>
      openSignInPage(url, userCode).catch((error: unknown) => {
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      }),
    ),
    auth.onDidChangeAccounts(updateContext),
  );
  return auth;
}
