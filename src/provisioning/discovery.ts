// Finds every app with provisioning in a tenant. Graph has no "service principals that have jobs" query, so this
// lists service principals page by page ($top=999) and asks for their jobs through $batch, 20 per batch, several
// batches in flight while the next page is already being listed. On 5,000 apps that is ~6 pages + 250 batches
// instead of 5,000 job requests. Apps are reported as soon as their batch answers, so the tree fills while the
// scan is still running. One service principal failing (403/404, throttling that outlasted the retries) is recorded
// and the scan goes on; a failure of the listing itself, an authentication failure or cancellation ends it.
import type { BatchRequest, GraphClient, GraphVersion } from '../graph/client';
import { MAX_BATCH_SIZE } from '../graph/client';
import { GraphError } from '../graph/errors';
import type { ServicePrincipal, SynchronizationJob } from '../graph/model';
import { SERVICE_PRINCIPAL_SELECT, batchItemError, jobsPath } from '../graph/synchronization';

export interface ProvisioningServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  tags: string[];
}

export interface ProvisioningApp {
  servicePrincipal: ProvisioningServicePrincipal;
  jobs: SynchronizationJob[];
}

export interface DiscoveryProgress {
  /** Service principals whose jobs have been answered (found, empty or failed). */
  scanned: number;
  /** Service principals in the tenant: from `$count` while listing, exact once the listing ended. */
  total?: number;
  /** HTTP requests this discovery sent so far, retries included. */
  requests: number;
}

export interface DiscoveryError {
  servicePrincipalId: string;
  error: GraphError;
}

export interface DiscoveryResult {
  /** Apps with at least one job, in the order Graph listed their service principals. */
  apps: ProvisioningApp[];
  scanned: number;
  errors: DiscoveryError[];
}

export interface DiscoveryOptions {
  signal?: AbortSignal;
  /** Called for each app with jobs as soon as its batch answers (before the promise resolves). */
  onApp?(app: ProvisioningApp): void;
  onProgress?(progress: DiscoveryProgress): void;
  /**
   * $batch requests in flight at once (default 6). Kept below the GraphClient's own cap (8 by default) so the
   * service principal listing always finds a free slot and stays ahead of the batches.
   */
  batchConcurrency?: number;
  /** Wait before the one retry of items that failed with a 5xx or a network fault (default 500 ms). */
  retryDelayMs?: number;
  version?: GraphVersion;
}

const PAGE_SIZE = 999;

interface Candidate {
  index: number;
  sp: ProvisioningServicePrincipal;
}

export async function discoverProvisioningApps(graph: GraphClient, options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const version = options.version ?? 'v1.0';
  const concurrency = Math.max(1, options.batchConcurrency ?? 6);
  const retryDelayMs = options.retryDelayMs ?? 500;
  const requestsAtStart = graph.requestCount;
  if (options.signal?.aborted) throw discoveryCancelled();

  // One controller stops every request of this discovery, whether the caller cancelled or something fatal happened.
  const stop = new AbortController();
  const onCallerAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const signal = stop.signal;

  const queue: Candidate[][] = [];
  const found: { index: number; app: ProvisioningApp }[] = [];
  const errors: { index: number; error: DiscoveryError }[] = [];
  let listed = 0;
  let scanned = 0;
  let counted: number | undefined;
  let listingDone = false;
  let inFlight = 0;
  let fatal: { error: unknown } | undefined;
  let wake: () => void = () => undefined;
  let wakeUp = new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    wake();
    wakeUp = new Promise<void>((resolve) => (wake = resolve));
  };
  const fail = (error: unknown) => {
    if (!fatal) fatal = { error };
    stop.abort();
    notify();
  };
  const progress = () =>
    options.onProgress?.({
      scanned,
      ...(listingDone ? { total: listed } : counted !== undefined ? { total: Math.max(counted, listed) } : {}),
      requests: graph.requestCount - requestsAtStart,
    });

  // `$count` is one cheap request that lets the progress say "of N" from the start; the listing itself stays
  // strongly consistent (no ConsistencyLevel), so a failure here only costs the total.
  void graph
    .get<unknown>('/servicePrincipals/$count', { version, signal, headers: { ConsistencyLevel: 'eventual' } })
    .then((count) => {
      if (typeof count === 'number' && !listingDone && !fatal) {
        counted = count;
        progress();
      }
    })
    .catch(() => undefined);

  const lister = (async () => {
    const pages = graph.pages<ServicePrincipal>('/servicePrincipals', {
      version,
      signal,
      query: { $select: SERVICE_PRINCIPAL_SELECT, $top: PAGE_SIZE },
    });
    // Pages of 999 do not divide by 20: the remainder waits for the next page so every batch but the last is full.
    let partial: Candidate[] = [];
    for await (const page of pages) {
      for (const sp of page) {
        partial.push({ index: listed++, sp: pick(sp) });
        if (partial.length === MAX_BATCH_SIZE) {
          queue.push(partial);
          partial = [];
        }
      }
      notify();
    }
    if (partial.length > 0) queue.push(partial);
    listingDone = true;
    notify();
    progress();
  })().catch(fail);

  const settle = (candidate: Candidate, outcome: { jobs: SynchronizationJob[] } | { error: GraphError }) => {
    scanned++;
    if ('error' in outcome) {
      errors.push({ index: candidate.index, error: { servicePrincipalId: candidate.sp.id, error: outcome.error } });
      return;
    }
    if (outcome.jobs.length === 0) return;
    const app: ProvisioningApp = { servicePrincipal: candidate.sp, jobs: outcome.jobs };
    found.push({ index: candidate.index, app });
    options.onApp?.(app);
  };

  /** Asks for the jobs of up to 20 service principals; items that failed transiently get one more try. */
  const scan = async (candidates: Candidate[], attempt: number): Promise<void> => {
    const requests: BatchRequest[] = candidates.map((c, i) => ({ id: String(i), method: 'GET', url: jobsPath(c.sp.id) }));
    const retry: Candidate[] = [];
    let outcomes: ({ jobs: SynchronizationJob[] } | { error: GraphError })[];
    try {
      const responses = await graph.batch<{ value?: SynchronizationJob[] }>(requests, { version, signal });
      outcomes = responses.map((response, i) =>
        response.status >= 200 && response.status < 300
          ? { jobs: response.body?.value ?? [] }
          : { error: batchItemError(requests[i]!, response, version) },
      );
    } catch (error) {
      // The $batch request itself failed: cancellation and authentication end the discovery, anything else counts
      // against each of its items (a $batch of GETs is safe to send again).
      if (!(error instanceof GraphError) || error.kind === 'cancelled' || error.status === 401) throw error;
      outcomes = candidates.map(() => ({ error }));
    }
    outcomes.forEach((outcome, i) => {
      if ('error' in outcome && attempt === 0 && isTransient(outcome.error)) retry.push(candidates[i]!);
      else settle(candidates[i]!, outcome);
    });
    if (retry.length > 0) {
      await delay(retryDelayMs, signal);
      await scan(retry, attempt + 1);
    }
  };

  const worker = async () => {
    for (;;) {
      if (fatal) return;
      const candidates = queue.shift();
      if (!candidates) {
        if (listingDone && inFlight === 0) return;
        await wakeUp;
        continue;
      }
      inFlight++;
      try {
        await scan(candidates, 0);
      } catch (error) {
        fail(error);
      } finally {
        inFlight--;
        notify();
      }
      if (!fatal) progress();
    }
  };

  try {
    await Promise.all([lister, ...Array.from({ length: concurrency }, () => worker())]);
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
    stop.abort(); // ends the $count request if it is still out
  }
  if (options.signal?.aborted) throw discoveryCancelled();
  if (fatal) throw fatal.error;
  progress();
  return {
    apps: found.sort((a, b) => a.index - b.index).map((f) => f.app),
    scanned,
    errors: errors.sort((a, b) => a.index - b.index).map((e) => e.error),
  };
}

/** 5xx answers and network faults may well succeed a moment later; 4xx will not. 429/503/504 were already retried by the client. */
function isTransient(error: GraphError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.kind === 'http' && (error.status === 500 || error.status === 502);
}

function pick(sp: ServicePrincipal): ProvisioningServicePrincipal {
  return { id: sp.id, appId: sp.appId, displayName: sp.displayName, tags: sp.tags ?? [] };
}

function discoveryCancelled(): GraphError {
  return new GraphError('The discovery of provisioning apps was cancelled.', { kind: 'cancelled', method: 'GET', path: '/servicePrincipals' });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(discoveryCancelled());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(discoveryCancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// ---- per-tenant cache -------------------------------------------------------------------------------------------

interface CacheEntry {
  result: DiscoveryResult;
  storedAt: number;
}

/**
 * The last discovery per tenant, so reopening the view or expanding a tenant again does not rescan thousands of
 * apps. Entries expire after `ttlMs`; the refresh command invalidates. Job actions patch the cached jobs in place
 * with what Graph answered, so the cache never shows a state older than the tree.
 */
export class DiscoveryCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached result while it is fresh. */
  get(tenantKey: string): DiscoveryResult | undefined {
    const entry = this.entries.get(tenantKey);
    if (!entry) return undefined;
    return this.now() - entry.storedAt < this.ttlMs ? entry.result : undefined;
  }

  /** The cached result even when expired (to show while a refresh runs), with its age in milliseconds. */
  peek(tenantKey: string): { result: DiscoveryResult; ageMs: number } | undefined {
    const entry = this.entries.get(tenantKey);
    return entry ? { result: entry.result, ageMs: this.now() - entry.storedAt } : undefined;
  }

  set(tenantKey: string, result: DiscoveryResult): void {
    this.entries.set(tenantKey, { result, storedAt: this.now() });
  }

  /** Forgets one tenant, or every tenant when no key is given (sign-out, cloud change). */
  invalidate(tenantKey?: string): void {
    if (tenantKey === undefined) this.entries.clear();
    else this.entries.delete(tenantKey);
  }

  /** Replaces one app's jobs after an action (an app left without jobs disappears from the result). */
  replaceJobs(tenantKey: string, servicePrincipalId: string, jobs: SynchronizationJob[]): void {
    const entry = this.entries.get(tenantKey);
    if (!entry) return;
    const apps = entry.result.apps.flatMap((app) =>
      app.servicePrincipal.id !== servicePrincipalId ? [app] : jobs.length > 0 ? [{ ...app, jobs }] : [],
    );
    entry.result = { ...entry.result, apps };
  }
}
