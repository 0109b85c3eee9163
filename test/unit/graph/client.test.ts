import assert from 'node:assert/strict';
import { GraphClient } from '../../../src/graph/client';
import { GraphError } from '../../../src/graph/errors';
import type { RunningSandbox } from '../../../src/sandbox/server';
import type { ServicePrincipal, SynchronizationJob } from '../../../src/graph/model';
import { appToken, clearFaults, injectFault, withSandbox } from '../../support/sandbox';

describe('Graph client against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let token: string;
  let waits: number[];

  const client = (overrides: Partial<ConstructorParameters<typeof GraphClient>[0]> = {}) =>
    new GraphClient({
      root: sandbox.info.graph,
      getAccessToken: async () => token,
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...overrides,
    });

  before(async () => {
    sandbox = await withSandbox();
    token = await appToken(sandbox);
  });
  after(() => sandbox.close());
  beforeEach(async () => {
    waits = [];
    await clearFaults(sandbox);
  });

  it('follows @odata.nextLink until the collection ends', async () => {
    const graph = client();
    const pages: number[] = [];
    const all: ServicePrincipal[] = [];
    for await (const page of graph.pages<ServicePrincipal>('/servicePrincipals', { query: { $top: 7 } })) {
      pages.push(page.length);
      all.push(...page);
    }
    const single = await graph.get<{ value: ServicePrincipal[] }>('/servicePrincipals', { query: { $top: 999 } });
    assert.ok(pages.length > 2, `several pages expected, got ${pages.length}`);
    assert.ok(pages.slice(0, -1).every((n) => n === 7));
    assert.deepEqual(all.map((sp) => sp.id), single.value.map((sp) => sp.id));
  });

  it('honours Retry-After on 429 and succeeds once the throttling stops', async () => {
    await injectFault(sandbox, { kind: 'throttle', path: '^/servicePrincipals$', count: 3, retryAfter: 2 });
    const graph = client();
    const page = await graph.get<{ value: unknown[] }>('/servicePrincipals', { query: { $top: 1 } });
    assert.equal(page.value.length, 1);
    assert.deepEqual(waits, [2000, 2000, 2000]);
    assert.equal(graph.requestCount, 4);
  });

  it('backs off exponentially on 503 and gives up after maxRetries with the last error', async () => {
    await injectFault(sandbox, { kind: 'error', status: 503, path: '^/servicePrincipals$', count: -1 });
    const graph = client({ maxRetries: 3, backoffBaseMs: 100 });
    const error = await graph.get('/servicePrincipals').catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.status, 503);
    assert.equal(graph.requestCount, 4);
    assert.equal(waits.length, 3);
  });

  it('does not retry a 500 and reports Graph code, message and request ids', async () => {
    await injectFault(sandbox, { kind: 'error', status: 500, path: '^/servicePrincipals$' });
    const graph = client();
    const error = await graph.get('/servicePrincipals').catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 500);
    assert.equal(error.code, 'generalException');
    assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(error.clientRequestId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(graph.requestCount, 1);
    assert.match(error.describe(), /GET \/v1\.0\/servicePrincipals · 500 · generalException/);
  });

  it('surfaces a 404 with the Graph error code', async () => {
    const error = await client().get('/servicePrincipals/00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'Request_ResourceNotFound');
  });

  it('retries a dropped connection for a GET but not for a POST', async () => {
    await injectFault(sandbox, { kind: 'drop', method: 'GET', path: '^/servicePrincipals$' });
    const graph = client();
    await graph.get('/servicePrincipals', { query: { $top: 1 } });
    assert.equal(graph.requestCount, 2);

    await injectFault(sandbox, { kind: 'drop', method: 'POST', path: '/\\$batch$' });
    const error = await graph.post('/$batch', { requests: [{ id: '1', method: 'GET', url: '/servicePrincipals' }] }).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.kind, 'network');
  });

  it('times out a hung request and retries it when it is safe to', async () => {
    await injectFault(sandbox, { kind: 'hang', path: '^/servicePrincipals$' });
    const graph = client({ timeoutMs: 300 });
    await graph.get('/servicePrincipals', { query: { $top: 1 } });
    assert.equal(graph.requestCount, 2);

    await injectFault(sandbox, { kind: 'hang', path: '^/servicePrincipals$', count: -1 });
    const error = await client({ timeoutMs: 200, maxRetries: 1 }).get('/servicePrincipals').catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.kind, 'timeout');
  });

  it('cancels a request in flight', async () => {
    await injectFault(sandbox, { kind: 'hang', path: '^/servicePrincipals$', count: -1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await client().get('/servicePrincipals', { signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.kind, 'cancelled');
  });

  it('batches 45 requests in chunks of 20 and retries only the throttled items', async () => {
    const graph = client();
    const sps = await graph.list<ServicePrincipal>('/servicePrincipals', { query: { $top: 999 } });
    const targets = [...sps, ...sps, ...sps].slice(0, 45);
    await injectFault(sandbox, { kind: 'throttle', path: '/synchronization/jobs$', count: 4, retryAfter: 1 });
    const before = graph.requestCount;
    const responses = await graph.batch<{ value: SynchronizationJob[] }>(
      targets.map((sp, i) => ({ id: String(i), method: 'GET', url: `/servicePrincipals/${sp.id}/synchronization/jobs` })),
    );
    assert.equal(responses.length, 45);
    assert.deepEqual(responses.map((r) => r.id), targets.map((_, i) => String(i)));
    assert.ok(responses.every((r) => r.status === 200 && Array.isArray(r.body?.value)));
    assert.equal(graph.requestCount - before, 4, '3 batches of the 45, then one batch with the 4 throttled items');
    assert.deepEqual(waits, [1000]);
  });
});
