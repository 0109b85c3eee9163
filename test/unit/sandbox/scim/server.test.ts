// The sandbox's SCIM 2.0 target over HTTP, driven the way Entra's provisioning service drives a SCIM app
// (scim-and-workplace.md §2): bearer token, Entra's create body, case-insensitive userName matching, capitalised PATCH
// ops with "False" strings and URN paths, groups created empty and PATCHed, and the control API tests read.
import assert from 'node:assert/strict';
import { startScimServer, type ScimServer } from '../../../../src/sandbox/scim';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const AUTH_METHOD = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';
const START_TERM = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:contoso:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface Result {
  status: number;
  headers: Headers;
  body: any;
}

/** The create body Entra sends (a default SCIM job; `meta` and an empty `roles` included). */
function entraUser(userName: string, externalId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [CORE, ENTERPRISE],
    externalId,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: userName.toLowerCase() }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Adele Vance', familyName: 'Vance', givenName: 'Adele' },
    roles: [],
    ...extra,
  };
}

describe('sandbox SCIM target', function () {
  this.timeout(10_000);
  let scim: ScimServer;

  const call = async (method: string, path: string, body?: unknown, token: string | null = scim.token): Promise<Result> => {
    const headers: Record<string, string> = { Accept: 'application/scim+json' };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/scim+json';
    const response = await fetch(`${scim.url}${path.replace(/^\//, '')}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const filter = (expression: string) => `Users?filter=${encodeURIComponent(expression)}`;
  const patch = (operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });
  const assertScimError = (result: Result, status: number, scimType?: string) => {
    assert.equal(result.status, status, JSON.stringify(result.body));
    assert.deepEqual(result.body.schemas, [ERROR]);
    assert.equal(result.body.status, String(status));
    if (scimType) assert.equal(result.body.scimType, scimType);
    assert.equal(typeof result.body.detail, 'string');
  };

  before(async () => {
    scim = await startScimServer();
  });
  after(() => scim.close());
  beforeEach(() => {
    scim.store.reset();
    scim.clearRequests();
  });

  it('listens on 127.0.0.1 under /scim/v2/ with a random token', async () => {
    assert.match(scim.url, /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/$/);
    assert.ok(scim.token.length >= 24);
    const other = await startScimServer({ token: 'fixed-token' });
    try {
      assert.equal(other.token, 'fixed-token');
      assert.notEqual(other.url, scim.url);
    } finally {
      await other.close();
    }
  });

  it('answers a missing or wrong bearer token with 401 in the SCIM error envelope', async () => {
    for (const token of [null, 'not-the-token', `${scim.token}x`]) {
      const result = await call('GET', 'Users', undefined, token);
      assertScimError(result, 401);
      assert.match(String(result.headers.get('content-type')), /^application\/scim\+json/);
      assert.match(String(result.headers.get('www-authenticate')), /^Bearer/);
    }
  });

  it('serves Schemas (with the Enterprise, Workplace and custom extensions), ResourceTypes and ServiceProviderConfig', async () => {
    const schemas = await call('GET', 'Schemas');
    assert.equal(schemas.status, 200);
    const ids = (schemas.body.Resources as { id: string }[]).map((s) => s.id);
    for (const urn of [CORE, ENTERPRISE, AUTH_METHOD, START_TERM, 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User', CONTOSO, 'urn:ietf:params:scim:schemas:core:2.0:Group']) {
      assert.ok(ids.includes(urn), `${urn} in ${ids.join(', ')}`);
    }
    const authMethod = (schemas.body.Resources as { id: string; attributes: { name: string; canonicalValues?: string[] }[] }[]).find((s) => s.id === AUTH_METHOD)!;
    assert.deepEqual(authMethod.attributes.map((a) => a.name), ['authMethod']);
    const types = await call('GET', 'ResourceTypes');
    const user = (types.body.Resources as { name: string; schemaExtensions: { schema: string }[] }[]).find((t) => t.name === 'User')!;
    assert.ok(user.schemaExtensions.some((e) => e.schema === ENTERPRISE));
    assert.ok(user.schemaExtensions.some((e) => e.schema === AUTH_METHOD));
    const config = await call('GET', 'ServiceProviderConfig');
    assert.equal(config.status, 200);
    assert.equal(config.body.patch.supported, true);
    assert.equal(config.body.filter.supported, true);
  });

  it('creates a user from Entra\'s body: 201, application/scim+json, server id and meta', async () => {
    const created = await call('POST', 'Users', entraUser('Adele.Vance@contoso.example', 'adele', { [ENTERPRISE]: { department: 'Retail', employeeNumber: '1001' } }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(String(created.headers.get('content-type')), /^application\/scim\+json/);
    assert.match(created.body.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.body.userName, 'Adele.Vance@contoso.example');
    assert.equal(created.body.meta.resourceType, 'User');
    assert.equal(created.body.meta.location, `${scim.url}Users/${created.body.id}`);
    assert.equal(created.body[ENTERPRISE].department, 'Retail');
    const stored = scim.store.findUserByUserName('adele.vance@CONTOSO.example');
    assert.equal(stored?.id, created.body.id);
    const read = await call('GET', `Users/${created.body.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.externalId, 'adele');
  });

  it('refuses a second user with the same userName in any case: 409 uniqueness', async () => {
    assert.equal((await call('POST', 'Users', entraUser('Megan@contoso.example', 'm1'))).status, 201);
    assertScimError(await call('POST', 'Users', entraUser('MEGAN@contoso.example', 'm2')), 409, 'uniqueness');
    assert.equal(scim.store.users().length, 1);
  });

  it('filters userName eq without regard to case, externalId case-exactly, with and, and by URN-qualified paths', async () => {
    const adele = (await call('POST', 'Users', entraUser('Adele@contoso.example', 'EMP-1', { [ENTERPRISE]: { department: 'Retail' } }))).body;
    await call('POST', 'Users', entraUser('Alex@contoso.example', 'EMP-2', { [ENTERPRISE]: { department: 'Sales' } }));
    const ids = (result: Result) => (result.body.Resources as { id: string }[]).map((r) => r.id);

    const byName = await call('GET', filter('userName eq "adele@CONTOSO.example"'));
    assert.equal(byName.status, 200);
    assert.deepEqual(byName.body.schemas, [LIST]);
    assert.equal(byName.body.totalResults, 1);
    assert.deepEqual(ids(byName), [adele.id]);
    // RFC 7643 §3.1: externalId is caseExact.
    assert.deepEqual(ids(await call('GET', filter('externalId eq "EMP-1"'))), [adele.id]);
    assert.deepEqual(ids(await call('GET', filter('externalId eq "emp-1"'))), []);
    assert.deepEqual(ids(await call('GET', filter('userName eq "ADELE@contoso.example" and externalId eq "EMP-1"'))), [adele.id]);
    assert.deepEqual(ids(await call('GET', filter('userName eq "ADELE@contoso.example" and externalId eq "EMP-2"'))), []);
    assert.deepEqual(ids(await call('GET', filter(`${ENTERPRISE}:department eq "retail"`))), [adele.id]);
    assert.deepEqual(ids(await call('GET', filter(`${CORE}:userName eq "adele@contoso.example"`))), [adele.id]);
    assert.deepEqual(ids(await call('GET', filter('emails[type eq "work"].value eq "ADELE@contoso.example"'))), [adele.id]);

    // Entra's Test Connection: a random GUID matches nothing, and the answer is still a ListResponse.
    const probe = await call('GET', filter('userName eq "6f1a3c5e-0000-4000-8000-000000000000"'));
    assert.equal(probe.status, 200);
    assert.equal(probe.body.totalResults, 0);
    assert.deepEqual(probe.body.Resources, []);
  });

  it('pages lists with startIndex and count', async () => {
    for (let i = 1; i <= 5; i++) await call('POST', 'Users', entraUser(`user${i}@contoso.example`, `e${i}`));
    const page = await call('GET', 'Users?startIndex=2&count=2');
    assert.equal(page.status, 200);
    assert.equal(page.body.totalResults, 5);
    assert.equal(page.body.startIndex, 2);
    assert.equal(page.body.itemsPerPage, 2);
    assert.deepEqual((page.body.Resources as { userName: string }[]).map((u) => u.userName), ['user2@contoso.example', 'user3@contoso.example']);
    const last = await call('GET', 'Users?startIndex=5&count=2');
    assert.equal(last.body.itemsPerPage, 1, 'itemsPerPage is what the page holds');
    const all = await call('GET', 'Users');
    assert.equal(all.body.Resources.length, 5);
  });

  it('applies PATCH the way Entra sends it: capitalised ops, "False"/"True" strings, URN paths, 200 with the resource', async () => {
    const id = (await call('POST', 'Users', entraUser('Patti@contoso.example', 'p1', { [AUTH_METHOD]: { authMethod: 'sso' } }))).body.id;
    const disabled = await call('PATCH', `Users/${id}`, patch([{ op: 'Replace', path: 'active', value: 'False' }]));
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    assert.equal(disabled.body.active, false);
    assert.equal(disabled.body.id, id);
    assert.equal((await call('PATCH', `Users/${id}`, patch([{ op: 'replace', path: 'active', value: 'True' }]))).body.active, true);
    assert.equal((await call('PATCH', `Users/${id}`, patch([{ op: 'replace', path: 'active', value: false }]))).body.active, false);

    const updated = await call(
      'PATCH',
      `Users/${id}`,
      patch([
        { op: 'Add', path: `${ENTERPRISE}:employeeNumber`, value: '4711' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Operations' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'manager-id-1' },
        { op: 'Replace', path: `${AUTH_METHOD}:authMethod`, value: 'password' },
        { op: 'Add', path: `${START_TERM}:startDate`, value: 1767225600 },
        { op: 'Add', path: `${CONTOSO}:contractor`, value: 'True' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'patti.new@contoso.example' },
        { op: 'Replace', path: 'name.givenName', value: 'Patricia' },
      ]),
    );
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body[ENTERPRISE].employeeNumber, '4711');
    assert.equal(updated.body[ENTERPRISE].department, 'Operations');
    assert.deepEqual(updated.body[ENTERPRISE].manager, { value: 'manager-id-1' });
    assert.equal(updated.body[AUTH_METHOD].authMethod, 'password');
    assert.equal(updated.body[START_TERM].startDate, 1767225600);
    assert.equal(updated.body[CONTOSO].contractor, true);
    assert.equal(updated.body.emails[0].value, 'patti.new@contoso.example');
    assert.equal(updated.body.name.givenName, 'Patricia');

    // aadOptscim062020 style: one op without a path, dotted keys and URN keys in its value.
    const flagged = await call(
      'PATCH',
      `Users/${id}`,
      patch([{ op: 'replace', value: { 'name.familyName': 'Fernandez', [`${ENTERPRISE}:costCenter`]: 'CC-7', active: 'True', displayName: 'Patricia Fernandez', [CONTOSO]: { contractor: 'False' } } }]),
    );
    assert.equal(flagged.status, 200, JSON.stringify(flagged.body));
    assert.equal(flagged.body.name.familyName, 'Fernandez');
    assert.equal(flagged.body[ENTERPRISE].costCenter, 'CC-7');
    assert.equal(flagged.body.active, true);
    assert.equal(flagged.body[CONTOSO].contractor, false, 'an extension object in the value is normalised too');
    assert.equal(scim.store.user(id)?.displayName, 'Patricia Fernandez');

    // Removing an attribute, then a value the schema refuses.
    const removed = await call('PATCH', `Users/${id}`, patch([{ op: 'Remove', path: `${ENTERPRISE}:manager` }]));
    assert.equal(removed.body[ENTERPRISE].manager, undefined);
    assertScimError(await call('PATCH', `Users/${id}`, patch([{ op: 'Replace', path: 'active', value: 'maybe' }])), 400);
    assertScimError(await call('PATCH', `Users/${id}`, patch([{ op: 'Explode', path: 'active', value: true }])), 400);
  });

  it('refuses a PATCH that would give a user a taken userName', async () => {
    await call('POST', 'Users', entraUser('first@contoso.example', 'f1'));
    const second = (await call('POST', 'Users', entraUser('second@contoso.example', 'f2'))).body.id;
    assertScimError(await call('PATCH', `Users/${second}`, patch([{ op: 'Replace', path: 'userName', value: 'FIRST@contoso.example' }])), 409, 'uniqueness');
  });

  it('answers unknown resources and endpoints with 404 in the SCIM envelope, and DELETE with 204', async () => {
    assertScimError(await call('GET', 'Users/no-such-id'), 404);
    assertScimError(await call('PATCH', 'Users/no-such-id', patch([{ op: 'replace', path: 'active', value: false }])), 404);
    assertScimError(await call('DELETE', 'Users/no-such-id'), 404);
    assertScimError(await call('GET', 'Widgets'), 404);
    const id = (await call('POST', 'Users', entraUser('gone@contoso.example', 'g'))).body.id;
    const deleted = await call('DELETE', `Users/${id}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, undefined);
    assertScimError(await call('GET', `Users/${id}`), 404);
  });

  it('creates groups empty, adds and removes members by PATCH (both removal spellings), and shows them on users', async () => {
    const adele = (await call('POST', 'Users', entraUser('adele@contoso.example', 'a'))).body.id;
    const alex = (await call('POST', 'Users', entraUser('alex@contoso.example', 'b'))).body.id;
    const group = await call('POST', 'Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: 'grp-1',
      displayName: 'Retail Managers',
      meta: { resourceType: 'Group' },
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const gid = group.body.id;
    const added = await call('PATCH', `Groups/${gid}`, patch([{ op: 'Add', path: 'members', value: [{ value: adele }, { value: alex }] }]));
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual((added.body.members as { value: string }[]).map((m) => m.value).sort(), [adele, alex].sort());
    assert.deepEqual((await call('GET', `Users/${adele}`)).body.groups, [{ value: gid, display: 'Retail Managers' }]);

    // Entra's lookup before creating: displayName eq without the member list.
    const found = await call('GET', `Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "retail managers"')}`);
    assert.equal(found.body.totalResults, 1);
    assert.equal(found.body.Resources[0].members, undefined);

    // Default job: value list; aadOptscim062020: a value filter in the path.
    await call('PATCH', `Groups/${gid}`, patch([{ op: 'Remove', path: 'members', value: [{ value: adele }] }]));
    await call('PATCH', `Groups/${gid}`, patch([{ op: 'remove', path: `members[value eq "${alex}"]` }]));
    assert.deepEqual(scim.store.group(gid)?.members ?? [], []);

    // Deleting a user drops its memberships.
    await call('PATCH', `Groups/${gid}`, patch([{ op: 'add', path: 'members', value: [{ value: adele }] }]));
    await call('DELETE', `Users/${adele}`);
    assert.deepEqual(scim.store.group(gid)?.members ?? [], []);
    assert.equal((await call('DELETE', `Groups/${gid}`)).status, 204);
  });

  it('takes the legacy Workplace connector\'s SCIM 1.0 names, stores them as 2.0 and answers in the names it was sent', async () => {
    const E1 = 'urn:scim:schemas:extension:enterprise:1.0';
    const AUTH1 = 'urn:scim:schemas:extension:facebook:auth_method:1.0';
    const FRONTLINE1 = 'urn:scim:schemas:extension:facebook:frontline:1.0';
    const created = await call('POST', 'Users', {
      schemas: ['urn:scim:schemas:core:1.0', E1, AUTH1, FRONTLINE1],
      userName: 'legacy@contoso.example',
      active: true,
      [E1]: { department: 'Retail', employeeNumber: '77' },
      [AUTH1]: { auth_method: 'sso' },
      [FRONTLINE1]: { is_frontline: 'True' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.schemas.slice(0, 1), ['urn:scim:schemas:core:1.0']);
    assert.equal(created.body[E1].department, 'Retail');
    assert.equal(created.body[AUTH1].auth_method, 'sso');
    const stored = scim.store.user(created.body.id)!;
    assert.equal((stored[ENTERPRISE] as { department: string }).department, 'Retail');
    assert.equal((stored[AUTH_METHOD] as { authMethod: string }).authMethod, 'sso');

    // PATCH paths in both 1.0 spellings (dotted and colon), as the connector's mappings name them.
    const patched = await call(
      'PATCH',
      `Users/${created.body.id}`,
      patch([
        { op: 'Replace', path: `${E1}.department`, value: 'Operations' },
        { op: 'Replace', path: `${AUTH1}:auth_method`, value: 'password' },
        { op: 'Replace', path: `${FRONTLINE1}.is_frontline`, value: 'False' },
      ]),
    );
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body[E1].department, 'Operations');
    assert.equal(patched.body[AUTH1].auth_method, 'password');
    assert.equal(patched.body[FRONTLINE1].is_frontline, false);
    const listed = await call('GET', filter('userName eq "LEGACY@contoso.example"'));
    assert.equal(listed.body.Resources[0][E1].department, 'Operations');
  });

  it('has a control API without token: stored users and groups, the request log, reset', async () => {
    await call('POST', 'Users', entraUser('logged@contoso.example', 'l', { password: 'P@ssw0rd-never-logged' }));
    await call('GET', filter('userName eq "logged@contoso.example"'));
    const users = (await (await fetch(`${scim.origin}/_scim/users`)).json()) as { value: unknown[] };
    assert.deepEqual((users.value as { userName: string }[]).map((u) => u.userName), ['logged@contoso.example']);
    assert.deepEqual(((await (await fetch(`${scim.origin}/_scim/groups`)).json()) as { value: unknown[] }).value, []);
    const log = ((await (await fetch(`${scim.origin}/_scim/requests`)).json()) as { value: unknown }).value as { method: string; path: string; status: number; body?: unknown }[];
    const post = log.find((r) => r.method === 'POST')!;
    assert.equal(post.status, 201);
    assert.equal(post.path, '/scim/v2/Users');
    assert.equal((post.body as { password: string }).password, '*****');
    assert.ok(!JSON.stringify(log).includes('P@ssw0rd'), 'no password in the log');
    assert.ok(!JSON.stringify(log).includes(scim.token), 'no token in the log');
    assert.ok(log.some((r) => r.method === 'GET' && r.path.startsWith('/scim/v2/Users?filter=') && r.status === 200));
    assert.deepEqual(scim.requests().map((r) => r.method), log.map((r) => r.method));

    const reset = await fetch(`${scim.origin}/_scim/reset`, { method: 'POST' });
    assert.equal(reset.status, 204);
    assert.deepEqual(scim.store.users(), []);
    assert.deepEqual(scim.requests(), []);
    assert.equal((await fetch(`${scim.origin}/_scim/nope`)).status, 404);
  });

  it('keeps each server\'s store to itself when several run in one process', async () => {
    const other = await startScimServer();
    try {
      const otherCall = (body: unknown) =>
        fetch(`${other.url}Users`, { method: 'POST', headers: { Authorization: `Bearer ${other.token}`, 'Content-Type': 'application/scim+json' }, body: JSON.stringify(body) });
      await Promise.all([call('POST', 'Users', entraUser('here@contoso.example', 'h')), otherCall(entraUser('there@contoso.example', 't'))]);
      assert.deepEqual(scim.store.users().map((u) => u.userName), ['here@contoso.example']);
      assert.deepEqual(other.store.users().map((u) => u.userName), ['there@contoso.example']);
      assert.match(String(other.store.users()[0]!.meta.resourceType), /User/);
    } finally {
      await other.close();
    }
  });
});
