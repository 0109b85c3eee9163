// Small, hand-built inputs for the tree model: jobs in each state, apps, a tenant, and sources that answer from
// memory so each test decides what discovery, the schema and the logs return (and when).
import type {
  ProvisioningObjectSummary,
  SynchronizationJob,
  SynchronizationSchema,
  SynchronizationStatus,
} from '../../../../src/graph/model';
import type { DiscoveryCallbacks, JobLogFilter, LogCursor, PinStore, TreeSources } from '../../../../src/provisioning/tree/jobsTreeModel';
import type { JobRef, TenantInfo, TreeApp } from '../../../../src/provisioning/tree/nodes';

export const NOW = new Date('2026-11-03T12:00:00Z');

function status(code: SynchronizationStatus['code']): SynchronizationStatus {
  return {
    code,
    countSuccessiveCompleteFailures: 0,
    escrowsPruned: false,
    lastExecution: null,
    lastSuccessfulExecution: null,
    lastSuccessfulExecutionWithExports: null,
    progress: [],
    quarantine: null,
    steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z',
    steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
    synchronizedEntryCountByType: [],
    troubleshootingUrl: null,
  };
}

export type State = 'active' | 'paused' | 'quarantine' | 'notConfigured' | 'failing';

export function job(id: string, state: State, templateId = 'scim'): SynchronizationJob {
  const s = status(state === 'failing' ? 'Active' : state === 'quarantine' ? 'Quarantine' : state === 'paused' ? 'Paused' : state === 'notConfigured' ? 'NotConfigured' : 'Active');
  if (state === 'quarantine') {
    s.quarantine = {
      currentBegan: '2026-11-03T10:00:00Z',
      nextAttempt: '2026-11-03T13:00:00Z',
      reason: 'EncounteredQuarantineException',
      seriesBegan: '2026-11-01T10:00:00Z',
      seriesCount: 2,
      error: null,
    };
  }
  if (state === 'failing' || state === 'active') {
    s.lastExecution = {
      activityIdentifier: null,
      countEntitled: 10,
      countEntitledForProvisioning: 10,
      countEscrowed: state === 'failing' ? 3 : 0,
      countEscrowedRaw: state === 'failing' ? 3 : 0,
      countExported: 2,
      countExports: 2,
      countImported: 10,
      countImportedDeltas: 2,
      countImportedReferenceDeltas: 0,
      error: null,
      state: state === 'failing' ? 'Failed' : 'Succeeded',
      timeBegan: '2026-11-03T11:40:00Z',
      timeEnded: '2026-11-03T11:41:00Z',
    };
  }
  return {
    id,
    templateId,
    schedule: {
      expiration: null,
      interval: 'PT40M',
      state: state === 'paused' ? 'Paused' : state === 'notConfigured' ? 'Disabled' : 'Active',
    },
    status: s,
    synchronizationJobSettings: [],
  };
}

export function app(id: string, name: string, ...jobs: SynchronizationJob[]): TreeApp {
  return { servicePrincipal: { id, appId: `appid-${id}`, displayName: name, tags: [] }, jobs };
}

export function tenant(accountId = 'acc1', tenantId = 'tenant-1'): TenantInfo {
  return {
    accountId,
    tenantId,
    label: tenantId,
    description: 'admin@contoso · Sandbox',
    portal: 'https://portal.example/',
    accountKind: 'user',
    clientId: 'client-1',
  };
}

export function memoryPins(): PinStore & { saved: Map<string, readonly string[]> } {
  const saved = new Map<string, readonly string[]>();
  return {
    saved,
    get: (tenantId) => saved.get(tenantId) ?? [],
    set: async (tenantId, ids) => {
      saved.set(tenantId, [...ids]);
    },
  };
}

export interface FakeSources extends TreeSources {
  /** What each account's discovery yields (apps streamed one by one), or an error to throw at the end. */
  tenants: Map<string, { apps: TreeApp[]; error?: unknown; skipped?: { servicePrincipalId: string; error: unknown }[]; gate?: Promise<void> }>;
  jobs: Map<string, SynchronizationJob[] | Error>;
  schemas: Map<string, SynchronizationSchema | Error>;
  logPages: Map<string, (ProvisioningObjectSummary[] | Error)[]>;
  calls: string[];
  lastLogFilter?: JobLogFilter;
}

export function fakeSources(): FakeSources {
  const sources: FakeSources = {
    tenants: new Map(),
    jobs: new Map(),
    schemas: new Map(),
    logPages: new Map(),
    calls: [],
    async discover(accountId: string, callbacks: DiscoveryCallbacks) {
      sources.calls.push(`discover ${accountId}`);
      const spec = sources.tenants.get(accountId) ?? { apps: [] };
      let scanned = 0;
      for (const found of spec.apps) {
        if (callbacks.signal.aborted) throw new Error('aborted');
        callbacks.onApp(found);
        callbacks.onProgress({ scanned: ++scanned, total: spec.apps.length });
      }
      if (spec.gate) await spec.gate;
      if (callbacks.signal.aborted) throw new Error('aborted');
      if (spec.error) throw spec.error;
      return { errors: spec.skipped ?? [] };
    },
    async listJobs(_accountId: string, spId: string) {
      sources.calls.push(`listJobs ${spId}`);
      const jobs = sources.jobs.get(spId);
      if (jobs instanceof Error) throw jobs;
      return jobs ?? [];
    },
    async getSchema(_accountId: string, spId: string, jobId: string) {
      sources.calls.push(`getSchema ${spId} ${jobId}`);
      const schema = sources.schemas.get(jobId);
      if (schema instanceof Error) throw schema;
      return schema ?? { directories: [], synchronizationRules: [] };
    },
    async listLogs(_accountId: string, job: JobRef, filter: JobLogFilter): Promise<LogCursor> {
      sources.calls.push(`listLogs ${job.jobId}`);
      sources.lastLogFilter = filter;
      const pages = sources.logPages.get(job.jobId) ?? [[]];
      const pageAt = async (index: number): Promise<LogCursor> => {
        const page = pages[index]!;
        if (page instanceof Error) throw page;
        return { entries: page, ...(index + 1 < pages.length ? { next: () => pageAt(index + 1) } : {}) };
      };
      return pageAt(0);
    },
  };
  return sources;
}

export function logEntry(id: string, minutesAgo: number, status: 'success' | 'failure' = 'success'): ProvisioningObjectSummary {
  return {
    id,
    activityDateTime: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    tenantId: 'tenant-1',
    jobId: 'job',
    cycleId: 'cycle',
    changeId: 'change',
    provisioningAction: 'create',
    durationInMilliseconds: 100,
    initiatedBy: { id: 'x', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    servicePrincipal: { id: 'sp', displayName: 'App' },
    sourceSystem: { id: 's', displayName: 'Entra ID', details: null },
    targetSystem: { id: 't', displayName: 'App', details: null },
    sourceIdentity: { id: `user-${id}`, displayName: `User ${id}`, identityType: 'User', details: null },
    targetIdentity: { id: '', displayName: null, identityType: 'urn:ietf:params:scim:schemas:core:2.0:User', details: null },
    provisioningStatusInfo: {
      status,
      errorInformation:
        status === 'failure'
          ? { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'Bad response', additionalDetails: null, errorCategory: 'failure', recommendedAction: null }
          : null,
    },
    provisioningSteps: [],
    modifiedProperties: [],
  };
}
