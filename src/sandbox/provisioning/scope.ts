// Who a job's cycles look at, as the tenant store defines it: with SyncAll=false (the seed's setting and Entra's
// default) the users assigned to the app directly plus the direct members of assigned groups — nested groups are not
// expanded (graph-synchronization.md §6.6) — and the assigned groups themselves; with SyncAll=true every user and group.
import type { Group, User } from '../../graph/model';
import type { ServicePrincipalRecord, Tenant } from '../tenant';

export interface Population {
  users: User[];
  groups: Group[];
  /** Ids of users and groups that are assigned (directly or through an assigned group). */
  assigned: ReadonlySet<string>;
}

/** The secret value of `key` on the service principal (keys compare case-insensitively, like Graph's enum). */
export function secretValue(tenant: Tenant, sp: ServicePrincipalRecord, key: string): string | null {
  return tenant.secrets(sp).find((s) => s.key.toLowerCase() === key.toLowerCase())?.value ?? null;
}

export function syncAll(tenant: Tenant, sp: ServicePrincipalRecord): boolean {
  return (secretValue(tenant, sp, 'SyncAll') ?? 'false').trim().toLowerCase() === 'true';
}

/** The users and groups in the job's scope, in a stable order (users by id order of the store). */
export function populationOf(tenant: Tenant, sp: ServicePrincipalRecord): Population {
  if (syncAll(tenant, sp)) {
    const users = [...tenant.users()];
    const groups = [...tenant.groups()];
    return { users, groups, assigned: new Set([...users.map((u) => u.id), ...groups.map((g) => g.id)]) };
  }
  const assigned = new Set<string>();
  const groups: Group[] = [];
  for (const id of sp.assignedPrincipalIds) {
    const object = tenant.directoryObject(id);
    if (!object) continue;
    assigned.add(id);
    if (object.type !== 'group') continue;
    groups.push(object.resource);
    for (const member of tenant.groupMembers(id) ?? []) if (member.type === 'user') assigned.add(member.resource.id);
  }
  const users = tenant.users().filter((u) => assigned.has(u.id));
  return { users, groups, assigned };
}

/** Whether one user or group is assigned to the app (directly, through an assigned group, or by SyncAll). */
export function isAssigned(tenant: Tenant, sp: ServicePrincipalRecord, objectId: string): boolean {
  if (syncAll(tenant, sp)) return true;
  if (sp.assignedPrincipalIds.includes(objectId)) return true;
  return sp.assignedPrincipalIds.some((id) => (tenant.groupMembers(id) ?? []).some((m) => m.resource.id === objectId));
}
