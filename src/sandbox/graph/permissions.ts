// Which permissions authorise which Graph calls (graph-synchronization.md §1.2). Each list is "any one of these":
// a delegated scope (scp) or an application role (roles). The sandbox does not model directory roles or app
// ownership, so `Application.ReadWrite.OwnedBy` is treated as covering every application.

/** GET jobs / templates / schema / directories / filterOperators / secrets. */
export const SYNC_READ = ['Synchronization.Read.All', 'Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy'] as const;

/**
 * Create/delete/start/pause/restart, PUT/DELETE schema, PUT secrets, validateCredentials, provisionOnDemand,
 * parseExpression, template update — and `functions`, which the docs list with the write permissions.
 */
export const SYNC_WRITE = ['Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy'] as const;

/** directoryDefinition: discover — documented as Directory.ReadWrite.All or Application.ReadWrite.OwnedBy only. */
export const DIRECTORY_DISCOVER = ['Directory.ReadWrite.All', 'Application.ReadWrite.OwnedBy'] as const;

/** bulkUpload (API-driven inbound provisioning): the upload role or the job write permissions. */
export const BULK_UPLOAD = ['SynchronizationData-User.Upload', ...SYNC_WRITE] as const;

/**
 * GET /servicePrincipals[/{id}]. Graph needs an application/directory read permission here; Synchronization.* alone
 * does not list service principals, so it is deliberately absent.
 */
export const SERVICE_PRINCIPALS_READ = [
  'Application.Read.All',
  'Application.ReadWrite.All',
  'Application.ReadWrite.OwnedBy',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
] as const;

/** GET /users, /users/{id}. */
export const USERS_READ = [
  'User.Read.All',
  'User.ReadBasic.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
] as const;

/** GET /groups, /groups/{id}, /groups/{id}/members. */
export const GROUPS_READ = [
  'Group.Read.All',
  'GroupMember.Read.All',
  'Group.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
] as const;

/**
 * GET /auditLogs/provisioning. The docs require AuditLog.Read.All AND Directory.Read.All; the router's model is
 * "any one of", and the product asks for AuditLog.Read.All, so the sandbox accepts AuditLog.Read.All alone.
 * A token with only Directory.Read.All is refused, which is the part of the rule that matters to callers.
 */
export const PROVISIONING_LOGS_READ = ['AuditLog.Read.All'] as const;

/**
 * GET /organization for app-only tokens. Delegated tokens need only User.Read, which the sandbox takes for granted
 * (src/sandbox/graph/organization.ts accepts every valid delegated Graph token).
 */
export const ORGANIZATION_READ_APP = [
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
] as const;
