// Reads the sign-in settings with inspect(): only the user's (application-scope) value or the default counts,
// never a workspace's — see src/auth/settings.ts for why.
import * as vscode from 'vscode';
import { SETTINGS_SECTION, readAuthSettings, type AuthSettings, type InspectedSetting } from '../../auth/settings';

export function readSettings(): AuthSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readAuthSettings((name) => configuration.inspect(name) as InspectedSetting | undefined);
}

/** True in a remote window (SSH, WSL, dev container, Codespaces, code-server): the browser is on another machine. */
export function isRemoteWindow(): boolean {
  return vscode.env.remoteName !== undefined;
}
