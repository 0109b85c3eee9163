// The tree model fed by the real Graph client, discovery and log paging against an in-process sandbox: the large
// seed (200 provisioning apps among 5,000 service principals) pages with "Load more", streams apps while discovery
// runs, and a throttled discovery still ends complete.
import assert from 'node:assert/strict';
import { GraphClient } from '../../../../src/graph/client';
import type { RunningSandbox } from '../../../../src/sandbox/server';
import { JobsTreeModel } from '../../../../src/provisioning/tree/jobsTreeModel';
import type { TreeNode } from '../../../../src/provisioning/tree/nodes';
import { graphTreeSources } from '../../../../src/provisioning/tree/graphSources';
import { appToken, clearFaults, injectFault, withSandbox } from '../../../support/sandbox';
import { memoryPins, tenant } from './fixtures';

describe('JobsTreeModel on the sandbox (large seed)', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let graph: GraphClient;

  before(async () => {
    sandbox = await withSandbox({ seed: 'large' });
    const token = await appToken(sandbox);
    graph = new GraphClient({ root: sandbox.info.graph, getAccessToken: async () => token, backoffBaseMs: 10 });
  });
  after(() => sandbox.close());
  afterEach(() => clearFaults(sandbox));

  function model(): JobsTreeModel {
    const accounts = { listAccounts: () => [], onDidChangeAccounts: () => ({ dispose() {} }), graph: () => graph };
    const m = new JobsTreeModel({ sources: graphTreeSources(accounts), pins: memoryPins(), emitDelayMs: 0 });
    m.setAccounts([tenant('acc', sandbox.info.tenantId)]);
    return m;
  }

  it('shows the first 50 apps and a "Load more" row for the rest, apps arriving before discovery ends', async () => {
    const m = model();
    const [root] = await m.children();
    let rowsWhileLoading = 0;
    m.onDidChange(async (node) => {
      if (node === root && node.kind === 'tenant' && node.state === 'loading') rowsWhileLoading = Math.max(rowsWhileLoading, (await m.children(root)).length);
    });
    await m.children(root!);
    await m.whenIdle();
    assert.ok(rowsWhileLoading > 1, 'apps were listed while discovery was still running');
    const rows = await m.children(root!);
    const apps = rows.filter((r) => r.kind === 'app');
    assert.equal(apps.length, 50);
    const more = rows.at(-1) as TreeNode & { kind: 'loadMore' };
    assert.equal(more.kind, 'loadMore');
    const total = 50 + (more.remaining ?? 0);
    assert.ok(total >= 200, `found ${total} provisioning apps`);
    await m.showMore(more);
    assert.equal((await m.children(root!)).filter((r) => r.kind === 'app').length, 100);
  });

  it('ends complete after a 429 storm on the listing and the batches', async () => {
    await injectFault(sandbox, { kind: 'throttle', path: '^/servicePrincipals$', count: 2, retryAfter: 0 });
    await injectFault(sandbox, { kind: 'throttle', path: '^/\\$batch$', count: 10, retryAfter: 0 });
    const m = model();
    const [root] = await m.children();
    await m.children(root!);
    await m.whenIdle();
    const rows = await m.children(root!);
    assert.equal(rows.some((r) => r.kind === 'error' || r.kind === 'message'), false);
    assert.equal(root!.kind === 'tenant' && root!.state, 'loaded');
    assert.ok(m.problems().quarantined + m.problems().failing > 0);
  });
});
