import assert from 'node:assert/strict';
import { Tenant, TENANT_STATE_VERSION } from '../../../src/sandbox/tenant';

describe('sandbox tenant store', () => {
  const seededAt = new Date('2026-11-20T10:00:00Z');
  let tenant: Tenant;
  beforeEach(() => {
    tenant = Tenant.seed('default', seededAt);
  });

  function firstJob() {
    const sp = tenant.servicePrincipals().map((s) => tenant.servicePrincipal(s.id)!).find((s) => s.jobs.length > 0)!;
    return { sp, record: sp.jobs[0]! };
  }

  it('round-trips through JSON, including changes made after seeding', () => {
    const { sp, record } = firstJob();
    tenant.pauseJob(record);
    tenant.replaceSecrets(sp, [{ key: 'BaseAddress', value: 'https://scim.example/' }]);
    const restored = Tenant.fromJSON(JSON.parse(JSON.stringify(tenant.toJSON())));
    assert.deepEqual(restored.toJSON(), tenant.toJSON());
    const again = restored.servicePrincipal(sp.resource.id)!;
    assert.equal(restored.job(again, record.job.id)!.job.status.code, 'Paused');
    assert.deepEqual(restored.secrets(again), [{ key: 'BaseAddress', value: 'https://scim.example/' }]);
  });

  it('refuses state of another version or format with a clear message', () => {
    const json = JSON.parse(JSON.stringify(tenant.toJSON())) as Record<string, unknown>;
    assert.throws(() => Tenant.fromJSON({ ...json, version: TENANT_STATE_VERSION + 1 }), /version .* reads version/);
    assert.throws(() => Tenant.fromJSON({ ...json, version: 0 }), /Delete or move the state file/);
    assert.throws(() => Tenant.fromJSON({ ...json, format: 'something-else' }), /format/);
    assert.throws(() => Tenant.fromJSON({ ...json, users: null }), /'users' is not a list/);
    assert.throws(() => Tenant.fromJSON('nope'), /not an object/);
  });

  it('announces every mutation', () => {
    let calls = 0;
    tenant.onChange(() => calls++);
    const { sp, record } = firstJob();
    tenant.startJob(record);
    tenant.pauseJob(record);
    tenant.restartJob(record, new Set(['Watermark'] as const));
    tenant.replaceSecrets(sp, []);
    tenant.resetJobSchema(sp, record);
    tenant.deleteJob(sp, record);
    assert.equal(calls, 6);
  });

  it('takes timestamps from its injectable clock', () => {
    const { record } = firstJob();
    tenant.setClock(() => new Date('2030-01-02T03:04:05.000Z'));
    const directory = tenant.discoverDirectory(record, record.schema.directories[0]!.id)!;
    assert.equal(directory.discoveryDateTime, '2030-01-02T03:04:05.000Z');
    assert.equal(tenant.now().toISOString(), '2030-01-02T03:04:05.000Z');
  });

  it('finds users by id or UPN (any case) for sign-in, including the admin', () => {
    const user = tenant.users()[0]!;
    assert.equal(tenant.findUser(user.id)?.userPrincipalName, user.userPrincipalName);
    assert.equal(tenant.findUser(user.userPrincipalName.toUpperCase())?.id, user.id);
    assert.equal(tenant.findUser(tenant.adminUser.userPrincipalName)?.id, tenant.adminUser.id);
    assert.equal(tenant.findUser('nobody@nowhere.example'), undefined);
    assert.deepEqual(Object.keys(tenant.findUser(user.id)!).sort(), ['displayName', 'id', 'userPrincipalName']);
  });

  it('creates jobs with ids {templateId}.{tenantIdNoDashes}.{appId} and refuses a second one from the same template', () => {
    const sp = tenant.servicePrincipals().map((s) => tenant.servicePrincipal(s.id)!).find((s) => s.templateIds.length > 0)!;
    for (const record of [...sp.jobs]) tenant.deleteJob(sp, record);
    const created = tenant.createJob(sp, sp.templateIds[0]!);
    assert.ok('record' in created);
    assert.equal(created.record.job.id, `${sp.templateIds[0]}.${tenant.tenantId.replace(/-/g, '')}.${sp.resource.appId}`);
    assert.deepEqual(tenant.createJob(sp, sp.templateIds[0]!), { error: 'conflict', jobId: created.record.job.id });
    assert.deepEqual(tenant.createJob(sp, 'noSuchTemplate'), { error: 'unknownTemplate', templateId: 'noSuchTemplate' });
  });
});
