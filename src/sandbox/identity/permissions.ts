// The Microsoft Graph permissions the sandbox's token service knows: application roles (`roles` in app-only tokens)
// and delegated scopes (`scp` in user tokens). The list covers graph-synchronization.md §1.2 plus every permission
// the sandbox's Graph routes accept (src/sandbox/graph/permissions.ts), so every route can be authorised.

/** Microsoft Graph's application id; Entra accepts it as a resource identifier in scopes and as a token audience. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The worldwide Graph resource; accepted besides the sandbox's own root so cloud-ready code works unchanged. */
export const GLOBAL_GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** Every Graph permission the sandbox can grant, as an app role, a delegated scope, or both. */
export const GRAPH_PERMISSIONS = [
  'Synchronization.Read.All',
  'Synchronization.ReadWrite.All',
  'SynchronizationData-User.Upload',
  'Application.Read.All',
  'Application.ReadWrite.All',
  'Application.ReadWrite.OwnedBy',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'User.Read',
  'User.Read.All',
  'User.ReadBasic.All',
  'User.ReadWrite.All',
  'Group.Read.All',
  'Group.ReadWrite.All',
  'GroupMember.Read.All',
  'GroupMember.ReadWrite.All',
  'AuditLog.Read.All',
  'Organization.Read.All',
] as const;

export type GraphPermission = (typeof GRAPH_PERMISSIONS)[number];

/** Graph publishes these only as application roles: there is no delegated form to consent to. */
const APPLICATION_ONLY: ReadonlySet<string> = new Set(['Application.ReadWrite.OwnedBy', 'SynchronizationData-User.Upload']);
/** And this one only as a delegated scope ("sign in and read the signed-in user's profile"). */
const DELEGATED_ONLY: ReadonlySet<string> = new Set(['User.Read']);

/** App roles: what an app-only (client credentials) token can carry in `roles`. */
export const APPLICATION_PERMISSIONS: readonly GraphPermission[] = GRAPH_PERMISSIONS.filter((p) => !DELEGATED_ONLY.has(p));

/** Delegated scopes: what a user token can carry in `scp`. */
export const DELEGATED_PERMISSIONS: readonly GraphPermission[] = GRAPH_PERMISSIONS.filter((p) => !APPLICATION_ONLY.has(p));

/** OpenID Connect scopes: they shape the token response (id_token, refresh_token), they are not Graph permissions. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

const BY_LOWER_CASE = new Map<string, GraphPermission>(GRAPH_PERMISSIONS.map((p) => [p.toLowerCase(), p]));

/** Entra matches permission names case-insensitively; this returns the canonical spelling, or undefined. */
export function canonicalPermission(name: string): GraphPermission | undefined {
  return BY_LOWER_CASE.get(name.toLowerCase());
}

export function isOidcScope(name: string): name is OidcScope {
  return (OIDC_SCOPES as readonly string[]).includes(name.toLowerCase());
}

/**
 * Validates a caller-supplied permission list (control API): canonical names, duplicates removed.
 * Returns the unknown names instead when there are any, so the caller can say which.
 */
export function canonicalPermissions(names: readonly unknown[]): { ok: GraphPermission[] } | { unknown: string[] } {
  const ok = new Set<GraphPermission>();
  const unknown: string[] = [];
  for (const name of names) {
    const canonical = typeof name === 'string' ? canonicalPermission(name) : undefined;
    if (canonical) ok.add(canonical);
    else unknown.push(String(name));
  }
  return unknown.length > 0 ? { unknown } : { ok: [...ok] };
}
