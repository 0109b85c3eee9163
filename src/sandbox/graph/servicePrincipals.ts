// GET /servicePrincipals, /servicePrincipals/$count and /servicePrincipals/{id | appId}: the list the product pages
// through to find provisioning-enabled apps (5,000 in the `large` seed), with Graph's directory query rules.
import type { Router } from '../http/router';
import { GraphErrors } from '../http/graphErrors';
import type { Tenant } from '../tenant';
import { countResponse, entityResponse, listResponse, type CollectionSpec } from './odata/query';
import { SERVICE_PRINCIPALS_READ } from './permissions';

/** servicePrincipal properties Graph defines (those the seed leaves out read as null under $select). */
const SERVICE_PRINCIPAL_PROPERTIES = [
  'id', 'deletedDateTime', 'accountEnabled', 'addIns', 'alternativeNames', 'appDescription', 'appDisplayName', 'appId',
  'applicationTemplateId', 'appOwnerOrganizationId', 'appRoleAssignmentRequired', 'appRoles', 'createdDateTime',
  'description', 'disabledByMicrosoftStatus', 'displayName', 'homepage', 'info', 'keyCredentials', 'loginUrl',
  'logoutUrl', 'notes', 'notificationEmailAddresses', 'oauth2PermissionScopes', 'passwordCredentials',
  'preferredSingleSignOnMode', 'preferredTokenSigningKeyThumbprint', 'publisherName', 'replyUrls',
  'samlSingleSignOnSettings', 'servicePrincipalNames', 'servicePrincipalType', 'signInAudience', 'tags',
  'tokenEncryptionKeyId', 'verifiedPublisher',
];

export function servicePrincipalSpec(tenant: Tenant): CollectionSpec {
  const seen = new Set(SERVICE_PRINCIPAL_PROPERTIES);
  for (const sp of tenant.servicePrincipals()) for (const key of Object.keys(sp)) seen.add(key);
  return {
    contextFragment: 'servicePrincipals',
    typeName: 'microsoft.graph.servicePrincipal',
    resourceName: 'ServicePrincipal',
    properties: [...seen],
    filterable: [
      'id', 'appId', 'displayName', 'tags', 'servicePrincipalType', 'accountEnabled', 'appOwnerOrganizationId',
      'applicationTemplateId', 'servicePrincipalNames', 'preferredSingleSignOnMode', 'publisherName', 'appDisplayName',
    ],
    functions: ['startswith', 'any'],
    caseInsensitive: true,
    searchable: ['displayName', 'description', 'appDisplayName'],
    orderable: ['displayName'],
    defaultPageSize: 100,
    maxPageSize: 999,
    advancedQueriesNeedConsistencyLevel: true,
  };
}

export function registerServicePrincipalRoutes(router: Router, tenant: Tenant): void {
  const spec = servicePrincipalSpec(tenant);
  const options = { anyOf: SERVICE_PRINCIPALS_READ };
  router
    .get('/servicePrincipals', (req) => listResponse(req, tenant.servicePrincipals(), spec), options)
    .get('/servicePrincipals/$count', (req) => countResponse(req, tenant.servicePrincipals(), spec), options)
    .get(
      '/servicePrincipals/{id}',
      (req) => {
        const sp = tenant.servicePrincipal(req.params.id!);
        return sp ? entityResponse(req, sp.resource, spec) : GraphErrors.notFound(req, req.params.id!);
      },
      options,
    );
}
