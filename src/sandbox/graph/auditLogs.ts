// GET /auditLogs/provisioning: provisioningObjectSummary entries, newest first, with the documented query options
// ($filter with eq / contains / gt / lt and and/or/parentheses, $orderby=activityDateTime, $top, $skiptoken).
// String comparisons are case-sensitive as the reference says (hence the docs' `contains(tolower(…), '…')` idiom);
// property names are matched case-insensitively because the bulkUpload Location header itself uses `jobid`.
import type { Router } from '../http/router';
import type { Tenant } from '../tenant';
import { listResponse, type CollectionSpec } from './odata/query';
import { PROVISIONING_LOGS_READ } from './permissions';

export const PROVISIONING_LOG_SPEC: CollectionSpec = {
  contextFragment: 'auditLogs/provisioning',
  typeName: 'microsoft.graph.provisioningObjectSummary',
  resourceName: 'ProvisioningObjectSummary',
  properties: [
    'id', 'activityDateTime', 'tenantId', 'jobId', 'cycleId', 'changeId', 'provisioningAction',
    'durationInMilliseconds', 'initiatedBy', 'servicePrincipal', 'sourceSystem', 'targetSystem', 'sourceIdentity',
    'targetIdentity', 'provisioningStatusInfo', 'provisioningSteps', 'modifiedProperties',
  ],
  functions: ['contains', 'startswith', 'endswith', 'tolower', 'toupper', 'any'],
  caseInsensitive: false,
  orderable: ['activityDateTime'],
  defaultOrder: { property: 'activityDateTime', descending: true },
  // Graph does not document the page size of this list; the docs' example asks for $top=500.
  defaultPageSize: 100,
  maxPageSize: 1000,
  advancedQueriesNeedConsistencyLevel: false,
};

export function registerAuditLogRoutes(router: Router, tenant: Tenant): void {
  router.get('/auditLogs/provisioning', (req) => listResponse(req, tenant.provisioningLogs(), PROVISIONING_LOG_SPEC), {
    anyOf: PROVISIONING_LOGS_READ,
  });
}
