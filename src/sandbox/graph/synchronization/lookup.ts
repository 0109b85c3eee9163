// Resolving the service principal, application and job a synchronization path names, with Graph's 404 envelope when
// one does not exist. Service principals are found by object id or appId (`/servicePrincipals(appId='…')`).
import type { SandboxRequest, SandboxResponse } from '../../http/router';
import { GraphErrors } from '../../http/graphErrors';
import type { JobRecord, ServicePrincipalRecord, Tenant } from '../../tenant';
import { keySegment } from '../context';

export type Found<T> = { ok: true; value: T } | { ok: false; response: SandboxResponse };

export function findServicePrincipal(req: SandboxRequest, tenant: Tenant): Found<ServicePrincipalRecord> {
  const id = req.params.spId!;
  const sp = tenant.servicePrincipal(id);
  return sp ? { ok: true, value: sp } : { ok: false, response: GraphErrors.notFound(req, id) };
}

/** `/applications/{appObjectId}`: the application behind a service principal. */
export function findApplication(req: SandboxRequest, tenant: Tenant): Found<ServicePrincipalRecord> {
  const id = req.params.appObjectId!;
  const sp = tenant.servicePrincipalOfApplication(id);
  return sp ? { ok: true, value: sp } : { ok: false, response: GraphErrors.notFound(req, id) };
}

export function findJob(req: SandboxRequest, tenant: Tenant): Found<{ sp: ServicePrincipalRecord; record: JobRecord }> {
  const sp = findServicePrincipal(req, tenant);
  if (!sp.ok) return sp;
  const jobId = req.params.jobId!;
  const record = tenant.job(sp.value, jobId);
  return record ? { ok: true, value: { sp: sp.value, record } } : { ok: false, response: GraphErrors.notFound(req, jobId) };
}

/** Context prefix of everything under a service principal's synchronization. */
export function spSyncContext(sp: ServicePrincipalRecord): string {
  return `servicePrincipals(${keySegment(sp.resource.id)})/synchronization`;
}

export function applicationSyncContext(sp: ServicePrincipalRecord): string {
  return `applications(${keySegment(sp.applicationObjectId)})/synchronization`;
}

export function jobContext(sp: ServicePrincipalRecord, record: JobRecord): string {
  return `${spSyncContext(sp)}/jobs(${keySegment(record.job.id)})`;
}
