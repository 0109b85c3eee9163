// The one Microsoft Graph client. Everything the product sends to Graph goes through here, so retry, throttling,
// paging, batching, concurrency, timeouts, cancellation, logging and error shape are decided once.
//
// Why a small typed client and not @microsoft/microsoft-graph-client: that SDK adds ~100 KB minified plus an
// isomorphic-fetch polyfill to the bundle, has no concurrency cap, and its RetryHandler does not retry items inside
// a $batch. We need few endpoints, typed by ../graph/model.ts, and exact control over what is logged (never bodies).
import { randomUUID } from 'node:crypto';
import { GraphError, parseRetryAfter } from './errors';
import { silentLogger, type Logger } from '../logging/logger';

export type GraphVersion = 'v1.0' | 'beta';

export interface AccessTokenRequest {
  /** True when the call changes something (the caller may need a broader consent than for reading). */
  write: boolean;
  signal?: AbortSignal;
  /** Graph refused the previous token (401): get a new one, bypassing any cache. */
  forceRefresh?: boolean;
  /** The claims challenge of that 401 (Conditional Access, continuous access evaluation), decoded JSON. */
  claims?: string;
}

export interface GraphClientOptions {
  /** Graph root, e.g. `https://graph.microsoft.com/`. */
  root: string;
  getAccessToken(request: AccessTokenRequest): Promise<string>;
  logger?: Logger;
  /** Requests in flight at once (default 8). */
  maxConcurrency?: number;
  /** Per attempt, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt for throttling, 503/504 and network faults (default 6). */
  maxRetries?: number;
  /** Base of the exponential backoff when the server gives no Retry-After (default 500 ms). */
  backoffBaseMs?: number;
  /** Upper bound of any single wait, Retry-After included (default 60 s). */
  maxDelayMs?: number;
  /** Injected by tests to observe waits without sleeping. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RequestOptions {
  version?: GraphVersion;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Ask for the write-tier token although the request only reads: the user and group pickers read /users and
   * /groups, whose permissions (User.Read.All, Group.Read.All) come with the write consent (src/auth/scopes.ts).
   */
  write?: boolean;
}

export interface BatchRequest {
  id: string;
  method: string;
  /** Relative to the version root, e.g. `/servicePrincipals/{id}/synchronization/jobs`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  dependsOn?: string[];
}

export interface BatchResponse<T = unknown> {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: T;
}

export const MAX_BATCH_SIZE = 20;
const RETRYABLE_STATUS = new Set([429, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export class GraphClient {
  private readonly root: string;
  private readonly logger: Logger;
  private readonly limiter: Semaphore;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Requests sent over the wire, retries included (benchmarks and tests read it). */
  requestCount = 0;

  constructor(private readonly options: GraphClientOptions) {
    this.root = options.root.endsWith('/') ? options.root : `${options.root}/`;
    this.logger = options.logger ?? silentLogger;
    this.limiter = new Semaphore(options.maxConcurrency ?? 8);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 6;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.sleep = options.sleep ?? abortableSleep;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T = void>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = void>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete(path: string, options?: RequestOptions): Promise<void> {
    return this.request<void>('DELETE', path, options);
  }

  /** Sends one request with retries; resolves with the parsed JSON body (undefined for 204). */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.urlFor(path, options);
    const { text } = await this.send(method, url, options, method.toUpperCase() !== 'GET' || options.write === true);
    return (text ? parseJson(text, method, path) : undefined) as T;
  }

  /** Follows `@odata.nextLink` and yields each page's `value` as it arrives. */
  async *pages<T>(path: string, options: RequestOptions = {}): AsyncGenerator<T[]> {
    let url: string | undefined = this.urlFor(path, options);
    while (url) {
      const { text } = await this.send('GET', url, options, options.write === true);
      const page = parseJson(text, 'GET', path) as { value?: T[]; '@odata.nextLink'?: string };
      yield page.value ?? [];
      url = page['@odata.nextLink'];
    }
  }

  /** Every item of a paged collection. */
  async list<T>(path: string, options: RequestOptions = {}): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages<T>(path, options)) all.push(...page);
    return all;
  }

  /**
   * Sends requests through `POST /$batch`, 20 at a time. Items answered 429/503/504 are retried in a later batch
   * after the longest Retry-After among them, so one throttled item never fails the whole set.
   * Responses come back in the order of `requests`.
   */
  async batch<T = unknown>(requests: BatchRequest[], options: Omit<RequestOptions, 'body' | 'query'> = {}): Promise<BatchResponse<T>[]> {
    const results = new Map<string, BatchResponse<T>>();
    let pending = [...requests];
    for (let attempt = 0; pending.length > 0; attempt++) {
      const chunks = chunk(pending, MAX_BATCH_SIZE);
      const answered = await Promise.all(chunks.map((items) => this.sendBatch<T>(items, options)));
      const retry: BatchRequest[] = [];
      let waitSeconds = 0;
      for (const response of answered.flat()) {
        const original = pending.find((r) => r.id === response.id)!;
        if (RETRYABLE_STATUS.has(response.status) && attempt < this.maxRetries) {
          retry.push(original);
          waitSeconds = Math.max(waitSeconds, parseRetryAfter(headerValue(response.headers, 'retry-after')) ?? 0);
        } else {
          results.set(response.id, response);
        }
      }
      if (retry.length > 0) {
        const delay = waitSeconds > 0 ? waitSeconds * 1000 : this.backoff(attempt);
        this.logger.debug(`$batch: ${retry.length} item(s) throttled, retrying in ${Math.round(delay)} ms`);
        await this.wait(delay, options.signal, 'POST', '/$batch');
      }
      pending = retry;
    }
    return requests.map((r) => results.get(r.id)!);
  }

  private async sendBatch<T>(items: BatchRequest[], options: Omit<RequestOptions, 'body' | 'query'>): Promise<BatchResponse<T>[]> {
    const body = {
      requests: items.map((item) => ({
        id: item.id,
        method: item.method,
        url: item.url,
        ...(item.body !== undefined ? { body: item.body, headers: { 'Content-Type': 'application/json', ...item.headers } } : item.headers ? { headers: item.headers } : {}),
        ...(item.dependsOn ? { dependsOn: item.dependsOn } : {}),
      })),
    };
    const write = items.some((i) => i.method.toUpperCase() !== 'GET');
    const { text } = await this.send('POST', this.urlFor('/$batch', options), { ...options, body }, write);
    const parsed = parseJson(text, 'POST', '/$batch') as { responses?: BatchResponse<T>[] };
    if (!Array.isArray(parsed.responses)) {
      throw new GraphError('Graph answered a $batch without a responses array.', { kind: 'invalidResponse', method: 'POST', path: '/$batch' });
    }
    return parsed.responses.map((r) => ({ ...r, id: String(r.id), headers: r.headers ?? {} }));
  }

  private urlFor(path: string, options: RequestOptions): string {
    const version = options.version ?? 'v1.0';
    const url = new URL(`${version}${path.startsWith('/') ? path : `/${path}`}`, this.root);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** One logical request: waits for a concurrency slot per attempt, retries what is safe to retry. */
  private async send(method: string, url: string, options: RequestOptions, write: boolean): Promise<{ status: number; text: string }> {
    const verb = method.toUpperCase();
    const path = displayPath(url, this.root);
    const clientRequestId = randomUUID();
    let renewedToken = false;
    let renew: Pick<AccessTokenRequest, 'forceRefresh' | 'claims'> = {};
    for (let attempt = 0; ; attempt++) {
      throwIfCancelled(options.signal, verb, path);
      const tokenOptions = renew;
      renew = {};
      const outcome = await this.limiter.run(() => this.attempt(verb, url, path, options, write, clientRequestId, tokenOptions));
      if (outcome.ok) return outcome;
      const error = outcome.error;
      // A token Graph refuses (revoked, expired early, or a claims challenge) is renewed once, then the call retried.
      if (error.status === 401 && !renewedToken) {
        renewedToken = true;
        renew = { forceRefresh: true, ...(outcome.claims ? { claims: outcome.claims } : {}) };
        this.logger.debug(`${verb} ${path} answered 401: renewing the token once`);
        continue;
      }
      const retryable =
        (error.kind === 'http' && RETRYABLE_STATUS.has(error.status ?? 0)) ||
        ((error.kind === 'network' || error.kind === 'timeout') && IDEMPOTENT.has(verb));
      if (!retryable || attempt >= this.maxRetries) throw error;
      const delay = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : this.backoff(attempt);
      this.logger.debug(`${verb} ${path} will be retried in ${Math.round(delay)} ms (${error.code ?? error.kind})`);
      await this.wait(delay, options.signal, verb, path);
    }
  }

  private async attempt(
    method: string,
    url: string,
    path: string,
    options: RequestOptions,
    write: boolean,
    clientRequestId: string,
    tokenOptions: Pick<AccessTokenRequest, 'forceRefresh' | 'claims'>,
  ): Promise<({ ok: true } & { status: number; text: string }) | { ok: false; error: GraphError; claims?: string }> {
    const started = Date.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let token: string;
    try {
      token = await this.options.getAccessToken({ write, signal: options.signal, ...tokenOptions });
    } catch (err) {
      if (options.signal?.aborted) throw cancelled(method, path);
      throw err;
    }
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'client-request-id': clientRequestId,
      ...options.headers,
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    this.requestCount++;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method, headers, body, signal });
      text = await response.text();
    } catch (err) {
      if (options.signal?.aborted) throw cancelled(method, path);
      const kind = timeout.aborted ? 'timeout' : 'network';
      const message =
        kind === 'timeout'
          ? `Microsoft Graph did not answer within ${Math.round(this.timeoutMs / 1000)} s.`
          : `Could not reach Microsoft Graph (${networkReason(err)}).`;
      this.logger.warn(`${method} ${path} ${kind} after ${Date.now() - started} ms`);
      return { ok: false, error: new GraphError(message, { kind, method, path, clientRequestId, cause: err }) };
    }
    const requestId = response.headers.get('request-id') ?? '-';
    this.logger.info(`${method} ${path} ${response.status} ${Date.now() - started} ms request-id ${requestId}`);
    if (response.ok) return { ok: true, status: response.status, text };
    const error = GraphError.fromResponse(method, path, response.status, response.headers, text, clientRequestId);
    const claims = response.status === 401 ? claimsChallenge(response.headers.get('www-authenticate')) : undefined;
    return claims ? { ok: false, error, claims } : { ok: false, error };
  }

  private async wait(ms: number, signal: AbortSignal | undefined, method: string, path: string): Promise<void> {
    try {
      await this.sleep(Math.min(ms, this.maxDelayMs), signal);
    } catch {
      throw cancelled(method, path);
    }
  }

  /** Exponential backoff with full jitter, bounded by maxDelayMs. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.backoffBaseMs * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}

/** Path and query below the Graph root, for logs and errors; `$skiptoken` values are shortened. */
function displayPath(url: string, root: string): string {
  const rest = url.startsWith(root) ? url.slice(root.length - 1) : new URL(url).pathname;
  return rest.replace(/(\$skiptoken=)[^&]{12,}/i, '$1…');
}

/** `claims="<base64>"` of a `WWW-Authenticate: Bearer …, error="insufficient_claims", claims="…"` header, decoded. */
function claimsChallenge(header: string | null): string | undefined {
  const encoded = header ? /claims="([^"]+)"/i.exec(header)?.[1] : undefined;
  if (!encoded) return undefined;
  try {
    return Buffer.from(encoded, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function parseJson(text: string, method: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GraphError('Microsoft Graph answered with something that is not JSON.', { kind: 'invalidResponse', method, path, cause: err });
  }
}

function cancelled(method: string, path: string): GraphError {
  return new GraphError('The request was cancelled.', { kind: 'cancelled', method, path });
}

function throwIfCancelled(signal: AbortSignal | undefined, method: string, path: string): void {
  if (signal?.aborted) throw cancelled(method, path);
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key]! : null;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Caps how many requests are in flight; waiters are served in arrival order. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.capacity) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
