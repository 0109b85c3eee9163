// Processing one Entra object for one job, the way the provisioning service does it (graph-synchronization.md §6.1):
// import → scoping → matching → export. Scoping, the matching candidates and the SCIM request all come from the
// preview core (src/mapping/preview) — the same engine the local preview uses, so what the sandbox provisions is what
// the preview shows. This module adds what needs the target: the lookups, the requests, the connector data store and
// the record of every step.
import type { Group, ObjectMapping, SynchronizationRule, User } from '../../graph/model';
import {
  parseTargetPath,
  previewObject,
  readValue,
  sourceFromGraphGroup,
  sourceFromGraphUser,
  type PreviewOptions,
  type PreviewResult,
  type SourceObject,
} from '../../mapping/preview';
import { ENTRA_DIRECTORY_ID, ENTRA_DIRECTORY_NAME } from '../tenant/templates';
import type { JobRecord, ServicePrincipalRecord, Tenant } from '../tenant';
import type { LinkStore } from './links';
import {
  SUCCESS_INFO,
  timestamp,
  type IdentityRef,
  type ModifiedProperty,
  type ObjectOutcome,
  type OutcomeAction,
  type OutcomeResult,
  type OutcomeStep,
  type StatusInfo,
  type StepType,
} from './outcome';
import { PATCH_OP_SCHEMA, ScimRequestError, type ScimClient, type ScimResource, type ScimResourceType } from './scimClient';
import { isAssigned, secretValue } from './scope';

export interface ProcessContext {
  tenant: Tenant;
  sp: ServicePrincipalRecord;
  record: JobRecord;
  client: ScimClient;
  links: LinkStore;
  /** The rule to apply (default: the schema's first rule). */
  ruleId?: string;
  /** On demand, an out-of-scope object is only reported; a cycle disables what it provisioned before. */
  mode: 'onDemand' | 'cycle';
  newId: () => string;
  /** A cycle's assigned ids (computed once per cycle); without it, assignment is looked up per object. */
  assigned?: ReadonlySet<string>;
}

/** What the failure of a step is reported as. */
interface Failure {
  code: string;
  reason: string;
  additionalDetails: string | null;
  recommendedAction: string | null;
}

/** Collects the steps of one object and turns them into an ObjectOutcome. */
class Recorder {
  readonly steps: OutcomeStep[] = [];
  readonly start: Date;
  modifiedProperties: ModifiedProperty[] = [];
  targetIdentity: IdentityRef;
  exported = false;

  constructor(
    private readonly ctx: ProcessContext,
    readonly source: IdentityRef,
    targetType: string,
  ) {
    this.start = ctx.tenant.now();
    this.targetIdentity = { id: '', type: targetType, displayName: null, details: {} };
  }

  step(name: string, type: StepType, status: OutcomeResult, description: string, details: Record<string, string> = {}): void {
    this.steps.push({ name, type, status, description, timestamp: timestamp(this.ctx.tenant.now()), details });
  }

  finish(result: OutcomeResult, action: OutcomeAction, info: StatusInfo, details: Record<string, string> = {}, related: ObjectOutcome[] = []): ObjectOutcome {
    const rule = ruleOf(this.ctx);
    return {
      result,
      action,
      details,
      changeId: this.ctx.newId(),
      startTime: timestamp(this.start),
      endTime: timestamp(this.ctx.tenant.now()),
      steps: this.steps,
      modifiedProperties: this.modifiedProperties,
      statusInfo: info,
      sourceIdentity: this.source,
      targetIdentity: this.targetIdentity,
      sourceSystem: { id: ENTRA_DIRECTORY_ID, name: ENTRA_DIRECTORY_NAME, details: {} },
      targetSystem: {
        id: this.ctx.sp.applicationObjectId,
        name: rule?.targetDirectoryName ?? this.ctx.record.job.templateId,
        details: { ApplicationId: this.ctx.sp.resource.appId, ServicePrincipalId: this.ctx.sp.resource.id, ServicePrincipalDisplayName: this.ctx.sp.resource.displayName },
      },
      reportableIdentifier: this.source.displayName ?? this.source.id,
      exported: this.exported,
      escrowed: result === 'Failure',
      related,
    };
  }

  skipped(action: OutcomeAction, code: string, message: string): ObjectOutcome {
    return this.finish('Skipped', action, { ...SUCCESS_INFO, status: 'Skipped', errorCode: code, reason: message }, { errorCode: code, errorMessage: message });
  }

  failed(action: OutcomeAction, failure: Failure): ObjectOutcome {
    return this.finish(
      'Failure',
      action,
      {
        status: 'Failure',
        errorCode: failure.code,
        reason: failure.reason,
        additionalDetails: failure.additionalDetails,
        errorCategory: 'nonServiceFailure',
        recommendedAction: failure.recommendedAction,
      },
      { errorCode: failure.code, errorMessage: failure.reason },
    );
  }
}

export function ruleOf(ctx: Pick<ProcessContext, 'record' | 'ruleId'>): SynchronizationRule | undefined {
  const rules = ctx.record.schema.synchronizationRules;
  return ctx.ruleId ? rules.find((r) => r.id.toLowerCase() === ctx.ruleId!.toLowerCase()) : rules[0];
}

export function objectMappingOf(ctx: Pick<ProcessContext, 'record' | 'ruleId'>, sourceObjectName: 'User' | 'Group'): ObjectMapping | undefined {
  return ruleOf(ctx)?.objectMappings.find((m) => m.enabled && m.sourceObjectName.toLowerCase() === sourceObjectName.toLowerCase());
}

/** The options every preview of this job shares. */
function previewOptions(ctx: ProcessContext, sourceObjectName: 'User' | 'Group', assigned: boolean): PreviewOptions {
  return {
    ruleId: ruleOf(ctx)?.id,
    sourceObjectName,
    isAssigned: assigned,
    now: ctx.tenant.now(),
    defaultDomain: ctx.tenant.defaultDomain,
    // References resolve through the connector data store: a manager who was never provisioned is not sent.
    resolveReference: (sourceId) => ctx.links.get(sourceId)?.targetId ?? null,
    trace: false,
  };
}

// ---- users --------------------------------------------------------------------------------------------------------

export async function processUser(ctx: ProcessContext, user: User): Promise<ObjectOutcome> {
  const source = sourceFromGraphUser(user as unknown as Record<string, unknown>);
  const identity: IdentityRef = { id: user.id, type: 'User', displayName: user.displayName, details: { UserPrincipalName: user.userPrincipalName } };
  return processSource(ctx, 'User', user.id, user.userPrincipalName, identity, source, []);
}

// ---- groups -------------------------------------------------------------------------------------------------------

/**
 * A group and its membership: the group is created without members, then the members that exist in the target are
 * added with a PATCH (scim-and-workplace.md §2). On demand, `memberIds` are the (≤ 5) members named in the request and
 * are provisioned first; in a cycle they are the group's in-scope members, already processed.
 */
export async function processGroup(ctx: ProcessContext, group: Group, memberIds: readonly string[], provisionMembers: boolean): Promise<ObjectOutcome> {
  const related: ObjectOutcome[] = [];
  if (provisionMembers) {
    for (const memberId of memberIds) {
      const member = ctx.tenant.user(memberId);
      if (member) related.push(await processUser(ctx, member));
    }
  }
  // Members flow as references after the group exists, so the source carries none.
  const source = { ...sourceFromGraphGroup(group as unknown as Record<string, unknown>), members: null };
  const identity: IdentityRef = { id: group.id, type: 'Group', displayName: group.displayName, details: {} };
  return processSource(ctx, 'Group', group.id, group.displayName, identity, source, memberIds, related);
}

// ---- the shared pipeline ------------------------------------------------------------------------------------------

async function processSource(
  ctx: ProcessContext,
  kind: 'User' | 'Group',
  sourceId: string,
  label: string,
  identity: IdentityRef,
  source: SourceObject,
  memberIds: readonly string[],
  related: ObjectOutcome[] = [],
): Promise<ObjectOutcome> {
  const mapping = objectMappingOf(ctx, kind);
  const rec = new Recorder(ctx, identity, mapping?.targetObjectName ?? kind);
  const rule = ruleOf(ctx);
  const target = rule?.targetDirectoryName ?? 'the target';
  rec.step('EntryImport', 'Import', 'Success', `Retrieved ${kind} '${label}' from ${ENTRA_DIRECTORY_NAME}`, importDetails(source));
  if (!mapping) {
    rec.step('EntrySynchronizationSkip', 'Processing', 'Skipped', `${kind} '${label}' will be skipped: the rule has no enabled object mapping for ${kind} objects`);
    return rec.skipped('Other', 'EntrySynchronizationSkipped', `The synchronization rule has no enabled object mapping for ${kind} objects.`);
  }

  const assigned = ctx.assigned ? ctx.assigned.has(sourceId) : isAssigned(ctx.tenant, ctx.sp, sourceId);
  let preview: PreviewResult;
  try {
    preview = previewObject(ctx.record.schema, source, { ...previewOptions(ctx, kind, assigned), action: 'create' });
  } catch (err) {
    rec.step('EntrySynchronizationScoping', 'Scoping', 'Failure', `Could not evaluate the mappings of ${kind} '${label}'`, { Error: (err as Error).message });
    return rec.failed('Other', { code: 'InternalError', reason: (err as Error).message, additionalDetails: null, recommendedAction: 'Fix the synchronization schema.' });
  }
  const scoping = preview.scoping;
  rec.step(
    'EntrySynchronizationScoping',
    'Scoping',
    scoping.inScope ? 'Success' : 'Skipped',
    `Determine if ${kind} in scope by evaluating against each scoping filter`,
    scopingDetails(preview, source, kind),
  );
  const type: ScimResourceType = kind === 'Group' ? 'Groups' : 'Users';

  if (!scoping.inScope) {
    const link = ctx.links.get(sourceId);
    if (ctx.mode === 'cycle' && link) return deprovision(ctx, rec, sourceId, label, link.targetId, type, mapping, 'outOfScope');
    rec.step('EntrySynchronizationSkip', 'Processing', 'Skipped', `${kind} '${label}' will be skipped (${scoping.reason})`);
    return rec.skipped('Other', assigned ? 'EntrySynchronizationSkipped' : 'NotEffectivelyEntitled', scoping.reason);
  }

  // Matching: the cached target first, then each matching attribute in priority order.
  let current: ScimResource | undefined;
  let matchedBy: string | null = null;
  try {
    const link = ctx.links.get(sourceId);
    if (link) {
      current = await ctx.client.get(type, link.targetId);
      if (current) matchedBy = 'connector data store';
      else ctx.links.delete(sourceId);
    }
    for (const candidate of preview.matching) {
      if (current || !candidate.filter) continue;
      const found = await ctx.client.find(type, candidate.filter);
      if (found.length > 1) {
        rec.step('EntrySynchronizationUpdate', 'Matching', 'Failure', `More than one ${kind} in ${target} matches ${candidate.filter}`, { Filter: candidate.filter });
        return rec.failed('Other', {
          code: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse',
          reason: `${found.length} objects in ${target} match ${candidate.filter}; the matching attribute must identify one object.`,
          additionalDetails: null,
          recommendedAction: 'Remove the duplicates in the target application or choose a unique matching attribute.',
        });
      }
      if (found.length === 1) {
        current = found[0];
        matchedBy = candidate.filter;
      }
    }
  } catch (err) {
    rec.step(current ? 'EntrySynchronizationUpdate' : 'EntrySynchronizationAdd', 'Matching', 'Failure', `Could not look up ${kind} '${label}' in ${target}`, failureDetails(err));
    return rec.failed('Other', failureOf(err, target));
  }

  if (!current) {
    rec.step('EntrySynchronizationAdd', 'Matching', 'Success', `${kind} '${label}' will be created in ${target} (no matching ${kind} was found in ${target})`, {
      MatchingFilters: preview.matching.map((c) => c.filter ?? `${c.targetAttributeName} (no value)`).join('; '),
    });
    return create(ctx, rec, preview, type, sourceId, label, target, memberIds, related);
  }
  const targetId = String(current.id ?? '');
  rec.targetIdentity = { ...rec.targetIdentity, id: targetId, displayName: displayNameOf(current, label) };
  rec.step('EntrySynchronizationUpdate', 'Matching', 'Success', `${kind} '${label}' will be updated in ${target} (a matching ${kind} was found in ${target})`, {
    MatchedBy: matchedBy ?? '',
    TargetId: targetId,
  });
  ctx.links.set(sourceId, { targetId, type, displayName: displayNameOf(current, label) });
  return update(ctx, rec, source, kind, assigned, current, type, label, target, memberIds, related);
}

async function create(
  ctx: ProcessContext,
  rec: Recorder,
  preview: PreviewResult,
  type: ScimResourceType,
  sourceId: string,
  label: string,
  target: string,
  memberIds: readonly string[],
  related: ObjectOutcome[],
): Promise<ObjectOutcome> {
  const kind = rec.source.type;
  const broken = preview.attributes.find((a) => a.reason === 'error');
  if (broken || !preview.request) return mappingFailure(rec, 'EntryExportAdd', 'Create', label, target, broken);
  if (!(ruleFlowTypes(ctx, kind).includes('add'))) {
    rec.step('EntrySynchronizationSkip', 'Processing', 'Skipped', `${kind} '${label}' will be skipped: the object mapping does not create objects (flowTypes)`);
    return rec.skipped('Other', 'EntrySynchronizationSkipped', 'The object mapping does not allow creating objects in the target.');
  }
  let created: ScimResource;
  try {
    created = await ctx.client.create(type, preview.request.body);
  } catch (err) {
    rec.step('EntryExportAdd', 'Export', 'Failure', `Failed to create ${kind} '${label}' in ${target}`, failureDetails(err));
    return rec.failed('Create', failureOf(err, target));
  }
  rec.exported = true;
  const targetId = String(created.id ?? '');
  rec.targetIdentity = { ...rec.targetIdentity, id: targetId, displayName: displayNameOf(created, label) };
  ctx.links.set(sourceId, { targetId, type, displayName: displayNameOf(created, label) });
  rec.modifiedProperties = preview.attributes
    .filter((a) => a.sent)
    .map((a) => ({ displayName: a.targetAttributeName, oldValue: null, newValue: display(a.value) }));
  rec.step('EntryExportAdd', 'Export', 'Success', `${kind} '${label}' was created in ${target}`, { TargetId: targetId, Request: `POST /${type}` });
  if (type === 'Groups') {
    const members = await syncMembers(ctx, rec, targetId, memberIds, label, target);
    if (members) return members;
  }
  return rec.finish('Success', 'Create', SUCCESS_INFO, {}, related);
}

async function update(
  ctx: ProcessContext,
  rec: Recorder,
  source: SourceObject,
  kind: 'User' | 'Group',
  assigned: boolean,
  current: ScimResource,
  type: ScimResourceType,
  label: string,
  target: string,
  memberIds: readonly string[],
  related: ObjectOutcome[],
): Promise<ObjectOutcome> {
  const targetId = String(current.id ?? '');
  let preview: PreviewResult;
  try {
    preview = previewObject(ctx.record.schema, source, { ...previewOptions(ctx, kind, assigned), action: 'update', current, targetId });
  } catch (err) {
    return rec.failed('Update', { code: 'InternalError', reason: (err as Error).message, additionalDetails: null, recommendedAction: null });
  }
  const broken = preview.attributes.find((a) => a.reason === 'error');
  if (broken) return mappingFailure(rec, 'EntryExportUpdate', 'Update', label, target, broken);
  const operations = patchOperations(preview.request?.body);
  const allowed = ruleFlowTypes(ctx, kind).includes('update');
  let changed = false;
  if (operations.length > 0 && allowed) {
    try {
      await ctx.client.patch(type, targetId, preview.request!.body);
    } catch (err) {
      rec.step('EntryExportUpdate', 'Export', 'Failure', `Failed to update ${kind} '${label}' in ${target}`, failureDetails(err));
      return rec.failed('Update', failureOf(err, target));
    }
    changed = true;
    rec.exported = true;
    rec.modifiedProperties = operations.map((op) => ({
      displayName: op.path,
      oldValue: display(readValue(current, parseTargetPath(op.path))),
      newValue: display(preview.attributes.find((a) => a.targetAttributeName === op.path)?.value ?? op.value),
    }));
    rec.step('EntryExportUpdate', 'Export', 'Success', `${kind} '${label}' was updated in ${target}`, { TargetId: targetId, Request: `PATCH /${type}/${targetId}` });
  }
  if (type === 'Groups') {
    const members = await syncMembers(ctx, rec, targetId, memberIds, label, target);
    if (members) return members;
    if (rec.exported) changed = true;
  }
  if (changed) return rec.finish('Success', 'Update', SUCCESS_INFO, {}, related);
  const message = `The state of the ${kind.toLowerCase()} in both the source and target systems already match.`;
  rec.step('EntryExportUpdate', 'Export', 'Skipped', message, { TargetId: targetId });
  const outcome = rec.skipped('Other', 'RedundantExport', message);
  outcome.related = related;
  return outcome;
}

/**
 * Out of scope (unassigned, scoping filter, or soft-deleted) after being provisioned: disable with `active` false when
 * the mapping has an `active` attribute, else delete when the object mapping allows deletes. `SkipOutOfScopeDeletions`
 * turns both off. Hard-deleted sources (`reason` 'deleted') are always deleted.
 */
async function deprovision(
  ctx: ProcessContext,
  rec: Recorder,
  sourceId: string,
  label: string,
  targetId: string,
  type: ScimResourceType,
  mapping: ObjectMapping,
  reason: 'outOfScope' | 'deleted',
): Promise<ObjectOutcome> {
  const kind = rec.source.type;
  const target = ruleOf(ctx)?.targetDirectoryName ?? 'the target';
  rec.targetIdentity = { ...rec.targetIdentity, id: targetId, displayName: ctx.links.get(sourceId)?.displayName ?? null };
  const skipDeletes = (secretValue(ctx.tenant, ctx.sp, 'SkipOutOfScopeDeletions') ?? '').toLowerCase() === 'true';
  const hasActive = mapping.attributeMappings.some((m) => m.targetAttributeName.toLowerCase() === 'active');
  const mayDelete = mapping.flowTypes.toLowerCase().includes('delete');
  try {
    if (reason === 'outOfScope' && hasActive && !skipDeletes) {
      const current = await ctx.client.get(type, targetId);
      if (!current) {
        ctx.links.delete(sourceId);
        return rec.skipped('Other', 'EntrySynchronizationSkipped', `The ${kind.toLowerCase()} no longer exists in ${target}.`);
      }
      if (current.active === false) {
        return rec.skipped('Other', 'RedundantExport', `The ${kind.toLowerCase()} is already disabled in ${target}.`);
      }
      await ctx.client.patch(type, targetId, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: false }] });
      rec.exported = true;
      rec.modifiedProperties = [{ displayName: 'active', oldValue: 'True', newValue: 'False' }];
      rec.step('EntryExportUpdate', 'Export', 'Success', `${kind} '${label}' was disabled in ${target} (it is no longer in scope)`, { TargetId: targetId });
      return rec.finish('Success', 'Disable', SUCCESS_INFO);
    }
    if ((reason === 'deleted' || mayDelete) && !(reason === 'outOfScope' && skipDeletes)) {
      await ctx.client.delete(type, targetId);
      ctx.links.delete(sourceId);
      rec.exported = true;
      rec.step('EntryExportDelete', 'Export', 'Success', `${kind} '${label}' was deleted in ${target}`, { TargetId: targetId });
      return rec.finish('Success', 'Delete', SUCCESS_INFO);
    }
  } catch (err) {
    if (err instanceof ScimRequestError && err.status === 404 && reason === 'deleted') {
      ctx.links.delete(sourceId);
      return rec.skipped('Other', 'EntrySynchronizationSkipped', `The ${kind.toLowerCase()} no longer exists in ${target}.`);
    }
    rec.step(reason === 'deleted' ? 'EntryExportDelete' : 'EntryExportUpdate', 'Export', 'Failure', `Failed to deprovision ${kind} '${label}' in ${target}`, failureDetails(err));
    return rec.failed(reason === 'deleted' ? 'Delete' : 'Disable', failureOf(err, target));
  }
  rec.step('EntrySynchronizationSkip', 'Processing', 'Skipped', `${kind} '${label}' is out of scope; deprovisioning is turned off for this job`);
  return rec.skipped('Other', 'EntrySynchronizationSkipped', 'The object is out of scope, and the job neither disables nor deletes it.');
}

/** A source object that disappeared from the tenant (hard delete): DELETE its target. */
export async function processDeleted(ctx: ProcessContext, sourceId: string, kind: 'User' | 'Group'): Promise<ObjectOutcome | undefined> {
  const link = ctx.links.get(sourceId);
  const mapping = objectMappingOf(ctx, kind);
  if (!link || !mapping) return undefined;
  const rec = new Recorder(ctx, { id: sourceId, type: kind, displayName: link.displayName, details: {} }, mapping.targetObjectName);
  rec.step('EntryImport', 'Import', 'Success', `${kind} '${sourceId}' was deleted in ${ENTRA_DIRECTORY_NAME}`);
  return deprovision(ctx, rec, sourceId, link.displayName ?? sourceId, link.targetId, link.type, mapping, 'deleted');
}

/** Adds the members that exist in the target and (in a cycle) removes linked members that left the group. */
async function syncMembers(
  ctx: ProcessContext,
  rec: Recorder,
  groupTargetId: string,
  memberIds: readonly string[],
  label: string,
  target: string,
): Promise<ObjectOutcome | undefined> {
  const wanted = memberIds.map((id) => ctx.links.get(id)?.targetId).filter((id): id is string => !!id);
  try {
    const group = await ctx.client.get('Groups', groupTargetId);
    const present = new Set(membersOf(group));
    const add = [...new Set(wanted)].filter((id) => !present.has(id));
    const ours = new Set(ctx.links.entries().filter(([, l]) => l.type === 'Users').map(([, l]) => l.targetId));
    const remove = ctx.mode === 'cycle' ? [...present].filter((id) => ours.has(id) && !wanted.includes(id)) : [];
    if (add.length === 0 && remove.length === 0) return undefined;
    const operations: Record<string, unknown>[] = [];
    if (add.length > 0) operations.push({ op: 'Add', path: 'members', value: add.map((value) => ({ value })) });
    if (remove.length > 0) operations.push({ op: 'Remove', path: 'members', value: remove.map((value) => ({ value })) });
    await ctx.client.patch('Groups', groupTargetId, { schemas: [PATCH_OP_SCHEMA], Operations: operations });
    rec.exported = true;
    rec.modifiedProperties.push({ displayName: 'members', oldValue: display([...present]), newValue: display([...new Set([...present, ...add])].filter((id) => !remove.includes(id))) });
    rec.step('EntryReferenceResolution', 'ReferenceResolution', 'Success', `Members of Group '${label}' were updated in ${target}`, {
      MembersAdded: String(add.length),
      MembersRemoved: String(remove.length),
    });
    return undefined;
  } catch (err) {
    rec.step('EntryReferenceResolution', 'ReferenceResolution', 'Failure', `Failed to update the members of Group '${label}' in ${target}`, failureDetails(err));
    return rec.failed('Update', failureOf(err, target));
  }
}

// ---- helpers ------------------------------------------------------------------------------------------------------

function mappingFailure(
  rec: Recorder,
  stepName: string,
  action: OutcomeAction,
  label: string,
  target: string,
  broken: PreviewResult['attributes'][number] | undefined,
): ObjectOutcome {
  const message = broken
    ? `The mapping for '${broken.targetAttributeName}' (${broken.expression}) failed: ${broken.error?.message ?? 'evaluation error'}`
    : 'The mappings produced no request.';
  rec.step(stepName, 'Export', 'Failure', `Failed to export ${rec.source.type} '${label}' to ${target}`, { Error: message });
  return rec.failed(action, { code: 'ExpressionEvaluationFailed', reason: message, additionalDetails: null, recommendedAction: 'Fix the attribute mapping expression.' });
}

function ruleFlowTypes(ctx: ProcessContext, kind: string): string {
  return (objectMappingOf(ctx, kind === 'Group' ? 'Group' : 'User')?.flowTypes ?? 'Add, Update, Delete').toLowerCase();
}

function patchOperations(body: Record<string, unknown> | undefined): { op: string; path: string; value?: unknown }[] {
  const ops = body?.Operations;
  return Array.isArray(ops) ? (ops as { op: string; path: string; value?: unknown }[]) : [];
}

function membersOf(group: ScimResource | undefined): string[] {
  const members = group?.members;
  if (!Array.isArray(members)) return [];
  return members.map((m) => (m && typeof m === 'object' ? String((m as { value?: unknown }).value ?? '') : '')).filter((v) => v !== '');
}

function displayNameOf(resource: ScimResource, fallback: string): string {
  const name = resource.userName ?? resource.displayName;
  return typeof name === 'string' ? name : fallback;
}

/** A value as modifiedProperties show it: strings as is, lists comma-separated, objects as JSON. */
function display(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',');
  if (typeof value === 'object') {
    const inner = (value as { value?: unknown }).value;
    return typeof inner === 'string' ? inner : JSON.stringify(value);
  }
  return String(value);
}

function importDetails(source: SourceObject): Record<string, string> {
  const details: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === null || value === undefined) continue;
    details[name] = typeof value === 'string' ? value : value.join(',');
  }
  return details;
}

/** The scoping step's details, as provisioning logs show them (ScopeEvaluationResult is a JSON string). */
function scopingDetails(preview: PreviewResult, source: SourceObject, kind: string): Record<string, string> {
  const scoping = preview.scoping;
  const evaluation: Record<string, boolean> = {};
  for (const group of scoping.groups) {
    for (const clause of group.clauses) {
      const operand = clause.targetOperand.length > 0 ? ` '${clause.targetOperand.join(',')}'` : '';
      evaluation[`${group.title ?? 'Scoping filter'}.${clause.sourceAttributeName} ${clause.operatorName}${operand}`] = clause.passed;
    }
  }
  const details: Record<string, string> = {
    Assigned: scoping.assigned ? 'True' : 'False',
    IsEffectivelyEntitledForProvisioning: scoping.inScope ? 'True' : 'False',
    IsInProvisioningScopeDisplayName: scoping.inScope ? 'True' : 'False',
    ScopeEvaluationResult: JSON.stringify(evaluation),
    Reason: scoping.reason,
  };
  if (kind === 'User') details.IsActive = source.accountEnabled === 'False' ? 'False' : 'True';
  return details;
}

function failureDetails(err: unknown): Record<string, string> {
  if (err instanceof ScimRequestError) {
    return { Request: `${err.method} ${err.path}`, StatusCode: String(err.status), Response: err.responseText.slice(0, 1000) };
  }
  return { Error: (err as Error).message };
}

/** The provisioning-log error code for a failed SCIM request (graph-synchronization.md §5's code list). */
export function failureOf(err: unknown, target: string): Failure {
  if (!(err instanceof ScimRequestError)) {
    return { code: 'InternalError', reason: (err as Error).message, additionalDetails: null, recommendedAction: null };
  }
  const details = err.status ? `StatusCode: ${err.status}. Response: ${err.responseText.slice(0, 500)}` : null;
  switch (err.kind) {
    case 'notConfigured':
      return { code: 'SystemForCrossDomainIdentityManagementServiceIncompatible', reason: err.message, additionalDetails: null, recommendedAction: 'Enter the Tenant URL (BaseAddress) of the application in the admin credentials.' };
    case 'unreachable':
      return { code: 'SandboxTargetNotLocal', reason: err.message, additionalDetails: null, recommendedAction: "Point the job's BaseAddress at the sandbox's SCIM server." };
    case 'network':
      return { code: 'WebExceptionProtocolError', reason: `Could not reach ${target}: ${err.message}`, additionalDetails: null, recommendedAction: 'Check that the Tenant URL is reachable.' };
    case 'http':
      break;
  }
  const byStatus: Record<number, string> = {
    401: 'Unauthorized',
    403: 'InsufficientRights',
    405: 'MethodNotAllowed',
    409: 'EntryConflict',
    422: 'UnprocessableEntity',
    429: 'TooManyRequests',
    501: 'NotImplemented',
  };
  const code = byStatus[err.status] ?? (err.status >= 500 ? 'InternalServerError' : 'WebExceptionProtocolError');
  const recommended =
    err.status === 401 || err.status === 403
      ? 'Verify the secret token and tenant URL in the admin credentials, then test the connection.'
      : err.status === 409
        ? 'An object with the same unique attribute already exists in the target; match on that attribute or remove the duplicate.'
        : err.status === 429 || err.status >= 500
          ? 'The operation is retried in the next cycle.'
          : null;
  return { code, reason: `${target} answered ${err.method} ${err.path} with ${err.status}: ${err.message.replace(/^.*?answered \d+: /, '')}`, additionalDetails: details, recommendedAction: recommended };
}
