// The requirement behind the engine: the local preview (src/mapping/preview) shows exactly what the sandbox provisions.
// For every in-scope seed user of two jobs (SCIM 2.0 custom app with groups, Workplace from Meta SCIM 2.0), the
// previewed create body is compared attribute by attribute with the resource the SCIM target stored after the job's
// initial cycle. References resolve the way the engine resolves them: to the manager's id in the target.
import assert from 'node:assert/strict';
import { parseTargetPath, previewObject, readValue, sourceFromGraphUser } from '../../../../src/mapping/preview';
import type { GraphHarness } from '../graph-harness';
import { eventually, populationUsers, seedJob, startProvisioningSandbox } from './harness';

/** A stored or previewed value in one comparable form: references by their id, everything else as JSON. */
function comparable(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value) return (value as { value: unknown }).value;
  return value ?? null;
}

describe('sandbox provisioning: the preview equals what the sandbox provisions', function () {
  this.timeout(60_000);
  let graph: GraphHarness;
  afterEach(() => graph?.close());

  for (const displayName of ['Contoso HR SCIM (custom)', 'Workplace from Meta (EMEA)']) {
    it(`every in-scope user of '${displayName}'`, async () => {
      graph = await startProvisioningSandbox();
      const job = seedJob(graph, displayName);
      const { tenant, scim } = graph.sandbox;
      const since = new Date().toISOString();
      assert.equal((await graph.post('v1.0', `${job.base}/restart`)).status, 204);
      await eventually(() => ((job.record.job.status.lastExecution?.timeBegan ?? '') >= since ? true : undefined), 20_000, 'the initial cycle');
      await graph.sandbox.provisioning.idle();
      assert.equal(job.record.job.status.lastExecution!.countEscrowed, 0, JSON.stringify(job.record.job.status.lastExecution));

      const targetIdOf = (sourceId: string) => {
        const user = tenant.user(sourceId);
        return (user && scim.store.findUserByUserName(user.userPrincipalName)?.id) ?? null;
      };
      let compared = 0;
      let users = 0;
      for (const user of populationUsers(graph, job)) {
        const preview = previewObject(job.record.schema, sourceFromGraphUser(user as never), {
          ruleId: job.ruleId,
          action: 'create',
          defaultDomain: tenant.defaultDomain,
          resolveReference: targetIdOf,
          trace: false,
        });
        const stored = scim.store.findUserByUserName(user.userPrincipalName);
        if (!preview.scoping.inScope) {
          assert.equal(stored, undefined, `${user.userPrincipalName} is out of scope and was not provisioned`);
          continue;
        }
        assert.ok(stored, `${user.userPrincipalName} was provisioned`);
        users++;
        for (const attribute of preview.attributes) {
          const actual = comparable(readValue(stored, parseTargetPath(attribute.targetAttributeName)));
          const label = `${user.userPrincipalName} ${attribute.targetAttributeName}`;
          if (attribute.sent) {
            assert.deepEqual(actual, comparable(attribute.sentValue ?? attribute.value), label);
            compared++;
          } else if (!attribute.deferred) {
            assert.equal(actual, null, `${label} was not sent (${attribute.reason}), so the target has no value`);
          }
        }
      }
      assert.ok(users >= 5, `${users} users compared`);
      assert.ok(compared > users * 5, `${compared} attribute values compared`);
    });
  }
});
