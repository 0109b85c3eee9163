// The SCIM target's in-memory store: users and groups as plain JSON (what scimmy's schema classes accepted on the way
// in), with server-assigned ids and meta timestamps. userName is unique without regard to case (RFC 7643 §4.1:
// caseExact false, uniqueness server). Group members are stored as given and dropped when their user is deleted.
import { randomUUID } from 'node:crypto';
import { GROUP_SCHEMA, USER_SCHEMA } from './schemas';

export interface ScimMeta {
  resourceType: 'User' | 'Group';
  created: string;
  lastModified: string;
  version: string;
}

/** A stored resource: `id`, `schemas`, `meta` and whatever attributes the client sent (extensions under their URN). */
export interface ScimResource {
  id: string;
  schemas: string[];
  meta: ScimMeta;
  [attribute: string]: unknown;
}

export interface ScimUser extends ScimResource {
  userName: string;
}

export interface ScimGroupMember {
  value: string;
  display?: string;
  type?: string;
  $ref?: string;
}

export interface ScimGroup extends ScimResource {
  displayName: string;
  members?: ScimGroupMember[];
}

/** Thrown for a userName that another user already has (the server answers 409 scimType uniqueness). */
export class UniquenessError extends Error {}

export class ScimStore {
  private readonly userMap = new Map<string, ScimUser>();
  private readonly groupMap = new Map<string, ScimGroup>();
  /** Resources created with SCIM 1.x names: shown in those names (./legacy.ts). Stored in 2.0 names like the rest. */
  private readonly scim1Ids = new Set<string>();
  private clock: () => Date = () => new Date();

  setClock(clock: () => Date): void {
    this.clock = clock;
  }

  /** Copies of the stored users, in creation order. */
  users(): ScimUser[] {
    return [...this.userMap.values()].map((u) => structuredClone(u));
  }

  groups(): ScimGroup[] {
    return [...this.groupMap.values()].map((g) => structuredClone(g));
  }

  user(id: string): ScimUser | undefined {
    const found = this.userMap.get(id);
    return found ? structuredClone(found) : undefined;
  }

  group(id: string): ScimGroup | undefined {
    const found = this.groupMap.get(id);
    return found ? structuredClone(found) : undefined;
  }

  /** The user with this userName, compared without regard to case. */
  findUserByUserName(userName: string): ScimUser | undefined {
    const wanted = userName.toLowerCase();
    const found = [...this.userMap.values()].find((u) => u.userName.toLowerCase() === wanted);
    return found ? structuredClone(found) : undefined;
  }

  reset(): void {
    this.userMap.clear();
    this.groupMap.clear();
    this.scim1Ids.clear();
  }

  markScim1(id: string): void {
    if (this.userMap.has(id) || this.groupMap.has(id)) this.scim1Ids.add(id);
  }

  isScim1(id: string): boolean {
    return this.scim1Ids.has(id);
  }

  /** Creates a user from client data (id and meta are the server's); a taken userName throws UniquenessError. */
  createUser(data: Record<string, unknown>): ScimUser {
    const user = { ...this.strip(data), id: randomUUID(), schemas: schemasOf(data, USER_SCHEMA), meta: this.newMeta('User') } as ScimUser;
    this.assertUniqueUserName(user.userName, undefined);
    this.userMap.set(user.id, user);
    return structuredClone(user);
  }

  /** Replaces a user's attributes (PUT, or the result of a PATCH); undefined for an unknown id. */
  replaceUser(id: string, data: Record<string, unknown>): ScimUser | undefined {
    const existing = this.userMap.get(id);
    if (!existing) return undefined;
    const user = { ...this.strip(data), id, schemas: schemasOf(data, USER_SCHEMA), meta: this.touched(existing.meta) } as ScimUser;
    this.assertUniqueUserName(user.userName, id);
    this.userMap.set(id, user);
    return structuredClone(user);
  }

  /** Deletes a user and its group memberships; false for an unknown id. */
  deleteUser(id: string): boolean {
    if (!this.userMap.delete(id)) return false;
    this.scim1Ids.delete(id);
    for (const group of this.groupMap.values()) {
      if (group.members?.some((m) => m.value === id)) {
        group.members = group.members.filter((m) => m.value !== id);
        group.meta = this.touched(group.meta);
      }
    }
    return true;
  }

  createGroup(data: Record<string, unknown>): ScimGroup {
    const group = { ...this.strip(data), id: randomUUID(), schemas: schemasOf(data, GROUP_SCHEMA), meta: this.newMeta('Group') } as ScimGroup;
    this.groupMap.set(group.id, group);
    return structuredClone(group);
  }

  replaceGroup(id: string, data: Record<string, unknown>): ScimGroup | undefined {
    const existing = this.groupMap.get(id);
    if (!existing) return undefined;
    const group = { ...this.strip(data), id, schemas: schemasOf(data, GROUP_SCHEMA), meta: this.touched(existing.meta) } as ScimGroup;
    this.groupMap.set(id, group);
    return structuredClone(group);
  }

  deleteGroup(id: string): boolean {
    this.scim1Ids.delete(id);
    return this.groupMap.delete(id);
  }

  /** Groups that list this user as a member (the user's read-only `groups` attribute). */
  groupsOf(userId: string): { value: string; display: string }[] {
    return [...this.groupMap.values()]
      .filter((g) => g.members?.some((m) => m.value === userId))
      .map((g) => ({ value: g.id, display: g.displayName }));
  }

  private assertUniqueUserName(userName: unknown, selfId: string | undefined): void {
    if (typeof userName !== 'string') return;
    const wanted = userName.toLowerCase();
    for (const other of this.userMap.values()) {
      if (other.id !== selfId && other.userName.toLowerCase() === wanted) {
        throw new UniquenessError(`A user with userName '${userName}' already exists.`);
      }
    }
  }

  /** Client data without the server-owned attributes (id, meta, and the computed `groups` of a user). */
  private strip(data: Record<string, unknown>): Record<string, unknown> {
    const { id: _id, meta: _meta, schemas: _schemas, groups: _groups, ...rest } = structuredClone(data);
    return rest;
  }

  private newMeta(resourceType: 'User' | 'Group'): ScimMeta {
    const now = this.clock().toISOString();
    return { resourceType, created: now, lastModified: now, version: versionTag() };
  }

  private touched(meta: ScimMeta): ScimMeta {
    return { ...meta, lastModified: this.clock().toISOString(), version: versionTag() };
  }
}

function schemasOf(data: Record<string, unknown>, core: string): string[] {
  const given = Array.isArray(data.schemas) ? data.schemas.filter((s): s is string => typeof s === 'string') : [];
  const extensions = Object.keys(data).filter((k) => /^urn:/i.test(k));
  return [...new Set([core, ...given.filter((s) => s !== core), ...extensions])];
}

function versionTag(): string {
  return `W/"${randomUUID().slice(0, 8)}"`;
}
