// How sign-in prompts look in VS Code: a cancellable progress notification for as long as a prompt is open (it
// closes by itself when the sign-in ends), carrying the device code and its link, or the "continue in your
// browser" note; the browser is opened through env.openExternal(asExternalUri(…)) so remote windows work too.
import * as vscode from 'vscode';
import type { BrowserPrompt, DeviceCodePrompt, SignInUi } from '../../auth/authManager';
import { effectiveSignInMethod } from '../../auth/settings';
import type { UserFlowMethod } from '../../auth/userFlows';
import type { Logger } from '../../logging/logger';
import { isLoopbackHost } from '../../auth/networkClient';
import { isRemoteWindow, readSettings } from './settings';

/** Behind the links in the prompts: opens a sign-in page (copying the device code first, when there is one). */
export const OPEN_SIGN_IN_PAGE_COMMAND = 'entraProvisioning.openSignInPage';

export class VsCodeSignInUi implements SignInUi {
  constructor(private readonly logger: Logger) {}

  preferredMethod(): UserFlowMethod {
    return effectiveSignInMethod(readSettings().signInMethod, isRemoteWindow());
  }

  async openBrowser(url: string): Promise<void> {
    await this.forwardLoopbackRedirect(url);
    await openExternal(url);
  }

  showBrowserPrompt(prompt: BrowserPrompt, signal: AbortSignal): void {
    const again = commandLink(vscode.l10n.t('Open the browser again'), OPEN_SIGN_IN_PAGE_COMMAND, [prompt.url]);
    const waiting = vscode.l10n.t('Continue in your browser; this closes once you are signed in.');
    this.showPrompt(prompt, signal, `${prompt.reason ? `${prompt.reason} ` : ''}${waiting} ${again}`);
  }

  showDeviceCode(info: DeviceCodePrompt, signal: AbortSignal): void {
    const enter = vscode.l10n.t('Enter the code {0} at {1}.', info.userCode, info.verificationUri);
    const copy = commandLink(vscode.l10n.t('Copy code and open browser'), OPEN_SIGN_IN_PAGE_COMMAND, [info.verificationUri, info.userCode]);
    this.showPrompt(info, signal, `${info.reason ? `${info.reason} ` : ''}${enter} ${copy}`);
  }

  private showPrompt(prompt: BrowserPrompt | DeviceCodePrompt, signal: AbortSignal, message: string): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sign in to {0}', prompt.cloud.label), cancellable: true },
      async (progress, token) => {
        progress.report({ message });
        const cancellation = token.onCancellationRequested(() => prompt.cancel());
        try {
          await untilAborted(signal);
        } finally {
          cancellation.dispose();
        }
      },
    );
  }

  /**
   * In a remote window msal's loopback server runs on the remote machine; asking VS Code for the redirect's external
   * URI sets up the port forwarding the browser's redirect needs (VS Code keeps the port when it can).
   */
  private async forwardLoopbackRedirect(authorizeUrl: string): Promise<void> {
    if (!isRemoteWindow()) return;
    try {
      const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri');
      if (!redirect || !isLoopbackHost(new URL(redirect).hostname)) return;
      const external = await vscode.env.asExternalUri(vscode.Uri.parse(redirect));
      if (external.authority !== vscode.Uri.parse(redirect).authority) {
        this.logger.warn(`The sign-in redirect ${redirect} is forwarded as ${external.authority}; if the browser cannot return, use the device code sign-in.`);
      }
    } catch (error) {
      this.logger.warn(`Could not forward the sign-in redirect: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The action behind the prompts' links: copy the device code (if any), open the page. */
export async function openSignInPage(url: unknown, userCode?: unknown): Promise<void> {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return;
  if (typeof userCode === 'string') await vscode.env.clipboard.writeText(userCode);
  await openExternal(url);
}

async function openExternal(url: string): Promise<void> {
  const target = await vscode.env.asExternalUri(vscode.Uri.parse(url, true));
  const opened = await vscode.env.openExternal(target);
  if (!opened) throw new Error(vscode.l10n.t('VS Code could not open the browser. Use the device code sign-in instead.'));
}

function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
