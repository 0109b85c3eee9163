// What a cycle does to the job's status (graph-synchronization.md §4.1, §6): progress by pages while it runs, then the
// execution record (lastExecution, lastSuccessfulExecution[WithExports]), steady state, connector data store counts,
// successive complete failures — and quarantine when the escrow thresholds of §6.4 are crossed or the target refuses
// the credentials. Pure functions over the JobRecord; the cycle runner calls them and the tenant announces the change.
import type { QuarantineReason, SynchronizationError, SynchronizationTaskExecution } from '../../graph/model';
import type { JobRecord } from '../tenant';
import { NEVER, failedExecution } from '../tenant/jobs';

export const QUARANTINE_TROUBLESHOOTING_URL =
  'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status';

/** Escrow quarantine thresholds (§6.4; "subject to change"). Tests scale them down through the sandbox options. */
export interface EscrowThresholds {
  /** Failures in a cycle before the proportion and total rules are evaluated (Entra: 5,000). */
  evaluationStart: number;
  /** Quarantine when more than this share of the cycle's operations failed (Entra: 0.4). */
  proportion: number;
  /** Quarantine when more than this many operations failed (Entra: 40,000). */
  total: number;
}

export const ENTRA_ESCROW_THRESHOLDS: EscrowThresholds = { evaluationStart: 5000, proportion: 0.4, total: 40_000 };

/** Objects per progress page (the portal's progress bar counts pages, §6.2). */
export const PAGE_SIZE = 100;

export interface CycleCounts {
  entitled: number;
  imported: number;
  exported: number;
  escrowed: number;
  /** Operations that reached the export stage (succeeded or failed). */
  exports: number;
}

export function beginProgress(record: JobRecord, now: Date, totalObjects: number): void {
  record.job.status.progress = [
    { completedUnits: 0, progressObservationDateTime: now.toISOString(), totalUnits: Math.max(1, Math.ceil(totalObjects / PAGE_SIZE)), units: 'pages' },
  ];
}

export function advanceProgress(record: JobRecord, now: Date, processedObjects: number): void {
  const progress = record.job.status.progress[0];
  if (!progress) return;
  progress.completedUnits = Math.min(progress.totalUnits, Math.floor(processedObjects / PAGE_SIZE));
  progress.progressObservationDateTime = now.toISOString();
}

export interface CycleRecordInput {
  cycleId: string;
  began: Date;
  ended: Date;
  counts: CycleCounts;
  /** Links in the connector data store after the cycle, by entry type. */
  entryCounts: { key: string; value: number }[];
  error: SynchronizationError | null;
}

/** Records a cycle that ran to its end (entry-level errors included) and evaluates the escrow thresholds. */
export function completeCycle(record: JobRecord, input: CycleRecordInput, thresholds: EscrowThresholds): void {
  const status = record.job.status;
  const { counts } = input;
  const allFailed = counts.exports > 0 && counts.exported === 0 && counts.escrowed > 0;
  const state = counts.escrowed === 0 ? 'Succeeded' : allFailed ? 'Failed' : 'EntryLevelErrors';
  const execution: SynchronizationTaskExecution = {
    activityIdentifier: input.cycleId,
    countEntitled: counts.entitled,
    countEntitledForProvisioning: counts.entitled,
    countEscrowed: counts.escrowed,
    countEscrowedRaw: counts.escrowed,
    countExported: counts.exported,
    countExports: counts.exports,
    countImported: counts.imported,
    countImportedDeltas: counts.imported,
    countImportedReferenceDeltas: 0,
    error: input.error,
    state,
    timeBegan: input.began.toISOString(),
    timeEnded: input.ended.toISOString(),
  };
  status.lastExecution = execution;
  if (state === 'Succeeded') status.lastSuccessfulExecution = execution;
  if (state !== 'Failed' && counts.exported > 0) status.lastSuccessfulExecutionWithExports = execution;
  status.countSuccessiveCompleteFailures = allFailed ? status.countSuccessiveCompleteFailures + 1 : 0;
  status.synchronizedEntryCountByType = input.entryCounts;
  const progress = status.progress[0];
  if (progress) {
    progress.completedUnits = progress.totalUnits;
    progress.progressObservationDateTime = input.ended.toISOString();
  }
  record.runtime.watermark = input.ended.toISOString();
  record.runtime.initialCycleReason = null;
  record.runtime.connectorDataStoreLinks = input.entryCounts.reduce((sum, e) => sum + e.value, 0);

  const reason = escrowQuarantineReason(counts, thresholds);
  if (reason) {
    quarantine(record, reason, input.ended, {
      code: 'EscrowThresholdExceeded',
      message: `${counts.escrowed} of ${counts.exports} operations in the last cycle failed. Fix the failures shown in the provisioning logs, then restart the job.`,
      tenantActionable: true,
    });
    return;
  }
  // A cycle without a quarantine-worthy failure ends any quarantine ("any successful retry exits quarantine", §6.3).
  if (status.quarantine) {
    status.quarantine = null;
    status.troubleshootingUrl = null;
  }
  status.code = record.job.schedule.state === 'Paused' ? 'Paused' : 'Active';
  if (state !== 'Failed') {
    if (status.steadyStateFirstAchievedTime === NEVER) status.steadyStateFirstAchievedTime = execution.timeEnded;
    status.steadyStateLastAchievedTime = execution.timeEnded;
  }
}

/** §6.4: evaluation starts at `evaluationStart` failures; then > proportion failed or > total failures quarantine. */
export function escrowQuarantineReason(counts: CycleCounts, thresholds: EscrowThresholds): QuarantineReason | null {
  if (counts.escrowed < thresholds.evaluationStart) return null;
  if (counts.escrowed > thresholds.total) return 'EncounteredTotalEscrowThreshold';
  const operations = counts.exported + counts.escrowed;
  if (operations > 0 && counts.escrowed / operations > thresholds.proportion) return 'EncounteredEscrowProportionThreshold';
  return null;
}

/** Puts the job in quarantine, continuing the series when it already is (retries back off: 6 h, 12 h, then daily). */
export function quarantine(record: JobRecord, reason: QuarantineReason, now: Date, error: SynchronizationError): void {
  const status = record.job.status;
  const previous = status.quarantine;
  const seriesCount = (previous?.seriesCount ?? 0) + 1;
  const hours = seriesCount <= 1 ? 6 : seriesCount === 2 ? 12 : 24;
  status.quarantine = {
    currentBegan: now.toISOString(),
    nextAttempt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    reason,
    seriesBegan: previous?.seriesBegan ?? now.toISOString(),
    seriesCount,
    error,
  };
  status.code = 'Quarantine';
  status.troubleshootingUrl = QUARANTINE_TROUBLESHOOTING_URL;
}

/** A cycle that could not run at all (the target refused the connection): a complete failure. */
export function failedCycle(record: JobRecord, cycleId: string, began: Date, ended: Date, error: SynchronizationError): void {
  const status = record.job.status;
  status.lastExecution = failedExecution(cycleId, began.toISOString(), ended.toISOString(), error);
  status.countSuccessiveCompleteFailures += 1;
  status.progress = [];
}
