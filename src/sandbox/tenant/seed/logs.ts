// Provisioning logs (GET /auditLogs/provisioning) for the seed's jobs over their last cycles: creates, updates and
// disables, scoping skips with their ScopeEvaluationResult, and the documented failures — Workplace's 1789003
// (unverified domain), Workplace's "Missing Email field: You must provide an email", Slack running out of seats.
// Shapes follow graph-synchronization.md §5; step names and descriptions follow the provisioning-log examples.
import type {
  AttributeMappingSource,
  Filter,
  FilterClause,
  ObjectMapping,
  ProvisioningAction,
  ProvisioningErrorInfo,
  ProvisioningObjectSummary,
  ProvisioningResult,
  ProvisioningStep,
  SynchronizationSchema,
  User,
} from '../../../graph/model';
import type { Random } from '../../random';
import { ENTRA_DIRECTORY_ID, ENTRA_DIRECTORY_NAME } from '../templates';
import type { ProvisioningApp } from './apps';
import type { SeedGroup } from './types';
import type { SeedPerson } from './people';
import { entraUserAttribute } from './sourceValues';
import { TENANT_ID, UNVERIFIED_DOMAIN, addSeconds, graphTime, minutesBefore, stream } from './tenant';

export type Outcome =
  | 'create'
  | 'update'
  | 'disable'
  | 'skipScope'
  | 'failUnverifiedDomain'
  | 'failMissingEmail'
  | 'failNoSeats';

const ACTION: Record<Outcome, ProvisioningAction> = {
  create: 'create',
  update: 'update',
  disable: 'disable',
  skipScope: 'other',
  failUnverifiedDomain: 'create',
  failMissingEmail: 'create',
  failNoSeats: 'create',
};

const RESULT: Record<Outcome, ProvisioningResult> = {
  create: 'success',
  update: 'success',
  disable: 'success',
  skipScope: 'skipped',
  failUnverifiedDomain: 'failure',
  failMissingEmail: 'failure',
  failNoSeats: 'failure',
};

/** Workplace's error code for "user from an unverified domain" (graph-synchronization.md §5, §8). */
export const WORKPLACE_UNVERIFIED_DOMAIN_CODE = '1789003';
export const WORKPLACE_MISSING_EMAIL_MESSAGE = 'Missing Email field: You must provide an email';

// ---- scoping ------------------------------------------------------------------------------------------------------

/** Evaluates one clause the way the provisioning service does: null/empty values fail everything but IS NULL. */
function clauseHolds(clause: FilterClause, user: User): boolean {
  const value = entraUserAttribute(user, clause.sourceOperandName);
  const empty = value === null || value === '';
  const operand = clause.targetOperand?.values[0] ?? '';
  switch (clause.operatorName) {
    case 'IS NULL':
      return empty;
    case 'IS NOT NULL':
      return !empty;
    case 'IS TRUE':
      return value === 'True';
    case 'IS FALSE':
      return value === 'False';
    case 'EQUALS':
      return !empty && value === operand;
    case 'NOT EQUALS':
      return !empty && value !== operand;
    case 'REGEX MATCH':
      return !empty && new RegExp(operand).test(value);
    case 'NOT REGEX MATCH':
      return !empty && !new RegExp(operand).test(value);
    default:
      return false;
  }
}

/**
 * The ScopeEvaluationResult detail: `{"<group>.<attribute> <OPERATOR> '<value>'": bool}` (mapping-expressions.md
 * §8.1); unary operators have no value part.
 */
export function scopeEvaluation(scope: Filter | null, user: User): { inScope: boolean; result: string } {
  if (!scope || scope.groups.length === 0) return { inScope: true, result: '{}' };
  const result: Record<string, boolean> = {};
  let inScope = false;
  for (const group of scope.groups) {
    let all = true;
    for (const clause of group.clauses) {
      const holds = clauseHolds(clause, user);
      const value = clause.targetOperand ? ` '${clause.targetOperand.values.join(',')}'` : '';
      result[`${group.name}.${clause.sourceOperandName} ${clause.operatorName}${value}`] = holds;
      all &&= holds;
    }
    inScope ||= all;
  }
  return { inScope, result: JSON.stringify(result) };
}

// ---- target values ----------------------------------------------------------------------------------------------

/** Evaluates the few expression shapes the seeded schemas use, to fill modifiedProperties of creates. */
function evaluate(source: AttributeMappingSource | null, user: User): string | null {
  if (!source) return null;
  if (source.type === 'Attribute') return entraUserAttribute(user, source.name ?? '');
  if (source.type === 'Constant') return source.name;
  const args = source.parameters;
  switch (source.name) {
    case 'Switch': {
      const input = evaluate(args.find((p) => p.key === 'source')?.value ?? null, user);
      const pairs = args.filter((p) => p.key === 'switchValue').map((p) => evaluate(p.value, user));
      for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i] === input) return pairs[i + 1] ?? null;
      return evaluate(args.find((p) => p.key === 'defaultValue')?.value ?? null, user);
    }
    case 'Join': {
      const separator = evaluate(args.find((p) => p.key === 'separator')?.value ?? null, user) ?? '';
      const parts = args.filter((p) => p.key === 'source').map((p) => evaluate(p.value, user)).filter((v): v is string => !!v);
      return parts.length ? parts.join(separator) : null;
    }
    case 'StripSpaces': {
      const value = evaluate(args[0]?.value ?? null, user);
      return value === null ? null : value.replace(/ /g, '');
    }
    default:
      return null;
  }
}

function targetIdFor(templateId: string, rng: Random): string {
  switch (templateId) {
    case 'FacebookAtWorkOutDelta':
    case 'FacebookWorkplace':
      return `1000${rng.digits(11)}`; // Workplace user ids are numeric
    case 'Slack':
      return `U0${rng.hex(9).toUpperCase()}`;
    case 'Zoom':
      return rng.hex(22);
    default:
      return rng.uuid();
  }
}

// ---- entries ------------------------------------------------------------------------------------------------------

interface JobLogContext {
  app: ProvisioningApp;
  templateId: string;
  jobId: string;
  target: string;
  users: ObjectMapping;
  rng: Random;
}

function errorInfo(outcome: Outcome, ctx: JobLogContext, user: User): ProvisioningErrorInfo | null {
  const upn = user.userPrincipalName;
  switch (outcome) {
    case 'failUnverifiedDomain':
      return {
        errorCode: WORKPLACE_UNVERIFIED_DOMAIN_CODE,
        reason: `Failed to create User '${upn}' in ${ctx.target}. Workplace returned error ${WORKPLACE_UNVERIFIED_DOMAIN_CODE}: the user is from an unverified domain (${UNVERIFIED_DOMAIN}).`,
        additionalDetails: `StatusCode: BadRequest. Response: {"Errors":[{"description":"User is from an unverified domain","code":${WORKPLACE_UNVERIFIED_DOMAIN_CODE}}]}`,
        errorCategory: 'nonServiceFailure',
        recommendedAction: 'Verify the domain in Workplace (Admin Panel > Security > Domains), or give the user an email address on a verified domain.',
      };
    case 'failMissingEmail':
      return {
        errorCode: 'MandatoryFieldsMissing',
        reason: WORKPLACE_MISSING_EMAIL_MESSAGE,
        additionalDetails: `The user has no value for [mail], so emails[type eq "work"].value was not sent. StatusCode: BadRequest.`,
        errorCategory: 'nonServiceFailure',
        recommendedAction:
          'Map the email attribute as Coalesce([mail],[userPrincipalName]), give the user a mailbox, or enable email-less users in Workplace and restart provisioning.',
      };
    case 'failNoSeats':
      return {
        errorCode: 'LicenseLimitExceeded',
        reason: `Failed to create User '${upn}' in ${ctx.target}: the workspace has no seats left for new members.`,
        additionalDetails: 'StatusCode: Forbidden. Response: {"Errors":{"description":"No seats available","code":403}}',
        errorCategory: 'nonServiceFailure',
        recommendedAction: 'Buy more seats in the target application or unassign users who no longer need access, then restart provisioning.',
      };
    case 'skipScope':
      return {
        errorCode: 'EntrySynchronizationSkipped',
        reason: `The User '${upn}' will be skipped: it is not in scope of the scoping filters of this application.`,
        additionalDetails: null,
        errorCategory: null,
        recommendedAction: null,
      };
    default:
      return null;
  }
}

function steps(outcome: Outcome, ctx: JobLogContext, user: User, scope: { inScope: boolean; result: string }): ProvisioningStep[] {
  const upn = user.userPrincipalName;
  const target = ctx.target;
  const adding = ACTION[outcome] === 'create';
  const list: ProvisioningStep[] = [
    {
      name: adding ? 'EntryImportAdd' : 'EntryImport',
      provisioningStepType: 'import',
      status: 'success',
      description: `Received User '${upn}' change of type (${adding ? 'Add' : 'Update'}) from ${ENTRA_DIRECTORY_NAME}`,
      details: {},
    },
    {
      name: 'EntrySynchronizationScoping',
      provisioningStepType: 'scoping',
      status: scope.inScope ? 'success' : 'skipped',
      description: 'Determine if User in scope by evaluating against each scoping filter',
      details: {
        IsActive: user.accountEnabled ? 'True' : 'False',
        Assigned: 'True',
        IsEffectivelyEntitledForProvisioning: scope.inScope ? 'True' : 'False',
        IsInProvisioningScopeDisplayName: scope.inScope ? 'True' : 'False',
        ScopeEvaluationResult: scope.result,
      },
    },
  ];
  if (outcome === 'skipScope') {
    list.push({
      name: 'EntrySynchronizationSkip',
      provisioningStepType: 'processing',
      status: 'skipped',
      description: `User '${upn}' will be skipped (User is assigned, but it is not in scope of the scoping filters of this application)`,
      details: {},
    });
    return list;
  }
  const disabling = outcome === 'disable';
  list.push({
    name: adding ? 'EntrySynchronizationAdd' : 'EntrySynchronizationUpdate',
    provisioningStepType: 'matching',
    status: 'success',
    description: adding
      ? `User '${upn}' will be created in ${target} (User is active and assigned in ${ENTRA_DIRECTORY_NAME}, but no matching User was found in ${target})`
      : disabling
        ? `User '${upn}' will be disabled in ${target} (User is disabled in ${ENTRA_DIRECTORY_NAME}, and a matching User was found in ${target})`
        : `User '${upn}' will be updated in ${target} (User is active and assigned in ${ENTRA_DIRECTORY_NAME}, and a matching User was found in ${target})`,
    details: {},
  });
  const failed = RESULT[outcome] === 'failure';
  list.push({
    name: adding ? 'EntryExportAdd' : 'EntryExportUpdate',
    provisioningStepType: 'export',
    status: failed ? 'failure' : 'success',
    description: failed
      ? `Failed to create User '${upn}' in ${target}`
      : adding
        ? `User '${upn}' was created in ${target}`
        : disabling
          ? `User '${upn}' was disabled in ${target}`
          : `User '${upn}' was updated in ${target}`,
    details: {},
  });
  return list;
}

function modifiedProperties(outcome: Outcome, ctx: JobLogContext, user: User): ProvisioningObjectSummary['modifiedProperties'] {
  if (outcome === 'disable') return [{ displayName: 'active', oldValue: 'True', newValue: 'False' }];
  if (outcome === 'update') {
    // A typical incremental change: one attribute moved.
    const choice = ctx.rng.int(0, 2);
    if (choice === 0 && user.jobTitle) return [{ displayName: 'title', oldValue: previousTitle(user.jobTitle), newValue: user.jobTitle }];
    if (choice === 1 && user.mobilePhone) return [{ displayName: 'phoneNumbers[type eq "mobile"].value', oldValue: null, newValue: user.mobilePhone }];
    return [{ displayName: 'displayName', oldValue: `${user.givenName ?? ''} ${(user.surname ?? '').toUpperCase()}`.trim(), newValue: user.displayName }];
  }
  if (outcome === 'skipScope') return [];
  // Creates (successful or not) list every value the mappings produce.
  return ctx.users.attributeMappings.flatMap((m) => {
    const value = evaluate(m.source, user) ?? (m.defaultValue ?? null);
    return value === null ? [] : [{ displayName: m.targetAttributeName, oldValue: null, newValue: value }];
  });
}

function previousTitle(title: string): string {
  return title.startsWith('Senior ') ? title.slice(7) : title.includes('Manager') ? title.replace('Manager', 'Specialist') : `Associate ${title}`;
}

function userEntry(ctx: JobLogContext, person: SeedPerson, outcome: Outcome, at: Date, cycleId: string): ProvisioningObjectSummary {
  const { app, rng } = ctx;
  const user = person.user;
  const scope = scopeEvaluation(ctx.users.scope, user);
  const status = RESULT[outcome];
  const targetId = status === 'success' ? targetIdFor(ctx.templateId, rng) : '';
  return {
    id: rng.uuid(),
    activityDateTime: graphTime(at, rng),
    tenantId: TENANT_ID,
    jobId: ctx.jobId,
    cycleId,
    changeId: rng.uuid(),
    provisioningAction: ACTION[outcome],
    durationInMilliseconds: outcome === 'skipScope' ? rng.int(40, 400) : rng.int(350, 4200),
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    servicePrincipal: { id: app.sp.id, displayName: app.sp.displayName },
    sourceSystem: { id: ENTRA_DIRECTORY_ID, displayName: ENTRA_DIRECTORY_NAME, details: {} },
    targetSystem: {
      id: app.sp.applicationObjectId,
      displayName: ctx.target,
      details: { ApplicationId: app.sp.appId, ServicePrincipalId: app.sp.id, ServicePrincipalDisplayName: app.sp.displayName },
    },
    sourceIdentity: { id: user.id, displayName: user.displayName, identityType: 'User', details: { UserPrincipalName: user.userPrincipalName } },
    targetIdentity: {
      id: targetId,
      displayName: status === 'success' ? user.userPrincipalName : null,
      identityType: ctx.users.targetObjectName,
      details: {},
    },
    provisioningStatusInfo: { status, errorInformation: errorInfo(outcome, ctx, user) },
    provisioningSteps: steps(outcome, ctx, user, scope),
    modifiedProperties: modifiedProperties(outcome, ctx, user),
  };
}

function groupCreateEntry(ctx: JobLogContext, group: SeedGroup, at: Date, cycleId: string): ProvisioningObjectSummary {
  const { app, rng } = ctx;
  const target = ctx.target;
  const groupMapping = ctx.app.sp.jobs[0]!.schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'Group');
  return {
    id: rng.uuid(),
    activityDateTime: graphTime(at, rng),
    tenantId: TENANT_ID,
    jobId: ctx.jobId,
    cycleId,
    changeId: rng.uuid(),
    provisioningAction: 'create',
    durationInMilliseconds: rng.int(500, 2500),
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    servicePrincipal: { id: app.sp.id, displayName: app.sp.displayName },
    sourceSystem: { id: ENTRA_DIRECTORY_ID, displayName: ENTRA_DIRECTORY_NAME, details: {} },
    targetSystem: {
      id: app.sp.applicationObjectId,
      displayName: target,
      details: { ApplicationId: app.sp.appId, ServicePrincipalId: app.sp.id, ServicePrincipalDisplayName: app.sp.displayName },
    },
    sourceIdentity: { id: group.id, displayName: group.displayName, identityType: 'Group', details: {} },
    targetIdentity: { id: targetIdFor(ctx.templateId, rng), displayName: group.displayName, identityType: groupMapping?.targetObjectName ?? 'Group', details: {} },
    provisioningStatusInfo: { status: 'success', errorInformation: null },
    provisioningSteps: [
      { name: 'EntryImportAdd', provisioningStepType: 'import', status: 'success', description: `Received Group '${group.displayName}' change of type (Add) from ${ENTRA_DIRECTORY_NAME}`, details: {} },
      { name: 'EntrySynchronizationScoping', provisioningStepType: 'scoping', status: 'success', description: 'Determine if Group in scope by evaluating against each scoping filter', details: { Assigned: 'True', IsEffectivelyEntitledForProvisioning: 'True', ScopeEvaluationResult: '{}' } },
      { name: 'EntrySynchronizationAdd', provisioningStepType: 'matching', status: 'success', description: `Group '${group.displayName}' will be created in ${target} (Group is assigned in ${ENTRA_DIRECTORY_NAME}, but no matching Group was found in ${target})`, details: {} },
      { name: 'EntryExportAdd', provisioningStepType: 'export', status: 'success', description: `Group '${group.displayName}' was created in ${target}`, details: {} },
    ],
    modifiedProperties: [
      { displayName: 'displayName', oldValue: null, newValue: group.displayName },
      { displayName: 'externalId', oldValue: null, newValue: group.id },
    ],
  };
}

// ---- scenarios ------------------------------------------------------------------------------------------------------

interface Planned {
  person: SeedPerson;
  outcome: Outcome;
  /** Cycles before the job's last one (0 = the last cycle). */
  cycle: number;
}

function userMapping(schema: SynchronizationSchema): ObjectMapping {
  const found = schema.synchronizationRules[0]?.objectMappings.find((m) => m.sourceObjectName === 'User');
  if (!found) throw new Error(`Schema ${schema.id} has no user mapping`);
  return found;
}

/** Spreads `people` over cycles oldest-first, `perCycle` at a time, starting `fromCycle` cycles back. */
function spread(people: SeedPerson[], outcome: Outcome, fromCycle: number, perCycle: number): Planned[] {
  return people.map((person, i) => ({ person, outcome, cycle: Math.max(0, fromCycle - Math.floor(i / perCycle)) }));
}

/** Failures are retried (escrow): each failing user shows up in two cycles, the retry hours later. */
function withRetry(planned: Planned[], retryAfterCycles: number): Planned[] {
  return planned.flatMap((p) => [p, { ...p, cycle: Math.max(0, p.cycle - retryAfterCycles) }]);
}

function planFor(app: ProvisioningApp, rng: Random): Planned[] {
  const pop = rng.shuffle(app.population);
  const enabled = pop.filter((p) => p.user.accountEnabled);
  const regular = enabled.filter((p) => p.profile === 'regular' || p.profile === 'executive');
  const disabled = pop.filter((p) => !p.user.accountEnabled);
  switch (app.key) {
    case 'workplaceLegacy': {
      const scope = userMapping(app.sp.jobs[0]!.schema).scope;
      const outOfScope = pop.filter((p) => !scopeEvaluation(scope, p.user).inScope);
      const inScope = pop.filter((p) => !outOfScope.includes(p));
      const enabledInScope = inScope.filter((p) => p.user.accountEnabled);
      return [
        ...spread(outOfScope, 'skipScope', 60, 1),
        ...withRetry(spread(enabledInScope.filter((p) => p.profile === 'unverifiedDomain'), 'failUnverifiedDomain', 70, 2), 9),
        ...withRetry(spread(enabledInScope.filter((p) => p.user.mail === null), 'failMissingEmail', 66, 2), 9),
        ...spread(inScope.filter((p) => !p.user.accountEnabled), 'disable', 50, 2),
        ...spread(regular.filter((p) => inScope.includes(p)).slice(0, 18), 'create', 100, 2),
        ...spread(regular.filter((p) => inScope.includes(p)).slice(18, 32), 'update', 20, 1),
      ];
    }
    case 'workplaceEmea':
      return [...spread(regular.slice(0, 10), 'create', 80, 2), ...spread(regular.slice(10, 18), 'update', 12, 1)];
    case 'hrScim':
      return [...spread(regular.slice(0, 8), 'create', 40, 3), ...spread(regular.slice(8, 14), 'update', 10, 1), ...spread(disabled.slice(0, 2), 'disable', 6, 1)];
    case 'slack':
      // Before quarantine: a burst of new members failing for lack of seats, with a few updates still succeeding.
      return [...withRetry(spread(enabled.slice(0, 18), 'failNoSeats', 8, 3), 2), ...spread(regular.slice(18, 24), 'update', 6, 2)];
    case 'zoom':
      return [...spread(regular.slice(0, 5), 'create', 30, 1), ...spread(regular.slice(5, 8), 'update', 3, 1)];
    case 'timesheets':
      return [...spread(regular.slice(0, 5), 'update', 24, 1), ...spread(disabled.slice(0, 2), 'disable', 10, 1)];
    case 'benefits':
      return [...spread(regular.slice(0, 4), 'create', 36, 1), ...spread(regular.slice(4, 8), 'update', 8, 1)];
    case 'partnerDirectory':
      // The initial cycle is still running: everything so far is in cycle 0.
      return spread(enabled.slice(0, 6), 'create', 0, 6);
    case 'slackSandbox':
      return spread(regular.slice(0, 4), 'update', 14, 1);
    default:
      return [];
  }
}

/** When cycle `cycle` of the job began: its last cycle, minus 40 minutes per cycle. */
function cycleStart(app: ProvisioningApp, now: Date, cycle: number): Date {
  const last = app.job?.status.lastExecution?.timeBegan;
  const anchor = last ? new Date(last) : minutesBefore(now, 25); // a job in its first cycle started recently
  return minutesBefore(anchor, cycle * 40);
}

export function buildProvisioningLogs(now: Date, apps: ProvisioningApp[], groups: SeedGroup[]): ProvisioningObjectSummary[] {
  const logs: ProvisioningObjectSummary[] = [];
  for (const app of apps) {
    if (!app.job || !app.template) continue;
    const rng = stream(`logs/${app.key}`);
    const schema = app.sp.jobs[0]!.schema;
    const ctx: JobLogContext = { app, templateId: app.job.templateId, jobId: app.job.id, target: app.template.targetDirectoryName, users: userMapping(schema), rng };
    const cycleIds = new Map<number, string>();
    const cycleIdOf = (cycle: number) => {
      if (!cycleIds.has(cycle)) cycleIds.set(cycle, rng.uuid());
      return cycleIds.get(cycle)!;
    };
    const perCycleOffset = new Map<number, number>();
    const timeIn = (cycle: number) => {
      const n = (perCycleOffset.get(cycle) ?? 0) + 1;
      perCycleOffset.set(cycle, n);
      return addSeconds(cycleStart(app, now, cycle), 5 + n * rng.int(3, 25));
    };
    for (const planned of planFor(app, rng)) logs.push(userEntry(ctx, planned.person, planned.outcome, timeIn(planned.cycle), cycleIdOf(planned.cycle)));
    // Group-provisioning apps also created their assigned group once.
    if (app.key === 'hrScim') {
      const group = groups.find((g) => app.sp.assignedPrincipalIds.includes(g.id));
      if (group) logs.push(groupCreateEntry(ctx, group, timeIn(41), cycleIdOf(41)));
    }
  }
  // Nothing may claim to have happened after "now" (an in-progress cycle can be very recent).
  return logs.filter((entry) => new Date(entry.activityDateTime).getTime() <= now.getTime());
}
