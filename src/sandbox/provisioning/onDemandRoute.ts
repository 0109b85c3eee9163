// POST /servicePrincipals/{id}/synchronization/jobs/{jobId}/provisionOnDemand (graph-synchronization.md §3.7):
// validates the body as Graph does (the rule exists in the job's schema; one subject — a User, or a Group with up to 5
// members in links.members), applies the documented 5 requests / 10 s limit per job (429 + Retry-After), provisions
// the object now and answers the classic stringKeyStringValuePair: `key` = {"result","details"}, `value` = the record.
import type { SynchronizationJobSubject } from '../../graph/model';
import type { Router, SandboxRequest, SandboxResponse } from '../http/router';
import { GraphErrors } from '../http/graphErrors';
import type { JobRecord, Tenant } from '../tenant';
import { jsonObjectBody, odataContext } from '../graph/context';
import { SYNC_WRITE } from '../graph/permissions';
import { findJob } from '../graph/synchronization/lookup';
import type { OnDemandSubject, ProvisioningEngine } from './engine';
import { onDemandPair } from './outcome';
import { SlidingWindowLimiter } from './rateLimit';

export const ON_DEMAND_PATH = '/servicePrincipals/{spId}/synchronization/jobs/{jobId}/provisionOnDemand';
/** At most this many members ride along with a group (§3.7). */
export const MAX_GROUP_MEMBERS = 5;

export function registerOnDemandRoute(router: Router, tenant: Tenant, engine: ProvisioningEngine, limiter = new SlidingWindowLimiter(5, 10_000)): void {
  router.post(ON_DEMAND_PATH, (req) => provisionOnDemand(req, tenant, engine, limiter), { anyOf: SYNC_WRITE });
}

async function provisionOnDemand(req: SandboxRequest, tenant: Tenant, engine: ProvisioningEngine, limiter: SlidingWindowLimiter): Promise<SandboxResponse> {
  const found = findJob(req, tenant);
  if (!found.ok) return found.response;
  const { sp, record } = found.value;
  const parsed = jsonObjectBody(req);
  if ('error' in parsed) return parsed.error;
  const request = readRequest(parsed.body, tenant, record);
  if ('error' in request) return GraphErrors.badRequest(req, request.error);
  // Only requests that would provision count against the limit: a malformed call costs nothing.
  const admitted = limiter.take(record.job.id.toLowerCase());
  if (!admitted.ok) return GraphErrors.throttled(req, admitted.retryAfterSeconds);
  const outcome = await engine.provisionOnDemand(sp, record, request.ruleId, request.subject);
  return {
    status: 200,
    body: { '@odata.context': odataContext(req, 'microsoft.graph.stringKeyStringValuePair'), ...onDemandPair(outcome) },
  };
}

type OnDemandRequest = { ruleId: string; subject: OnDemandSubject } | { error: string };

/** The body checks, each with the message an admin needs to fix the call. */
export function readRequest(body: Record<string, unknown>, tenant: Tenant, record: JobRecord): OnDemandRequest {
  const parameters = body.parameters;
  if (!Array.isArray(parameters) || parameters.length === 0) {
    return { error: "The 'parameters' property is required: a collection with one synchronizationJobApplicationParameters object ({ ruleId, subjects })." };
  }
  if (parameters.length > 1) return { error: `Provision on demand takes one parameters entry (one rule) per request; ${parameters.length} were given.` };
  const parameter = parameters[0] as { ruleId?: unknown; subjects?: unknown } | null;
  if (!parameter || typeof parameter !== 'object') return { error: 'parameters[0] must be an object with ruleId and subjects.' };

  const rules = record.schema.synchronizationRules;
  if (typeof parameter.ruleId !== 'string' || parameter.ruleId.trim() === '') {
    return { error: `'ruleId' is required: the id of a synchronizationRule in the job's schema (${rules.map((r) => r.id).join(', ') || 'the schema has none'}).` };
  }
  const rule = rules.find((r) => r.id.toLowerCase() === (parameter.ruleId as string).toLowerCase());
  if (!rule) {
    return { error: `The rule '${parameter.ruleId}' is not in the synchronization schema of job '${record.job.id}'. Its rules: ${rules.map((r) => r.id).join(', ') || '(none)'}.` };
  }

  const subjects = parameter.subjects;
  if (!Array.isArray(subjects) || subjects.length === 0) return { error: "'subjects' must name the object to provision: [{ objectId, objectTypeName }]." };
  if (subjects.length > 1) {
    return { error: `Provision on demand takes one user, or one group with up to ${MAX_GROUP_MEMBERS} members, per request; ${subjects.length} subjects were given.` };
  }
  const subject = subjects[0] as Partial<SynchronizationJobSubject> | null;
  if (!subject || typeof subject !== 'object') return { error: 'subjects[0] must be an object with objectId and objectTypeName.' };
  if (typeof subject.objectId !== 'string' || subject.objectId.trim() === '') return { error: "subjects[0].objectId is required: the Entra object id of the user or group." };
  const typeName = typeof subject.objectTypeName === 'string' ? subject.objectTypeName : '';
  const kind = typeName.toLowerCase() === 'user' ? 'User' : typeName.toLowerCase() === 'group' ? 'Group' : null;
  if (!kind) {
    return { error: `subjects[0].objectTypeName '${typeName || '(missing)'}' is not supported for this job: use 'User' or 'Group'.` };
  }
  if (!rule.objectMappings.some((m) => m.enabled && m.sourceObjectName.toLowerCase() === kind.toLowerCase())) {
    return { error: `The rule '${rule.id}' has no enabled object mapping for ${kind} objects, so a ${kind} cannot be provisioned with it.` };
  }

  const links = subject.links as { members?: unknown } | undefined | null;
  if (kind === 'User') {
    if (!tenant.user(subject.objectId)) return { error: `No user with objectId '${subject.objectId}' exists in the tenant.` };
    if (links && links.members !== undefined) return { error: 'links.members only applies to a Group subject.' };
    return { ruleId: rule.id, subject: { objectId: subject.objectId, kind, memberIds: [] } };
  }

  const group = tenant.group(subject.objectId);
  if (!group) return { error: `No group with objectId '${subject.objectId}' exists in the tenant.` };
  const members = links?.members ?? [];
  if (!Array.isArray(members)) return { error: 'links.members must be a collection of { objectId, objectTypeName } objects.' };
  if (members.length > MAX_GROUP_MEMBERS) {
    return { error: `A group can be provisioned on demand with at most ${MAX_GROUP_MEMBERS} members; ${members.length} were given.` };
  }
  const actualMembers = new Set((tenant.groupMembers(group.id) ?? []).map((m) => m.resource.id));
  const memberIds: string[] = [];
  for (const [i, member] of (members as unknown[]).entries()) {
    const m = member as { objectId?: unknown; objectTypeName?: unknown } | null;
    if (!m || typeof m.objectId !== 'string') return { error: `links.members[${i}].objectId is required.` };
    if (typeof m.objectTypeName === 'string' && m.objectTypeName.toLowerCase() !== 'user') {
      return { error: `links.members[${i}] is a ${m.objectTypeName}: only users are provisioned with a group (nested groups are not supported).` };
    }
    if (!tenant.user(m.objectId)) return { error: `links.members[${i}]: no user with objectId '${m.objectId}' exists in the tenant.` };
    if (!actualMembers.has(m.objectId)) return { error: `links.members[${i}]: user '${m.objectId}' is not a member of group '${group.displayName}'.` };
    memberIds.push(m.objectId);
  }
  return { ruleId: rule.id, subject: { objectId: group.id, kind, memberIds } };
}
