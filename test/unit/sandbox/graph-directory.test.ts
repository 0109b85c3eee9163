import assert from 'node:assert/strict';
import { GraphHarness, VERSIONS, assertGraphError, keysOf } from './graph-harness';
import { USER_DEFAULT_PROPERTIES_V1 } from '../../../src/sandbox/graph/directoryObjects';

describe('sandbox Graph: users and groups', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());
  const eventual = { headers: { ConsistencyLevel: 'eventual' } };

  it('lists users page by page; v1.0 returns the default property set, beta everything', async () => {
    const total = graph.sandbox.tenant.users().length;
    for (const version of VERSIONS) {
      const { items, pages } = await graph.getAll(version, '/users?$top=50');
      assert.equal(items.length, total);
      assert.equal(pages.length, Math.ceil(total / 50));
      assert.equal(pages[0]!.body['@odata.context'], `${graph.origin}/${version}/$metadata#users`);
    }
    const v1 = await graph.get('v1.0', '/users?$top=1');
    assert.deepEqual(keysOf(v1.body.value[0]), [...USER_DEFAULT_PROPERTIES_V1].sort());
    const beta = await graph.get('beta', '/users?$top=1');
    assert.ok('accountEnabled' in beta.body.value[0]);
    const selected = await graph.get('v1.0', '/users?$top=3&$select=userPrincipalName,accountEnabled');
    assert.deepEqual(keysOf(selected.body.value[0]), ['accountEnabled', 'id', 'userPrincipalName']);
  });

  it('filters users the way pickers do', async () => {
    const users = graph.sandbox.tenant.users();
    const sample = users.find((u) => u.mail)!;
    const prefix = sample.displayName.slice(0, 3);
    const starts = await graph.get('v1.0', `/users?$filter=startswith(displayName,'${prefix.toLowerCase()}')&$top=999`);
    assert.equal(starts.body.value.length, users.filter((u) => u.displayName.toLowerCase().startsWith(prefix.toLowerCase())).length);
    const byMail = await graph.get('v1.0', `/users?$filter=mail eq '${sample.mail!.toUpperCase()}'`);
    assert.deepEqual(byMail.body.value.map((u: { id: string }) => u.id), [sample.id]);
    const upnPrefix = sample.userPrincipalName.split('@')[0]!;
    const byUpn = await graph.get('beta', `/users?$filter=startswith(userPrincipalName,'${upnPrefix}')`);
    assert.ok(byUpn.body.value.some((u: { id: string }) => u.id === sample.id));
    const ids = users.slice(0, 3).map((u) => `'${u.id}'`).join(',');
    const byIds = await graph.get('v1.0', `/users?$filter=id in (${ids})`);
    assert.equal(byIds.body.value.length, 3);
    const disabled = await graph.get('beta', '/users?$filter=accountEnabled eq false&$top=999');
    assert.equal(disabled.body.value.length, users.filter((u) => !u.accountEnabled).length);
    assert.ok(disabled.body.value.length > 0, 'the seed has disabled users');
    const withoutMail = users.filter((u) => !u.mail).length;
    assert.ok(withoutMail > 0, 'the seed has users without mail');
    assertGraphError(await graph.get('v1.0', "/users?$filter=startswith(displayName,"), 400);
  });

  it('searches and counts users with ConsistencyLevel: eventual', async () => {
    const sample = graph.sandbox.tenant.users()[5]!;
    const word = sample.displayName.split(' ')[0]!;
    const found = await graph.get('v1.0', `/users?$search="displayName:${word}"&$count=true&$top=999`, eventual);
    assert.equal(found.status, 200);
    assert.ok(found.body.value.some((u: { id: string }) => u.id === sample.id));
    assert.equal(found.body['@odata.count'], found.body.value.length);
    assertGraphError(await graph.get('v1.0', `/users?$search="displayName:${word}"`), 400);
    assertGraphError(await graph.get('v1.0', '/users?$search=displayName', eventual), 400);
    const count = await graph.get('v1.0', '/users/$count', eventual);
    assert.equal(Number(count.text), graph.sandbox.tenant.users().length);
  });

  it("returns a user's manager only through $expand=manager or /users/{id}/manager", async () => {
    const tenant = graph.sandbox.tenant;
    const user = tenant.users().find((u) => u.manager)!;
    const managerId = user.manager!.id;
    const plain = await graph.get('beta', `/users/${user.id}`);
    assert.ok(!('manager' in plain.body), 'navigation properties are not returned by default');
    const expanded = await graph.get('v1.0', `/users/${user.id}?$expand=manager`);
    assert.equal(expanded.body.manager.id, managerId);
    assert.equal(expanded.body.manager['@odata.type'], '#microsoft.graph.user');
    const narrow = await graph.get('v1.0', `/users?$filter=id eq '${user.id}'&$select=displayName&$expand=manager($select=displayName)`);
    assert.deepEqual(keysOf(narrow.body.value[0]), ['displayName', 'id', 'manager']);
    assert.deepEqual(keysOf(narrow.body.value[0].manager), ['@odata.type', 'displayName', 'id']);
    const direct = await graph.get('beta', `/users/${user.id}/manager`);
    assert.equal(direct.body.id, managerId);
    assert.equal(direct.body['@odata.context'], `${graph.origin}/beta/$metadata#directoryObjects/$entity`);
    const top = tenant.users().find((u) => !u.manager)!;
    assertGraphError(await graph.get('v1.0', `/users/${top.id}/manager`), 404, 'Request_ResourceNotFound');
    assertGraphError(await graph.get('v1.0', '/users?$expand=memberOf'), 400);
    assertGraphError(await graph.get('v1.0', '/users?$select=manager'), 400);
  });

  it('gets a user by id or UPN and 404s unknown users', async () => {
    const sample = graph.sandbox.tenant.users()[0]!;
    for (const version of VERSIONS) {
      const byId = await graph.get(version, `/users/${sample.id}`);
      assert.equal(byId.body.userPrincipalName, sample.userPrincipalName);
      assert.equal(byId.body['@odata.context'], `${graph.origin}/${version}/$metadata#users/$entity`);
      const byUpn = await graph.get(version, `/users/${encodeURIComponent(sample.userPrincipalName.toUpperCase())}`);
      assert.equal(byUpn.body.id, sample.id);
      assertGraphError(await graph.get(version, '/users/nobody@nowhere.example'), 404, 'Request_ResourceNotFound');
    }
  });

  it('lists groups, gets one, and lists its members as typed directoryObjects', async () => {
    const groups = graph.sandbox.tenant.groups();
    const { items } = await graph.getAll('v1.0', '/groups?$top=10');
    assert.equal(items.length, groups.length);
    assert.ok(!('members' in items[0]), 'memberships are not a group property');
    // A small group with more than one page of members keeps the paging check quick.
    const group = groups.find((g) => {
      const count = (graph.sandbox.tenant.groupMembers(g.id) ?? []).length;
      return count > 5 && count <= 40;
    })!;
    const one = await graph.get('beta', `/groups/${group.id}`);
    assert.equal(one.body.displayName, group.displayName);
    const expected = graph.sandbox.tenant.groupMembers(group.id)!.length;
    const members = await graph.getAll('v1.0', `/groups/${group.id}/members?$top=5`);
    assert.equal(members.items.length, expected);
    assert.equal(members.pages[0]!.body['@odata.context'], `${graph.origin}/v1.0/$metadata#directoryObjects`);
    assert.ok(members.items.every((m) => typeof m['@odata.type'] === 'string' && m['@odata.type'].startsWith('#microsoft.graph.')));
    const selected = await graph.get('v1.0', `/groups/${group.id}/members?$select=displayName`);
    assert.deepEqual(keysOf(selected.body.value[0]), ['@odata.type', 'displayName', 'id']);
    const count = await graph.get('v1.0', `/groups/${group.id}/members/$count`, eventual);
    assert.equal(Number(count.text), expected);
    const filtered = await graph.get('v1.0', `/groups?$filter=startswith(displayName,'${group.displayName.slice(0, 4)}')`);
    assert.ok(filtered.body.value.some((g: { id: string }) => g.id === group.id));
    assertGraphError(await graph.get('v1.0', '/groups/00000000-0000-0000-0000-000000000000/members'), 404);
    assertGraphError(await graph.get('v1.0', '/groups/00000000-0000-0000-0000-000000000000'), 404);
  });
});
