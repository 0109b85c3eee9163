import assert from 'node:assert/strict';
import { toMappingSource } from '../../../../src/mapping/expression';
import { previewObject, sourceFromGraphUser } from '../../../../src/mapping/preview';
import type { GraphHarness } from '../graph-harness';
import { eventually, populationUsers, seedJob, startProvisioningSandbox, type SeedJob } from './harness';

describe('sandbox provisioning: cycles', function () {
  this.timeout(30_000);
  let graph: GraphHarness;
  afterEach(() => graph?.close());

  /** Waits for a cycle that began after `since` to finish (lastExecution moves on, no cycle running). */
  async function cycleAfter(job: SeedJob, since: string) {
    const execution = await eventually(() => {
      const last = job.record.job.status.lastExecution;
      return last && last.timeBegan >= since && last.activityIdentifier ? last : undefined;
    }, 15_000, 'a cycle');
    await graph.sandbox.provisioning.idle();
    return execution;
  }

  function inScopeUsers(job: SeedJob) {
    return populationUsers(graph, job).filter(
      (u) => previewObject(job.record.schema, sourceFromGraphUser(u as never), { ruleId: job.ruleId, trace: false }).scoping.inScope,
    );
  }

  it('does not cycle the seed\'s Active jobs at sandbox start', async () => {
    graph = await startProvisioningSandbox({ cycleIntervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(graph.sandbox.scim.requests(), []);
    assert.equal(graph.sandbox.scim.store.users().length, 0);
  });

  it('restart → an initial cycle provisions every in-scope user and group, logs each, and records the execution', async () => {
    graph = await startProvisioningSandbox();
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const since = new Date().toISOString();
    assert.equal((await graph.post('v1.0', `${job.base}/restart`)).status, 204);
    const execution = await cycleAfter(job, since);

    const users = inScopeUsers(job);
    assert.ok(users.length > 3);
    for (const user of users) assert.ok(graph.sandbox.scim.store.findUserByUserName(user.userPrincipalName), `${user.userPrincipalName} was provisioned`);
    const group = graph.sandbox.tenant.group(job.sp.assignedPrincipalIds[0]!)!;
    const scimGroup = graph.sandbox.scim.store.groups().find((g) => g.displayName === group.displayName);
    assert.ok(scimGroup, 'the assigned group was provisioned');
    assert.ok((scimGroup.members ?? []).length > 0, 'with its members');

    const status = (await graph.get('v1.0', job.base)).body.status;
    assert.equal(status.code, 'Active');
    assert.equal(status.lastExecution.state, 'Succeeded', JSON.stringify(status.lastExecution));
    assert.equal(status.lastExecution.countExported, users.length + 1);
    assert.equal(status.lastExecution.countEscrowed, 0);
    assert.equal(status.lastSuccessfulExecution.activityIdentifier, execution.activityIdentifier);
    assert.deepEqual(status.progress.map((p: any) => [p.completedUnits === p.totalUnits, p.units]), [[true, 'pages']]);
    assert.deepEqual(status.synchronizedEntryCountByType, [
      { key: 'user to User', value: users.length },
      { key: 'group to Group', value: 1 },
    ]);
    assert.equal(status.steadyStateLastAchievedTime, status.lastExecution.timeEnded);
    assert.equal(job.record.runtime.watermark, status.lastExecution.timeEnded);

    const logs = await graph.getAll('v1.0', `/auditLogs/provisioning?$filter=cycleId eq '${execution.activityIdentifier}'&$top=500`);
    assert.equal(logs.items.filter((l) => l.provisioningAction === 'create' && l.provisioningStatusInfo.status === 'success').length, users.length + 1);
    assert.ok(logs.items.every((l) => l.jobId === job.record.job.id && l.servicePrincipal.id === job.sp.resource.id));

    // The next (incremental) cycle finds nothing to change and logs nothing.
    const before = graph.sandbox.tenant.provisioningLogs().length;
    const response = await fetch(`${graph.origin}/_sandbox/provisioning/cycles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ servicePrincipalId: job.sp.resource.id, jobId: job.record.job.id }),
    });
    const incremental = (await response.json()) as { kind: string; initial: boolean; counts: { exported: number } };
    assert.equal(incremental.kind, 'completed');
    assert.equal(incremental.initial, false);
    assert.equal(incremental.counts.exported, 0);
    assert.equal(graph.sandbox.tenant.provisioningLogs().length, before);
  });

  it('unassigning a provisioned user disables it in the next cycle (active false)', async () => {
    graph = await startProvisioningSandbox();
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const since = new Date().toISOString();
    await graph.post('v1.0', `${job.base}/restart`);
    await cycleAfter(job, since);
    const user = inScopeUsers(job)[0]!;
    // Take the user out of the assigned group.
    const tenantState = graph.sandbox.tenant.toJSON() as { groups: { id: string; members: string[] }[] };
    const stored = tenantState.groups.find((g) => g.id === job.sp.assignedPrincipalIds[0])!;
    stored.members = stored.members.filter((id) => id !== user.id);
    await graph.sandbox.provisioning.runCycleNow(job.sp, job.record);
    const target = graph.sandbox.scim.store.findUserByUserName(user.userPrincipalName)!;
    assert.equal(target.active, false);
    const disable = graph.sandbox.tenant.provisioningLogs().find((l) => l.sourceIdentity.id === user.id && l.provisioningAction === 'disable');
    assert.ok(disable, 'the disable is logged');
    assert.deepEqual(disable.modifiedProperties, [{ displayName: 'active', oldValue: 'True', newValue: 'False' }]);
  });

  it('runs on the interval while Active and stops when paused; close leaves no timers', async () => {
    graph = await startProvisioningSandbox({ cycleIntervalMs: 40 });
    const job = seedJob(graph, 'Contoso Benefits Portal');
    const since = new Date().toISOString();
    await graph.post('v1.0', `${job.base}/restart`);
    const first = await cycleAfter(job, since);
    const second = await eventually(() => {
      const last = job.record.job.status.lastExecution!;
      return last.activityIdentifier !== first.activityIdentifier ? last : undefined;
    }, 5000, 'a second cycle');
    assert.ok(second.timeBegan >= first.timeEnded);
    assert.equal((await graph.post('v1.0', `${job.base}/pause`)).status, 204);
    await graph.sandbox.provisioning.idle();
    const afterPause = job.record.job.status.lastExecution!.activityIdentifier;
    graph.sandbox.scim.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(job.record.job.status.lastExecution!.activityIdentifier, afterPause, 'no cycle while paused');
    assert.deepEqual(graph.sandbox.scim.requests(), []);
    assert.equal(graph.sandbox.provisioning.isScheduled(job.record), false);
    assert.equal(job.record.job.status.code, 'Paused');
  });

  it('quarantines a job whose target refuses the credentials at the start of a cycle (EncounteredQuarantineException)', async () => {
    graph = await startProvisioningSandbox({ cycleIntervalMs: 60_000 });
    const job = seedJob(graph, 'Contoso Benefits Portal');
    const since = new Date().toISOString();
    await graph.post('v1.0', `${job.base}/start`);
    await cycleAfter(job, since);
    assert.equal(job.record.job.status.quarantine, null);
    // The token is revoked on the target side: replace it with one the SCIM server refuses.
    const secrets = graph.sandbox.tenant.secrets(job.sp).map((s) => (s.key === 'SecretToken' ? { ...s, value: 'revoked-token' } : s));
    graph.sandbox.tenant.replaceSecrets(job.sp, secrets);
    const report = await graph.sandbox.provisioning.runCycleNow(job.sp, job.record);
    assert.equal(report.kind, 'connectionFailed');
    const status = (await graph.get('v1.0', job.base)).body.status;
    assert.equal(status.code, 'Quarantine');
    assert.equal(status.quarantine.reason, 'EncounteredQuarantineException');
    assert.equal(status.quarantine.error.code, 'SystemForCrossDomainIdentityManagementInvalidCredentials');
    assert.equal(status.lastExecution.state, 'Failed');
    // Restarting with QuarantineState and a good token gets it going again.
    graph.sandbox.tenant.replaceSecrets(job.sp, secrets.map((s) => (s.key === 'SecretToken' ? { ...s, value: graph.sandbox.scim.token } : s)));
    await graph.post('v1.0', `${job.base}/restart`, { criteria: { resetScope: 'QuarantineState' } });
    const cleared = await graph.sandbox.provisioning.runCycleNow(job.sp, job.record);
    assert.equal(cleared.kind, 'completed');
    assert.equal(job.record.job.status.code, 'Active');
  });

  it('escrows failed exports and quarantines past the (scaled) escrow thresholds', async () => {
    graph = await startProvisioningSandbox({ provisioning: { firstCycleDelayMs: 60_000, escrowThresholds: { evaluationStart: 3, proportion: 0.4, total: 1000 } } });
    const job = seedJob(graph, 'Contoso Benefits Portal');
    // userName from a date conversion every user fails: each export is an escrow.
    const schema = structuredClone(job.record.schema);
    const userName = schema.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.find((m) => m.targetAttributeName === 'userName')!;
    userName.source = toMappingSource('FormatDateTime([displayName], , "yyyyMMdd", "yyyy")');
    assert.equal((await graph.put('v1.0', `${job.base}/schema`, schema)).status, 204);
    await graph.post('v1.0', `${job.base}/start`);
    const report = await graph.sandbox.provisioning.runCycleNow(job.sp, job.record);
    assert.equal(report.kind, 'completed');
    const status = (await graph.get('v1.0', job.base)).body.status;
    assert.ok(status.lastExecution.countEscrowed >= 3, JSON.stringify(status.lastExecution));
    // The assigned group still exports (its mappings are fine): entry-level errors, not a complete failure.
    assert.equal(status.lastExecution.state, 'EntryLevelErrors');
    assert.equal(status.countSuccessiveCompleteFailures, 0);
    assert.equal(status.code, 'Quarantine');
    assert.equal(status.quarantine.reason, 'EncounteredEscrowProportionThreshold');
    const failure = graph.sandbox.tenant.provisioningLogs().find((l) => l.jobId === job.record.job.id && l.provisioningStatusInfo.status === 'failure');
    assert.ok(failure);
    assert.equal(failure.provisioningStatusInfo.errorInformation?.errorCode, 'ExpressionEvaluationFailed');
  });
});
