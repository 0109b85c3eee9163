// The provisionOnDemand request (graph-synchronization.md §3.7): which rule of the job's schema to run, and the one
// subject — a user, or a group with at most 5 of its members. Checked here, before Graph sees it, so the admin gets
// a sentence instead of a 400.
import type { ProvisionOnDemandRequest, SynchronizationRule, SynchronizationSchema } from '../../graph/model';

/** A group rides with at most this many members per request (§3.7). */
export const MAX_GROUP_MEMBERS = 5;

export type OnDemandObjectType = 'User' | 'Group';

export interface OnDemandRule {
  id: string;
  name: string;
  /** The rule's metadata says `supportsProvisionOnDemand` = "true". */
  supportsOnDemand: boolean;
  /** Object types the rule has an enabled object mapping for (User first). */
  objectTypes: OnDemandObjectType[];
}

export class OnDemandRequestError extends Error {
  override readonly name = 'OnDemandRequestError';
}

/**
 * The rules on-demand provisioning can run, best first. Rules marked `supportsProvisionOnDemand` are the ones the
 * portal uses; when the schema marks none (older or hand-written schemas), every rule with a User or Group mapping
 * is offered rather than nothing.
 */
export function onDemandRules(schema: Pick<SynchronizationSchema, 'synchronizationRules'>): OnDemandRule[] {
  const rules = (schema.synchronizationRules ?? []).map(describeRule).filter((r) => r.objectTypes.length > 0);
  const marked = rules.filter((r) => r.supportsOnDemand);
  return marked.length > 0 ? marked : rules;
}

function describeRule(rule: SynchronizationRule): OnDemandRule {
  const supports = (rule.metadata ?? []).some((m) => m.key?.toLowerCase() === 'supportsprovisionondemand' && m.value?.toLowerCase() === 'true');
  const types = new Set<OnDemandObjectType>();
  for (const mapping of rule.objectMappings ?? []) {
    if (mapping.enabled === false) continue;
    const type = objectTypeOf(mapping.sourceObjectName);
    if (type) types.add(type);
  }
  const objectTypes = (['User', 'Group'] as const).filter((t) => types.has(t));
  return { id: rule.id, name: rule.name, supportsOnDemand: supports, objectTypes };
}

/** `User`/`Group` for an Entra source object name in any case; undefined for other types (AD `user` is also User). */
export function objectTypeOf(name: string | undefined | null): OnDemandObjectType | undefined {
  const lower = name?.toLowerCase();
  return lower === 'user' ? 'User' : lower === 'group' ? 'Group' : undefined;
}

export interface OnDemandSubjectInput {
  ruleId: string;
  objectType: OnDemandObjectType;
  objectId: string;
  /** Group only: user object ids provisioned with the group (≤ 5). */
  memberIds?: readonly string[];
}

/** The request body; throws OnDemandRequestError with the reason when the input breaks a documented limit. */
export function buildOnDemandRequest(input: OnDemandSubjectInput): ProvisionOnDemandRequest {
  const ruleId = input.ruleId.trim();
  const objectId = input.objectId.trim();
  if (!ruleId) throw new OnDemandRequestError('A synchronization rule is required (the id of a rule in the job\'s schema).');
  if (!objectId) throw new OnDemandRequestError(`The ${input.objectType === 'Group' ? 'group' : 'user'} to provision is required (its Entra object id).`);
  const members = [...new Set((input.memberIds ?? []).map((id) => id.trim()).filter(Boolean))];
  if (input.objectType === 'User' && members.length > 0) {
    throw new OnDemandRequestError('Members can only be provisioned with a group, not with a user.');
  }
  if (members.length > MAX_GROUP_MEMBERS) {
    throw new OnDemandRequestError(
      `A group can be provisioned on demand with at most ${MAX_GROUP_MEMBERS} of its members; ${members.length} were chosen.`,
    );
  }
  return {
    parameters: [
      {
        ruleId,
        subjects: [
          {
            objectId,
            objectTypeName: input.objectType,
            ...(input.objectType === 'Group' && members.length > 0
              ? { links: { members: members.map((id) => ({ objectId: id, objectTypeName: 'User' })) } }
              : {}),
          },
        ],
      },
    ],
  };
}
