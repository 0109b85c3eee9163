// The sandbox's SCIM target inside the sandbox: the ready line names it, the seeded provisioning apps point at it,
// validateCredentials (Test Connection) really calls it, and starting a job whose credentials fail quarantines it
// with EncounteredQuarantineException (graph-synchronization.md §3.8, §4.1, §6.4).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { GraphHarness, assertGraphError, type ApiVersion } from '../graph-harness';
import {
  CONNECTION_QUARANTINE_REASON,
  INVALID_CREDENTIALS_CODE,
  checkTargetConnection,
  isLoopback,
  quarantineForConnectionFailure,
  startScimServer,
} from '../../../../src/sandbox/scim';
import { Tenant, SCIM_WRONG_TOKEN } from '../../../../src/sandbox/tenant';
import { newJobRecord } from '../../../../src/sandbox/tenant/jobs';

const LINKED_APPS = [
  'Workplace from Meta',
  'Workplace from Meta (EMEA)',
  'Contoso HR SCIM (custom)',
  'Slack',
  'Zoom',
  'Contoso Timesheets (legacy SCIM)',
  'Contoso Benefits Portal',
  'Northwind Partner Directory (SCIM)',
  'Slack (Sandbox workspace)',
];
const BROKEN_APP = 'Contoso Expense Reports (SCIM)';

describe('sandbox SCIM target: ready line, seeded apps, Test Connection, quarantine', function () {
  this.timeout(20_000);
  let graph: GraphHarness;

  beforeEach(async () => {
    graph = await GraphHarness.start();
  });
  afterEach(() => graph.close());

  async function jobOf(displayName: string, version: ApiVersion = 'v1.0') {
    const sp = await graph.servicePrincipalNamed(displayName);
    const list = await graph.get(version, `/servicePrincipals/${sp.id}/synchronization/jobs`);
    const job = list.body.value[0];
    const base = `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}`;
    return { sp, job, base, read: async () => (await graph.get(version, base)).body };
  }
  const savedSecrets = (spId: string) => {
    const secrets = graph.sandbox.tenant.secrets(graph.sandbox.tenant.servicePrincipal(spId)!);
    return Object.fromEntries(secrets.map((s) => [s.key, s.value]));
  };

  it('puts the SCIM base URL and token in the ready info', async () => {
    const { info } = graph.sandbox;
    assert.equal(info.scim, graph.sandbox.scim.url);
    assert.match(info.scim, /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/$/);
    assert.notEqual(new URL(info.scim).port, new URL(info.graph).port);
    assert.equal(info.scimToken, graph.sandbox.scim.token);
    const users = await fetch(`${info.scim}Users`, { headers: { Authorization: `Bearer ${info.scimToken}` } });
    assert.equal(users.status, 200);
    assert.equal((await fetch(`${info.scim}Users`)).status, 401);
  });

  it('points every configured SCIM app at it, and keeps Contoso Expense Reports on a refused token', async () => {
    const { scim, scimToken } = graph.sandbox.info;
    for (const name of LINKED_APPS) {
      const sp = await graph.servicePrincipalNamed(name);
      const secrets = savedSecrets(sp.id);
      assert.equal(secrets.BaseAddress, scim, name);
      assert.equal(secrets.SecretToken, scimToken, name);
      assert.equal(secrets.SyncAll, 'false', `${name} keeps its other settings`);
    }
    const broken = savedSecrets((await graph.servicePrincipalNamed(BROKEN_APP)).id);
    assert.equal(broken.BaseAddress, scim);
    assert.equal(broken.SecretToken, SCIM_WRONG_TOKEN);
    const learning = savedSecrets((await graph.servicePrincipalNamed('Contoso Learning Portal (SCIM)')).id);
    assert.deepEqual(learning, {}, 'the never-configured app stays unconfigured');
    // Graph still masks the token.
    const hr = await graph.servicePrincipalNamed('Contoso HR SCIM (custom)');
    const read = await graph.get('v1.0', `/servicePrincipals/${hr.id}/synchronization/secrets`);
    assert.ok(!read.text.includes(scimToken));
  });

  it('Test Connection passes for the linked apps: Entra\'s probe request reaches the target', async () => {
    graph.sandbox.scim.clearRequests();
    for (const name of ['Workplace from Meta', 'Workplace from Meta (EMEA)', 'Contoso HR SCIM (custom)']) {
      const { base } = await jobOf(name);
      const result = await graph.post('v1.0', `${base}/validateCredentials`, { useSavedCredentials: true });
      assert.equal(result.status, 204, `${name}: ${result.text}`);
    }
    const probes = graph.sandbox.scim.requests();
    assert.equal(probes.length, 3);
    for (const probe of probes) {
      assert.equal(probe.method, 'GET');
      assert.match(decodeURIComponent(probe.path), /^\/scim\/v2\/Users\?filter=userName eq "[0-9a-f-]{36}"$/);
      assert.equal(probe.status, 200);
    }
  });

  it('Test Connection fails clearly: refused token (401), wrong path (404), nothing listening, a host off this machine', async () => {
    const { base } = await jobOf('Contoso HR SCIM (custom)');
    const { scim, scimToken } = graph.sandbox.info;
    const test = (baseAddress: string, token = scimToken) =>
      graph.post('beta', `${base}/validateCredentials`, { credentials: [{ key: 'BaseAddress', value: baseAddress }, { key: 'SecretToken', value: token }] });

    const broken = await jobOf(BROKEN_APP);
    const saved = await graph.post('v1.0', `${broken.base}/validateCredentials`, { useSavedCredentials: true });
    assertGraphError(saved, 400, INVALID_CREDENTIALS_CODE);
    assert.match(saved.body.error.message, /invalid credentials.*HTTP 401 Unauthorized: The bearer token is not valid/);
    assert.ok(!saved.body.error.message.includes(SCIM_WRONG_TOKEN), 'the token is never in the message');

    const wrongPath = await test(`${graph.sandbox.scim.origin}/not-scim/`);
    assertGraphError(wrongPath, 400, INVALID_CREDENTIALS_CODE);
    assert.match(wrongPath.body.error.message, /valid tenant URL.*HTTP 404/);

    const closed = await closedPort();
    const refused = await test(`http://127.0.0.1:${closed}/scim/v2/`);
    assertGraphError(refused, 400, INVALID_CREDENTIALS_CODE);
    assert.match(refused.body.error.message, /Could not connect to the tenant URL http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/.*refused/);

    const offMachine = await test('https://scim.workplace.com/');
    assertGraphError(offMachine, 400, INVALID_CREDENTIALS_CODE);
    assert.match(offMachine.body.error.message, /Could not connect to the tenant URL https:\/\/scim\.workplace\.com\/: the sandbox tenant reaches only SCIM endpoints on this machine/);

    assert.equal((await test(scim)).status, 204);
    assert.equal((await test(scim.replace(/\/$/, ''))).status, 204, 'with or without the trailing slash');
  });

  it('starting a job whose credentials fail quarantines it (EncounteredQuarantineException); fixing them and starting lifts it', async () => {
    const broken = await jobOf(BROKEN_APP, 'beta');
    // The seed has it quarantined already; lift that first so the start is the one that quarantines it.
    assert.equal((await graph.post('v1.0', `${broken.base}/restart`, { criteria: { resetScope: 'QuarantineState' } })).status, 204);
    assert.equal((await graph.post('v1.0', `${broken.base}/pause`)).status, 204);
    const before = Date.now();
    assert.equal((await graph.post('beta', `${broken.base}/start`)).status, 204);
    const job = await broken.read();
    assert.equal(job.status.code, 'Quarantine');
    assert.equal(job.schedule.state, 'Active');
    const quarantine = job.status.quarantine;
    assert.deepEqual(Object.keys(quarantine).sort(), ['currentBegan', 'error', 'nextAttempt', 'reason', 'seriesBegan', 'seriesCount']);
    assert.equal(quarantine.reason, CONNECTION_QUARANTINE_REASON);
    assert.equal(quarantine.seriesCount, 1);
    assert.equal(quarantine.error.code, INVALID_CREDENTIALS_CODE);
    assert.equal(quarantine.error.tenantActionable, true);
    assert.match(quarantine.error.message, /HTTP 401/);
    assert.ok(Date.parse(quarantine.currentBegan) >= before - 1000);
    assert.equal(Date.parse(quarantine.nextAttempt) - Date.parse(quarantine.currentBegan), 6 * 3600_000, 'first retry after 6 hours');
    assert.equal(job.status.lastExecution.state, 'Failed');
    assert.equal(job.status.lastExecution.error.code, INVALID_CREDENTIALS_CODE);

    // Give it the right token (GET, change, PUT the whole list, as the Entra how-to does), then start again.
    const secrets = (await graph.get('v1.0', `/servicePrincipals/${broken.sp.id}/synchronization/secrets`)).body.value as { key: string; value: string }[];
    const fixed = secrets.map((s) => (s.key === 'SecretToken' ? { ...s, value: graph.sandbox.info.scimToken } : s));
    assert.equal((await graph.put('v1.0', `/servicePrincipals/${broken.sp.id}/synchronization/secrets`, { value: fixed })).status, 204);
    assert.equal((await graph.post('v1.0', `${broken.base}/validateCredentials`, { useSavedCredentials: true })).status, 204);
    assert.equal((await graph.post('v1.0', `${broken.base}/start`)).status, 204);
    const healthy = await broken.read();
    assert.equal(healthy.status.quarantine, null);
    assert.equal(healthy.status.code, 'Active');
  });

  it('starting a job with working credentials runs it as before; one without saved credentials is not tested', async () => {
    const zoom = await jobOf('Zoom');
    assert.equal((await graph.post('v1.0', `${zoom.base}/start`)).status, 204);
    assert.equal((await zoom.read()).status.code, 'Active');
    const learning = await jobOf('Contoso Learning Portal (SCIM)');
    assert.equal((await graph.post('v1.0', `${learning.base}/start`)).status, 204);
    assert.equal((await learning.read()).status.code, 'NotRun');
  });
});

describe('checkTargetConnection and quarantineForConnectionFailure', function () {
  this.timeout(10_000);

  it('needs a ListResponse on 200, and treats cross-tenant sync (no SCIM endpoint) as a form check', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value":[]}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const result = await checkTargetConnection([{ key: 'BaseAddress', value: `http://127.0.0.1:${port}/` }, { key: 'SecretToken', value: 't' }]);
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.message : '', /HTTP 200.*not a SCIM ListResponse/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.deepEqual(await checkTargetConnection([{ key: 'AuthenticationType', value: 'SyncPolicy' }, { key: 'CompanyId', value: 'x' }]), { ok: true });
    const noCompany = await checkTargetConnection([{ key: 'AuthenticationType', value: 'SyncPolicy' }]);
    assert.equal(noCompany.ok, false);
  });

  it('gives up on an endpoint that does not answer', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const result = await checkTargetConnection([{ key: 'BaseAddress', value: `http://127.0.0.1:${port}/scim` }, { key: 'SecretToken', value: 't' }], { timeoutMs: 300 });
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.message : '', /no answer within 0 s|no answer within/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('uses the token as a bearer token, never shows it, and hides user:password in the Tenant URL', async () => {
    const scim = await startScimServer({ token: 'right' });
    try {
      const url = new URL(scim.url);
      url.username = 'admin';
      url.password = 'hunter2';
      const result = await checkTargetConnection([{ key: 'BaseAddress', value: url.href }, { key: 'SecretToken', value: 'wrong-token-xyz' }]);
      assert.equal(result.ok, false);
      const message = !result.ok ? result.message : '';
      assert.equal(!result.ok ? result.status : 0, 401);
      assert.ok(!message.includes('wrong-token-xyz') && !message.includes('hunter2'), message);
      assert.deepEqual(await checkTargetConnection([{ key: 'BaseAddress', value: scim.url }, { key: 'SecretToken', value: 'right' }]), { ok: true });
    } finally {
      await scim.close();
    }
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::1']) assert.equal(isLoopback(host), true, host);
    for (const host of ['10.0.0.1', 'scim.workplace.com', '128.0.0.1', '127.example.com']) assert.equal(isLoopback(host), false, host);
  });

  it('extends a series of connection quarantines: 6 h, 12 h, then 24 h between attempts', () => {
    const record = newJobRecord('scim.x.y', 'scim', { directories: [], synchronizationRules: [] });
    const failure = { ok: false, reason: CONNECTION_QUARANTINE_REASON, code: INVALID_CREDENTIALS_CODE, message: 'nope', status: 401 } as const;
    const t0 = new Date('2026-01-01T00:00:00Z');
    const hours = (q: { currentBegan: string; nextAttempt: string }) => (Date.parse(q.nextAttempt) - Date.parse(q.currentBegan)) / 3600_000;
    quarantineForConnectionFailure(record, failure, t0);
    assert.equal(hours(record.job.status.quarantine!), 6);
    quarantineForConnectionFailure(record, failure, new Date('2026-01-01T06:00:00Z'));
    assert.equal(record.job.status.quarantine!.seriesCount, 2);
    assert.equal(hours(record.job.status.quarantine!), 12);
    quarantineForConnectionFailure(record, failure, new Date('2026-01-01T18:00:00Z'));
    assert.equal(hours(record.job.status.quarantine!), 24);
    assert.equal(record.job.status.quarantine!.seriesBegan, t0.toISOString());
    assert.equal(record.job.status.countSuccessiveCompleteFailures, 3);
    assert.equal(record.job.status.code, 'Quarantine');
  });
});

describe('Tenant.connectScimTarget', () => {
  it('re-points the linked apps on every start, but not an app someone pointed elsewhere', () => {
    const tenant = Tenant.seed('default', new Date('2026-11-01T00:00:00Z'));
    const hr = tenant.servicePrincipals().find((sp) => sp.displayName === 'Contoso HR SCIM (custom)')!;
    const record = tenant.servicePrincipal(hr.id)!;
    const value = (key: string) => tenant.secrets(record).find((s) => s.key === key)?.value;
    assert.equal(value('BaseAddress'), 'https://hr.contoso-sandbox.example/scim/v2/', 'the seed keeps a realistic Tenant URL');

    let changes = 0;
    tenant.onChange(() => changes++);
    assert.ok(tenant.connectScimTarget('http://127.0.0.1:1111/scim/v2/', 'run-1').length >= 10);
    assert.equal(value('BaseAddress'), 'http://127.0.0.1:1111/scim/v2/');
    assert.equal(value('SecretToken'), 'run-1');
    assert.equal(changes, 1, 'one announced change (persisted by --state)');

    // The next run (another port and token), after a round trip through the state file.
    const restored = Tenant.fromJSON(JSON.parse(JSON.stringify(tenant.toJSON())));
    restored.connectScimTarget('http://127.0.0.1:2222/scim/v2/', 'run-2');
    const again = restored.servicePrincipal(hr.id)!;
    assert.equal(restored.secrets(again).find((s) => s.key === 'BaseAddress')?.value, 'http://127.0.0.1:2222/scim/v2/');
    assert.equal(restored.secrets(again).find((s) => s.key === 'SecretToken')?.value, 'run-2');
    assert.equal((restored.servicePrincipal(hr.id)!.resource as unknown as Record<string, unknown>).scimTarget, undefined, 'the link is not part of the Graph resource');

    // An admin points the app at another endpoint: later starts leave it alone.
    restored.replaceSecrets(again, [{ key: 'BaseAddress', value: 'https://hr.example/scim/' }, { key: 'SecretToken', value: 'theirs' }]);
    restored.connectScimTarget('http://127.0.0.1:3333/scim/v2/', 'run-3');
    assert.deepEqual(restored.secrets(again), [{ key: 'BaseAddress', value: 'https://hr.example/scim/' }, { key: 'SecretToken', value: 'theirs' }]);
  });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
