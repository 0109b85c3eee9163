// synchronizationJob builders for the states a job can be in (graph-synchronization.md §3.1, §4.1, §6): running
// normally, first cycle in progress, paused, quarantined, and created-but-never-configured. Timestamps are relative to
// the seed's "now" so the sandbox always looks recently active.
import type {
  KeyValuePair,
  QuarantineReason,
  SynchronizationError,
  SynchronizationJob,
  SynchronizationStatus,
  SynchronizationTaskExecution,
  SynchronizationTaskExecutionResult,
} from '../../../graph/model';
import type { Random } from '../../random';
import { addSeconds, daysBefore, graphTime, minutesBefore } from './tenant';
import { neverRunStatus } from '../jobs';

/** .NET TimeSpan.MaxValue: the interval shown on freshly created / disabled jobs. */
export const NEVER_INTERVAL = 'P10675199DT2H48M5.4775807S';
export const CYCLE_INTERVAL = 'PT40M';
export const QUARANTINE_TROUBLESHOOTING_URL =
  'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status';

export function defaultJobSettings(): KeyValuePair[] {
  return [
    { name: 'AzureIngestionAttributeOptimization', value: 'False' },
    { name: 'LookaheadQueryEnabled', value: 'False' },
    { name: 'QuarantineTooManyDeletesThreshold', value: '500' },
  ];
}

export interface Counts {
  users: number;
  groups?: number;
}

export interface ExecutionSpec {
  began: Date;
  durationSeconds: number;
  state: SynchronizationTaskExecutionResult;
  /** Objects in scope (countEntitled). */
  entitled: number;
  exported: number;
  escrowed?: number;
  imported?: number;
  error?: SynchronizationError | null;
}

export function execution(rng: Random, spec: ExecutionSpec): SynchronizationTaskExecution {
  const escrowed = spec.escrowed ?? 0;
  const imported = spec.imported ?? spec.entitled;
  return {
    activityIdentifier: rng.uuid(),
    countEntitled: spec.entitled,
    countEntitledForProvisioning: spec.entitled,
    countEscrowed: escrowed,
    // Raw escrows also count system escrows the service retries on its own.
    countEscrowedRaw: escrowed + (escrowed > 0 ? rng.int(0, 3) : 0),
    countExported: spec.exported,
    countExports: spec.exported + escrowed,
    countImported: imported,
    countImportedDeltas: Math.min(imported, spec.exported + escrowed + rng.int(0, 5)),
    countImportedReferenceDeltas: rng.int(0, Math.max(1, Math.floor(spec.exported / 4))),
    error: spec.error ?? null,
    state: spec.state,
    timeBegan: graphTime(spec.began, rng),
    timeEnded: graphTime(addSeconds(spec.began, spec.durationSeconds), rng),
  };
}

function entryCounts(counts: Counts): { key: string; value: number }[] {
  const out = [{ key: 'user to User', value: counts.users }];
  if (counts.groups !== undefined) out.push({ key: 'group to Group', value: counts.groups });
  return out;
}

function baseStatus(): SynchronizationStatus {
  return neverRunStatus('NotConfigured');
}

export interface ActiveJobSpec {
  id: string;
  templateId: string;
  counts: Counts;
  /** Minutes since the last cycle started (< 40 for a healthy job). */
  lastCycleMinutesAgo: number;
  /** Days since the initial cycle finished (steady state first achieved). */
  runningForDays: number;
  /** Result of the last incremental cycle (EntryLevelErrors when some objects failed). */
  lastState?: 'Succeeded' | 'EntryLevelErrors';
  exported: number;
  escrowed?: number;
}

/** A job that has been running incremental cycles every 40 minutes. */
export function activeJob(rng: Random, now: Date, spec: ActiveJobSpec): SynchronizationJob {
  const entitled = spec.counts.users + (spec.counts.groups ?? 0);
  const began = minutesBefore(now, spec.lastCycleMinutesAgo);
  const last = execution(rng, {
    began,
    durationSeconds: rng.int(20, 180),
    state: spec.lastState ?? 'Succeeded',
    entitled,
    exported: spec.exported,
    escrowed: spec.escrowed ?? 0,
  });
  // With entry-level errors the last clean cycle is an earlier one.
  const lastClean =
    spec.lastState === 'EntryLevelErrors'
      ? execution(rng, { began: minutesBefore(now, spec.lastCycleMinutesAgo + 40 * rng.int(3, 12)), durationSeconds: rng.int(20, 120), state: 'Succeeded', entitled, exported: rng.int(1, 6) })
      : last;
  const status = baseStatus();
  Object.assign(status, {
    code: 'Active',
    lastExecution: last,
    lastSuccessfulExecution: lastClean,
    lastSuccessfulExecutionWithExports: spec.exported > 0 ? lastClean : execution(rng, { began: minutesBefore(now, spec.lastCycleMinutesAgo + 40 * rng.int(1, 20)), durationSeconds: rng.int(20, 120), state: 'Succeeded', entitled, exported: rng.int(1, 4) }),
    progress: [{ completedUnits: 1, progressObservationDateTime: graphTime(addSeconds(began, 30), rng), totalUnits: 1, units: 'pages' }],
    steadyStateFirstAchievedTime: graphTime(daysBefore(now, spec.runningForDays), rng),
    steadyStateLastAchievedTime: last.timeEnded,
    synchronizedEntryCountByType: entryCounts(spec.counts),
  } satisfies Partial<SynchronizationStatus>);
  return {
    id: spec.id,
    templateId: spec.templateId,
    schedule: { expiration: null, interval: CYCLE_INTERVAL, state: 'Active' },
    status,
    synchronizationJobSettings: defaultJobSettings(),
  };
}

export interface InitialCycleSpec {
  id: string;
  templateId: string;
  /** Objects in scope and how many pages of them are done. */
  entitled: number;
  completedPages: number;
  totalPages: number;
}

/** Started, first (initial) cycle not finished yet: status NotRun, schedule Active, progress part-way. */
export function initialCycleJob(rng: Random, now: Date, spec: InitialCycleSpec): SynchronizationJob {
  const status = baseStatus();
  status.code = 'NotRun';
  status.progress = [
    { completedUnits: spec.completedPages, progressObservationDateTime: graphTime(minutesBefore(now, 1), rng), totalUnits: spec.totalPages, units: 'pages' },
  ];
  // The connector data store fills up page by page during the initial cycle.
  status.synchronizedEntryCountByType = [{ key: 'user to User', value: Math.floor((spec.entitled * spec.completedPages) / spec.totalPages) }];
  return {
    id: spec.id,
    templateId: spec.templateId,
    schedule: { expiration: null, interval: CYCLE_INTERVAL, state: 'Active' },
    status,
    synchronizationJobSettings: defaultJobSettings(),
  };
}

export interface PausedJobSpec extends ActiveJobSpec {
  pausedDaysAgo: number;
}

/** Ran for a while, then an admin paused it (schedule Paused, status Paused, state preserved). */
export function pausedJob(rng: Random, now: Date, spec: PausedJobSpec): SynchronizationJob {
  const job = activeJob(rng, now, { ...spec, lastCycleMinutesAgo: spec.pausedDaysAgo * 24 * 60 + spec.lastCycleMinutesAgo });
  job.schedule.state = 'Paused';
  job.status.code = 'Paused';
  job.status.progress = [];
  return job;
}

export interface QuarantinedJobSpec {
  id: string;
  templateId: string;
  counts: Counts;
  reason: QuarantineReason;
  error: SynchronizationError;
  /** When the quarantine series began, in hours before now. */
  seriesBeganHoursAgo: number;
  seriesCount: number;
  /** Result of the failing cycles: Failed (nothing worked, e.g. bad credentials) or EntryLevelErrors (escrow threshold). */
  lastState: 'Failed' | 'EntryLevelErrors';
  exported: number;
  escrowed: number;
  runningForDays: number;
}

/**
 * A quarantined job: retries back off (+6 h, +12 h, then daily — §6.3), so currentBegan is the last re-evaluation and
 * nextAttempt lies in the future.
 */
export function quarantinedJob(rng: Random, now: Date, spec: QuarantinedJobSpec): SynchronizationJob {
  const entitled = spec.counts.users + (spec.counts.groups ?? 0);
  const seriesBegan = minutesBefore(now, spec.seriesBeganHoursAgo * 60);
  const currentBegan = minutesBefore(now, rng.int(30, 300));
  const nextAttempt = addSeconds(currentBegan, (spec.seriesCount <= 1 ? 6 : spec.seriesCount === 2 ? 12 : 24) * 3600);
  const last = execution(rng, {
    began: addSeconds(currentBegan, -rng.int(60, 900)),
    durationSeconds: rng.int(30, 600),
    state: spec.lastState,
    entitled: spec.lastState === 'Failed' ? 0 : entitled,
    imported: spec.lastState === 'Failed' ? 0 : entitled,
    exported: spec.exported,
    escrowed: spec.escrowed,
    error: spec.error,
  });
  const lastGood = execution(rng, {
    began: addSeconds(seriesBegan, -40 * 60 - rng.int(0, 600)),
    durationSeconds: rng.int(20, 120),
    state: 'Succeeded',
    entitled,
    exported: rng.int(1, 8),
  });
  const status = baseStatus();
  Object.assign(status, {
    code: 'Quarantine',
    countSuccessiveCompleteFailures: spec.seriesCount,
    lastExecution: last,
    lastSuccessfulExecution: lastGood,
    lastSuccessfulExecutionWithExports: lastGood,
    quarantine: {
      currentBegan: graphTime(currentBegan, rng),
      nextAttempt: graphTime(nextAttempt, rng),
      reason: spec.reason,
      seriesBegan: graphTime(seriesBegan, rng),
      seriesCount: spec.seriesCount,
      error: spec.error,
    },
    steadyStateFirstAchievedTime: graphTime(daysBefore(now, spec.runningForDays), rng),
    steadyStateLastAchievedTime: lastGood.timeEnded,
    synchronizedEntryCountByType: entryCounts(spec.counts),
    troubleshootingUrl: QUARANTINE_TROUBLESHOOTING_URL,
  } satisfies Partial<SynchronizationStatus>);
  return {
    id: spec.id,
    templateId: spec.templateId,
    schedule: { expiration: null, interval: CYCLE_INTERVAL, state: 'Active' },
    status,
    synchronizationJobSettings: defaultJobSettings(),
  };
}

/** Created from a template but never given credentials or started (§3.1 "new job" example). */
export function notConfiguredJob(id: string, templateId: string): SynchronizationJob {
  return {
    id,
    templateId,
    schedule: { expiration: null, interval: NEVER_INTERVAL, state: 'Disabled' },
    status: baseStatus(),
    synchronizationJobSettings: defaultJobSettings(),
  };
}
