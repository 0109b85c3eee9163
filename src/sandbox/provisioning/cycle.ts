// One provisioning cycle of one job (graph-synchronization.md §6.1): check the connection, read the in-scope users and
// groups, process each (create / update / disable), then the objects provisioned earlier that left the scope or the
// tenant, and record the execution on the job. The initial cycle (no watermark: new job, restart, schema change) logs
// every object it evaluated; incremental cycles only log what changed or failed, like the real service, which only sees
// deltas. The sandbox has no change tracking, so an incremental cycle re-evaluates everyone and exports differences.
import type { ProvisioningObjectSummary, SynchronizationError, User } from '../../graph/model';
import type { JobRecord, ServicePrincipalRecord, Tenant } from '../tenant';
import type { LinkStore } from './links';
import { logEntry, type ObjectOutcome } from './outcome';
import { objectMappingOf, processDeleted, processGroup, processUser, type ProcessContext } from './processObject';
import type { ScimClient } from './scimClient';
import { populationOf } from './scope';
import { advanceProgress, beginProgress, completeCycle, type CycleCounts, type EscrowThresholds } from './jobStatus';

/** Runs the target's connection test; on failure it has already quarantined the job and returns the error. */
export type ConnectionCheck = (sp: ServicePrincipalRecord, record: JobRecord) => Promise<{ ok: true } | { ok: false; error: SynchronizationError }>;

export interface CycleDeps {
  tenant: Tenant;
  links: LinkStore;
  client: ScimClient;
  thresholds: EscrowThresholds;
  newId: () => string;
  /** True when the cycle must stop between two objects (job paused or deleted, sandbox closing). */
  shouldStop: () => boolean;
  /** The target's connection test at the start of the cycle (a failure quarantines the job). */
  checkConnection: ConnectionCheck;
}

export type CycleReport =
  | { kind: 'completed'; initial: boolean; counts: CycleCounts; logged: number }
  | { kind: 'stopped'; logged: number }
  | { kind: 'connectionFailed'; error: SynchronizationError };

export async function runCycle(deps: CycleDeps, sp: ServicePrincipalRecord, record: JobRecord): Promise<CycleReport> {
  const { tenant, links } = deps;
  const cycleId = deps.newId();
  const began = tenant.now();
  const connection = await deps.checkConnection(sp, record);
  if (!connection.ok) return { kind: 'connectionFailed', error: connection.error };

  const initial = record.runtime.watermark === null;
  // A restart that reset the connector data store (ConnectorDataStore / Full) forgets every link.
  if (initial && record.runtime.connectorDataStoreLinks === 0) links.clear();
  const population = populationOf(tenant, sp);
  const ctx: ProcessContext = { tenant, sp, record, client: deps.client, links, mode: 'cycle', newId: deps.newId, assigned: population.assigned };
  const groupMapping = objectMappingOf(ctx, 'Group');
  const groups = groupMapping ? population.groups : [];
  const inPopulation = new Set([...population.users.map((u) => u.id), ...groups.map((g) => g.id)]);
  const leftovers = links.entries().filter(([sourceId]) => !inPopulation.has(sourceId));
  const total = population.users.length + groups.length + leftovers.length;
  tenant.updateJob(record, (r) => beginProgress(r, began, total));

  const counts: CycleCounts = { entitled: population.users.length + groups.length, imported: 0, exported: 0, escrowed: 0, exports: 0 };
  const entries: ProvisioningObjectSummary[] = [];
  const logContext = {
    tenantId: tenant.tenantId,
    jobId: record.job.id,
    cycleId,
    servicePrincipal: { id: sp.resource.id, displayName: sp.resource.displayName, appId: sp.resource.appId, applicationObjectId: sp.applicationObjectId },
  };
  const recordOutcome = (outcome: ObjectOutcome | undefined, referencePass = false) => {
    if (!outcome) return;
    if (referencePass && !outcome.exported && outcome.result !== 'Failure') return;
    if (!referencePass) counts.imported++;
    if (outcome.result === 'Failure') {
      counts.escrowed++;
      counts.exports++;
    } else if (outcome.exported) {
      counts.exported++;
      counts.exports++;
    }
    const worthLogging = initial || outcome.exported || outcome.result === 'Failure';
    if (worthLogging) entries.push(logEntry(outcome, { ...logContext, id: deps.newId() }));
    if (counts.imported % 25 === 0) tenant.updateJob(record, (r) => advanceProgress(r, tenant.now(), counts.imported));
  };

  // Reference resolution (§6.1): a user exported before its manager existed in the target is processed again once
  // the manager has been provisioned in this cycle, so the manager reference flows in the same cycle.
  const awaitingManager: User[] = [];
  const work: (() => Promise<ObjectOutcome | undefined>)[] = [
    ...population.users.map((user) => () => {
      const managerId = user.manager?.id;
      if (managerId && !links.get(managerId)) awaitingManager.push(user);
      return processUser(ctx, user);
    }),
    () => resolveManagers(),
    ...groups.map((group) => () => {
      const members = (tenant.groupMembers(group.id) ?? []).filter((m) => m.type === 'user' && population.assigned.has(m.resource.id)).map((m) => m.resource.id);
      return processGroup(ctx, group, members, false);
    }),
    ...leftovers.map(([sourceId, link]) => () => {
      if (link.type === 'Users') {
        const user = tenant.user(sourceId);
        return user ? processUser(ctx, user) : processDeleted(ctx, sourceId, 'User');
      }
      const group = tenant.group(sourceId);
      return group ? processGroup(ctx, group, [], false) : processDeleted(ctx, sourceId, 'Group');
    }),
  ];
  async function resolveManagers(): Promise<undefined> {
    for (const user of awaitingManager) {
      if (deps.shouldStop()) break;
      if (links.get(user.manager!.id) && links.get(user.id)) recordOutcome(await processUser(ctx, user), true);
    }
    return undefined;
  }

  for (const item of work) {
    if (deps.shouldStop()) {
      if (entries.length > 0) tenant.addProvisioningLogs(entries);
      return { kind: 'stopped', logged: entries.length };
    }
    recordOutcome(await item());
  }

  if (entries.length > 0) tenant.addProvisioningLogs(entries);
  const entryCounts = [{ key: 'user to User', value: links.count('Users') }];
  if (groupMapping) entryCounts.push({ key: 'group to Group', value: links.count('Groups') });
  tenant.updateJob(record, (r) =>
    completeCycle(r, { cycleId, began, ended: tenant.now(), counts, entryCounts, error: null }, deps.thresholds),
  );
  return { kind: 'completed', initial, counts, logged: entries.length };
}
