import assert from 'node:assert/strict';
import { GraphHarness, VERSIONS, assertGraphError, keysOf } from './graph-harness';

describe('sandbox Graph: authentication and authorisation', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());

  it('answers 401 without a token, with a malformed token and with an expired token', async () => {
    for (const version of VERSIONS) {
      assertGraphError(await graph.get(version, '/servicePrincipals', { token: null }), 401, 'InvalidAuthenticationToken');
      assertGraphError(await graph.get(version, '/servicePrincipals', { token: 'not-a-jwt' }), 401, 'InvalidAuthenticationToken');
    }
    const expired = await graph.mint(['Application.Read.All'], 'app', 0);
    assertGraphError(await graph.get('v1.0', '/servicePrincipals', { token: expired }), 401, 'InvalidAuthenticationToken');
  });

  it('answers 403 Authorization_RequestDenied when the token lacks every accepted permission', async () => {
    const syncOnly = await graph.mint(['Synchronization.ReadWrite.All']);
    assertGraphError(await graph.get('v1.0', '/servicePrincipals', { token: syncOnly }), 403, 'Authorization_RequestDenied');
    assertGraphError(await graph.get('beta', '/users', { token: syncOnly }), 403, 'Authorization_RequestDenied');
    assertGraphError(await graph.get('v1.0', '/auditLogs/provisioning', { token: syncOnly }), 403, 'Authorization_RequestDenied');
    const directoryOnly = await graph.mint(['Directory.Read.All'], 'user');
    assertGraphError(await graph.get('v1.0', '/auditLogs/provisioning', { token: directoryOnly }), 403);
    assert.equal((await graph.get('v1.0', '/servicePrincipals?$top=1', { token: directoryOnly })).status, 200, 'delegated scope works');
    const sp = await graph.servicePrincipalNamed('Zoom');
    const readOnly = await graph.mint(['Synchronization.Read.All']);
    assert.equal((await graph.get('v1.0', `/servicePrincipals/${sp.id}/synchronization/jobs`, { token: readOnly })).status, 200);
    const job = (await graph.get('v1.0', `/servicePrincipals/${sp.id}/synchronization/jobs`)).body.value[0];
    assertGraphError(
      await graph.post('v1.0', `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}/pause`, undefined, { token: readOnly }),
      403,
      'Authorization_RequestDenied',
    );
    const owner = await graph.mint(['Application.ReadWrite.OwnedBy']);
    assert.equal((await graph.get('beta', `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}`, { token: owner })).status, 200);
  });
});

describe('sandbox Graph: /servicePrincipals', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());
  const eventual = { headers: { ConsistencyLevel: 'eventual' } };

  it('pages with $top and absolute nextLinks until every service principal was seen once', async () => {
    const total = graph.sandbox.tenant.servicePrincipals().length;
    for (const version of VERSIONS) {
      const { items, pages } = await graph.getAll(version, '/servicePrincipals?$top=7&$select=id,displayName');
      assert.equal(items.length, total);
      assert.equal(new Set(items.map((i) => i.id)).size, total);
      assert.equal(pages.length, Math.ceil(total / 7));
      const first = pages[0]!.body;
      assert.equal(first['@odata.context'], `${graph.origin}/${version}/$metadata#servicePrincipals(id,displayName)`);
      assert.ok(first['@odata.nextLink'].startsWith(`${graph.origin}/${version}/servicePrincipals?`));
      assert.match(first['@odata.nextLink'], /\$skiptoken=/);
      assert.deepEqual(keysOf(items[0]), ['displayName', 'id']);
      assert.equal(pages.at(-1)!.body['@odata.nextLink'], undefined);
    }
  });

  it('defaults to pages of 100 and refuses $top outside 1..999', async () => {
    const page = await graph.get('v1.0', '/servicePrincipals');
    assert.equal(page.body.value.length, Math.min(100, graph.sandbox.tenant.servicePrincipals().length));
    assertGraphError(await graph.get('v1.0', '/servicePrincipals?$top=1000'), 400);
    assertGraphError(await graph.get('v1.0', '/servicePrincipals?$top=0'), 400);
    assertGraphError(await graph.get('v1.0', '/servicePrincipals?$skiptoken=garbage'), 400);
    assertGraphError(await graph.get('v1.0', '/servicePrincipals?$skip=10'), 400, 'Request_BadRequest');
  });

  it('filters by displayName, appId and tags, combined with and/or', async () => {
    const zoom = await graph.servicePrincipalNamed('Zoom');
    const byApp = await graph.get('beta', `/servicePrincipals?$filter=appId eq '${zoom.appId}'`);
    assert.deepEqual(byApp.body.value.map((s: { id: string }) => s.id), [zoom.id]);
    const starts = await graph.get('v1.0', "/servicePrincipals?$filter=startswith(displayName,'workplace')");
    assert.ok(starts.body.value.length >= 2);
    assert.ok(starts.body.value.every((s: { displayName: string }) => s.displayName.toLowerCase().startsWith('workplace')));
    const tagged = await graph.get('v1.0', "/servicePrincipals?$filter=tags/any(t:t eq 'WindowsAzureActiveDirectoryCustomSingleSignOnApplication')&$top=999");
    const expected = graph.sandbox.tenant
      .servicePrincipals()
      .filter((s) => s.tags.includes('WindowsAzureActiveDirectoryCustomSingleSignOnApplication')).length;
    assert.ok(expected > 0);
    assert.equal(tagged.body.value.length, expected);
    const either = await graph.get('v1.0', `/servicePrincipals?$filter=displayName eq 'Zoom' or appId eq '${zoom.appId}' and startswith(displayName,'Zo')`);
    assert.deepEqual(either.body.value.map((s: { id: string }) => s.id), [zoom.id]);
  });

  it('answers 400 for invalid or unsupported filters', async () => {
    assertGraphError(await graph.get('v1.0', "/servicePrincipals?$filter=displayName eq"), 400, 'BadRequest');
    assertGraphError(await graph.get('v1.0', "/servicePrincipals?$filter=notes eq 'x'"), 400, 'Request_UnsupportedQuery');
    assertGraphError(await graph.get('v1.0', "/servicePrincipals?$filter=contains(displayName,'x')"), 400, 'Request_UnsupportedQuery');
    assertGraphError(await graph.get('v1.0', '/servicePrincipals?$select=noSuchProperty'), 400);
  });

  it('counts only with ConsistencyLevel: eventual, both as $count=true and /$count', async () => {
    const total = graph.sandbox.tenant.servicePrincipals().length;
    const counted = await graph.get('v1.0', '/servicePrincipals?$count=true&$top=5', eventual);
    assert.equal(counted.body['@odata.count'], total);
    assert.equal(counted.body.value.length, 5);
    const withoutHeader = await graph.get('v1.0', '/servicePrincipals?$count=true');
    assertGraphError(withoutHeader, 400);
    assert.match(withoutHeader.body.error.message, /ConsistencyLevel/);
    const plain = await graph.get('beta', "/servicePrincipals/$count?$filter=startswith(displayName,'Workplace')", eventual);
    assert.equal(plain.status, 200);
    assert.match(plain.headers.get('content-type')!, /^text\/plain/);
    assert.ok(Number(plain.text) >= 2);
    assertGraphError(await graph.get('beta', '/servicePrincipals/$count'), 400);
  });

  it('searches displayName with ConsistencyLevel: eventual only', async () => {
    const found = await graph.get('v1.0', '/servicePrincipals?$search="displayName:workpl"&$count=true', eventual);
    assert.ok(found.body['@odata.count'] >= 2);
    assert.ok(found.body.value.every((s: { displayName: string }) => /workpl/i.test(s.displayName)));
    const refused = await graph.get('v1.0', '/servicePrincipals?$search="displayName:workpl"');
    assertGraphError(refused, 400);
    assert.match(refused.body.error.message, /ConsistencyLevel: eventual/);
  });

  it('gets one service principal by object id or appId, with $select, and 404s unknown ids', async () => {
    const zoom = await graph.servicePrincipalNamed('Zoom');
    for (const version of VERSIONS) {
      const byId = await graph.get(version, `/servicePrincipals/${zoom.id}`);
      assert.equal(byId.status, 200);
      assert.equal(byId.body['@odata.context'], `${graph.origin}/${version}/$metadata#servicePrincipals/$entity`);
      assert.equal(byId.body.appId, zoom.appId);
      assert.ok(!('jobs' in byId.body) && !('secrets' in byId.body) && !('templateIds' in byId.body), 'no sandbox internals');
      const byAppId = await graph.get(version, `/servicePrincipals(appId='${zoom.appId}')?$select=displayName`);
      assert.deepEqual(keysOf(byAppId.body), ['@odata.context', 'displayName', 'id']);
      assertGraphError(await graph.get(version, '/servicePrincipals/00000000-0000-0000-0000-000000000000'), 404, 'Request_ResourceNotFound');
    }
  });

  it('answers unknown paths under a service principal with a Graph 404', async () => {
    const zoom = await graph.servicePrincipalNamed('Zoom');
    assertGraphError(await graph.get('v1.0', `/servicePrincipals/${zoom.id}/synchronization/nonsense`), 404);
    assertGraphError(await graph.get('v1.0', `/servicePrincipals/${zoom.id}/synchronization/jobs/x/y/z`), 404);
  });
});

describe('sandbox Graph: /servicePrincipals in the large tenant', function () {
  this.timeout(15_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start({ seed: 'large' });
  });
  after(() => graph.close());

  it('pages through 5,000 service principals with $top=999 and counts them', async () => {
    const { items, pages } = await graph.getAll('v1.0', '/servicePrincipals?$top=999&$select=id,appId,displayName,tags');
    assert.equal(items.length, 5000);
    assert.equal(new Set(items.map((i) => i.id)).size, 5000);
    assert.equal(pages.length, 6);
    const count = await graph.get('beta', '/servicePrincipals/$count', { headers: { ConsistencyLevel: 'eventual' } });
    assert.equal(count.text, '5000');
    const withJobs = graph.sandbox.tenant
      .servicePrincipals()
      .filter((s) => graph.sandbox.tenant.servicePrincipal(s.id)!.jobs.length > 0).length;
    assert.ok(withJobs >= 200, `${withJobs} service principals with jobs`);
  });
});
