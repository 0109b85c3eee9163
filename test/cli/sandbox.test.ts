import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startSandboxProcess, type SandboxProcess } from './cliProcess';
import type { SandboxReadyInfo } from '../../src/sandbox/server';
import type { ServicePrincipal, SynchronizationJob } from '../../src/graph/model';

async function token(info: SandboxReadyInfo): Promise<string> {
  const response = await fetch(info.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: info.clientId,
      client_secret: info.clientSecret,
      scope: `${info.graph}.default`,
    }),
  });
  assert.equal(response.status, 200, 'the printed token endpoint answers as printed');
  return ((await response.json()) as { access_token: string }).access_token;
}

async function graph<T>(info: SandboxReadyInfo, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(`v1.0${path}`, info.graph), {
    ...init,
    headers: { Authorization: `Bearer ${await token(info)}`, ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

describe('entra-provisioning CLI', function () {
  this.timeout(30_000);

  it('prints usage for --help and exits 0; an unknown command exits 2 naming it', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /sandbox/);
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  });

  it('rejects bad sandbox options with a one-line reason and exit 2', async () => {
    for (const [args, message] of [
      [['--port', 'abc'], /--port must be a whole number/],
      [['--seed', 'huge'], /--seed must be 'default' or 'large'/],
      [['--latency=-5'], /--latency must be a whole number/],
      [['--port'], /argument missing/],
      [['--bogus'], /Unknown option '--bogus'/],
    ] as const) {
      const result = await runCli(['sandbox', ...args]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  });

  describe('sandbox', () => {
    let sandbox: SandboxProcess | undefined;
    afterEach(async () => {
      await sandbox?.stop();
      sandbox = undefined;
    });

    it('prints exactly one ready line whose endpoints work, and stops cleanly on SIGTERM', async () => {
      sandbox = await startSandboxProcess();
      const { info } = sandbox;
      assert.deepEqual(Object.keys(info).sort(), ['authority', 'clientId', 'clientSecret', 'graph', 'scim', 'scimToken', 'tenantId', 'tokenEndpoint']);
      assert.match(info.graph, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.match(info.scim, /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/$/);
      const scimUsers = await fetch(`${info.scim}Users`, { headers: { Authorization: `Bearer ${info.scimToken}` } });
      assert.equal(scimUsers.status, 200, 'the SCIM target answers with the printed token');
      const sps = await graph<{ value: ServicePrincipal[] }>(info, '/servicePrincipals?$top=5');
      assert.equal(sps.status, 200);
      assert.equal(sps.body.value.length, 5);
      const code = await sandbox.stop('SIGTERM');
      sandbox = undefined;
      assert.equal(code, 0);
    });

    it('stops cleanly on SIGINT (Ctrl-C) and never prints more than the ready line', async () => {
      sandbox = await startSandboxProcess();
      await graph(sandbox.info, '/servicePrincipals?$top=1');
      const printed = sandbox.stdout();
      const code = await sandbox.stop('SIGINT');
      assert.equal(code, 0);
      assert.equal(printed.trim().split('\n').length, 1);
      sandbox = undefined;
    });

    it('keeps the tenant between runs with --state, identity included', async () => {
      const state = join(mkdtempSync(join(tmpdir(), 'sandbox-cli-')), 'contoso.json');
      sandbox = await startSandboxProcess(['--state', state]);
      const first = sandbox.info;
      const sps = await graph<{ value: ServicePrincipal[] }>(first, "/servicePrincipals?$filter=startswith(displayName,'Workplace from Meta')");
      const sp = sps.body.value[0]!;
      const jobs = await graph<{ value: SynchronizationJob[] }>(first, `/servicePrincipals/${sp.id}/synchronization/jobs`);
      const job = jobs.body.value[0]!;
      const paused = await graph(first, `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}/pause`, { method: 'POST' });
      assert.equal(paused.status, 204);
      assert.equal(await sandbox.stop(), 0);
      assert.ok(existsSync(state));
      assert.equal(JSON.parse(readFileSync(state, 'utf8')).format, 'entra-provisioning-sandbox');

      sandbox = await startSandboxProcess(['--state', state]);
      const second = sandbox.info;
      assert.equal(second.tenantId, first.tenantId);
      assert.equal(second.clientId, first.clientId);
      assert.equal(second.clientSecret, first.clientSecret);
      const again = await graph<SynchronizationJob>(second, `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}`);
      assert.equal(again.body.schedule.state, 'Paused');
      assert.equal(again.body.status.code, 'Paused');
      // The SCIM target's port and token are new; the app's saved credentials were pointed at them again.
      assert.notEqual(second.scim, first.scim);
      const test = await graph(second, `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}/validateCredentials`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ useSavedCredentials: true }),
      });
      assert.equal(test.status, 204);
    });

    it('--seed large serves 5,000 service principals', async () => {
      sandbox = await startSandboxProcess(['--seed', 'large']);
      const count = await graph<number>(sandbox.info, '/servicePrincipals/$count', { headers: { ConsistencyLevel: 'eventual' } });
      assert.equal(count.status, 200);
      assert.equal(Number(count.body), 5000);
    });

    it('--latency delays every request', async () => {
      sandbox = await startSandboxProcess(['--latency', '300']);
      const started = Date.now();
      await fetch(`${sandbox.info.graph}_sandbox/health`);
      assert.ok(Date.now() - started >= 300);
    });
  });
});
