// The Microsoft Graph surface of the sandbox tenant: every route the product calls, identical under /v1.0 and /beta
// (the shell strips the version prefix and rewrites `/servicePrincipals(appId='…')`). Registration order matters
// only where a literal segment competes with a key (`/$count`, `jobs/validateCredentials`): literals come first.
import type { Router } from '../http/router';
import type { Tenant } from '../tenant';
import { registerAuditLogRoutes } from './auditLogs';
import { registerDirectoryObjectRoutes } from './directoryObjects';
import { registerOrganizationRoutes } from './organization';
import { registerSecretRoutes } from './secrets';
import { registerServicePrincipalRoutes } from './servicePrincipals';
import { registerJobRoutes } from './synchronization/jobs';
import { registerJobSchemaRoutes } from './synchronization/schema';
import { registerTemplateRoutes } from './synchronization/templates';

export function registerGraphRoutes(router: Router, tenant: Tenant): void {
  registerServicePrincipalRoutes(router, tenant);
  registerDirectoryObjectRoutes(router, tenant);
  registerOrganizationRoutes(router, tenant);
  registerJobRoutes(router, tenant);
  registerJobSchemaRoutes(router, tenant);
  registerTemplateRoutes(router, tenant);
  registerSecretRoutes(router, tenant);
  registerAuditLogRoutes(router, tenant);
}
