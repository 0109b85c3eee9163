import assert from 'node:assert/strict';
import { GraphError } from '../../../src/graph/errors';
import {
  DiscoveryCache,
  discoverProvisioningApps,
  type DiscoveryProgress,
  type DiscoveryResult,
  type ProvisioningApp,
} from '../../../src/provisioning/discovery';
import type { RunningSandbox } from '../../../src/sandbox/server';
import { clearFaults, injectFault, tokenWith, withSandbox } from '../../support/sandbox';
import { graphFor, idsWithJobs, spNamed } from './helpers';

describe('discoverProvisioningApps (default seed)', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;

  before(async () => {
    sandbox = await withSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => clearFaults(sandbox));

  it('finds exactly the seed apps that have jobs, with their jobs, in listing order', async () => {
    const { graph } = await graphFor(sandbox);
    const result = await discoverProvisioningApps(graph);
    const expected = idsWithJobs(sandbox);
    assert.deepEqual(result.apps.map((a) => a.servicePrincipal.id), expected);
    assert.equal(result.apps.length, 11, 'twelve provisioning apps, one of which (Contoso Travel) has no job yet');
    assert.equal(result.scanned, sandbox.tenant.servicePrincipals().length);
    assert.deepEqual(result.errors, []);
    const workplace = result.apps.find((a) => a.servicePrincipal.displayName === 'Workplace from Meta')!;
    assert.equal(workplace.jobs[0]!.templateId, 'FacebookAtWorkOutDelta');
    assert.deepEqual(Object.keys(workplace.servicePrincipal).sort(), ['appId', 'displayName', 'id', 'tags']);
    assert.ok(!result.apps.some((a) => a.servicePrincipal.displayName === 'Contoso Travel'));
  });

  it('streams apps before the promise resolves and reports progress up to the total', async () => {
    const { graph } = await graphFor(sandbox);
    let resolved = false;
    const streamed: ProvisioningApp[] = [];
    const progress: DiscoveryProgress[] = [];
    const pending = discoverProvisioningApps(graph, {
      onApp: (app) => {
        assert.equal(resolved, false, 'onApp after the promise resolved');
        streamed.push(app);
      },
      onProgress: (p) => progress.push(p),
      batchConcurrency: 1,
    }).then((r) => {
      resolved = true;
      return r;
    });
    const result = await pending;
    assert.equal(streamed.length, result.apps.length);
    assert.deepEqual(new Set(streamed), new Set(result.apps));
    const last = progress.at(-1)!;
    const total = sandbox.tenant.servicePrincipals().length;
    assert.equal(last.scanned, total);
    assert.equal(last.total, total);
    assert.equal(last.requests, graph.requestCount);
    assert.ok(progress.some((p) => p.scanned < total), 'intermediate progress');
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]!.scanned >= progress[i - 1]!.scanned);
  });

  it('uses one listing page, a $count and one $batch per 20 service principals', async () => {
    const { graph } = await graphFor(sandbox);
    await discoverProvisioningApps(graph);
    const total = sandbox.tenant.servicePrincipals().length;
    assert.equal(graph.requestCount, 1 + 1 + Math.ceil(total / 20));
  });

  it('survives a 429 storm on the job requests', async () => {
    await injectFault(sandbox, { kind: 'throttle', path: '/synchronization/jobs$', count: 100, retryAfter: 1 });
    const { graph, waits } = await graphFor(sandbox);
    const result = await discoverProvisioningApps(graph);
    assert.deepEqual(result.apps.map((a) => a.servicePrincipal.id), idsWithJobs(sandbox));
    assert.deepEqual(result.errors, []);
    assert.ok(waits.length >= 3 && waits.every((w) => w === 1000), `Retry-After honoured: ${waits.join(',')}`);
  });

  it('records a service principal whose throttling outlasts the retries, and finds the rest', async () => {
    const slack = spNamed(sandbox, 'Slack');
    await injectFault(sandbox, { kind: 'throttle', path: `^/servicePrincipals/${slack.resource.id}/synchronization/jobs$`, count: -1, retryAfter: 0 });
    const { graph } = await graphFor(sandbox, { maxRetries: 2 });
    const result = await discoverProvisioningApps(graph);
    assert.deepEqual(result.errors.map((e) => e.servicePrincipalId), [slack.resource.id]);
    const error = result.errors[0]!.error;
    assert.ok(error instanceof GraphError);
    assert.equal(error.status, 429);
    assert.equal(error.code, 'TooManyRequests');
    assert.deepEqual(result.apps.map((a) => a.servicePrincipal.id), idsWithJobs(sandbox).filter((id) => id !== slack.resource.id));
    assert.equal(result.scanned, sandbox.tenant.servicePrincipals().length);
  });

  it('retries items that failed with 500 once, and records them when they keep failing', async () => {
    await injectFault(sandbox, { kind: 'error', status: 500, path: '/synchronization/jobs$', count: 5 });
    const { graph } = await graphFor(sandbox);
    const recovered = await discoverProvisioningApps(graph, { retryDelayMs: 10 });
    assert.deepEqual(recovered.errors, []);
    assert.deepEqual(recovered.apps.map((a) => a.servicePrincipal.id), idsWithJobs(sandbox));

    await clearFaults(sandbox);
    const zoom = spNamed(sandbox, 'Zoom');
    await injectFault(sandbox, { kind: 'error', status: 500, path: `^/servicePrincipals/${zoom.resource.id}/synchronization/jobs$`, count: -1 });
    const failing = await discoverProvisioningApps(graph, { retryDelayMs: 10 });
    assert.deepEqual(failing.errors.map((e) => [e.servicePrincipalId, e.error.status, e.error.code]), [[zoom.resource.id, 500, 'generalException']]);
    assert.equal(failing.apps.length, idsWithJobs(sandbox).length - 1);
  });

  it('survives a $batch request that fails as a whole', async () => {
    await injectFault(sandbox, { kind: 'error', status: 500, method: 'POST', path: '^/\\$batch$', count: 1 });
    const { graph } = await graphFor(sandbox);
    const result = await discoverProvisioningApps(graph, { retryDelayMs: 10 });
    assert.deepEqual(result.errors, []);
    assert.equal(result.apps.length, idsWithJobs(sandbox).length);
  });

  it('collects 403s on job requests without failing the discovery', async () => {
    const token = await tokenWith(sandbox, ['Application.Read.All']);
    const { graph } = await graphFor(sandbox, { token });
    const result = await discoverProvisioningApps(graph);
    assert.equal(result.apps.length, 0);
    assert.equal(result.errors.length, sandbox.tenant.servicePrincipals().length);
    assert.ok(result.errors.every((e) => e.error.status === 403 && e.error.code === 'Authorization_RequestDenied'));
    assert.equal(graph.requestCount, 2 + Math.ceil(sandbox.tenant.servicePrincipals().length / 20), '4xx items are not retried');
  });

  it('fails as a whole when the service principals cannot be listed', async () => {
    await injectFault(sandbox, { kind: 'error', status: 403, path: '^/servicePrincipals$', count: 1 });
    const { graph } = await graphFor(sandbox);
    const error = await discoverProvisioningApps(graph).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.status, 403);
  });

  it('fails as a whole on 401 (the token is the problem, not one app)', async () => {
    const { graph } = await graphFor(sandbox, { token: 'not-a-token' });
    const error = await discoverProvisioningApps(graph).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError);
    assert.equal(error.status, 401);
  });

  it('is cancelled by its signal, mid-flight or before it starts', async () => {
    // A hung $batch (inside a batch a hung item would answer 504, so the whole request hangs here).
    await injectFault(sandbox, { kind: 'hang', method: 'POST', path: '^/\\$batch$', count: -1 });
    const { graph } = await graphFor(sandbox);
    let apps = 0;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await discoverProvisioningApps(graph, { signal: controller.signal, onApp: () => apps++ }).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError, String(error));
    assert.equal(apps, 0);
    assert.equal(error.kind, 'cancelled');
    assert.ok(Date.now() - started < 5000);

    // Cancelled after the first batch answered: what streamed stays streamed, the promise still rejects.
    await clearFaults(sandbox);
    await injectFault(sandbox, { kind: 'hang', method: 'POST', path: '^/\\$batch$', count: -1, after: 1 });
    const later = new AbortController();
    const partial = await discoverProvisioningApps(graph, {
      signal: later.signal,
      batchConcurrency: 1,
      onProgress: (p) => {
        if (p.scanned > 0) later.abort();
      },
    }).catch((e: unknown) => e);
    assert.ok(partial instanceof GraphError && partial.kind === 'cancelled');

    const aborted = AbortSignal.abort();
    const early = await discoverProvisioningApps(graph, { signal: aborted }).catch((e: unknown) => e);
    assert.ok(early instanceof GraphError);
    assert.equal(early.kind, 'cancelled');
  });
});

describe('discoverProvisioningApps (large seed)', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;

  before(async () => {
    sandbox = await withSandbox({ seed: 'large' });
  });
  after(() => sandbox.close());

  it('finds exactly the 200 apps with jobs among 5,000 with at most 300 requests', async () => {
    const { graph } = await graphFor(sandbox);
    let firstAppAt: number | undefined;
    const result = await discoverProvisioningApps(graph, { onApp: () => (firstAppAt ??= graph.requestCount) });
    assert.equal(sandbox.tenant.servicePrincipals().length, 5000);
    assert.equal(result.apps.length, 200);
    assert.deepEqual(result.apps.map((a) => a.servicePrincipal.id), idsWithJobs(sandbox));
    assert.equal(result.scanned, 5000);
    assert.ok(graph.requestCount <= 300, `${graph.requestCount} requests`);
    assert.ok(firstAppAt !== undefined && firstAppAt < graph.requestCount / 2, 'the first app arrives early in the scan');
  });
});

describe('DiscoveryCache', () => {
  const result = (ids: string[]): DiscoveryResult => ({
    apps: ids.map((id) => ({ servicePrincipal: { id, appId: `app-${id}`, displayName: id, tags: [] }, jobs: [{ id: `job-${id}` } as never] })),
    scanned: ids.length,
    errors: [],
  });

  it('keeps a result per tenant until it expires or is invalidated', () => {
    let now = 0;
    const cache = new DiscoveryCache(1000, () => now);
    cache.set('a', result(['1']));
    cache.set('b', result(['2']));
    now = 999;
    assert.equal(cache.get('a')?.apps.length, 1);
    cache.invalidate('a');
    assert.equal(cache.get('a'), undefined);
    assert.ok(cache.get('b'));
    now = 1000;
    assert.equal(cache.get('b'), undefined, 'expired');
    assert.deepEqual(cache.peek('b')?.ageMs, 1000, 'an expired result can still be shown while refreshing');
    assert.equal(cache.peek('a'), undefined);
    cache.set('c', result(['3']));
    cache.invalidate();
    assert.equal(cache.get('c'), undefined);
  });

  it('patches one app\'s jobs after an action and drops an app left without jobs', () => {
    const cache = new DiscoveryCache();
    cache.set('t', result(['1', '2']));
    cache.replaceJobs('t', '1', [{ id: 'job-1-new' } as never]);
    assert.equal(cache.get('t')!.apps[0]!.jobs[0]!.id, 'job-1-new');
    cache.replaceJobs('t', '2', []);
    assert.deepEqual(cache.get('t')!.apps.map((a) => a.servicePrincipal.id), ['1']);
  });
});
