// What processing one object produced, and its two public forms: the provisionOnDemand answer (the classic
// stringKeyStringValuePair whose key and value hold JSON — graph-synchronization.md §3.7) and the provisioning log entry
// (provisioningObjectSummary, §5, shaped like the seed's logs). One record feeds both, so an on-demand answer and the
// log line it leaves always agree.
import type {
  ProvisioningAction,
  ProvisioningErrorInfo,
  ProvisioningObjectSummary,
  ProvisioningResult,
  ProvisioningStepType,
} from '../../graph/model';

export type OutcomeResult = 'Success' | 'Skipped' | 'Failure';
export type OutcomeAction = 'Create' | 'Update' | 'Disable' | 'Delete' | 'Other';
export type StepType = 'Import' | 'Scoping' | 'Matching' | 'Processing' | 'ReferenceResolution' | 'Export';

export interface OutcomeStep {
  name: string;
  type: StepType;
  status: OutcomeResult;
  description: string;
  timestamp: string;
  details: Record<string, string>;
}

export interface StatusInfo {
  status: OutcomeResult;
  errorCode: string | null;
  reason: string | null;
  additionalDetails: string | null;
  errorCategory: 'failure' | 'nonServiceFailure' | null;
  recommendedAction: string | null;
}

export interface ModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface IdentityRef {
  id: string;
  type: string;
  displayName: string | null;
  details: Record<string, string>;
}

export interface SystemRef {
  id: string;
  name: string;
  details: Record<string, string>;
}

export interface ObjectOutcome {
  result: OutcomeResult;
  action: OutcomeAction;
  /** The `details` of the on-demand key: errorCode / errorMessage for skips and failures. */
  details: Record<string, string>;
  changeId: string;
  startTime: string;
  endTime: string;
  steps: OutcomeStep[];
  modifiedProperties: ModifiedProperty[];
  statusInfo: StatusInfo;
  sourceIdentity: IdentityRef;
  targetIdentity: IdentityRef;
  sourceSystem: SystemRef;
  targetSystem: SystemRef;
  reportableIdentifier: string;
  /** A request that changed the target was sent (counts as an export). */
  exported: boolean;
  /** The export failed: the object becomes an escrow that later cycles retry. */
  escrowed: boolean;
  /** Objects processed along with this one (a group's members on demand). */
  related: ObjectOutcome[];
}

export const SUCCESS_INFO: StatusInfo = {
  status: 'Success',
  errorCode: null,
  reason: null,
  additionalDetails: null,
  errorCategory: null,
  recommendedAction: null,
};

const LOG_STEP_TYPE: Record<StepType, ProvisioningStepType> = {
  Import: 'import',
  Scoping: 'scoping',
  Matching: 'matching',
  Processing: 'processing',
  ReferenceResolution: 'referenceResolution',
  Export: 'export',
};

const LOG_RESULT: Record<OutcomeResult, ProvisioningResult> = { Success: 'success', Skipped: 'skipped', Failure: 'failure' };

const LOG_ACTION: Record<OutcomeAction, ProvisioningAction> = {
  Create: 'create',
  Update: 'update',
  Disable: 'disable',
  Delete: 'delete',
  Other: 'other',
};

/** The classic on-demand answer: `key` = {"result","details"}, `value` = the object's processing record. */
export function onDemandPair(outcome: ObjectOutcome): { key: string; value: string } {
  return {
    key: JSON.stringify({ result: outcome.result, details: outcome.details }),
    value: JSON.stringify({
      action: outcome.action,
      changeId: outcome.changeId,
      startTime: outcome.startTime,
      endTime: outcome.endTime,
      modifiedProperties: outcome.modifiedProperties,
      provisioningSteps: outcome.steps,
      reportableIdentifier: outcome.reportableIdentifier,
      statusInfo: outcome.statusInfo,
      sourceIdentity: outcome.sourceIdentity,
      sourceSystem: outcome.sourceSystem,
      targetIdentity: outcome.targetIdentity,
      targetSystem: outcome.targetSystem,
    }),
  };
}

export interface LogContext {
  id: string;
  tenantId: string;
  jobId: string;
  cycleId: string;
  servicePrincipal: { id: string; displayName: string; appId: string; applicationObjectId: string };
}

/** The provisioningObjectSummary this outcome leaves in GET /auditLogs/provisioning. */
export function logEntry(outcome: ObjectOutcome, ctx: LogContext): ProvisioningObjectSummary {
  const sp = ctx.servicePrincipal;
  const info = outcome.statusInfo;
  const errorInformation: ProvisioningErrorInfo | null =
    info.errorCode === null
      ? null
      : {
          errorCode: info.errorCode,
          reason: info.reason,
          additionalDetails: info.additionalDetails,
          errorCategory: info.errorCategory,
          recommendedAction: info.recommendedAction,
        };
  return {
    id: ctx.id,
    activityDateTime: outcome.endTime,
    tenantId: ctx.tenantId,
    jobId: ctx.jobId,
    cycleId: ctx.cycleId,
    changeId: outcome.changeId,
    provisioningAction: LOG_ACTION[outcome.action],
    durationInMilliseconds: Math.max(0, Date.parse(outcome.endTime) - Date.parse(outcome.startTime)),
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    servicePrincipal: { id: sp.id, displayName: sp.displayName },
    sourceSystem: { id: outcome.sourceSystem.id, displayName: outcome.sourceSystem.name, details: {} },
    targetSystem: {
      id: sp.applicationObjectId,
      displayName: outcome.targetSystem.name,
      details: { ApplicationId: sp.appId, ServicePrincipalId: sp.id, ServicePrincipalDisplayName: sp.displayName },
    },
    sourceIdentity: {
      id: outcome.sourceIdentity.id,
      displayName: outcome.sourceIdentity.displayName,
      identityType: outcome.sourceIdentity.type,
      details: outcome.sourceIdentity.details,
    },
    targetIdentity: {
      id: outcome.targetIdentity.id,
      displayName: outcome.targetIdentity.displayName,
      identityType: outcome.targetIdentity.type,
      details: outcome.targetIdentity.details,
    },
    provisioningStatusInfo: { status: LOG_RESULT[outcome.result], errorInformation },
    provisioningSteps: outcome.steps.map((step) => ({
      name: step.name,
      provisioningStepType: LOG_STEP_TYPE[step.type],
      status: LOG_RESULT[step.status],
      description: step.description,
      details: step.details,
    })),
    modifiedProperties: outcome.modifiedProperties,
  };
}

/** Graph's timestamp form (UTC, no milliseconds beyond what Date prints). */
export function timestamp(date: Date): string {
  return date.toISOString();
}
