// The SCIM client side of the sandbox's provisioning engine: the requests Entra's provisioning service sends to an
// app's Tenant URL (scim-and-workplace.md §2) — match by `GET /Users?filter=<attr> eq "<v>"` (groups with
// `excludedAttributes=members`), `POST` to create, `PATCH` (PatchOp, capitalised ops) to update, `DELETE` for hard
// deletes — with the job's SecretToken as a bearer token and `application/scim+json` bodies.
// The sandbox never reaches beyond this machine: a Tenant URL that is not on loopback is refused before any request
// (the seed's gallery apps point at real vendors such as api.zoom.us).

export type ScimResourceType = 'Users' | 'Groups';
export type ScimResource = Record<string, unknown> & { id?: string };

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** One request the client made: what a provisioning step's details show and what tests inspect. */
export interface ScimExchange {
  method: string;
  path: string;
  status: number;
}

/** A SCIM request that did not succeed: an HTTP error status, a network failure or an unreachable Tenant URL. */
export class ScimRequestError extends Error {
  override readonly name = 'ScimRequestError';
  constructor(
    message: string,
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    readonly method: string,
    readonly path: string,
    /** The SCIM error's `detail` / `scimType`, or the raw response text. */
    readonly responseText: string,
    readonly kind: 'http' | 'network' | 'unreachable' | 'notConfigured',
  ) {
    super(message);
  }
}

export interface ScimTarget {
  baseAddress: string | null;
  secretToken: string | null;
}

export interface ScimClientOptions {
  /** Per-request timeout in milliseconds (default 15 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Whether the sandbox may send requests to this Tenant URL: http(s) on 127.0.0.1, ::1 or localhost. */
export function isLocalTarget(baseAddress: string | null | undefined): boolean {
  if (!baseAddress) return false;
  try {
    const url = new URL(baseAddress);
    return (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  } catch {
    return false;
  }
}

export class ScimClient {
  readonly exchanges: ScimExchange[] = [];
  private readonly base: string;

  constructor(
    private readonly target: ScimTarget,
    private readonly options: ScimClientOptions = {},
  ) {
    const address = target.baseAddress ?? '';
    // Entra appends `/Users` to the Tenant URL whether or not it ends with a slash.
    this.base = address.endsWith('/') ? address.slice(0, -1) : address;
  }

  /** Matching: the resources whose `filter` holds (Entra only ever sends `eq` filters). */
  async find(type: ScimResourceType, filter: string): Promise<ScimResource[]> {
    const query = type === 'Groups' ? `excludedAttributes=members&filter=${encodeURIComponent(filter)}` : `filter=${encodeURIComponent(filter)}`;
    const body = (await this.send('GET', `/${type}?${query}`)) as { Resources?: unknown; schemas?: unknown } | undefined;
    const resources = body?.Resources;
    if (resources === undefined) return [];
    if (!Array.isArray(resources)) {
      throw new ScimRequestError(`The response to GET /${type} is not a SCIM ${LIST_RESPONSE_SCHEMA}.`, 200, 'GET', `/${type}`, JSON.stringify(body), 'http');
    }
    return resources as ScimResource[];
  }

  /** A resource by id, or undefined when the target answers 404. */
  async get(type: ScimResourceType, id: string): Promise<ScimResource | undefined> {
    try {
      return (await this.send('GET', `/${type}/${encodeURIComponent(id)}`)) as ScimResource;
    } catch (err) {
      if (err instanceof ScimRequestError && err.status === 404) return undefined;
      throw err;
    }
  }

  async create(type: ScimResourceType, body: Record<string, unknown>): Promise<ScimResource> {
    return (await this.send('POST', `/${type}`, body)) as ScimResource;
  }

  /** PATCH with a PatchOp body; answers the updated resource when the target returns one. */
  async patch(type: ScimResourceType, id: string, body: Record<string, unknown>): Promise<ScimResource | undefined> {
    return (await this.send('PATCH', `/${type}/${encodeURIComponent(id)}`, body)) as ScimResource | undefined;
  }

  async delete(type: ScimResourceType, id: string): Promise<void> {
    await this.send('DELETE', `/${type}/${encodeURIComponent(id)}`);
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    if (!this.target.baseAddress) {
      throw new ScimRequestError('The job has no Tenant URL (BaseAddress) to provision to.', 0, method, path, '', 'notConfigured');
    }
    if (!isLocalTarget(this.target.baseAddress)) {
      throw new ScimRequestError(
        `The sandbox only provisions to SCIM endpoints on this machine; the Tenant URL '${this.target.baseAddress}' is not one.`,
        0,
        method,
        path,
        '',
        'unreachable',
      );
    }
    const headers: Record<string, string> = { Accept: 'application/scim+json' };
    if (this.target.secretToken) headers.Authorization = `Bearer ${this.target.secretToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/scim+json';
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (err) {
      this.exchanges.push({ method, path, status: 0 });
      const reason = (err as Error).name === 'TimeoutError' ? 'timed out' : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
      throw new ScimRequestError(`${method} ${path} failed: ${reason}`, 0, method, path, '', 'network');
    }
    const text = await response.text();
    this.exchanges.push({ method, path, status: response.status });
    if (!response.ok) {
      throw new ScimRequestError(`${method} ${path} answered ${response.status}: ${scimErrorDetail(text)}`, response.status, method, path, text, 'http');
    }
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ScimRequestError(`${method} ${path} answered ${response.status} with a body that is not JSON.`, response.status, method, path, text, 'http');
    }
  }
}

/** The `detail` of a SCIM error body (RFC 7644 §3.12), or the start of the raw text. */
function scimErrorDetail(text: string): string {
  try {
    const parsed = JSON.parse(text) as { detail?: unknown; scimType?: unknown };
    if (typeof parsed.detail === 'string') return parsed.scimType ? `${parsed.detail} (${String(parsed.scimType)})` : parsed.detail;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 300) || '(no body)';
}
