// Least privilege: a user account browses with read scopes and is asked for the write scopes only when it first
// changes something (incremental consent). App-only accounts always ask for `.default` (the app's granted roles).
import { graphScope, type Cloud } from '../graph/clouds';

export type AccessTier = 'read' | 'write';

/**
 * Browse jobs and schemas, list service principals, read provisioning logs. Graph's docs list Directory.Read.All
 * next to AuditLog.Read.All for provisioning logs; it is deliberately not asked for up front (it reads the whole
 * directory) — a 403 on the logs explains that an admin may need to grant it.
 */
export const READ_PERMISSIONS = ['Synchronization.Read.All', 'Application.Read.All', 'AuditLog.Read.All'] as const;

/** Change jobs, schemas and credentials; read users and groups for the pickers (provision on demand, scoping). */
export const WRITE_PERMISSIONS = ['Synchronization.ReadWrite.All', 'User.Read.All', 'Group.Read.All'] as const;

/** Delegated permissions for a tier; the write tier includes the read ones so one token serves both. */
export function permissionsFor(tier: AccessTier): string[] {
  return tier === 'read' ? [...READ_PERMISSIONS] : [...READ_PERMISSIONS, ...WRITE_PERMISSIONS];
}

/** Delegated scopes written with the cloud's own Graph resource (msal adds openid, profile, offline_access). */
export function delegatedScopes(cloud: Cloud, tier: AccessTier): string[] {
  return permissionsFor(tier).map((p) => graphScope(cloud, p));
}

/** The app-only scope: every application permission an admin granted to the app registration. */
export function appOnlyScopes(cloud: Cloud): string[] {
  return [graphScope(cloud, '.default')];
}
