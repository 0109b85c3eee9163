// Shared by the provisioning core tests: a GraphClient against an in-process sandbox (waits recorded, not slept),
// and lookups of the seed's apps by display name.
import { GraphClient, type GraphClientOptions } from '../../../src/graph/client';
import type { RunningSandbox } from '../../../src/sandbox/server';
import type { JobRecord, ServicePrincipalRecord } from '../../../src/sandbox/tenant';
import { appToken } from '../../support/sandbox';

export interface TestGraph {
  graph: GraphClient;
  waits: number[];
}

export async function graphFor(
  sandbox: RunningSandbox,
  overrides: Partial<GraphClientOptions> & { token?: string } = {},
): Promise<TestGraph> {
  const token = overrides.token ?? (await appToken(sandbox));
  const waits: number[] = [];
  const graph = new GraphClient({
    root: sandbox.info.graph,
    getAccessToken: async () => token,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
    ...overrides,
  });
  return { graph, waits };
}

export function spNamed(sandbox: RunningSandbox, displayName: string): ServicePrincipalRecord {
  const found = sandbox.tenant.servicePrincipals().find((sp) => sp.displayName === displayName);
  if (!found) throw new Error(`no service principal named ${displayName}`);
  return sandbox.tenant.servicePrincipal(found.id)!;
}

export function jobOf(sandbox: RunningSandbox, displayName: string): { sp: ServicePrincipalRecord; record: JobRecord } {
  const sp = spNamed(sandbox, displayName);
  const record = sp.jobs[0];
  if (!record) throw new Error(`${displayName} has no job`);
  return { sp, record };
}

/** Ids of the service principals that have at least one job, straight from the tenant. */
export function idsWithJobs(sandbox: RunningSandbox): string[] {
  return sandbox.tenant
    .servicePrincipals()
    .map((sp) => sandbox.tenant.servicePrincipal(sp.id)!)
    .filter((record) => record.jobs.length > 0)
    .map((record) => record.resource.id);
}
