// Graph directory objects → the attribute names the provisioning service reads them by. Expressions and scoping
// clauses name the Entra (AAD) directory's internal attributes, which differ from Graph's JSON property names in places
// (surname is the same, but telephoneNumber ↔ businessPhones[0], mobile ↔ mobilePhone, physicalDeliveryOfficeName ↔
// officeLocation, objectId ↔ id, extensionAttributeN ↔ onPremisesExtensionAttributes.extensionAttributeN, …).
// Values follow the expression engine's model: strings, lists of strings, Booleans as "True"/"False".
import type { SourceValue } from '../expression';
import type { SourceObject } from './types';

/** Graph property → AAD attribute, where the names differ (Graph user and group). */
const RENAMED: Readonly<Record<string, string>> = {
  id: 'objectId',
  officeLocation: 'physicalDeliveryOfficeName',
  mobilePhone: 'mobile',
  faxNumber: 'facsimileTelephoneNumber',
  onPremisesSyncEnabled: 'dirSyncEnabled',
};

/** Properties read specially below (never copied under their own name). */
const HANDLED = new Set([
  ...Object.keys(RENAMED),
  'businessPhones',
  'onPremisesExtensionAttributes',
  'employeeOrgData',
  'manager',
  'passwordProfile',
  'appRoleAssignments',
  'members',
  'deletedDateTime',
]);

/** A JSON value as an attribute value; undefined when it has no attribute form (nested objects). */
function toSourceValue(value: unknown): SourceValue | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      const one = toSourceValue(item);
      if (typeof one === 'string') items.push(one);
      else if (item !== null && typeof item === 'object') items.push(JSON.stringify(item));
    }
    return items;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Copies every scalar / list property under its own name (Graph and AAD share most names), renaming the few that differ. */
function copyCommon(object: Record<string, unknown>, out: Record<string, SourceValue>): void {
  for (const [key, raw] of Object.entries(object)) {
    if (key.startsWith('@odata.') || key.includes('@odata.')) continue;
    if (HANDLED.has(key) && !(key in RENAMED)) continue;
    const value = toSourceValue(raw);
    if (value === undefined) continue;
    out[RENAMED[key] ?? key] = value;
  }
}

/** The id of a reference as Graph returns it: `$expand=manager` gives an object, some callers pass the id itself. */
function referenceId(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value['id'] === 'string') return value['id'];
  return null;
}

/** Soft-deleted as provisioning sees it: deleted (in the recycle bin) or, for users, sign-in blocked (§6.6). */
function softDeleted(object: Record<string, unknown>, accountEnabled: unknown): string {
  const deleted = typeof object['deletedDateTime'] === 'string' && object['deletedDateTime'] !== '';
  return deleted || accountEnabled === false || accountEnabled === 'False' ? 'True' : 'False';
}

/**
 * A Graph user (GET /users/{id}, optionally with `$expand=manager`) as the provisioning service's source object:
 * objectId, surname, telephoneNumber (first business phone), mobile, facsimileTelephoneNumber,
 * physicalDeliveryOfficeName, accountEnabled "True"/"False", IsSoftDeleted ("True" when deleted or disabled),
 * extensionAttribute1…15, employeeOrgData.costCenter/division, manager (the manager's object id),
 * passwordProfile.password, directory extensions `extension_<appid>_<name>` and every other property by its own name.
 */
export function sourceFromGraphUser(user: Record<string, unknown>): SourceObject {
  const out: Record<string, SourceValue> = {};
  copyCommon(user, out);
  const phones = user['businessPhones'];
  if (Array.isArray(phones)) out['telephoneNumber'] = typeof phones[0] === 'string' ? phones[0] : null;
  const extensions = user['onPremisesExtensionAttributes'];
  if (isRecord(extensions)) {
    for (const [key, value] of Object.entries(extensions)) {
      const converted = toSourceValue(value);
      if (converted !== undefined) out[key] = converted;
    }
  }
  const org = user['employeeOrgData'];
  if (isRecord(org)) {
    for (const key of ['costCenter', 'division']) {
      const converted = toSourceValue(org[key]);
      if (converted !== undefined) out[`employeeOrgData.${key}`] = converted;
    }
  }
  if ('manager' in user) out['manager'] = referenceId(user['manager']);
  const password = user['passwordProfile'];
  if (isRecord(password) && typeof password['password'] === 'string') out['passwordProfile.password'] = password['password'];
  const roles = user['appRoleAssignments'];
  if (Array.isArray(roles)) out['appRoleAssignments'] = appRoleAssignments(roles);
  if ('accountEnabled' in user) out['accountEnabled'] = user['accountEnabled'] === false || user['accountEnabled'] === 'False' ? 'False' : 'True';
  if (!('IsSoftDeleted' in user)) out['IsSoftDeleted'] = softDeleted(user, user['accountEnabled']);
  return compact(out);
}

/**
 * A copy with the same properties. Objects grown one computed key at a time fall into V8's slow "dictionary" mode after
 * a couple of dozen keys; a spread copy is laid out in one go, and the preview reads every mapped attribute of every
 * object, so this roughly halves the cost of a bulk preview (bench preview-throughput).
 */
function compact(out: Record<string, SourceValue>): SourceObject {
  return { ...out };
}

/** App role assignments in the engine's form: role values, or JSON objects with value/displayName (see builtins/roles). */
function appRoleAssignments(items: unknown[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else if (isRecord(item) && (typeof item['value'] === 'string' || typeof item['displayName'] === 'string')) out.push(JSON.stringify(item));
  }
  return out;
}

/**
 * A Graph group (GET /groups/{id}, optionally with `$expand=members`) as the provisioning service's source object:
 * objectId, displayName, description, mail, mailEnabled/securityEnabled "True"/"False", IsSoftDeleted, members (the
 * members' object ids) and every other property by its own name.
 */
export function sourceFromGraphGroup(group: Record<string, unknown>): SourceObject {
  const out: Record<string, SourceValue> = {};
  copyCommon(group, out);
  const members = group['members'];
  if (Array.isArray(members)) {
    const ids = members.map(referenceId).filter((id): id is string => id !== null);
    out['members'] = ids;
  }
  if (!('IsSoftDeleted' in group)) out['IsSoftDeleted'] = softDeleted(group, undefined);
  return compact(out);
}
