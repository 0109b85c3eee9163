// GET /organization: the one organization resource of the sandbox tenant, from the tenant store (display name and
// domains), with `$select` like Graph. The product reads it once per tenant to show the tenant by name.
//
// Who may read it (Graph's rule, kept simple): any signed-in user — the delegated minimum is User.Read, which
// nearly every app registration carries, so every valid delegated Graph token is accepted — while an app-only token
// needs Organization.Read.All or Directory.Read.All (or their ReadWrite forms) among its roles, else 403.
import type { Router, SandboxRequest } from '../http/router';
import { GraphErrors } from '../http/graphErrors';
import { GRAPH_PERMISSIONS } from '../identity/permissions';
import type { Tenant } from '../tenant';
import { listResponse, type CollectionSpec } from './odata/query';
import { ORGANIZATION_READ_APP } from './permissions';

/** organization properties Graph defines that the sandbox can answer; the rest read as null under $select. */
const ORGANIZATION_PROPERTIES = [
  'id', 'deletedDateTime', 'assignedPlans', 'businessPhones', 'city', 'country', 'countryLetterCode', 'createdDateTime',
  'displayName', 'marketingNotificationEmails', 'onPremisesLastSyncDateTime', 'onPremisesSyncEnabled', 'postalCode',
  'preferredLanguage', 'privacyProfile', 'provisionedPlans', 'securityComplianceNotificationMails',
  'securityComplianceNotificationPhones', 'state', 'street', 'technicalNotificationMails', 'tenantType',
  'verifiedDomains',
];

const ORGANIZATION_SPEC: CollectionSpec = {
  contextFragment: 'organization',
  typeName: 'microsoft.graph.organization',
  resourceName: 'Organization',
  properties: ORGANIZATION_PROPERTIES,
  filterable: ['id'],
  functions: [],
  caseInsensitive: true,
  orderable: [],
  defaultPageSize: 100,
  maxPageSize: 999,
  advancedQueriesNeedConsistencyLevel: true,
};

/** Graph's verifiedDomain: the initial `*.onmicrosoft.com` domain is flagged, the default one is where mail goes. */
export function organizationOf(tenant: Tenant): object {
  return {
    id: tenant.tenantId,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: 'US',
    displayName: tenant.tenantDisplayName,
    preferredLanguage: 'en',
    tenantType: 'AAD',
    verifiedDomains: tenant.verifiedDomains.map((name) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: name === tenant.defaultDomain,
      isInitial: name.toLowerCase().endsWith('.onmicrosoft.com'),
      name,
      type: 'Managed',
    })),
  };
}

export function registerOrganizationRoutes(router: Router, tenant: Tenant): void {
  // Any Graph permission proves a valid token; the app-only rule is checked in the handler.
  router.get('/organization', (req) => organizationResponse(req, tenant), { anyOf: GRAPH_PERMISSIONS });
}

function organizationResponse(req: SandboxRequest, tenant: Tenant) {
  const principal = req.principal;
  if (principal?.kind === 'app' && !ORGANIZATION_READ_APP.some((p) => principal.permissions.has(p))) return GraphErrors.forbidden(req);
  return listResponse(req, [organizationOf(tenant)], ORGANIZATION_SPEC);
}
