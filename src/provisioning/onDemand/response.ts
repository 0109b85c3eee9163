// What provisionOnDemand answered, as one model whatever the shape (graph-synchronization.md §3.7, §9.2): a single
// stringKeyStringValuePair whose strings hold JSON —
//  1. classic (Entra → SaaS): `key` = {"result","details"}, `value` = one processing record (action, steps,
//     modifiedProperties, statusInfo, identities);
//  2. cross-tenant: `key` = the StatusInfo type name, `value` = an array of such records;
// plus the group example's `value` = "{}". Parsed defensively: a field of the wrong type is treated as absent, and
// text that is not JSON is kept as it came so nothing Graph said is lost.
import type { ProvisionOnDemandResponse } from '../../graph/model';
import { explainProvisioningError, type ErrorExplanation } from '../errorCatalog';

export type OnDemandResultValue = 'Success' | 'Skipped' | 'Failure' | 'Warning' | 'Unknown';
/** The portal's sections of an on-demand run, in order. */
export type OnDemandPhase = 'import' | 'scoping' | 'matching' | 'action' | 'export' | 'other';

export interface OnDemandStep {
  name: string;
  /** As Graph wrote it: Import, Scoping, Matching, Processing, ReferenceResolution, Export. */
  type: string;
  phase: OnDemandPhase;
  status: OnDemandResultValue;
  description: string;
  timestamp: string | null;
  details: Record<string, string>;
}

export interface OnDemandIdentity {
  id: string | null;
  type: string | null;
  displayName: string | null;
  details: Record<string, string>;
}

export interface OnDemandSystem {
  id: string | null;
  name: string | null;
}

export interface OnDemandStatusInfo {
  status: OnDemandResultValue;
  errorCode: string | null;
  reason: string | null;
  additionalDetails: string | null;
  errorCategory: string | null;
  recommendedAction: string | null;
}

export interface OnDemandModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

/** The clauses of the scoping step's ScopeEvaluationResult: "<filter title>.<clause>" → passed. */
export interface OnDemandScopeClause {
  clause: string;
  passed: boolean;
}

/** One processed object: the subject, or (cross-tenant, groups) one of the objects processed with it. */
export interface OnDemandRecord {
  action: string | null;
  changeId: string | null;
  startTime: string | null;
  endTime: string | null;
  reportableIdentifier: string | null;
  steps: OnDemandStep[];
  modifiedProperties: OnDemandModifiedProperty[];
  statusInfo: OnDemandStatusInfo | null;
  sourceIdentity: OnDemandIdentity | null;
  targetIdentity: OnDemandIdentity | null;
  sourceSystem: OnDemandSystem | null;
  targetSystem: OnDemandSystem | null;
  scopeClauses: OnDemandScopeClause[];
}

export interface OnDemandResult extends OnDemandRecord {
  shape: 'classic' | 'statusInfoArray' | 'unknown';
  result: OnDemandResultValue;
  /** The key's `details` (errorCode / errorMessage for skips and failures). */
  details: Record<string, string>;
  /** The error or skip reason explained through the error catalogue; absent on a plain success. */
  explanation?: ErrorExplanation;
  /** More records of the same answer (cross-tenant arrays carry one per processed object). */
  related: OnDemandRecord[];
  /** One sentence for a notification. */
  summary: string;
  /** The strings as Graph sent them, when they were not JSON (shown as is rather than dropped). */
  raw?: { key: string; value: string | null };
}

const PHASES: Record<string, OnDemandPhase> = {
  import: 'import',
  scoping: 'scoping',
  matching: 'matching',
  processing: 'action',
  referenceresolution: 'action',
  export: 'export',
};

export function parseOnDemandResponse(pair: ProvisionOnDemandResponse | null | undefined): OnDemandResult {
  const keyText = typeof pair?.key === 'string' ? pair.key : '';
  const valueText = typeof pair?.value === 'string' ? pair.value : null;
  const key = parseJson(keyText);
  const value = valueText === null ? undefined : parseJson(valueText);

  const records = (Array.isArray(value) ? value : isRecord(value) ? [value] : []).filter(isRecord).map(readRecord);
  const primary = records.find((r) => r.steps.length > 0 || r.statusInfo !== null) ?? records[0] ?? emptyRecord();
  const related = records.filter((r) => r !== primary);

  const keyObject = isRecord(key) ? key : undefined;
  const shape: OnDemandResult['shape'] = keyObject && 'result' in keyObject ? 'classic' : Array.isArray(value) ? 'statusInfoArray' : 'unknown';
  const details = stringMap(keyObject?.['details']);
  const result =
    resultValue(keyObject?.['result']) ??
    primary.statusInfo?.status ??
    worstStepStatus(primary.steps) ??
    'Unknown';

  const explanation = explain(result, details, primary.statusInfo);
  const parsedWell = key !== undefined && (valueText === null || value !== undefined);
  return {
    ...primary,
    shape,
    result,
    details,
    ...(explanation ? { explanation } : {}),
    related,
    summary: summarize(result, primary, details, explanation),
    ...(parsedWell ? {} : { raw: { key: keyText, value: valueText } }),
  };
}

function emptyRecord(): OnDemandRecord {
  return {
    action: null,
    changeId: null,
    startTime: null,
    endTime: null,
    reportableIdentifier: null,
    steps: [],
    modifiedProperties: [],
    statusInfo: null,
    sourceIdentity: null,
    targetIdentity: null,
    sourceSystem: null,
    targetSystem: null,
    scopeClauses: [],
  };
}

function readRecord(raw: Record<string, unknown>): OnDemandRecord {
  const steps = (Array.isArray(raw['provisioningSteps']) ? raw['provisioningSteps'] : []).filter(isRecord).map(readStep);
  return {
    action: str(raw['action']),
    changeId: str(raw['changeId']),
    startTime: str(raw['startTime']),
    endTime: str(raw['endTime']),
    reportableIdentifier: str(raw['reportableIdentifier']),
    steps,
    modifiedProperties: (Array.isArray(raw['modifiedProperties']) ? raw['modifiedProperties'] : []).filter(isRecord).map((p) => ({
      displayName: str(p['displayName']) ?? '',
      oldValue: str(p['oldValue']),
      newValue: str(p['newValue']),
    })),
    statusInfo: isRecord(raw['statusInfo']) ? readStatusInfo(raw['statusInfo']) : null,
    sourceIdentity: readIdentity(raw['sourceIdentity']),
    targetIdentity: readIdentity(raw['targetIdentity']),
    sourceSystem: readSystem(raw['sourceSystem']),
    targetSystem: readSystem(raw['targetSystem']),
    scopeClauses: steps.filter((s) => s.phase === 'scoping').flatMap((s) => scopeClauses(s.details['ScopeEvaluationResult'])),
  };
}

function readStep(raw: Record<string, unknown>): OnDemandStep {
  // Steps carry `type` on demand and `provisioningStepType` in the logs; accept both.
  const type = str(raw['type']) ?? str(raw['provisioningStepType']) ?? '';
  return {
    name: str(raw['name']) ?? '',
    type,
    phase: PHASES[type.toLowerCase()] ?? 'other',
    status: resultValue(raw['status']) ?? 'Unknown',
    description: str(raw['description']) ?? '',
    timestamp: str(raw['timestamp']),
    details: stringMap(raw['details']),
  };
}

function readStatusInfo(raw: Record<string, unknown>): OnDemandStatusInfo {
  // The log form nests the error as errorInformation; on demand it is flat. Read either.
  const nested = isRecord(raw['errorInformation']) ? raw['errorInformation'] : raw;
  return {
    status: resultValue(raw['status']) ?? 'Unknown',
    errorCode: str(nested['errorCode']),
    reason: str(nested['reason']),
    additionalDetails: str(nested['additionalDetails']),
    errorCategory: str(nested['errorCategory']),
    recommendedAction: str(nested['recommendedAction']),
  };
}

function readIdentity(raw: unknown): OnDemandIdentity | null {
  if (!isRecord(raw)) return null;
  return { id: str(raw['id']), type: str(raw['type']) ?? str(raw['identityType']), displayName: str(raw['displayName']), details: stringMap(raw['details']) };
}

function readSystem(raw: unknown): OnDemandSystem | null {
  if (!isRecord(raw)) return null;
  return { id: str(raw['id']), name: str(raw['name']) ?? str(raw['displayName']) };
}

/** ScopeEvaluationResult is itself JSON inside a step detail: `{"<title>.<clause>": true}`. */
function scopeClauses(text: string | undefined): OnDemandScopeClause[] {
  const parsed = text ? parseJson(text) : undefined;
  if (!isRecord(parsed)) return [];
  return Object.entries(parsed).map(([clause, passed]) => ({ clause, passed: passed === true || String(passed).toLowerCase() === 'true' }));
}

function explain(result: OnDemandResultValue, details: Record<string, string>, info: OnDemandStatusInfo | null): ErrorExplanation | undefined {
  const errorCode = info?.errorCode ?? details['errorCode'] ?? null;
  const reason = info?.reason ?? details['errorMessage'] ?? null;
  if (!errorCode && !reason && (result === 'Success' || result === 'Unknown')) return undefined;
  if (!errorCode && !reason && result === 'Skipped') return undefined;
  return explainProvisioningError({
    errorCode,
    reason,
    additionalDetails: info?.additionalDetails ?? null,
    recommendedAction: info?.recommendedAction ?? null,
  });
}

function summarize(result: OnDemandResultValue, record: OnDemandRecord, details: Record<string, string>, explanation: ErrorExplanation | undefined): string {
  const who = record.reportableIdentifier ?? record.sourceIdentity?.displayName ?? record.sourceIdentity?.id ?? 'The object';
  const action = record.action && record.action !== 'Other' ? ` (${record.action})` : '';
  switch (result) {
    case 'Success':
      return `${who} was provisioned${action}.`;
    case 'Skipped':
      return `${who} was skipped: ${explanation?.title ?? details['errorMessage'] ?? skipReason(record) ?? 'nothing to do'}.`;
    case 'Failure':
      return `${who} failed: ${explanation?.title ?? 'see the steps'}.`;
    case 'Warning':
      return `${who} was provisioned with warnings${action}.`;
    default:
      return `Provisioning ${who} finished; Graph did not say how.`;
  }
}

function skipReason(record: OnDemandRecord): string | undefined {
  const skipped = record.steps.find((s) => s.status === 'Skipped');
  return skipped?.description || undefined;
}

/** The first non-success among the steps, when neither the key nor statusInfo says how it went. */
function worstStepStatus(steps: OnDemandStep[]): OnDemandResultValue | undefined {
  if (steps.length === 0) return undefined;
  for (const status of ['Failure', 'Skipped', 'Warning'] as const) if (steps.some((s) => s.status === status)) return status;
  return 'Success';
}

function resultValue(value: unknown): OnDemandResultValue | undefined {
  if (typeof value !== 'string') return undefined;
  switch (value.toLowerCase()) {
    case 'success':
      return 'Success';
    case 'skipped':
      return 'Skipped';
    case 'failure':
    case 'failed':
      return 'Failure';
    case 'warning':
      return 'Warning';
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Details maps: every value as text (Graph sends strings; anything else is printed as JSON). */
function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
