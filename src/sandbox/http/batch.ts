// JSON batching (`POST /$batch`) as Graph does it: at most 20 requests, unique ids, `dependsOn` ordering with
// 424 Failed Dependency when a prerequisite fails, items that inherit the batch's Authorization header, and
// independent items run concurrently so their responses may come back in any order.
import { randomUUID } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from './router';
import { graphError } from './graphErrors';
import { normalizeGraphPath } from './graphPath';
import { INVALID_JSON_BODY } from './body';

export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export async function runBatch(
  batch: SandboxRequest,
  dispatch: (item: SandboxRequest) => Promise<SandboxResponse>,
): Promise<SandboxResponse> {
  const parsed = parseBatch(batch);
  if (typeof parsed === 'string') return graphError(batch, 400, 'BadRequest', parsed);

  const results = new Map<string, Promise<BatchItemResponse>>();
  const byId = new Map(parsed.map((item) => [item.id, item]));
  const run = (item: BatchItem): Promise<BatchItemResponse> => {
    let pending = results.get(item.id);
    if (!pending) {
      pending = (async () => {
        const prerequisites = await Promise.all((item.dependsOn ?? []).map((dep) => run(byId.get(dep)!)));
        if (prerequisites.some((p) => p.status >= 400)) {
          const failed = graphError(batch, 424, 'BadRequest', 'Failed dependency');
          return { id: item.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: failed.body };
        }
        const response = await dispatch(itemRequest(batch, item));
        const headers: Record<string, string> = { ...(response.headers ?? {}) };
        if (response.body !== undefined && response.status !== 204) headers['Content-Type'] = 'application/json';
        return {
          id: item.id,
          status: response.status,
          headers,
          ...(response.body !== undefined && response.status !== 204 ? { body: response.body } : {}),
          ...(response.text !== undefined ? { body: response.text } : {}),
        };
      })();
      results.set(item.id, pending);
    }
    return pending;
  };
  const responses = await Promise.all(parsed.map(run));
  return { status: 200, body: { responses } };
}

/** Validates the batch envelope the way Graph does; returns the message of the 400 when it is not acceptable. */
function parseBatch(batch: SandboxRequest): BatchItem[] | string {
  const body: unknown = batch.body;
  if (body === undefined || body === INVALID_JSON_BODY || typeof body !== 'object' || body === null) {
    return 'Invalid batch payload format.';
  }
  if (!('requests' in body) || !Array.isArray(body.requests)) return 'Invalid batch payload format.';
  if (body.requests.length === 0) return 'Invalid batch payload format.';
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    return `Number of batch request steps exceeds the maximum of ${MAX_BATCH_REQUESTS}.`;
  }
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const raw of body.requests as Record<string, unknown>[]) {
    const id = raw?.id;
    if (typeof id !== 'string' && typeof id !== 'number') return 'Batch request step does not have an id.';
    const key = String(id);
    if (ids.has(key)) return `Batch request step id '${key}' is duplicated.`;
    ids.add(key);
    if (typeof raw.method !== 'string' || typeof raw.url !== 'string') {
      return `Batch request step '${key}' must have a method and a url.`;
    }
    if (/^https?:/i.test(raw.url)) return `Batch request step '${key}' must use a relative url.`;
    const headers = (raw.headers ?? {}) as Record<string, string>;
    if (raw.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      return `Write request id : ${key} does not contain Content-Type header or body.`;
    }
    const dependsOn = raw.dependsOn === undefined ? undefined : (raw.dependsOn as unknown[]).map(String);
    items.push({ id: key, method: raw.method.toUpperCase(), url: raw.url, headers, body: raw.body, dependsOn });
  }
  for (const item of items) {
    for (const dep of item.dependsOn ?? []) {
      if (!ids.has(dep)) return `Batch request step '${item.id}' depends on unknown step '${dep}'.`;
    }
  }
  if (hasCycle(items)) return 'Batch request steps have a circular dependency.';
  return items;
}

function hasCycle(items: BatchItem[]): boolean {
  const byId = new Map(items.map((i) => [i.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): boolean => {
    const s = state.get(id);
    if (s === 'done') return false;
    if (s === 'visiting') return true;
    state.set(id, 'visiting');
    const cyclic = (byId.get(id)?.dependsOn ?? []).some(visit);
    state.set(id, 'done');
    return cyclic;
  };
  return items.some((i) => visit(i.id));
}

function itemRequest(batch: SandboxRequest, item: BatchItem): SandboxRequest {
  const url = new URL(item.url.startsWith('/') ? item.url : `/${item.url}`, batch.origin);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(item.headers ?? {})) headers[k.toLowerCase()] = v;
  if (batch.headers.authorization && !headers.authorization) headers.authorization = batch.headers.authorization;
  return {
    method: item.method,
    path: normalizeGraphPath(url.pathname),
    apiVersion: batch.apiVersion,
    query: url.searchParams,
    headers,
    body: item.body,
    rawBody: Buffer.alloc(0),
    params: {},
    origin: batch.origin,
    requestId: randomUUID(),
    clientRequestId: headers['client-request-id'] ?? batch.clientRequestId,
  };
}
