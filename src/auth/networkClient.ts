// msal's network hook (`system.networkClient`): every request msal-node makes — OIDC discovery, token, device code —
// goes through here, on Node's fetch (injectable, so a host can hand in a proxy-aware one).
//
// One URL rule, independent of what is on the other end: msal only accepts https authorities, but on a loopback host
// (localhost, 127.0.0.0/8, ::1) there is no network for TLS to protect, so an `https://` URL for a loopback host is
// spoken to in plain HTTP on the same port. That is what lets msal run its real flows against a local
// Entra-compatible token service such as the sandbox (whose authority is `https://127.0.0.1:PORT/<tenant>` while it
// serves HTTP). Every other URL is used exactly as given.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface FetchNetworkClientOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** For requests msal gives no timeout (token and device-code POSTs). Default 30 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class FetchNetworkClient implements INetworkModule {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: FetchNetworkClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    const target = toWireUrl(url);
    const limitMs = timeout && timeout > 0 ? timeout : this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limitMs);
    const where = `${method} ${withoutQuery(target)}`;
    try {
      let response: Response;
      try {
        response = await this.fetchImpl(target, {
          method,
          headers: options?.headers ?? {},
          ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
          signal: controller.signal,
        });
      } catch (err) {
        const reason = controller.signal.aborted ? `timed out after ${limitMs} ms` : `failed: ${describeFetchError(err)}`;
        throw msalError('network_error', `Network request ${where} ${reason}`, options?.correlationId);
      }
      // Entra answers errors as JSON too (4xx with error/error_description); msal reads the body either way.
      const text = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      let body: unknown = {};
      if (text.trim().length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          throw msalError('token_parsing_error', `${where} answered HTTP ${response.status} with a body that is not JSON.`, options?.correlationId);
        }
      }
      return { headers, body: body as T, status: response.status };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The URL actually requested: `https://` on a loopback host becomes `http://` on the same port; all else unchanged. */
export function toWireUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'https:' || !isLoopbackHost(parsed.hostname)) return url;
  const port = parsed.port || '443';
  parsed.protocol = 'http:';
  parsed.port = port;
  return parsed.toString();
}

/** localhost (and *.localhost), 127.0.0.0/8 and ::1 — addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function withoutQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/**
 * An msal AuthError, so msal passes our message through (it replaces any other error with a generic
 * "network_error"). msal is required here, on the failure path only, so loading this module does not load msal; and
 * `require` rather than `import()`, so it is the same CommonJS msal-node the product's bundle and tests run — msal
 * recognises its errors with `instanceof`.
 */
function msalError(code: string, message: string, correlationId: string | undefined): Error {
  const { AuthError } = require('@azure/msal-node') as typeof import('@azure/msal-node');
  return new AuthError(code, correlationId ?? '', message);
}
