// The sandbox tenant: one HTTP server on 127.0.0.1 that answers as Microsoft Graph (v1.0 and beta), as the Entra
// token service (for @azure/msal-node), and on /_sandbox/ as a control API for tests (fault injection, state); beside
// it, on its own port, the SCIM 2.0 target the seeded provisioning apps point at (./scim).
// Everything a caller needs to reach it is in the ready info; nothing in the product branches on "is sandbox".
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Router, type SandboxRequest, type SandboxResponse } from './http/router';
import { GraphErrors, graphError } from './http/graphErrors';
import { FaultInjector, type FaultRule } from './faults';
import { runBatch } from './http/batch';
import { normalizeGraphPath } from './http/graphPath';
import { INVALID_JSON_BODY } from './http/body';
import { registerControlRoutes } from './control';
import { Tenant, type SeedKind } from './tenant';
import { IdentityProvider } from './identity';
import { registerGraphRoutes } from './graph';
import { StateFile } from './stateFile';
import { startScimServer, type ScimServer } from './scim';
import {
  ProvisioningEngine,
  registerOnDemandRoute,
  registerProvisioningControlRoutes,
  type ProvisioningSettingsInput,
} from './provisioning';

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  seed?: SeedKind;
  /** Persist the tenant here between runs (written atomically after every change). */
  statePath?: string;
  /** Delay added to every request, in milliseconds. */
  latencyMs?: number;
  /** Port of the SCIM target; 0 (default) picks a free one. */
  scimPort?: number;
  /**
   * Milliseconds between the provisioning cycles of a started job (default 40 minutes, Entra's PT40M). Cycles only run
   * for jobs started, restarted or re-mapped through the API during this run.
   */
  cycleIntervalMs?: number;
  /** Other provisioning-engine settings: delay of a started job's first cycle, quarantine retry interval, escrow thresholds. */
  provisioning?: ProvisioningSettingsInput;
}

/** The single JSON line `entra-provisioning sandbox` prints when ready. */
export interface SandboxReadyInfo {
  graph: string;
  authority: string;
  tokenEndpoint: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Base URL of the sandbox's SCIM 2.0 target (`http://127.0.0.1:PORT/scim/v2/`): the seeded apps' Tenant URL. */
  scim: string;
  /** Bearer token of the SCIM target for this run (a test credential, like clientSecret). */
  scimToken: string;
}

export interface RunningSandbox {
  info: SandboxReadyInfo;
  origin: string;
  tenant: Tenant;
  identity: IdentityProvider;
  faults: FaultInjector;
  /** The SCIM target (its store, request log and control API at `{scim.origin}/_scim/`). */
  scim: ScimServer;
  /** The provisioning engine: provisionOnDemand and the cycles of started jobs. */
  provisioning: ProvisioningEngine;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const GRAPH_PREFIX = /^\/(v1\.0|beta)(\/.*|$)/i;

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const stateFile = options.statePath ? new StateFile(options.statePath) : undefined;
  const saved = stateFile ? await stateFile.read() : undefined;
  const tenant = saved ? Tenant.fromJSON(saved.tenant) : Tenant.seed(options.seed ?? 'default');
  const identity = new IdentityProvider({ tenantId: tenant.tenantId, directory: tenant, state: saved?.identity });
  const faults = new FaultInjector();

  const engine = new ProvisioningEngine(tenant, { ...options.provisioning, ...(options.cycleIntervalMs !== undefined ? { cycleIntervalMs: options.cycleIntervalMs } : {}) });
  const graphRouter = new Router();
  registerGraphRoutes(graphRouter, tenant);
  registerOnDemandRoute(graphRouter, tenant, engine);
  const otherRouter = new Router();
  identity.registerRoutes(otherRouter);
  registerControlRoutes(otherRouter, { faults, tenant, identity });
  registerProvisioningControlRoutes(otherRouter, tenant, engine);

  const persist = stateFile
    ? () => stateFile.write({ tenant: tenant.toJSON(), identity: identity.toJSON() })
    : () => undefined;
  tenant.onChange(persist);
  identity.onChange(persist);
  if (stateFile && !saved) await stateFile.write({ tenant: tenant.toJSON(), identity: identity.toJSON() });

  /** Runs one Graph call (top-level or a $batch item): faults, routing, authentication, permission, handler. */
  const dispatchGraph = async (req: SandboxRequest): Promise<SandboxResponse | 'drop' | 'hang'> => {
    const fault = faults.take(req.method, req.path);
    if (fault) return faultOutcome(req, fault);
    const found = graphRouter.match(req.method, req.path);
    if (found === 'method-not-allowed') return GraphErrors.methodNotAllowed(req);
    if (!found) return GraphErrors.noResource(req);
    const anyOf = found.options.anyOf ?? [];
    if (anyOf.length > 0) {
      const auth = identity.authenticate(req.headers.authorization);
      if ('error' in auth) {
        return auth.error === 'expired' ? GraphErrors.expired(req) : GraphErrors.unauthenticated(req, auth.message);
      }
      req.principal = auth;
      if (!anyOf.some((p) => auth.permissions.has(p))) return GraphErrors.forbidden(req);
    }
    req.params = found.params;
    return found.handler(req);
  };

  const sockets = new Set<Socket>();
  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((err: unknown) => {
      if (!outgoing.headersSent) {
        outgoing.writeHead(500, { 'Content-Type': 'application/json' });
        outgoing.end(JSON.stringify({ error: { code: 'generalException', message: String(err) } }));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const rawBody = await readBody(incoming);
    if (rawBody === 'too-large') {
      outgoing.writeHead(413).end();
      return;
    }
    if (options.latencyMs) await delay(options.latencyMs);
    const url = new URL(incoming.url ?? '/', origin);
    const req = buildRequest(incoming, url, rawBody, origin);
    const graphMatch = GRAPH_PREFIX.exec(url.pathname);
    let response: SandboxResponse | 'drop' | 'hang';
    if (graphMatch) {
      req.apiVersion = graphMatch[1]!.toLowerCase() === 'beta' ? 'beta' : 'v1.0';
      req.path = normalizeGraphPath(graphMatch[2] || '/');
      if (req.method === 'POST' && req.path.toLowerCase() === '/$batch') {
        const fault = faults.take(req.method, req.path);
        response = fault ? faultOutcome(req, fault) : await runBatch(req, async (item) => asBatchItem(item, await dispatchGraph(item)));
      } else {
        response = await dispatchGraph(req);
      }
    } else {
      const found = otherRouter.match(req.method, req.path);
      if (found && found !== 'method-not-allowed') {
        req.params = found.params;
        response = await found.handler(req);
      } else {
        response = graphError(req, found ? 405 : 404, found ? 'MethodNotAllowed' : 'NotFound', `No route for ${req.method} ${req.path}.`);
      }
    }
    if (response === 'drop') {
      incoming.socket.destroy();
      return;
    }
    if (response === 'hang') return; // the client times out; close() destroys the socket
    writeResponse(outgoing, req, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('sandbox: server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  identity.setOrigin(origin);

  // The SCIM target's port and token are new every run: point the linked apps' secrets at it on every start.
  const scim = await startScimServer({ port: options.scimPort ?? 0 });
  tenant.connectScimTarget(scim.url, scim.token);

  const info: SandboxReadyInfo = {
    graph: `${origin}/`,
    authority: identity.authority,
    tokenEndpoint: identity.tokenEndpoint,
    tenantId: tenant.tenantId,
    clientId: identity.appClient.clientId,
    clientSecret: identity.appClient.clientSecret,
    scim: scim.url,
    scimToken: scim.token,
  };

  return {
    info,
    origin,
    tenant,
    identity,
    faults,
    scim,
    provisioning: engine,
    async close() {
      // Cycles first: they stop between two objects and must not call a SCIM server that is going away.
      await engine.close();
      for (const socket of sockets) socket.destroy();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), scim.close()]);
      if (stateFile) await stateFile.flush();
    },
  };
}

function faultOutcome(req: SandboxRequest, fault: FaultRule): SandboxResponse | 'drop' | 'hang' {
  if (fault.kind === 'drop') return 'drop';
  if (fault.kind === 'hang') return 'hang';
  return faultResponse(req, fault);
}

function faultResponse(req: SandboxRequest, fault: FaultRule): SandboxResponse {
  return fault.kind === 'throttle' ? GraphErrors.throttled(req, fault.retryAfter) : GraphErrors.serverError(req, fault.status);
}

/** Inside a $batch a dropped or hung item cannot be expressed on the wire; Graph reports it as a 504 for that item. */
function asBatchItem(req: SandboxRequest, outcome: SandboxResponse | 'drop' | 'hang'): SandboxResponse {
  return typeof outcome === 'string' ? graphError(req, 504, 'gatewayTimeout', 'The request timed out.') : outcome;
}

function buildRequest(incoming: IncomingMessage, url: URL, rawBody: Buffer, origin: string): SandboxRequest {
  const headers = incoming.headers;
  const contentType = String(headers['content-type'] ?? '');
  let body: unknown;
  let form: URLSearchParams | undefined;
  if (rawBody.length > 0) {
    if (contentType.includes('application/x-www-form-urlencoded')) form = new URLSearchParams(rawBody.toString('utf8'));
    else body = parseJson(rawBody.toString('utf8'));
  }
  const clientRequestId = String(headers['client-request-id'] ?? randomUUID());
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    apiVersion: null,
    query: url.searchParams,
    headers,
    body,
    form,
    rawBody,
    params: {},
    origin,
    requestId: randomUUID(),
    clientRequestId,
  };
}

/** Re-exported for handlers; prefer importing it from ./http/body (no import cycle through the server). */
export { INVALID_JSON_BODY as INVALID_JSON } from './http/body';
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON_BODY;
  }
}

function writeResponse(outgoing: ServerResponse, req: SandboxRequest, response: SandboxResponse): void {
  const headers: Record<string, string> = {
    'request-id': req.requestId,
    'client-request-id': req.clientRequestId,
    ...(response.headers ?? {}),
  };
  if (response.text !== undefined) {
    headers['Content-Type'] = response.contentType ?? 'text/plain; charset=utf-8';
    outgoing.writeHead(response.status, headers);
    outgoing.end(response.text);
  } else if (response.body !== undefined && response.status !== 204) {
    headers['Content-Type'] = response.contentType ?? 'application/json; odata.metadata=minimal; charset=utf-8';
    outgoing.writeHead(response.status, headers);
    outgoing.end(JSON.stringify(response.body));
  } else {
    outgoing.writeHead(response.status, headers);
    outgoing.end();
  }
}

function readBody(incoming: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    incoming.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
