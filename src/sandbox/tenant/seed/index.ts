// The sandbox tenant's initial contents. `buildSeed` is pure and deterministic: the same kind and `now` always give
// the same tenant (ids, names, secrets and log entries come from named seeded streams; times are relative to `now`).
import { buildPeople } from './people';
import { buildGroups } from './groups';
import { buildProvisioningApps, buildSsoOnlyApps } from './apps';
import { buildProvisioningLogs } from './logs';
import { growToLargeTenant } from './large';
import { DEFAULT_DOMAIN, TENANT_DISPLAY_NAME, TENANT_ID, VERIFIED_DOMAINS, stream } from './tenant';
import type { SeedData, SeedKind } from './types';

export type { SeedKind, SeedGroup, SeedJob, SeedServicePrincipal, SeedData, ScimTargetLink } from './types';
export { TENANT_ID, TENANT_DISPLAY_NAME, DEFAULT_DOMAIN, VERIFIED_DOMAINS, UNVERIFIED_DOMAIN, NEVER } from './tenant';
export { WORKPLACE_LEGACY_CUSTOMIZATIONS, EMPLOYEES_ONLY_FILTER_NAME, customizeWorkplaceLegacySchema, employeesOnlyScope } from './workplaceCustomizations';
export { NEVER_INTERVAL, CYCLE_INTERVAL, defaultJobSettings } from './jobStatus';
export { jobIdFor } from './apps';
export { entraUserAttribute } from './sourceValues';
export { scopeEvaluation, WORKPLACE_UNVERIFIED_DOMAIN_CODE, WORKPLACE_MISSING_EMAIL_MESSAGE } from './logs';
export { LARGE_SERVICE_PRINCIPAL_COUNT, LARGE_JOB_COUNT } from './large';

export function buildSeed(kind: SeedKind, now: Date): SeedData {
  const people = buildPeople(now);
  const groups = buildGroups(people);
  const provisioningApps = buildProvisioningApps(now, people, groups);
  // Interleave the provisioning apps with the SSO-only ones, as a real tenant's list is in no useful order.
  const ssoOnly = buildSsoOnlyApps(groups);
  const servicePrincipals = stream('apps/order').shuffle([...provisioningApps.map((a) => a.sp), ...ssoOnly]);
  const provisioningLogs = buildProvisioningLogs(now, provisioningApps, groups.list);

  return {
    tenantId: TENANT_ID,
    tenantDisplayName: TENANT_DISPLAY_NAME,
    verifiedDomains: VERIFIED_DOMAINS.slice(),
    defaultDomain: DEFAULT_DOMAIN,
    adminUser: {
      id: people.admin.id,
      userPrincipalName: people.admin.userPrincipalName,
      displayName: people.admin.displayName,
      roles: ['Application Administrator'],
    },
    users: [people.admin, ...people.persons.map((p) => p.user)],
    groups: groups.list,
    servicePrincipals: kind === 'large' ? growToLargeTenant(servicePrincipals, groups, now) : servicePrincipals,
    provisioningLogs,
    now: now.toISOString(),
  };
}
