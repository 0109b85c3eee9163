// Tenants by name: the tree model reads the name once per tenant next to discovery and labels the row with it; a
// refusal (403 for app-only tokens) keeps the id. Confirmations all name the tenant through tenantLabel. The real
// fetch runs against the sandbox's GET /organization.
import assert from 'node:assert/strict';
import { GraphClient } from '../../../../src/graph/client';
import { GraphError } from '../../../../src/graph/errors';
import type { Logger } from '../../../../src/logging/logger';
import { fetchTenantName, tenantLabel, type TenantDirectoryName } from '../../../../src/provisioning/tenantName';
import { JobsTreeModel } from '../../../../src/provisioning/tree/jobsTreeModel';
import type { TenantNode } from '../../../../src/provisioning/tree/nodes';
import type { RunningSandbox } from '../../../../src/sandbox/server';
import { appToken, tokenWith, withSandbox } from '../../../support/sandbox';
import { NOW, app, fakeSources, job, memoryPins, tenant, type FakeSources } from './fixtures';

const CONTOSO: TenantDirectoryName = { displayName: 'Contoso (sandbox)', defaultDomain: 'contoso.example' };

function namedSources(answer: (accountId: string) => Promise<TenantDirectoryName | undefined>): FakeSources & { nameCalls: string[] } {
  const sources = Object.assign(fakeSources(), { nameCalls: [] as string[] });
  sources.tenantName = (accountId: string) => {
    sources.nameCalls.push(accountId);
    return answer(accountId);
  };
  sources.tenants.set('acc1', { apps: [app('sp-zoom', 'Zoom', job('Zoom.1', 'paused', 'Zoom'))] });
  return sources;
}

async function discovered(m: JobsTreeModel): Promise<TenantNode> {
  const [root] = await m.children();
  assert.ok(root?.kind === 'tenant');
  await m.children(root);
  await m.whenIdle();
  const [again] = await m.children();
  assert.ok(again?.kind === 'tenant');
  return again;
}

describe('tenant names', () => {
  describe('JobsTreeModel', () => {
    it('labels the tenant row with the name and names the tenant "Name (id)" in job refs', async () => {
      const sources = namedSources(async () => CONTOSO);
      const m = new JobsTreeModel({ sources, pins: memoryPins(), now: () => NOW, emitDelayMs: 0 });
      m.setAccounts([tenant()]);
      const root = await discovered(m);
      assert.equal(root.tenant.label, 'Contoso (sandbox)');
      assert.equal(root.tenant.tenantId, 'tenant-1');
      assert.equal(root.tenant.displayName, 'Contoso (sandbox)');
      assert.equal(root.tenant.defaultDomain, 'contoso.example');
      assert.equal(root.tenant.description, 'admin@contoso · Sandbox', 'the description still says who is signed in where');
      assert.equal(m.findJob('acc1', 'sp-zoom', 'Zoom.1')?.ref.tenantLabel, 'Contoso (sandbox) (tenant-1)');
      assert.equal(m.findApp('acc1', 'sp-zoom')?.tenantLabel, 'Contoso (sandbox) (tenant-1)');
    });

    it('asks once per tenant and keeps the name across refreshes and account updates', async () => {
      const sources = namedSources(async () => CONTOSO);
      const m = new JobsTreeModel({ sources, pins: memoryPins(), now: () => NOW, emitDelayMs: 0 });
      m.setAccounts([tenant()]);
      await discovered(m);
      await m.refreshAll();
      m.setAccounts([tenant()]);
      await m.refreshAll();
      assert.deepEqual(sources.nameCalls, ['acc1']);
      assert.equal(m.tenantInfo('acc1')?.label, 'Contoso (sandbox)');
    });

    it('a refresh while the name is being read does not lose it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const sources = namedSources(async () => {
        await gate;
        return CONTOSO;
      });
      const m = new JobsTreeModel({ sources, pins: memoryPins(), now: () => NOW, emitDelayMs: 0 });
      m.setAccounts([tenant()]);
      const [root] = await m.children();
      await m.children(root!);
      const refreshed = m.refreshAll();
      release();
      await refreshed;
      await m.whenIdle();
      assert.equal(m.tenantInfo('acc1')?.label, 'Contoso (sandbox)');
      assert.deepEqual(sources.nameCalls, ['acc1']);
    });

    it('keeps the id when Graph refuses (403 for an app-only token) and discovery still succeeds', async () => {
      const refused = new GraphError('Insufficient privileges to complete the operation.', { kind: 'http', status: 403, method: 'GET', path: '/organization' });
      // The Graph source never rejects; the model copes with a source that does anyway.
      for (const answer of [async () => undefined, async () => Promise.reject(refused)]) {
        const sources = namedSources(answer);
        const m = new JobsTreeModel({ sources, pins: memoryPins(), now: () => NOW, emitDelayMs: 0 });
        m.setAccounts([tenant()]);
        const root = await discovered(m);
        assert.equal(root.state, 'loaded');
        assert.equal(root.tenant.label, 'tenant-1');
        assert.equal(m.findJob('acc1', 'sp-zoom', 'Zoom.1')?.ref.tenantLabel, 'tenant-1');
        await m.refreshAll();
        assert.equal(sources.nameCalls.length, 1, 'a refusal is not asked again');
      }
    });

    it('sorts tenants by name once known', async () => {
      const sources = namedSources(async (accountId) => (accountId === 'acc1' ? { displayName: 'Zeta', defaultDomain: undefined } : { displayName: 'Alpha', defaultDomain: undefined }));
      const m = new JobsTreeModel({ sources, pins: memoryPins(), now: () => NOW, emitDelayMs: 0 });
      m.setAccounts([tenant('acc1', 'a-tenant'), tenant('acc2', 'b-tenant')]);
      for (const root of await m.children()) await m.children(root);
      await m.whenIdle();
      assert.deepEqual((await m.children()).map((n) => (n.kind === 'tenant' ? n.tenant.label : n.kind)), ['Alpha', 'Zeta']);
    });
  });

  it('tenantLabel: "Name (id)", or the id alone while the name is unknown', () => {
    assert.equal(tenantLabel({ tenantId: 't-1', displayName: 'Fabrikam Production' }), 'Fabrikam Production (t-1)');
    assert.equal(tenantLabel({ tenantId: 't-1' }), 't-1');
  });

  describe('fetchTenantName on the sandbox', function () {
    this.timeout(20_000);
    let sandbox: RunningSandbox;
    before(async () => {
      sandbox = await withSandbox();
    });
    after(() => sandbox.close());

    const client = (token: string) => new GraphClient({ root: sandbox.info.graph, getAccessToken: async () => token, backoffBaseMs: 10 });

    it('reads the display name and default domain through GET /organization', async () => {
      for (const token of [await appToken(sandbox), await tokenWith(sandbox, ['Synchronization.Read.All', 'Application.Read.All'], { kind: 'user' })]) {
        const name = await fetchTenantName(client(token));
        assert.equal(name?.displayName, 'Contoso (sandbox)');
        assert.equal(name?.defaultDomain, sandbox.tenant.defaultDomain);
      }
    });

    it('answers undefined and logs at debug when an app-only token may not read the organization', async () => {
      const token = await tokenWith(sandbox, ['Synchronization.Read.All', 'Application.Read.All'], { kind: 'app' });
      const logged: string[] = [];
      const logger: Logger = { trace: () => undefined, debug: (m) => logged.push(`debug ${m}`), info: (m) => logged.push(`info ${m}`), warn: (m) => logged.push(`warn ${m}`), error: (m) => logged.push(`error ${m}`) };
      assert.equal(await fetchTenantName(client(token), { logger }), undefined);
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, /^debug .*403/);
    });
  });
});
