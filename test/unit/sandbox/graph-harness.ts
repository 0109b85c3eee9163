// Test harness for the Graph contract tests: starts the whole sandbox on a free port, mints tokens through the
// identity control API, and makes real HTTP calls with fetch. Shared by test/unit/sandbox/graph-*.test.ts.
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox/server';
import {
  BULK_UPLOAD,
  DIRECTORY_DISCOVER,
  GROUPS_READ,
  PROVISIONING_LOGS_READ,
  SERVICE_PRINCIPALS_READ,
  SYNC_READ,
  SYNC_WRITE,
  USERS_READ,
} from '../../../src/sandbox/graph/permissions';

export const ALL_PERMISSIONS = [
  ...new Set([
    ...SYNC_READ, ...SYNC_WRITE, ...DIRECTORY_DISCOVER, ...BULK_UPLOAD, ...SERVICE_PRINCIPALS_READ, ...USERS_READ,
    ...GROUPS_READ, ...PROVISIONING_LOGS_READ,
  ]),
];

export type ApiVersion = 'v1.0' | 'beta';
export const VERSIONS: readonly ApiVersion[] = ['v1.0', 'beta'];

export interface GraphResult {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the response had none or was not JSON. */
  body: any;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (for invalid JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** A token, `null` for no Authorization header; defaults to the harness's all-permissions app token. */
  token?: string | null;
}

export class GraphHarness {
  private constructor(
    readonly sandbox: RunningSandbox,
    readonly token: string,
  ) {}

  static async start(options: SandboxOptions = {}): Promise<GraphHarness> {
    const sandbox = await startSandbox(options);
    const token = await mintToken(sandbox.origin, { permissions: ALL_PERMISSIONS });
    return new GraphHarness(sandbox, token);
  }

  get origin(): string {
    return this.sandbox.origin;
  }

  /** A token with exactly these permissions (app roles or delegated scopes). */
  mint(permissions: readonly string[], kind: 'app' | 'user' = 'app', expiresInSeconds?: number): Promise<string> {
    return mintToken(this.sandbox.origin, { permissions, kind, expiresInSeconds });
  }

  /** `path` is relative to the version root (`/servicePrincipals`), or an absolute URL (a nextLink). */
  async call(method: string, version: ApiVersion, path: string, options: CallOptions = {}): Promise<GraphResult> {
    const url = /^https?:/.test(path) ? path : `${this.origin}/${version}${path}`;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  get(version: ApiVersion, path: string, options?: CallOptions): Promise<GraphResult> {
    return this.call('GET', version, path, options);
  }
  post(version: ApiVersion, path: string, body?: unknown, options: CallOptions = {}): Promise<GraphResult> {
    return this.call('POST', version, path, { ...options, body });
  }
  put(version: ApiVersion, path: string, body?: unknown, options: CallOptions = {}): Promise<GraphResult> {
    return this.call('PUT', version, path, { ...options, body });
  }
  delete(version: ApiVersion, path: string, options?: CallOptions): Promise<GraphResult> {
    return this.call('DELETE', version, path, options);
  }

  /** Follows `@odata.nextLink` to the end; returns every item and the number of pages. */
  async getAll(version: ApiVersion, path: string, options?: CallOptions): Promise<{ items: any[]; pages: GraphResult[] }> {
    const pages: GraphResult[] = [];
    const items: any[] = [];
    let next: string | undefined = path;
    while (next) {
      const page = await this.get(version, next, options);
      if (page.status !== 200) throw new Error(`GET ${next} → ${page.status} ${page.text}`);
      pages.push(page);
      items.push(...(page.body.value as unknown[]));
      next = page.body['@odata.nextLink'];
    }
    return { items, pages };
  }

  /** The service principal with this display name (through the Graph API). */
  async servicePrincipalNamed(displayName: string): Promise<{ id: string; appId: string; displayName: string }> {
    const result = await this.get('v1.0', `/servicePrincipals?$filter=displayName eq '${displayName.replace(/'/g, "''")}'`);
    const sp = result.body?.value?.[0];
    if (!sp) throw new Error(`no service principal named ${displayName}: ${result.status} ${result.text}`);
    return sp;
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

async function mintToken(
  origin: string,
  request: { permissions: readonly string[]; kind?: 'app' | 'user'; expiresInSeconds?: number },
): Promise<string> {
  const response = await fetch(`${origin}/_sandbox/identity/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'app', expiresInSeconds: 3600, ...request }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`minting a token failed: ${response.status} ${text}`);
  return (JSON.parse(text) as { access_token: string }).access_token;
}

/** Graph's error envelope, checked exactly. */
export function assertGraphError(result: GraphResult, status: number, code?: string): void {
  if (result.status !== status) throw new Error(`expected ${status}, got ${result.status}: ${result.text}`);
  const error = result.body?.error;
  const keys = error ? Object.keys(error).sort().join(',') : '';
  if (keys !== 'code,innerError,message') throw new Error(`not a Graph error envelope: ${result.text}`);
  if (code !== undefined && error.code !== code) throw new Error(`expected error code ${code}, got ${error.code}: ${error.message}`);
  const inner = Object.keys(error.innerError).sort().join(',');
  if (inner !== 'client-request-id,date,request-id') throw new Error(`unexpected innerError keys ${inner}`);
  if (typeof error.message !== 'string' || error.message.length === 0) throw new Error('empty error message');
}

export function keysOf(value: object): string[] {
  return Object.keys(value).sort();
}
