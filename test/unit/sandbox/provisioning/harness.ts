// Shared setup for the provisioning-engine tests: a real sandbox (Graph + SCIM target) driven over HTTP, with helpers
// to find a seeded job, its population and an unassigned user.
import type { SandboxOptions } from '../../../../src/sandbox/server';
import type { JobRecord, ServicePrincipalRecord } from '../../../../src/sandbox/tenant';
import { populationOf } from '../../../../src/sandbox/provisioning/scope';
import { GraphHarness } from '../graph-harness';

export interface SeedJob {
  sp: ServicePrincipalRecord;
  record: JobRecord;
  /** `/servicePrincipals/{id}/synchronization/jobs/{jobId}` */
  base: string;
  ruleId: string;
}

export async function startProvisioningSandbox(options: SandboxOptions = {}): Promise<GraphHarness> {
  return GraphHarness.start({ ...options, provisioning: { firstCycleDelayMs: 0, ...options.provisioning } });
}

export function seedJob(graph: GraphHarness, displayName: string): SeedJob {
  const tenant = graph.sandbox.tenant;
  const resource = tenant.servicePrincipals().find((s) => s.displayName === displayName);
  if (!resource) throw new Error(`no service principal ${displayName}`);
  const sp = tenant.servicePrincipal(resource.id)!;
  const record = sp.jobs[0]!;
  return {
    sp,
    record,
    base: `/servicePrincipals/${sp.resource.id}/synchronization/jobs/${encodeURIComponent(record.job.id)}`,
    ruleId: record.schema.synchronizationRules[0]!.id,
  };
}

/** The users a job's cycles see (assigned directly or through an assigned group). */
export function populationUsers(graph: GraphHarness, job: SeedJob) {
  return populationOf(graph.sandbox.tenant, job.sp).users;
}

/** A user of the tenant that is not assigned to the job's app. */
export function unassignedUser(graph: GraphHarness, job: SeedJob) {
  const assigned = populationOf(graph.sandbox.tenant, job.sp).assigned;
  const user = graph.sandbox.tenant.users().find((u) => !assigned.has(u.id));
  if (!user) throw new Error('every user is assigned');
  return user;
}

export function onDemandBody(ruleId: string, objectId: string, objectTypeName = 'User', members?: string[]) {
  return {
    parameters: [
      {
        ruleId,
        subjects: [
          {
            objectId,
            objectTypeName,
            ...(members ? { links: { members: members.map((id) => ({ objectId: id, objectTypeName: 'User' })) } } : {}),
          },
        ],
      },
    ],
  };
}

/** The on-demand answer with its two JSON strings parsed. */
export function parsePair(body: { key: string; value: string }): { key: { result: string; details: Record<string, string> }; value: any } {
  return { key: JSON.parse(body.key), value: JSON.parse(body.value) };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 8000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
