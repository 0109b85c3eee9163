import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATES } from '../../src/sandbox/tenant/templates';
import { employeesOnlyScope } from '../../src/sandbox/tenant/seed';
import { runCli } from './cliProcess';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('entra-provisioning preview', function () {
  this.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), 'entra-preview-'));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  const workplace = TEMPLATES.get('FacebookWorkplace')!.defaultSchema();
  const schema = file('workplace.json', workplace);
  const scim = file('scim.json', { schema: TEMPLATES.get('scim')!.defaultSchema() }); // GET …/schema wrapped under "schema"
  const graphUser = {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
    id: '6f1c3b52-8e0a-4d7c-9b21-3a5e7d9f0c14',
    userPrincipalName: 'adele.vance@contoso.com',
    displayName: 'Adele Vance',
    givenName: 'Adele',
    surname: 'Vance',
    mail: 'adele.vance@contoso.com',
    mailNickname: 'adele.vance',
    accountEnabled: true,
    jobTitle: 'Retail Manager',
    department: 'Retail',
    businessPhones: ['+1 206 555 0100'],
    manager: { id: 'mgr-1' },
  };
  const user = file('user.json', graphUser);
  const expectedBody = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    userName: 'adele.vance@contoso.com',
    active: true,
    displayName: 'Adele Vance',
    title: 'Retail Manager',
    emails: [{ type: 'work', value: 'adele.vance@contoso.com', primary: true }],
    name: { givenName: 'Adele', familyName: 'Vance', formatted: 'Adele Vance' },
    phoneNumbers: [{ type: 'work', value: '+1 206 555 0100' }],
    externalId: 'adele.vance',
    [ENTERPRISE]: { manager: { value: 'mgr-1' }, department: 'Retail' },
  };

  it('prints the POST request for a Graph user', async () => {
    const r = await runCli(['preview', '--schema', schema, '--input', user]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), { method: 'POST', path: '/Users', body: expectedBody });
  });

  it('reads an already-flat object of Entra attribute names the same way', async () => {
    const flat = file('flat.json', {
      objectId: graphUser.id,
      userPrincipalName: 'adele.vance@contoso.com',
      displayName: 'Adele Vance',
      givenName: 'Adele',
      surname: 'Vance',
      mail: 'adele.vance@contoso.com',
      mailNickname: 'adele.vance',
      IsSoftDeleted: false,
      jobTitle: 'Retail Manager',
      department: 'Retail',
      telephoneNumber: '+1 206 555 0100',
      manager: 'mgr-1',
    });
    const r = await runCli(['preview', '--schema', schema, '--input', flat]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).body, expectedBody);
  });

  it('previews a group with --object Group (schema wrapped under "schema")', async () => {
    const group = file('group.json', { id: 'g-1', displayName: 'Retail', members: [{ id: 'u-1' }] });
    const r = await runCli(['preview', '--schema', scim, '--input', group, '--object', 'Group']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      method: 'POST',
      path: '/Groups',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        displayName: 'Retail',
        externalId: 'g-1',
      },
    });
  });

  it('--action update with --current prints a PATCH of the changed attributes only', async () => {
    const current = file('current.json', { id: 'wp-1', ...expectedBody, title: 'Cashier' });
    const r = await runCli(['preview', '--schema', schema, '--input', user, '--action', 'update', '--current', current, '--target-id', 'wp-1']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      method: 'PATCH',
      path: '/Users/wp-1',
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'title', value: 'Retail Manager' }] },
    });
  });

  it('--full prints scoping, matching and every attribute', async () => {
    const r = await runCli(['preview', '--schema', schema, '--input', user, '--full']);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.equal(result.scoping.inScope, true);
    assert.equal(result.matching[0].filter, 'userName eq "adele.vance@contoso.com"');
    assert.equal(result.attributes.find((a: { targetAttributeName: string }) => a.targetAttributeName === 'active').value, 'True');
  });

  it('out of scope: prints null, the scoping reason on stderr, exit 2', async () => {
    const scoped = { ...workplace, synchronizationRules: workplace.synchronizationRules.map((r) => ({ ...r, objectMappings: r.objectMappings.map((m) => ({ ...m, scope: employeesOnlyScope() })) })) };
    const scopedFile = file('scoped.json', scoped);
    const guest = file('guest.json', { ...graphUser, userPrincipalName: 'sam_fabrikam.com#EXT#@contoso.com' });
    const r = await runCli(['preview', '--schema', scopedFile, '--input', guest]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, 'null\n');
    assert.match(r.stderr, /^out of scope: Out of scope: no scoping filter passed — "Employees only": userPrincipalName NOT REGEX MATCH/);
  });

  it('an expression that fails: request printed without it, the error on stderr, exit 3', async () => {
    const broken = structuredClone(workplace);
    broken.synchronizationRules[0]!.objectMappings[0]!.attributeMappings.find((m) => m.targetAttributeName === 'title')!.source = {
      expression: 'Left([jobTitle], "x")',
      name: 'Left',
      parameters: [],
      type: 'Function',
    };
    const r = await runCli(['preview', '--schema', file('broken.json', broken), '--input', user]);
    assert.equal(r.code, 3);
    assert.equal('title' in JSON.parse(r.stdout).body, false);
    assert.match(r.stderr, /^error: title: Left: argument 2 must be an integer, not "x" \(expression: Left\(\[jobTitle\], "x"\)\)\n$/);
  });

  it('bad input: missing file, malformed JSON with line and column, unknown rule id, bad options — exit 1', async () => {
    const missing = await runCli(['preview', '--schema', join(dir, 'nope.json'), '--input', user]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot read --schema .*nope\.json: no such file/);

    const malformed = await runCli(['preview', '--schema', schema, '--input', file('bad.json', '{\n  "a": 1,\n  "b": oops\n}')]);
    assert.equal(malformed.code, 1);
    assert.match(malformed.stderr, /--input .*bad\.json is not valid JSON at line 3, column 8/);

    const rule = await runCli(['preview', '--schema', schema, '--input', user, '--rule', 'no-such-rule']);
    assert.equal(rule.code, 1);
    assert.ok(rule.stderr.includes(`no rule with id 'no-such-rule'; its rules: ${workplace.synchronizationRules[0]!.id}`), rule.stderr);

    const noGroups = await runCli(['preview', '--schema', schema, '--input', user, '--object', 'Group']);
    assert.equal(noGroups.code, 1);
    assert.match(noGroups.stderr, /no object mapping for source object 'Group' \(it maps: User\)/);

    const notSchema = await runCli(['preview', '--schema', user, '--input', user]);
    assert.equal(notSchema.code, 1);
    assert.match(notSchema.stderr, /is not a synchronizationSchema/);

    const option = await runCli(['preview', '--schema', schema]);
    assert.equal(option.code, 1);
    assert.match(option.stderr, /Missing --input FILE/);
  });

  it('is listed in the CLI help', async () => {
    const r = await runCli(['--help']);
    assert.match(r.stdout, /preview +Apply a job schema's attribute mappings/);
  });
});
