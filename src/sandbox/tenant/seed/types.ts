// Shapes of the sandbox seed (re-exported by ./index). Graph resource types come from the product model; the Seed*
// types add what the sandbox keeps beside them (memberships, secrets, assignments, jobs with their schemas).
import type {
  Group,
  ProvisioningObjectSummary,
  ServicePrincipal,
  StringKeyStringValuePair,
  SynchronizationJob,
  SynchronizationSchema,
  User,
} from '../../../graph/model';

export type SeedKind = 'default' | 'large';

export interface SeedGroup extends Group {
  members: string[] /* user ids */;
}

export interface SeedJob {
  job: SynchronizationJob;
  schema: SynchronizationSchema;
}

/**
 * A seeded app whose provisioning target is the sandbox's own SCIM server. Its port and token change with every run,
 * so the seed cannot write them: Tenant.connectScimTarget points the app's BaseAddress/SecretToken at the running
 * server each time the sandbox starts.
 */
export interface ScimTargetLink {
  /** `token`: the run's SCIM token; `wrongToken`: one the target refuses (the bad-credentials quarantine scenario). */
  credentials: 'token' | 'wrongToken';
  /**
   * The BaseAddress the seed or the last connectScimTarget wrote. A different saved value means someone re-pointed
   * the app (PUT secrets), and it is left alone.
   */
  baseAddress: string | null;
}

export interface SeedServicePrincipal extends ServicePrincipal {
  applicationObjectId: string; // the application object id (for /applications/{id}/synchronization/templates)
  templateIds: string[]; // templates offered by this app (empty for apps without provisioning)
  jobs: SeedJob[];
  secrets: StringKeyStringValuePair[]; // BaseAddress, SecretToken, SyncNotificationSettings, SyncAll ... (stored; never readable in full via Graph)
  assignedPrincipalIds: string[]; // users/groups assigned to the app
  scimTarget?: ScimTargetLink; // provisions into the sandbox's SCIM server
}

export interface SeedData {
  tenantId: string;
  tenantDisplayName: string; // "Contoso (sandbox)"
  verifiedDomains: string[];
  defaultDomain: string;
  adminUser: { id: string; userPrincipalName: string; displayName: string; /** Directory roles held. */ roles: string[] };
  users: User[];
  groups: SeedGroup[];
  servicePrincipals: SeedServicePrincipal[];
  provisioningLogs: ProvisioningObjectSummary[];
  /** ISO time the seed treats as "now" for timestamps it wrote (the seed must be deterministic: pass it in). */
  now: string;
}
