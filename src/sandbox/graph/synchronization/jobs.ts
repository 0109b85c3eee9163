// Synchronization jobs: list, get, create (from a template), delete, start, pause, restart, validateCredentials,
// and bulkUpload, which answers 501 like an unimplemented Graph action (no inbound pipeline). provisionOnDemand is
// registered by the provisioning engine (../../provisioning/onDemandRoute.ts). Facts: graph-synchronization.md §2 rows 1–9 and 23, §3.1–§3.8.
import type { Router, SandboxRequest, SandboxResponse } from '../../http/router';
import { GraphErrors, graphError } from '../../http/graphErrors';
import { parseRestartScope, type Tenant } from '../../tenant';
import { entity, jsonObjectBody, noContent } from '../context';
import { listResponse, type CollectionSpec } from '../odata/query';
import { BULK_UPLOAD, SYNC_READ, SYNC_WRITE } from '../permissions';
import { parseSecretPairs } from '../secrets';
import { checkTargetConnection, quarantineForConnectionFailure } from '../../scim/connection';
import { startJob } from '../../tenant/jobs';
import { findJob, findServicePrincipal, spSyncContext } from './lookup';

const JOBS = '/servicePrincipals/{spId}/synchronization/jobs';
const JOB = `${JOBS}/{jobId}`;

export function registerJobRoutes(router: Router, tenant: Tenant): void {
  const read = { anyOf: SYNC_READ };
  const write = { anyOf: SYNC_WRITE };

  router.get(
    JOBS,
    (req) => {
      const sp = findServicePrincipal(req, tenant);
      if (!sp.ok) return sp.response;
      // `$filter=templateId eq '…'` works on the real list (support-wiki example), so the OData options apply.
      return listResponse(req, sp.value.jobs.map((j) => j.job), jobCollectionSpec(`${spSyncContext(sp.value)}/jobs`));
    },
    read,
  );

  router.post(JOBS, (req) => createJob(req, tenant), write);

  // Collection-level validateCredentials (cross-tenant sync doc): checks credentials before a job exists.
  router.post(
    `${JOBS}/validateCredentials`,
    (req) => {
      const sp = findServicePrincipal(req, tenant);
      if (!sp.ok) return sp.response;
      const parsed = jsonObjectBody(req);
      if ('error' in parsed) return parsed.error;
      const templateId = parsed.body.templateId;
      if (templateId !== undefined && templateId !== null) {
        if (typeof templateId !== 'string' || !tenant.template(sp.value, templateId)) {
          return GraphErrors.badRequest(req, `The template '${String(templateId)}' is not available for this application.`);
        }
      }
      return validateCredentials(req, parsed.body, tenant.secrets(sp.value));
    },
    write,
  );

  router.get(
    JOB,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      return entity(req, `${spSyncContext(found.value.sp)}/jobs/$entity`, found.value.record.job);
    },
    read,
  );

  router.delete(
    JOB,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      tenant.deleteJob(found.value.sp, found.value.record);
      return noContent();
    },
    write,
  );

  // start: also the documented way out of quarantine. Starting an already running job is accepted (the docs warn
  // against scripting it, they do not describe an error). Like the service, start tests the connection with the saved
  // credentials first: when that fails the job is started straight into quarantine (EncounteredQuarantineException,
  // §6.4) and no cycle runs. A job without saved credentials (never configured) starts as before.
  router.post(
    `${JOB}/start`,
    async (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      const { sp, record } = found.value;
      const saved = tenant.secrets(sp);
      const connection = saved.length > 0 ? await checkTargetConnection(saved) : { ok: true as const };
      if (connection.ok) {
        tenant.startJob(record);
      } else {
        tenant.updateJob(record, (r) => {
          startJob(r);
          quarantineForConnectionFailure(r, connection, tenant.now());
        });
      }
      return noContent();
    },
    write,
  );

  router.post(
    `${JOB}/pause`,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      tenant.pauseJob(found.value.record);
      return noContent();
    },
    write,
  );

  router.post(
    `${JOB}/restart`,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      const parsed = jsonObjectBody(req, true);
      if ('error' in parsed) return parsed.error;
      const criteria = parsed.body.criteria;
      if (criteria !== undefined && criteria !== null && (typeof criteria !== 'object' || Array.isArray(criteria))) {
        return GraphErrors.badRequest(req, "The 'criteria' parameter must be a synchronizationJobRestartCriteria object.");
      }
      const resetScope = (criteria as { resetScope?: unknown } | null | undefined)?.resetScope;
      if (resetScope !== undefined && resetScope !== null && typeof resetScope !== 'string') {
        return GraphErrors.badRequest(req, "The 'resetScope' value must be a comma-separated string of restart flags.");
      }
      const scope = parseRestartScope(resetScope);
      if ('error' in scope) return GraphErrors.badRequest(req, scope.error);
      tenant.restartJob(found.value.record, scope.flags);
      return noContent();
    },
    write,
  );

  router.post(
    `${JOB}/validateCredentials`,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      const parsed = jsonObjectBody(req);
      if ('error' in parsed) return parsed.error;
      return validateCredentials(req, parsed.body, tenant.secrets(found.value.sp));
    },
    write,
  );

  // The sandbox has no inbound API pipeline behind bulkUpload (yet).
  router.post(`${JOB}/bulkUpload`, (req) => unimplemented(req, tenant), { anyOf: BULK_UPLOAD });
}

function jobCollectionSpec(contextFragment: string): CollectionSpec {
  return {
    contextFragment,
    typeName: 'microsoft.graph.synchronizationJob',
    resourceName: 'SynchronizationJob',
    properties: ['id', 'templateId', 'schedule', 'status', 'synchronizationJobSettings'],
    functions: ['startswith', 'contains', 'any'],
    caseInsensitive: true,
    orderable: ['id', 'templateId'],
    // A service principal has a handful of jobs: one page, like Graph.
    defaultPageSize: 999,
    maxPageSize: 999,
    advancedQueriesNeedConsistencyLevel: false,
  };
}

function createJob(req: SandboxRequest, tenant: Tenant): SandboxResponse {
  const sp = findServicePrincipal(req, tenant);
  if (!sp.ok) return sp.response;
  const parsed = jsonObjectBody(req);
  if ('error' in parsed) return parsed.error;
  const templateId = parsed.body.templateId;
  if (typeof templateId !== 'string' || templateId.trim() === '') {
    return GraphErrors.badRequest(req, "The 'templateId' property is required to create a synchronization job.");
  }
  const result = tenant.createJob(sp.value, templateId);
  if ('error' in result) {
    if (result.error === 'conflict') {
      return graphError(req, 409, 'Conflict', `A synchronization job with id '${result.jobId}' already exists for this service principal.`);
    }
    return GraphErrors.badRequest(
      req,
      `The template '${templateId}' is not available for this application. ` +
        `List the available templates with GET /servicePrincipals/${sp.value.resource.id}/synchronization/templates.`,
    );
  }
  return entity(req, `${spSyncContext(sp.value)}/jobs/$entity`, result.record.job, 201);
}

/**
 * validateCredentials ("Test Connection"): `useSavedCredentials` tests the saved secrets, otherwise the credentials
 * in the body. The test is Entra's: `GET {BaseAddress}/Users?filter=userName eq "<random GUID>"` with the token,
 * passing on a 200 ListResponse (../../scim/connection.ts). Failures are Graph 400s with the service's error code
 * and a message naming the Tenant URL and the HTTP status the endpoint answered with.
 */
async function validateCredentials(
  req: SandboxRequest,
  body: Record<string, unknown>,
  saved: readonly { key: string; value: string | null }[],
): Promise<SandboxResponse> {
  const useSaved = body.useSavedCredentials;
  if (useSaved !== undefined && useSaved !== null && typeof useSaved !== 'boolean') {
    return GraphErrors.badRequest(req, "The 'useSavedCredentials' parameter must be a Boolean.");
  }
  let pairs: readonly { key: string; value: string | null }[];
  if (useSaved === true) {
    pairs = saved;
  } else {
    const given = parseSecretPairs(body.credentials, 'credentials');
    if ('error' in given) return GraphErrors.badRequest(req, given.error);
    pairs = given.pairs;
  }
  const result = await checkTargetConnection(pairs);
  return result.ok ? noContent() : graphError(req, 400, result.code, result.message);
}

function unimplemented(req: SandboxRequest, tenant: Tenant): SandboxResponse {
  const found = findJob(req, tenant);
  if (!found.ok) return found.response;
  return GraphErrors.notImplemented(req);
}
