import assert from 'node:assert/strict';
import { GraphHarness, VERSIONS, assertGraphError, keysOf } from './graph-harness';

describe('sandbox Graph: /organization', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());

  it('answers the tenant as Graph does, with $select and its verified domains', async () => {
    const tenant = graph.sandbox.tenant;
    for (const version of VERSIONS) {
      const result = await graph.get(version, '/organization?$select=id,displayName,verifiedDomains');
      assert.equal(result.status, 200);
      assert.equal(result.body['@odata.context'], `${graph.origin}/${version}/$metadata#organization(id,displayName,verifiedDomains)`);
      assert.equal(result.body.value.length, 1);
      const org = result.body.value[0];
      assert.deepEqual(keysOf(org), ['displayName', 'id', 'verifiedDomains']);
      assert.equal(org.id, tenant.tenantId);
      assert.equal(org.displayName, 'Contoso (sandbox)');
      assert.deepEqual(org.verifiedDomains.map((d: { name: string }) => d.name), [...tenant.verifiedDomains]);
      const byName = new Map(org.verifiedDomains.map((d: { name: string }) => [d.name, d]));
      assert.deepEqual(byName.get(tenant.defaultDomain), {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: false,
        name: tenant.defaultDomain,
        type: 'Managed',
      });
      const initial = org.verifiedDomains.filter((d: { isInitial: boolean }) => d.isInitial);
      assert.equal(initial.length, 1);
      assert.match(initial[0].name, /\.onmicrosoft\.com$/);
    }
  });

  it('returns every known property without $select and rejects unknown ones', async () => {
    const all = await graph.get('v1.0', '/organization');
    assert.equal(all.status, 200);
    assert.equal(all.body['@odata.context'], `${graph.origin}/v1.0/$metadata#organization`);
    assert.ok(keysOf(all.body.value[0]).includes('tenantType'));
    assert.equal((await graph.get('v1.0', '/organization?$select=nope')).status, 400);
  });

  it('is open to every delegated token; app-only tokens need a directory or organization read role', async () => {
    const userWithSyncOnly = await graph.mint(['Synchronization.Read.All'], 'user');
    assert.equal((await graph.get('v1.0', '/organization', { token: userWithSyncOnly })).status, 200);
    const appWithSyncOnly = await graph.mint(['Synchronization.Read.All'], 'app');
    assertGraphError(await graph.get('v1.0', '/organization', { token: appWithSyncOnly }), 403, 'Authorization_RequestDenied');
    for (const role of ['Organization.Read.All', 'Directory.Read.All']) {
      const token = await graph.mint([role], 'app');
      assert.equal((await graph.get('beta', '/organization?$select=displayName', { token })).status, 200, role);
    }
    assertGraphError(await graph.get('v1.0', '/organization', { token: null }), 401, 'InvalidAuthenticationToken');
  });
});
