// Where the jobs tree's data comes from: each signed-in account's GraphClient (built by the sign-in side; in the
// extension with its logger, so every request is in the log channel) driven by discovery, the synchronization API
// and the log paging. Translation only.
import type { Account } from '../../auth/accounts';
import type { GraphClient } from '../../graph/client';
import { SynchronizationApi } from '../../graph/synchronization';
import type { Logger } from '../../logging/logger';
import { discoverProvisioningApps } from '../discovery';
import { listJobLogs } from '../logs';
import { fetchTenantName } from '../tenantName';
import type { JobLogFilter, LogCursor, TreeSources } from './jobsTreeModel';
import type { JobRef } from './nodes';

/** The part of the sign-in side the tree uses (the AuthManager returned by registerAuth). */
export interface AccountsSource {
  listAccounts(): Account[];
  onDidChangeAccounts(listener: () => void): { dispose(): void };
  graph(accountId: string): GraphClient;
}

export function syncApi(accounts: AccountsSource, accountId: string): SynchronizationApi {
  return new SynchronizationApi(accounts.graph(accountId));
}

export function graphTreeSources(accounts: AccountsSource, logger?: Logger): TreeSources {
  return {
    discover: (accountId, callbacks) =>
      discoverProvisioningApps(accounts.graph(accountId), {
        signal: callbacks.signal,
        onApp: callbacks.onApp,
        onProgress: callbacks.onProgress,
      }),
    listJobs: (accountId, spId, signal) => syncApi(accounts, accountId).listJobs(spId, signal ? { signal } : {}),
    getSchema: (accountId, spId, jobId, signal) => syncApi(accounts, accountId).getJobSchema(spId, jobId, signal ? { signal } : {}),
    listLogs: (accountId, job, filter, signal) => logCursor(accounts.graph(accountId), job, filter, undefined, signal),
    tenantName: (accountId, signal) => fetchTenantName(accounts.graph(accountId), { signal, ...(logger ? { logger } : {}) }),
  };
}

async function logCursor(graph: GraphClient, job: JobRef, filter: JobLogFilter, nextLink: string | undefined, signal?: AbortSignal): Promise<LogCursor> {
  const page = await listJobLogs(graph, { ...filter, jobId: job.jobId }, { ...(signal ? { signal } : {}), ...(nextLink ? { nextLink } : {}) });
  const next = page.nextLink;
  return {
    entries: page.entries,
    ...(next ? { next: (nextSignal?: AbortSignal) => logCursor(graph, job, filter, next, nextSignal) } : {}),
  };
}
