// A small method + path router for the sandbox. Patterns are literal segments and `{name}` captures, matched
// case-insensitively on the literal parts (Graph paths are case-insensitive). One router serves both the top-level
// HTTP server and the sub-requests of `POST /$batch`, so a batched call behaves exactly like a direct one.
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
  method: string;
  /** Path without the `/v1.0` or `/beta` prefix for Graph routes, e.g. `/servicePrincipals/123/synchronization/jobs`. */
  path: string;
  /** `v1.0`, `beta`, or null for non-Graph routes (token endpoints, control API). */
  apiVersion: 'v1.0' | 'beta' | null;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body when the request had one, otherwise undefined. Form bodies land in `form`. */
  body: unknown;
  form?: URLSearchParams;
  rawBody: Buffer;
  params: Record<string, string>;
  /** The caller's verified token, set by the Graph authentication step. */
  principal?: Principal;
  /** Base URL of the server as the caller reached it, e.g. `http://127.0.0.1:4321`. */
  origin: string;
  /** Graph request id assigned to this request (echoed as `request-id`). */
  requestId: string;
  clientRequestId: string;
}

/** Who a Graph call is made as: the claims of a verified access token. */
export interface Principal {
  /** `app` for client-credentials tokens (permissions in `roles`), `user` for delegated tokens (permissions in `scp`). */
  kind: 'app' | 'user';
  clientId: string;
  tenantId: string;
  /** User object id for delegated tokens. */
  userId?: string;
  permissions: Set<string>;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `text` is given. */
  body?: unknown;
  text?: string;
  contentType?: string;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface RouteOptions {
  /** Any one of these permissions (delegated scope or application role) authorises the call. Empty = no token needed. */
  anyOf?: readonly string[];
}

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
  options: RouteOptions;
}

export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
  options: RouteOptions;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): this {
    this.routes.push({ method: method.toUpperCase(), parts: splitPath(pattern), handler, options });
    return this;
  }

  get(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('GET', pattern, handler, options);
  }
  post(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('POST', pattern, handler, options);
  }
  put(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('PUT', pattern, handler, options);
  }
  patch(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('PATCH', pattern, handler, options);
  }
  delete(pattern: string, handler: Handler, options?: RouteOptions): this {
    return this.add('DELETE', pattern, handler, options);
  }

  /**
   * Finds the route for a request. Returns `'method-not-allowed'` when the path exists under another method
   * (Graph answers 405 then, e.g. PATCH on a schema), or undefined when nothing matches the path.
   */
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
    const parts = splitPath(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, parts);
      if (!params) continue;
      if (route.method !== method.toUpperCase()) {
        pathMatched = true;
        continue;
      }
      return { handler: route.handler, params, options: route.options };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p.length > 0);
}

function matchParts(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    if (p.startsWith('{') && p.endsWith('}')) {
      params[p.slice(1, -1)] = safeDecode(a);
    } else if (p.toLowerCase() !== a.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
