// Discovery on the `large` sandbox tenant (5,000 service principals, 200 with jobs) with 50 ms added to every
// request, against the naive way in the same run: list the service principals, then one GET …/synchronization/jobs
// per service principal, one after the other.
//
// The naive listing needs ~5,000 sequential requests × ≥ 50 ms ≈ 4–5 minutes, so by default it runs on a
// deterministic sample — the first `sample` service principals in listing order — and the job-request time is
// extrapolated linearly to the whole tenant (every naive job request costs the same: one round trip with the same
// fixed latency). The listing pages are always measured in full. `--full-naive` runs all of it instead.
import { performance } from 'node:perf_hooks';
import { GraphClient } from '../src/graph/client';
import type { ServicePrincipal, SynchronizationJob } from '../src/graph/model';
import { SERVICE_PRINCIPAL_SELECT, jobsPath } from '../src/graph/synchronization';
import { discoverProvisioningApps } from '../src/provisioning/discovery';
import { startSandbox } from '../src/sandbox/server';
import { appToken } from '../test/support/sandbox';
import { report, type Measurement } from './report';

export interface DiscoveryBenchOptions {
  latencyMs: number;
  /** Service principals the naive job listing visits; 0 or >= total means all of them. */
  sample: number;
}

export async function benchDiscovery(options: DiscoveryBenchOptions): Promise<Measurement[]> {
  const sandbox = await startSandbox({ seed: 'large', latencyMs: options.latencyMs });
  try {
    const token = await appToken(sandbox);
    const client = (maxConcurrency?: number) =>
      new GraphClient({ root: sandbox.info.graph, getAccessToken: async () => token, ...(maxConcurrency ? { maxConcurrency } : {}) });

    // ---- discovery as the product does it
    const graph = client();
    const started = performance.now();
    let firstAppMs: number | undefined;
    const result = await discoverProvisioningApps(graph, { onApp: () => (firstAppMs ??= performance.now() - started) });
    const discoveryMs = performance.now() - started;
    const requests = graph.requestCount;

    // ---- naive: page the service principals, then one job request per service principal, sequentially
    const naive = client(1);
    const naiveStarted = performance.now();
    const principals = await naive.list<ServicePrincipal>('/servicePrincipals', { query: { $select: SERVICE_PRINCIPAL_SELECT, $top: 999 } });
    const pagingMs = performance.now() - naiveStarted;
    const total = principals.length;
    const visited = options.sample > 0 && options.sample < total ? principals.slice(0, options.sample) : principals;
    const jobsStarted = performance.now();
    let naiveApps = 0;
    for (const sp of visited) {
      const page = await naive.get<{ value: SynchronizationJob[] }>(jobsPath(sp.id));
      if (page.value.length > 0) naiveApps++;
    }
    const jobRequestsMs = performance.now() - jobsStarted;
    const extrapolated = visited.length < total;
    const naiveMs = pagingMs + jobRequestsMs * (total / visited.length);
    const naiveRequests = naive.requestCount - visited.length + total;

    // The sample must agree with discovery, or the comparison is meaningless.
    const sampleIds = new Set(visited.map((sp) => sp.id));
    const discoveredInSample = result.apps.filter((a) => sampleIds.has(a.servicePrincipal.id)).length;
    if (discoveredInSample !== naiveApps) {
      throw new Error(`naive listing found ${naiveApps} apps in its sample, discovery ${discoveredInSample}`);
    }

    const how = extrapolated
      ? `naive = listing (${Math.round(pagingMs)} ms, measured in full) + ${visited.length} sequential job requests measured ` +
        `(${Math.round(jobRequestsMs)} ms) extrapolated linearly to ${total} service principals; sandbox latency ${options.latencyMs} ms/request`
      : `naive measured in full over ${total} service principals; sandbox latency ${options.latencyMs} ms/request`;
    const ratio = naiveMs / discoveryMs;
    return [
      report({
        bench: 'discovery.wallTime',
        value: discoveryMs,
        unit: 'ms',
        baseline: naiveMs,
        ratio,
        target: '≥ 20× faster than naive',
        pass: ratio >= 20 && result.apps.length === 200 && result.errors.length === 0,
        note: `${how}; discovery found ${result.apps.length} apps among ${result.scanned} service principals, ${result.errors.length} errors`,
      }),
      report({
        bench: 'discovery.requests',
        value: requests,
        unit: 'requests',
        baseline: naiveRequests,
        ratio: naiveRequests / requests,
        target: '≤ 300',
        pass: requests <= 300,
        note: 'HTTP requests sent by discovery (service principal pages, $count, $batch of 20), retries included; baseline = naive listing pages + one request per service principal',
      }),
      report({
        bench: 'discovery.timeToFirstJob',
        value: firstAppMs ?? Number.NaN,
        unit: 'ms',
        baseline: discoveryMs,
        ratio: firstAppMs === undefined ? null : firstAppMs / discoveryMs,
        target: 'first job shown before discovery ends',
        pass: firstAppMs !== undefined && firstAppMs < discoveryMs,
        note: 'time from start to the first onApp callback; baseline = time until discovery resolved',
      }),
    ];
  } finally {
    await sandbox.close();
  }
}
