// scimmy's ingress/egress/degress handlers for User and Group, over the ScimStore of the server that received the
// request. scimmy keeps handlers per process, so they are installed once and find their store in the handler
// context (set per request by the server, see server.ts).
import { SCIMMY } from 'scimmy-routers';
import { declareScimResources } from './schemas';
import { matchFilter } from './filter';
import { ScimStore, UniquenessError, type ScimGroupMember, type ScimResource } from './store';

export interface ScimHandlerContext {
  store: ScimStore;
}

interface ResourceInstance {
  id?: string;
  filter?: unknown[];
}

/** The part of scimmy's resource classes used here, with the handler signatures this file implements. */
interface HandledResource {
  ingress(handler: (resource: ResourceInstance, instance: unknown, ctx?: ScimHandlerContext) => unknown): unknown;
  egress(handler: (resource: ResourceInstance, ctx?: ScimHandlerContext) => unknown): unknown;
  degress(handler: (resource: ResourceInstance, ctx?: ScimHandlerContext) => void): unknown;
}

let installed = false;

export function installScimHandlers(): void {
  if (installed) return;
  installed = true;
  const declared = declareScimResources();
  const User = declared.User as unknown as HandledResource;
  const Group = declared.Group as unknown as HandledResource;

  User.ingress((resource: ResourceInstance, instance: unknown, ctx?: ScimHandlerContext) => {
    const store = storeOf(ctx);
    const data = plain(instance);
    try {
      if (!resource.id) return withGroups(store, store.createUser(data));
      const updated = store.replaceUser(resource.id, data);
      if (!updated) throw notFound(resource.id);
      return withGroups(store, updated);
    } catch (err) {
      if (err instanceof UniquenessError) throw scimError(409, err.message, 'uniqueness');
      throw err;
    }
  });
  User.egress((resource: ResourceInstance, ctx?: ScimHandlerContext) => {
    const store = storeOf(ctx);
    if (resource.id) {
      const user = store.user(resource.id);
      if (!user) throw notFound(resource.id);
      return withGroups(store, user);
    }
    const users = store.users().map((u) => withGroups(store, u));
    return resource.filter ? matchFilter(users, resource.filter as Record<string, unknown>[], 'User') : users;
  });
  User.degress((resource: ResourceInstance, ctx?: ScimHandlerContext) => {
    if (!resource.id || !storeOf(ctx).deleteUser(resource.id)) throw notFound(resource.id);
  });

  Group.ingress((resource: ResourceInstance, instance: unknown, ctx?: ScimHandlerContext) => {
    const store = storeOf(ctx);
    const data = plain(instance);
    if (Array.isArray(data.members)) data.members = describeMembers(store, data.members as ScimGroupMember[]);
    if (!resource.id) return store.createGroup(data);
    const updated = store.replaceGroup(resource.id, data);
    if (!updated) throw notFound(resource.id);
    return updated;
  });
  Group.egress((resource: ResourceInstance, ctx?: ScimHandlerContext) => {
    const store = storeOf(ctx);
    if (resource.id) {
      const group = store.group(resource.id);
      if (!group) throw notFound(resource.id);
      return group;
    }
    const groups = store.groups();
    return resource.filter ? matchFilter(groups, resource.filter as Record<string, unknown>[], 'Group') : groups;
  });
  Group.degress((resource: ResourceInstance, ctx?: ScimHandlerContext) => {
    if (!resource.id || !storeOf(ctx).deleteGroup(resource.id)) throw notFound(resource.id);
  });
}

/** A SCIM error scimmy answers with; `scimType` is left out (RFC 7644 §3.12 uses it for 400 and 409 only). */
export function scimError(status: number, detail: string, scimType?: string): Error {
  return new SCIMMY.Types.Error(status, (scimType ?? null) as unknown as string, detail);
}

function storeOf(ctx: ScimHandlerContext | undefined): ScimStore {
  if (!ctx || !(ctx.store instanceof ScimStore)) throw scimError(500, 'The SCIM request reached scimmy without the sandbox store.');
  return ctx.store;
}

function notFound(id: string | undefined): Error {
  return scimError(404, `Resource ${id ?? ''} not found`);
}

/** scimmy's schema instances as plain JSON (extension attributes stay under their URN). */
function plain(instance: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(instance ?? {})) as Record<string, unknown>;
}

/** A user's read-only `groups`, computed from the groups that list it. */
function withGroups(store: ScimStore, user: ScimResource): ScimResource {
  const groups = store.groupsOf(user.id);
  return groups.length > 0 ? { ...user, groups } : user;
}

/** Members as stored: `type` and `display` filled in for users the store knows. */
function describeMembers(store: ScimStore, members: ScimGroupMember[]): ScimGroupMember[] {
  return members.map((member) => {
    const user = typeof member.value === 'string' ? store.user(member.value) : undefined;
    if (!user) return member;
    const display = member.display ?? (typeof user.displayName === 'string' ? user.displayName : user.userName);
    return { ...member, type: member.type ?? 'User', display };
  });
}
