// The synchronization job state machine: what start, pause, restart, schema edits and creation do to a job's
// schedule, status and the engine-side state Graph does not expose (watermark, connector data store, held-back deletes).
// Pure functions over a JobRecord; the Tenant calls them and announces the change.
// Facts: graph-synchronization.md §3.2–§3.6, §3.11, §4.1, §6.
import type {
  KeyValuePair,
  SynchronizationError,
  SynchronizationTaskExecution,
  SynchronizationJob,
  SynchronizationSchema,
  SynchronizationStatus,
  SynchronizationJobRestartScope,
} from '../../graph/model';
import { RESTART_SCOPE_FLAGS } from '../../graph/model';

/** `steadyState…Time` of a job that never reached steady state. */
export const NEVER = '0001-01-01T00:00:00Z';
/** The interval Graph shows on freshly created / disabled jobs (.NET TimeSpan.MaxValue). */
export const DISABLED_INTERVAL = 'P10675199DT2H48M5.4775807S';
/** The fixed cycle interval of gallery and SCIM apps (not customer-configurable). */
export const ACTIVE_INTERVAL = 'PT40M';

/** Engine state behind a job that Graph does not return but its operations change. */
export interface JobRuntime {
  /** Delta watermark of the last completed cycle; null means the next cycle is an initial (full) cycle. */
  watermark: string | null;
  /** Why the next cycle must be an initial one; null when an incremental cycle is due. */
  initialCycleReason: 'created' | 'restart' | 'schemaChanged' | 'schemaReset' | null;
  /** Source↔target links in the connector data store (restart `ConnectorDataStore`/`Full` clears them). */
  connectorDataStoreLinks: number;
  /** Deletes held back by accidental-deletions prevention. */
  pendingDeletes: number;
  /** Set by restart `ForceDeletes`: the next cycle applies the held-back deletes. */
  forceDeletes: boolean;
}

export interface JobRecord {
  job: SynchronizationJob;
  schema: SynchronizationSchema;
  runtime: JobRuntime;
}

export const DEFAULT_JOB_SETTINGS: readonly KeyValuePair[] = [{ name: 'QuarantineTooManyDeletesThreshold', value: '500' }];

/** Job ids of current jobs: `{templateId}.{tenantIdNoDashes}.{appId}` (§0). */
export function jobIdFor(templateId: string, tenantId: string, appId: string): string {
  return `${templateId}.${tenantId.replace(/-/g, '')}.${appId}`;
}

/** The status of a job that has never run: no executions, no progress, steady state never reached. */
export function neverRunStatus(code: SynchronizationStatus['code']): SynchronizationStatus {
  return {
    code,
    countSuccessiveCompleteFailures: 0,
    escrowsPruned: false,
    lastExecution: null,
    lastSuccessfulExecution: null,
    lastSuccessfulExecutionWithExports: null,
    progress: [],
    quarantine: null,
    steadyStateFirstAchievedTime: NEVER,
    steadyStateLastAchievedTime: NEVER,
    synchronizedEntryCountByType: [],
    troubleshootingUrl: null,
  };
}

/**
 * A job as `POST …/jobs` creates it: schedule Disabled with the TimeSpan.MaxValue interval, nothing run yet.
 * Status code `Paused`, as the current create-job examples show (an older example showed `NotConfigured`).
 */
export function newJobRecord(id: string, templateId: string, schema: SynchronizationSchema): JobRecord {
  const status = neverRunStatus('Paused');
  return {
    job: {
      id,
      templateId,
      schedule: { expiration: null, interval: DISABLED_INTERVAL, state: 'Disabled' },
      status,
      synchronizationJobSettings: DEFAULT_JOB_SETTINGS.map((s) => ({ ...s })),
    },
    schema: { ...schema, id },
    runtime: { watermark: null, initialCycleReason: 'created', connectorDataStoreLinks: 0, pendingDeletes: 0, forceDeletes: false },
  };
}

/** Engine state for a job that arrives from the seed: a job that completed a cycle has a watermark. */
export function runtimeFromStatus(job: SynchronizationJob): JobRuntime {
  const completed = job.status.lastSuccessfulExecution;
  return {
    watermark: completed ? completed.timeEnded : null,
    initialCycleReason: completed ? null : 'created',
    connectorDataStoreLinks: job.status.synchronizedEntryCountByType.reduce((sum, entry) => sum + entry.value, 0),
    pendingDeletes: 0,
    forceDeletes: false,
  };
}

/** A job "has run" once any cycle executed; start then resumes as `Active` instead of `NotRun`. */
export function hasRun(job: SynchronizationJob): boolean {
  return job.status.lastExecution !== null || job.status.lastSuccessfulExecution !== null;
}

/** The status code of an active schedule: quarantine wins; otherwise Active once it has run, else NotRun. */
function activeCode(job: SynchronizationJob): SynchronizationStatus['code'] {
  if (job.status.quarantine) return 'Quarantine';
  return hasRun(job) ? 'Active' : 'NotRun';
}

function activateSchedule(job: SynchronizationJob): void {
  job.schedule.state = 'Active';
  if (job.schedule.interval === DISABLED_INTERVAL) job.schedule.interval = ACTIVE_INTERVAL;
}

/** start: resumes a paused/disabled job where it stopped; a quarantined job has its quarantine cleared (§3.4). */
export function startJob(record: JobRecord): void {
  const { job } = record;
  job.status.quarantine = null;
  activateSchedule(job);
  job.status.code = activeCode(job);
}

/** pause: state is kept (progress, watermark, quarantine details) so start resumes from there (§3.5). */
export function pauseJob(record: JobRecord): void {
  record.job.schedule.state = 'Paused';
  record.job.status.code = 'Paused';
}

export type RestartFlag = Exclude<SynchronizationJobRestartScope, 'Full'>;

/** Empty/omitted resetScope emulates the portal's "Restart provisioning" (§3.6). */
export const PORTAL_RESTART: readonly RestartFlag[] = ['QuarantineState', 'Watermark', 'Escrows'];

/**
 * Reads a comma-separated synchronizationJobRestartScope. Names match case-insensitively (the service parses the
 * flags enum leniently); an unknown name is an error. `Full` expands to its four flags.
 */
export function parseRestartScope(text: string | null | undefined): { flags: Set<RestartFlag> } | { error: string } {
  const names = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) return { flags: new Set(PORTAL_RESTART) };
  const flags = new Set<RestartFlag>();
  const known = Object.keys(RESTART_SCOPE_FLAGS) as SynchronizationJobRestartScope[];
  for (const name of names) {
    const flag = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!flag) {
      return {
        error: `Requested value '${name}' was not found. Valid values for resetScope are: ${known.join(', ')}.`,
      };
    }
    if (flag === 'Full') for (const f of ['ConnectorDataStore', 'Escrows', 'Watermark', 'QuarantineState'] as const) flags.add(f);
    else flags.add(flag);
  }
  return { flags };
}

/**
 * restart: applies each reset flag, then activates the schedule (`None` alone just starts the job).
 * QuarantineState lifts quarantine; Escrows drops queued retries and the counters that drive escrow quarantine;
 * Watermark forces a new initial cycle (progress starts over); ConnectorDataStore forgets source↔target links;
 * ForceDeletes releases deletes held back by accidental-deletions prevention (and lifts a TooManyDeletes quarantine,
 * like the portal's "Allow deletes"). A quarantine that no flag lifted stays, so the code remains `Quarantine`.
 */
export function restartJob(record: JobRecord, flags: ReadonlySet<RestartFlag>): void {
  // `None` (0) alone "starts a paused/quarantined job" — the docs say to call start instead, which it equals.
  if (flags.size === 1 && flags.has('None')) {
    startJob(record);
    return;
  }
  const { job, runtime } = record;
  const status = job.status;
  if (flags.has('QuarantineState')) status.quarantine = null;
  if (flags.has('Escrows')) {
    status.countSuccessiveCompleteFailures = 0;
    status.escrowsPruned = false;
    for (const execution of [status.lastExecution, status.lastSuccessfulExecution, status.lastSuccessfulExecutionWithExports]) {
      if (execution) {
        execution.countEscrowed = 0;
        execution.countEscrowedRaw = 0;
      }
    }
  }
  if (flags.has('Watermark')) {
    runtime.watermark = null;
    runtime.initialCycleReason = 'restart';
    status.progress = [];
  }
  if (flags.has('ConnectorDataStore')) {
    runtime.connectorDataStoreLinks = 0;
    // The portal's counts come from the connector data store and are recalculated after it is reset.
    status.synchronizedEntryCountByType = [];
  }
  if (flags.has('ForceDeletes')) {
    runtime.forceDeletes = runtime.pendingDeletes > 0 || status.quarantine?.reason === 'TooManyDeletes';
    if (status.quarantine?.reason === 'TooManyDeletes') status.quarantine = null;
  }
  activateSchedule(job);
  status.code = activeCode(job);
}

/**
 * Replacing the schema: a change to the rules (mappings, scoping filters, object mappings) makes the next cycle an
 * initial one (§3.11, §6.1); directory-only edits (attribute lists) do not. Returns whether a resync was triggered.
 */
export function replaceSchema(record: JobRecord, schema: SynchronizationSchema, reason: 'schemaChanged' | 'schemaReset'): boolean {
  const rulesChanged = canonicalJson(record.schema.synchronizationRules) !== canonicalJson(schema.synchronizationRules);
  record.schema = schema;
  if (rulesChanged || reason === 'schemaReset') {
    record.runtime.watermark = null;
    record.runtime.initialCycleReason = reason;
    record.job.status.progress = [];
  }
  return rulesChanged || reason === 'schemaReset';
}

/** JSON with object keys sorted, so key order alone never counts as a change. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The lastExecution of a cycle that could not run at all (e.g. the target refused the connection): nothing counted. */
export function failedExecution(activityIdentifier: string, began: string, ended: string, error: SynchronizationError): SynchronizationTaskExecution {
  return {
    activityIdentifier,
    countEntitled: 0,
    countEntitledForProvisioning: 0,
    countEscrowed: 0,
    countEscrowedRaw: 0,
    countExported: 0,
    countExports: 0,
    countImported: 0,
    countImportedDeltas: 0,
    countImportedReferenceDeltas: 0,
    error,
    state: 'Failed',
    timeBegan: began,
    timeEnded: ended,
  };
}
