// A SignInUi for tests that plays the person at the keyboard over HTTP against the sandbox: it enters device codes
// on /devicelogin and walks the browser consent pages, and records what it was shown (codes, reasons).
import type { BrowserPrompt, DeviceCodePrompt, SignInUi } from '../../../../src/auth/authManager';
import type { UserFlowMethod } from '../../../../src/auth/userFlows';
import { browseAuthorize, delay, enterDeviceCode, type PageResult } from '../../sandbox/helpers/identity';

export type DeviceCodeAction = (info: DeviceCodePrompt) => Promise<unknown> | void;

export class TestSignInUi implements SignInUi {
  method: UserFlowMethod = 'deviceCode';
  readonly deviceCodes: DeviceCodePrompt[] = [];
  readonly browserPrompts: BrowserPrompt[] = [];
  readonly openedUrls: string[] = [];
  /** Signals of the prompts shown: each must fire once its prompt is over. */
  readonly promptSignals: AbortSignal[] = [];
  /** What the "user" does with a device code; by default enters it after msal polled a little. */
  onDeviceCode: DeviceCodeAction = (info) => delay(100).then(() => enterDeviceCode(info.verificationUri, info.userCode));
  /** What the "browser" does with an authorize URL; by default consents and posts the code back. */
  onBrowser: (url: string) => Promise<unknown> = (url) => browseAuthorize(url, { submitFormPost: true });
  /** Completions of the actions above, so a test can check the pages' answers. */
  readonly completions: Promise<unknown>[] = [];

  preferredMethod(): UserFlowMethod {
    return this.method;
  }

  async openBrowser(url: string): Promise<void> {
    this.openedUrls.push(url);
    // Not awaited: a real browser runs independently of the app that opened it.
    this.completions.push(this.onBrowser(url).catch((error: unknown) => error));
  }

  showBrowserPrompt(prompt: BrowserPrompt, signal: AbortSignal): void {
    this.browserPrompts.push(prompt);
    this.promptSignals.push(signal);
  }

  showDeviceCode(info: DeviceCodePrompt, signal: AbortSignal): void {
    this.deviceCodes.push(info);
    this.promptSignals.push(signal);
    const done = this.onDeviceCode(info);
    if (done) this.completions.push(Promise.resolve(done).catch((error: unknown) => error));
  }

  /** Every page the "user" submitted answered 200 (the sign-in was accepted). */
  async assertPagesAccepted(): Promise<void> {
    for (const result of await Promise.all(this.completions)) {
      const page = result as PageResult | Error | undefined;
      if (page instanceof Error) throw page;
      if (page && 'status' in page && page.status !== 200 && page.status !== 302) throw new Error(`page answered ${page.status}: ${page.html}`);
    }
  }
}
