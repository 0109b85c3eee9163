// The one error type for everything that goes wrong talking to Graph: HTTP errors carry Graph's own code, message
// and request ids (what Microsoft support asks for); network faults, timeouts and cancellation are told apart by
// `kind` so callers can say the right thing ("you are offline" vs "Graph refused").
import type { GraphErrorBody } from './model';

export type GraphErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'invalidResponse';

export interface GraphErrorDetails {
  kind: GraphErrorKind;
  method: string;
  /** Path below the Graph root, without query (never a token). */
  path: string;
  status?: number;
  code?: string;
  requestId?: string;
  clientRequestId?: string;
  date?: string;
  /** Seconds from Retry-After, when the server sent one. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Marks GraphErrors with a process-wide symbol: the extension loads some features from a second bundle (dist/features.js)
 * that carries its own copy of this class, and `instanceof` must recognise an error made by either copy.
 */
const GRAPH_ERROR_BRAND = Symbol.for('entra-provisioning.GraphError');

export class GraphError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[GRAPH_ERROR_BRAND] === true;
  }

  readonly [GRAPH_ERROR_BRAND] = true;
  readonly kind: GraphErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly date: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, details: GraphErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'GraphError';
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.date = details.date;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Builds the error for a non-2xx answer from its body (Graph's envelope when present) and headers. */
  static fromResponse(
    method: string,
    path: string,
    status: number,
    headers: Headers,
    bodyText: string,
    clientRequestId: string,
  ): GraphError {
    const envelope = parseEnvelope(bodyText);
    const inner = envelope?.error.innerError;
    const code = envelope?.error.code ?? `HTTP${status}`;
    const message = envelope?.error.message || defaultMessage(status);
    return new GraphError(message, {
      kind: 'http',
      method,
      path,
      status,
      code,
      requestId: inner?.['request-id'] ?? headers.get('request-id') ?? undefined,
      clientRequestId: inner?.['client-request-id'] ?? headers.get('client-request-id') ?? clientRequestId,
      date: inner?.date,
      retryAfterSeconds: parseRetryAfter(headers.get('retry-after')),
    });
  }

  /** One line for logs and messages: what failed, Graph's code and the ids support needs. */
  describe(): string {
    const parts = [`${this.method} ${this.path}`];
    if (this.status !== undefined) parts.push(String(this.status));
    if (this.code) parts.push(this.code);
    parts.push(this.message);
    if (this.requestId) parts.push(`request-id ${this.requestId}`);
    if (this.clientRequestId) parts.push(`client-request-id ${this.clientRequestId}`);
    return parts.join(' · ');
  }
}

function parseEnvelope(text: string): GraphErrorBody | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<GraphErrorBody>;
    return parsed && typeof parsed.error === 'object' && parsed.error !== null ? (parsed as GraphErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function defaultMessage(status: number): string {
  if (status === 401) return 'The request was not authenticated.';
  if (status === 403) return 'Insufficient privileges to complete the operation.';
  if (status === 404) return 'The resource was not found.';
  if (status === 429) return 'Too many requests.';
  if (status >= 500) return 'Microsoft Graph had an internal error.';
  return `The request failed with HTTP ${status}.`;
}
