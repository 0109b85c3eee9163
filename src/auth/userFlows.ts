// The two interactive user flows — authorization code + PKCE through msal's loopback server, and device code — run
// in a throwaway msal application with a memory-only cache, so a flow that is cancelled or fails (or is completed by
// the wrong user) leaves every stored account untouched. The caller stores the resulting cache once it accepts it.
import type {
  AuthenticationResult,
  DeviceCodeRequest,
  INetworkModule,
  InteractiveRequest,
  NetworkRequestOptions,
  NetworkResponse,
} from '@azure/msal-node';
import type { Logger } from '../logging/logger';
import { buildMsalConfiguration } from './msalConfig';
import { SignInError } from './signInError';
import { explainAuthError, aadstsCodeOf } from './explainAuthError';
import { FetchNetworkClient, isLoopbackHost } from './networkClient';
import type { SignInUi } from './authManager';
import type { Cloud } from '../graph/clouds';

export type UserFlowMethod = 'interactive' | 'deviceCode';

export interface UserFlowOptions {
  method: UserFlowMethod;
  cloud: Cloud;
  authority: string;
  clientId: string;
  scopes: string[];
  ui: SignInUi;
  logger: Logger;
  /** Why the prompt appears, when the user did not ask for it (more permissions, expired session). */
  reason?: string;
  /** The expected user (re-sign-in, consent for more permissions). */
  loginHint?: string;
  /** Conditional Access claims challenge to satisfy. */
  claims?: string;
  /** Fresh sign-ins let the user pick an account. */
  selectAccount?: boolean;
  signal?: AbortSignal;
  networkClient?: INetworkModule;
  /** For messages: the permission names behind `scopes`. */
  permissions?: readonly string[];
}

export interface UserFlowResult {
  result: AuthenticationResult;
  /** msal's serialized cache holding just this sign-in (account, id/access/refresh tokens). */
  cache: string;
}

const SUCCESS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed in</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto"><h1>Signed in</h1>
<p>Entra Provisioning is signed in. You can close this tab and return to your editor.</p></body></html>`;
const ERROR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto"><h1>Sign-in did not complete</h1>
<p>Return to your editor: Entra Provisioning explains what happened there.</p></body></html>`;

export async function runUserFlow(options: UserFlowOptions): Promise<UserFlowResult> {
  const msal = require('@azure/msal-node') as typeof import('@azure/msal-node');
  const network = new OAuthErrorRecorder(options.networkClient ?? new FetchNetworkClient());
  const app = new msal.PublicClientApplication(
    buildMsalConfiguration({ authority: options.authority, clientId: options.clientId, logger: options.logger, networkClient: network }),
  );
  // One controller for the whole prompt: the user's Cancel, the caller's signal, and "the prompt is over" (which
  // tells the UI to close its notification) all go through it.
  const prompt = new AbortController();
  const cancelled = new AbortController();
  const cancel = () => cancelled.abort();
  const onCallerAbort = () => cancel();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.signal?.aborted) cancel();
  try {
    if (cancelled.signal.aborted) throw cancelledError();
    const result =
      options.method === 'deviceCode'
        ? await deviceCodeFlow(app, options, prompt.signal, cancelled.signal, cancel)
        : await interactiveFlow(app, options, prompt.signal, cancelled.signal, cancel);
    if (!result?.account) throw new SignInError('failed', 'The sign-in finished without an account.');
    return { result, cache: app.getTokenCache().serialize() };
  } catch (error) {
    if (cancelled.signal.aborted) throw cancelledError();
    throw toSignInError(network.withDetails(error), options);
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
    prompt.abort();
  }
}

async function deviceCodeFlow(
  app: import('@azure/msal-node').PublicClientApplication,
  options: UserFlowOptions,
  promptSignal: AbortSignal,
  cancelledSignal: AbortSignal,
  cancel: () => void,
): Promise<AuthenticationResult | null> {
  const request: DeviceCodeRequest = {
    scopes: options.scopes,
    ...(options.claims ? { claims: options.claims } : {}),
    deviceCodeCallback: (response) => {
      options.logger.info(`Device code sign-in started; waiting for the code to be entered at ${response.verificationUri}`);
      options.ui.showDeviceCode(
        {
          userCode: response.userCode,
          verificationUri: response.verificationUri,
          message: response.message,
          cloud: options.cloud,
          ...(options.reason ? { reason: options.reason } : {}),
          cancel,
        },
        promptSignal,
      );
    },
  };
  // msal checks `cancel` before each poll; the race makes the cancel take effect at once for the caller.
  const stopPolling = () => {
    request.cancel = true;
  };
  cancelledSignal.addEventListener('abort', stopPolling, { once: true });
  try {
    return await raceAbort(app.acquireTokenByDeviceCode(request), cancelledSignal);
  } finally {
    cancelledSignal.removeEventListener('abort', stopPolling);
  }
}

async function interactiveFlow(
  app: import('@azure/msal-node').PublicClientApplication,
  options: UserFlowOptions,
  promptSignal: AbortSignal,
  cancelledSignal: AbortSignal,
  cancel: () => void,
): Promise<AuthenticationResult> {
  // msal's loopback server waits for the browser without a timeout or a cancel; on cancel we answer it ourselves
  // (an access_denied form post carrying its state), which makes msal close the server and reject.
  let pending: { redirectUri: string; state: string } | undefined;
  const answerLoopback = () => {
    if (pending) void postCancellation(pending.redirectUri, pending.state);
  };
  cancelledSignal.addEventListener('abort', answerLoopback, { once: true });
  const request: InteractiveRequest = {
    scopes: options.scopes,
    successTemplate: SUCCESS_PAGE,
    errorTemplate: ERROR_PAGE,
    ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    ...(options.selectAccount ? { prompt: 'select_account' } : {}),
    ...(options.claims ? { claims: options.claims } : {}),
    openBrowser: async (url: string) => {
      if (cancelledSignal.aborted) throw cancelledError();
      const parsed = new URL(url);
      pending = { redirectUri: parsed.searchParams.get('redirect_uri') ?? '', state: parsed.searchParams.get('state') ?? '' };
      options.ui.showBrowserPrompt({ url, cloud: options.cloud, ...(options.reason ? { reason: options.reason } : {}), cancel }, promptSignal);
      options.logger.info('Browser sign-in started; waiting for the browser to come back');
      await options.ui.openBrowser(url);
    },
  };
  try {
    return await raceAbort(app.acquireTokenInteractive(request), cancelledSignal);
  } finally {
    cancelledSignal.removeEventListener('abort', answerLoopback);
  }
}

/**
 * msal's device-code polling reports a failure by its OAuth error alone (`authorization_declined`, `invalid_grant`),
 * dropping Entra's AADSTS code and description — which say *why* (declined, Conditional Access, MFA…). This keeps
 * the last error answer of the token service so the explanation can use it. Nothing here is secret: error bodies
 * carry codes and descriptions, never tokens.
 */
class OAuthErrorRecorder implements INetworkModule {
  private lastError: { error: string; description: string; code: number | undefined } | undefined;

  constructor(private readonly inner: INetworkModule) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.inner.sendGetRequestAsync<T>(url, options, timeout);
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const response = await this.inner.sendPostRequestAsync<T>(url, options);
    const body = response.body as { error?: unknown; error_description?: unknown; error_codes?: unknown } | undefined;
    if (response.status >= 400 && typeof body?.error === 'string' && body.error !== 'authorization_pending') {
      const codes = Array.isArray(body.error_codes) ? body.error_codes : [];
      this.lastError = {
        error: body.error,
        description: typeof body.error_description === 'string' ? body.error_description : '',
        code: typeof codes[0] === 'number' ? codes[0] : undefined,
      };
    }
    return response;
  }

  /** The error to explain: msal's, or — when msal dropped the AADSTS code — one rebuilt from the token service's answer. */
  withDetails(error: unknown): unknown {
    if (aadstsCodeOf(error) !== undefined || !this.lastError?.code) return error;
    const { description, code } = this.lastError;
    return Object.assign(new Error(description || `AADSTS${code}`), {
      errorNo: String(code),
      errorCode: this.lastError.error,
      correlationId: (error as { correlationId?: string } | null)?.correlationId ?? '',
    });
  }
}

/** Completes msal's pending loopback request with access_denied, so it stops listening. */
async function postCancellation(redirectUri: string, state: string): Promise<void> {
  try {
    const url = new URL(redirectUri);
    if (!isLoopbackHost(url.hostname)) return;
    url.hostname = '127.0.0.1'; // msal listens on 127.0.0.1 while it writes `localhost` in the redirect URI
    await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ error: 'access_denied', error_description: 'The sign-in was cancelled.', state }).toString(),
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    // The server is gone already: nothing left to stop.
  }
}

/**
 * Waits for a promise (possibly shared with other callers), but lets this caller stop waiting when its own signal
 * fires; the promise itself keeps running and a late rejection is not reported as unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(cancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function cancelledError(): SignInError {
  return new SignInError('cancelled', 'The sign-in was cancelled.');
}

/** Any msal failure as a SignInError with a plain-words message. */
export function toSignInError(error: unknown, context: { clientId?: string; permissions?: readonly string[]; accountId?: string }, kind?: 'user' | 'app'): SignInError {
  if (error instanceof SignInError) return error;
  const aadsts = aadstsCodeOf(error);
  const errorCode = (error as { errorCode?: unknown } | null)?.errorCode;
  if (errorCode === 'access_denied' && aadsts === undefined) return cancelledError();
  const message = explainAuthError(error, {
    ...(context.clientId ? { clientId: context.clientId } : {}),
    ...(context.permissions ? { permissions: context.permissions } : {}),
    ...(kind ? { kind } : {}),
  });
  return new SignInError('failed', message, {
    ...(context.accountId ? { accountId: context.accountId } : {}),
    ...(aadsts !== undefined ? { aadsts } : {}),
    cause: error,
  });
}
