// The sandbox's SCIM 2.0 target: what Entra's provisioning service talks to when a job's Tenant URL (BaseAddress)
// points here. scimmy + scimmy-routers serve the protocol (/Users, /Groups, /Schemas, /ResourceTypes,
// /ServiceProviderConfig) on `{origin}/scim/v2/`; this file adds what a real target has around it: a bearer token,
// Entra's PATCH dialect (./patch.ts), a request log, and a control API for tests on `{origin}/_scim/` (no token,
// like /_sandbox/: it only listens on loopback).
//
// scimmy keeps its declarations and base path per process, so requests to every SCIM server in the process are
// handled one at a time (a queue). That also makes each PATCH (read, apply, write) atomic, as a target must.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import SCIMMYRouters from 'scimmy-routers';
import { installScimHandlers, type ScimHandlerContext } from './resources';
import { normalizePatch, normalizeResource } from './patch';
import { patchToScim2, resourceToScim1, resourceToScim2, usesScim1 } from './legacy';
import { ScimStore } from './store';
import { ERROR_SCHEMA, LIST_RESPONSE_SCHEMA } from './schemas';

export const SCIM_BASE_PATH = '/scim/v2';
export const SCIM_CONTROL_PATH = '/_scim';
const SCIM_CONTENT_TYPE = 'application/scim+json';
const MAX_LOGGED_REQUESTS = 2000;
/** Page size of a list request without `count`. */
const DEFAULT_PAGE_SIZE = 100;

export interface ScimServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1 (the sandbox never listens beyond loopback). */
  host?: string;
  /** Bearer token clients must send; a random one when omitted. */
  token?: string;
  /** One line per request (method, path, status, duration); never a token or a body. */
  log?: (line: string) => void;
}

/** One request as the target saw it. Bodies are kept for writes, with `password` values replaced. */
export interface ScimRequestRecord {
  at: string;
  method: string;
  /** Path and query, e.g. `/scim/v2/Users?filter=userName%20eq%20%22a%22`. */
  path: string;
  status: number;
  ms: number;
  body?: unknown;
}

export interface ScimServer {
  /** The SCIM base URL with a trailing slash, e.g. `http://127.0.0.1:PORT/scim/v2/` (what BaseAddress holds). */
  url: string;
  /** `http://127.0.0.1:PORT`: the control API lives at `{origin}/_scim/`. */
  origin: string;
  token: string;
  store: ScimStore;
  requests(): ScimRequestRecord[];
  clearRequests(): void;
  close(): Promise<void>;
}

export async function startScimServer(options: ScimServerOptions = {}): Promise<ScimServer> {
  installScimHandlers();
  const token = options.token ?? randomBytes(24).toString('base64url');
  const store = new ScimStore();
  const requests: ScimRequestRecord[] = [];
  const host = options.host ?? '127.0.0.1';
  let origin = '';

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordRequests(requests, options.log));
  app.use(SCIM_CONTROL_PATH, controlRoutes(store, requests));
  app.use(
    SCIM_BASE_PATH,
    oneAtATime,
    requireBearer(token),
    express.json({ type: [SCIM_CONTENT_TYPE, 'application/json'], limit: '5mb' }),
    // The log shows the body as the client sent it; the translations below make new objects.
    (req: Request, res: Response, next: NextFunction) => {
      res.locals.sentBody = req.body;
      next();
    },
    scim1Names(store),
    entraDialect,
    listPaging,
    new SCIMMYRouters({
      type: 'bearer',
      handler: () => 'sandbox-admin',
      context: (): ScimHandlerContext => ({ store }),
      baseUri: () => origin,
    }) as unknown as express.RequestHandler,
  );
  app.use((req: Request, res: Response) => scimError(res, 404, `No SCIM endpoint at ${req.method} ${req.path}. The SCIM base URL is ${origin}${SCIM_BASE_PATH}/.`));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const parseError = (err as { type?: string }).type === 'entity.parse.failed';
    if (parseError) scimError(res, 400, 'The request body is not valid JSON.', 'invalidSyntax');
    else scimError(res, 500, `The SCIM target failed: ${(err as Error).message ?? String(err)}`);
  });

  const server: Server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('SCIM server: no TCP address');
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    url: `${origin}${SCIM_BASE_PATH}/`,
    origin,
    token,
    store,
    requests: () => requests.map((r) => structuredClone(r)),
    clearRequests: () => void requests.splice(0),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- middleware ---------------------------------------------------------------------------------------------------

let queueTail: Promise<void> = Promise.resolve();

/** Runs SCIM requests of every server in the process one after the other (see the file comment). */
function oneAtATime(_req: Request, res: Response, next: NextFunction): void {
  const previous = queueTail;
  let release!: () => void;
  queueTail = new Promise<void>((resolve) => (release = resolve));
  res.once('finish', release);
  res.once('close', release);
  void previous.then(() => next());
}

/**
 * SCIM 1.x names (the legacy Workplace connector) in, 2.0 names to scimmy; resources created with 1.x names are
 * answered in those names, whoever reads them (./legacy.ts).
 */
function scim1Names(store: ScimStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const scim1 = usesScim1(req.body);
    if (scim1) req.body = req.method === 'PATCH' ? patchToScim2(req.body) : resourceToScim2(req.body);
    const creates = scim1 && (req.method === 'POST' || req.method === 'PUT');
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const render = (resource: unknown): unknown => {
        const id = (resource as { id?: unknown } | null)?.id;
        if (typeof id !== 'string') return resource;
        if (creates && res.statusCode < 300) store.markScim1(id);
        return store.isScim1(id) ? resourceToScim1(resource as Record<string, unknown>) : resource;
      };
      const list = body as { schemas?: unknown; Resources?: unknown[] } | null;
      if (list && Array.isArray(list.schemas) && list.schemas.includes(LIST_RESPONSE_SCHEMA) && Array.isArray(list.Resources)) {
        return json({ ...list, Resources: list.Resources.map(render) });
      }
      return json(render(JSON.parse(JSON.stringify(body ?? null))));
    };
    next();
  };
}

/** Entra's spelling of PATCH ops and booleans, normalised before scimmy sees it (./patch.ts). */
function entraDialect(req: Request, _res: Response, next: NextFunction): void {
  const resource = /^\/groups(\/|$)/i.test(req.path) ? 'Group' : 'User';
  if (req.method === 'PATCH') req.body = normalizePatch(req.body, resource);
  else if (req.method === 'POST' || req.method === 'PUT') req.body = normalizeResource(req.body, resource);
  next();
}

/**
 * Lists: a page of DEFAULT_PAGE_SIZE unless `count` says otherwise (scimmy's own default is 20), and `itemsPerPage`
 * reporting what the page holds (RFC 7644 §3.4.2: the number of resources returned), not the requested count.
 */
function listPaging(req: Request, res: Response, next: NextFunction): void {
  const isList = req.method === 'GET' && /^\/(users|groups)\/?$/i.test(req.path);
  if (isList && req.query.count === undefined) (req.query as Record<string, unknown>).count = String(DEFAULT_PAGE_SIZE);
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const list = body as { schemas?: unknown; Resources?: unknown[]; itemsPerPage?: number } | null;
    if (list && Array.isArray(list.schemas) && list.schemas.includes(LIST_RESPONSE_SCHEMA) && Array.isArray(list.Resources)) {
      list.itemsPerPage = list.Resources.length;
    }
    return json(body);
  };
  next();
}

function requireBearer(token: string) {
  const expected = Buffer.from(token);
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const given = match ? Buffer.from(match[1]!.trim()) : undefined;
    if (given && given.length === expected.length && timingSafeEqual(given, expected)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="sandbox-scim"');
    scimError(res, 401, match ? 'The bearer token is not valid for this SCIM endpoint.' : 'Authorization: Bearer <token> is required.');
  };
}

function recordRequests(requests: ScimRequestRecord[], log: ((line: string) => void) | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith(SCIM_CONTROL_PATH)) {
      next();
      return;
    }
    const started = Date.now();
    res.once('finish', () => {
      const ms = Date.now() - started;
      const record: ScimRequestRecord = { at: new Date(started).toISOString(), method: req.method, path: req.originalUrl, status: res.statusCode, ms };
      const body: unknown = res.locals.sentBody ?? req.body;
      if (req.method !== 'GET' && req.method !== 'DELETE' && body && typeof body === 'object') record.body = withoutPasswords(body);
      requests.push(record);
      if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
      log?.(`SCIM ${req.method} ${req.originalUrl} ${res.statusCode} ${ms} ms`);
    });
    next();
  };
}

/** SCIM bodies carry no tokens, but a `password` attribute may come along (as a key or a PATCH path): never kept. */
function withoutPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const pathIsPassword = typeof object.path === 'string' && /(^|[.:])password$/i.test(object.path);
  return Object.fromEntries(
    Object.entries(object).map(([key, v]) => [key, /^password$/i.test(key) || (pathIsPassword && key === 'value') ? '*****' : withoutPasswords(v)]),
  );
}

// ---- control API --------------------------------------------------------------------------------------------------

function controlRoutes(store: ScimStore, requests: ScimRequestRecord[]): express.Router {
  const router = express.Router();
  router.get('/users', (_req, res) => void res.json({ value: store.users() }));
  router.get('/groups', (_req, res) => void res.json({ value: store.groups() }));
  router.get('/requests', (_req, res) => void res.json({ value: requests }));
  router.delete('/requests', (_req, res) => {
    requests.splice(0);
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    store.reset();
    requests.splice(0);
    res.status(204).end();
  });
  router.use((req, res) => void res.status(404).json({ error: `No control route ${req.method} ${SCIM_CONTROL_PATH}${req.path}.` }));
  return router;
}

// ---- responses ----------------------------------------------------------------------------------------------------

function scimError(res: Response, status: number, detail: string, scimType?: string): void {
  res
    .status(status)
    .type(SCIM_CONTENT_TYPE)
    .send(JSON.stringify({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }));
}
