import assert from 'node:assert/strict';
import { GraphError } from '../../../../src/graph/errors';
import { JobsTreeModel } from '../../../../src/provisioning/tree/jobsTreeModel';
import type { AppNode, JobNode, TreeNode } from '../../../../src/provisioning/tree/nodes';
import { NOW, app, fakeSources, job, logEntry, memoryPins, tenant, type FakeSources } from './fixtures';

function model(sources: FakeSources, options: { pageSize?: number; pins?: ReturnType<typeof memoryPins> } = {}): JobsTreeModel {
  return new JobsTreeModel({ sources, pins: options.pins ?? memoryPins(), now: () => NOW, emitDelayMs: 0, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
}

function labels(nodes: TreeNode[]): string[] {
  return nodes.map((n) => {
    switch (n.kind) {
      case 'app':
        return n.app.appName;
      case 'job':
        return `${n.job.templateId}:${n.health}`;
      case 'tenant':
        return n.tenant.label;
      case 'message':
      case 'error':
        return `${n.kind}:${n.label}`;
      case 'loadMore':
        return `more:${n.remaining ?? '?'}`;
      case 'logEntry':
        return n.entry.id;
      case 'figure':
        return n.label;
      default:
        return n.kind;
    }
  });
}

async function loadedTenant(m: JobsTreeModel): Promise<TreeNode> {
  const [root] = await m.children();
  assert.ok(root);
  await m.children(root); // starts discovery
  await m.whenIdle();
  return root;
}

describe('JobsTreeModel', () => {
  let sources: FakeSources;
  beforeEach(() => {
    sources = fakeSources();
    sources.tenants.set('acc1', {
      apps: [
        app('sp-zoom', 'Zoom', job('Zoom.1', 'paused', 'Zoom')),
        app('sp-slack', 'Slack', job('Slack.1', 'quarantine', 'Slack')),
        app('sp-hr', 'Contoso HR', job('scim.1', 'active'), job('scim.2', 'failing')),
      ],
    });
  });

  it('has no rows without accounts (the view shows its welcome content)', async () => {
    assert.deepEqual(await model(sources).children(), []);
  });

  it('lists one tenant per account and its apps by name once discovery ran', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    assert.equal(root.kind, 'tenant');
    assert.deepEqual(labels(await m.children(root)), ['Contoso HR', 'Slack', 'Zoom']);
    assert.equal(root.kind === 'tenant' && root.state, 'loaded');
    assert.equal(root.kind === 'tenant' && root.problemCount, 2);
  });

  it('shows apps while discovery is still running, with a progress text on the tenant', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    sources.tenants.get('acc1')!.gate = gate;
    const m = model(sources);
    m.setAccounts([tenant()]);
    const [root] = await m.children();
    const changes: (TreeNode | undefined)[] = [];
    m.onDidChange((n) => changes.push(n));
    const busy: boolean[] = [];
    m.onDidChangeBusy((b) => busy.push(b));
    await m.children(root!);
    await new Promise((r) => setImmediate(r));
    assert.equal(root!.kind === 'tenant' && root!.state, 'loading');
    assert.match(root!.kind === 'tenant' ? root!.progress ?? '' : '', /scanning 3 of 3 apps/);
    assert.deepEqual(labels(await m.children(root!)), ['Contoso HR', 'Slack', 'Zoom']);
    assert.ok(changes.includes(root), 'the tenant row was refreshed while apps streamed in');
    release();
    await m.whenIdle();
    assert.deepEqual(busy, [true, false]);
    assert.equal(root!.kind === 'tenant' && root!.progress, undefined);
  });

  it('orders pinned apps first and remembers pins per tenant', async () => {
    const pins = memoryPins();
    const m = model(sources, { pins });
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    const zoom = (await m.children(root)).find((n): n is AppNode => n.kind === 'app' && n.app.appName === 'Zoom')!;
    await m.setPinned(zoom.app, true);
    assert.deepEqual(pins.saved.get('tenant-1'), ['sp-zoom']);
    const rows = await m.children(root);
    assert.deepEqual(labels(rows), ['Zoom', 'Contoso HR', 'Slack']);
    assert.equal((rows[0] as AppNode).pinned, true);
    await m.setPinned(zoom.app, false);
    assert.deepEqual(labels(await m.children(root)), ['Contoso HR', 'Slack', 'Zoom']);
  });

  it('filters apps by name, by state and to problems only, and says when nothing matches', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    m.setFilter({ text: 'zo' });
    assert.deepEqual(labels(await m.children(root)), ['Zoom']);
    m.setFilter({ text: 'quarantine' });
    assert.deepEqual(labels(await m.children(root)), ['Slack']);
    m.setFilter({ problemsOnly: true });
    assert.deepEqual(labels(await m.children(root)), ['Contoso HR', 'Slack']);
    m.setFilter({ text: 'nothing like this' });
    assert.deepEqual(labels(await m.children(root)), ['message:No apps match the filter']);
    m.setFilter({});
    assert.equal((await m.children(root)).length, 3);
  });

  it('pages long levels with a "Load more" row that reveals the next page', async () => {
    sources.tenants.set('acc1', { apps: Array.from({ length: 7 }, (_, i) => app(`sp-${i}`, `App ${i}`, job(`j${i}`, 'active'))) });
    const m = model(sources, { pageSize: 3 });
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    const first = await m.children(root);
    assert.deepEqual(labels(first), ['App 0', 'App 1', 'App 2', 'more:4']);
    await m.showMore(first[3]!);
    assert.deepEqual(labels(await m.children(root)), ['App 0', 'App 1', 'App 2', 'App 3', 'App 4', 'App 5', 'more:1']);
  });

  it('gives each job its presentation, and Status / Schema / Recent provisioning logs children', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    const hr = (await m.children(root))[0]!;
    const jobs = (await m.children(hr)) as JobNode[];
    assert.deepEqual(labels(jobs), ['scim:active', 'scim:failing']);
    assert.equal(jobs[0]!.job.appName, 'Contoso HR');
    assert.equal(jobs[0]!.job.tenantLabel, 'tenant-1');
    assert.equal(hr.kind === 'app' && hr.worst?.health, 'failing');
    const details = await m.children(jobs[0]!);
    assert.deepEqual(details.map((d) => d.kind), ['status', 'schema', 'logs']);
    const figures = await m.children(details[0]!);
    assert.ok(labels(figures).includes('State'));
    assert.equal(m.parent(figures[0]!), details[0]);
    assert.equal(m.parent(details[0]!), jobs[0]);
    assert.equal(m.parent(jobs[0]!), hr);
    assert.equal(m.parent(hr), root);
  });

  it('returns the same object for the same row, so VS Code can refresh it in place', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    const a = await m.children(root);
    const b = await m.children(root);
    a.forEach((node, i) => assert.equal(node, b[i]));
    assert.equal((await m.children())[0], root);
  });

  it('turns a failed discovery into an error row; retrying it runs discovery again', async () => {
    sources.tenants.set('acc1', {
      apps: [],
      error: new GraphError('Insufficient privileges to complete the operation.', {
        kind: 'http',
        method: 'GET',
        path: '/v1.0/servicePrincipals',
        status: 403,
        code: 'Authorization_RequestDenied',
        requestId: 'req-1',
      }),
    });
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    const rows = await m.children(root);
    assert.equal(rows.length, 1);
    const error = rows[0]!;
    assert.equal(error.kind, 'error');
    assert.match(error.kind === 'error' ? error.label : '', /permission denied/);
    assert.match(error.kind === 'error' ? error.tooltipMarkdown : '', /Application\\?\.Read\\?\.All/);
    assert.match(error.kind === 'error' ? error.tooltipMarkdown : '', /req-1/);

    sources.tenants.set('acc1', { apps: [app('sp-zoom', 'Zoom', job('Zoom.1', 'paused', 'Zoom'))] });
    await m.refresh(error);
    await m.whenIdle();
    assert.deepEqual(labels(await m.children(root)), ['Zoom']);
    assert.equal(sources.calls.filter((c) => c === 'discover acc1').length, 2);
  });

  it('keeps what it found when discovery is cancelled, and offers to look again', async () => {
    let release!: () => void;
    sources.tenants.get('acc1')!.gate = new Promise<void>((resolve) => (release = resolve));
    const m = model(sources);
    m.setAccounts([tenant()]);
    const [root] = await m.children();
    await m.children(root!);
    m.cancelDiscovery('acc1');
    release();
    await m.whenIdle();
    const rows = await m.children(root!);
    assert.deepEqual(labels(rows).slice(0, 3), ['Contoso HR', 'Slack', 'Zoom']);
    assert.match(labels(rows)[3]!, /^error:.*cancelled/);
  });

  it('keeps the apps on screen during a refresh and drops the ones that lost their jobs', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    sources.tenants.set('acc1', { apps: [app('sp-slack', 'Slack', job('Slack.1', 'active', 'Slack'))] });
    await m.refreshAll();
    assert.deepEqual(labels(await m.children(root)), ['Slack']);
    assert.equal(m.problems().quarantined, 0);
  });

  it('keeps apps whose jobs could not be read and says how many were skipped', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    sources.tenants.set('acc1', {
      apps: [app('sp-slack', 'Slack', job('Slack.1', 'quarantine', 'Slack'))],
      skipped: [{ servicePrincipalId: 'sp-zoom', error: new Error('500') }],
    });
    await m.refreshAll();
    assert.deepEqual(labels(await m.children(root)), ['Slack', 'Zoom', 'message:1 app could not be read — refresh to try again']);
  });

  it('counts quarantined and failing jobs across tenants', async () => {
    sources.tenants.set('acc2', { apps: [app('sp-x', 'X', job('x.1', 'quarantine'))] });
    const m = model(sources);
    m.setAccounts([tenant(), tenant('acc2', 'tenant-2')]);
    for (const root of await m.children()) await m.children(root);
    await m.whenIdle();
    assert.deepEqual(m.problems(), { quarantined: 2, failing: 1, tenants: 2 });
  });

  it('loads the schema lazily as rules → object mappings → attribute mappings, and shows its errors with retry', async () => {
    sources.schemas.set('scim.1', {
      directories: [],
      synchronizationRules: [
        {
          id: 'rule-1',
          name: 'USER_OUTBOUND_USER',
          editable: true,
          priority: 1,
          sourceDirectoryName: 'Azure Active Directory',
          targetDirectoryName: 'customappsso',
          metadata: [],
          objectMappings: [
            {
              name: 'Provision Microsoft Entra ID Users',
              enabled: true,
              flowTypes: 'Add, Update, Delete',
              metadata: [],
              scope: null,
              sourceObjectName: 'User',
              targetObjectName: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
              attributeMappings: [
                {
                  defaultValue: null,
                  exportMissingReferences: false,
                  flowBehavior: 'FlowWhenChanged',
                  flowType: 'Always',
                  matchingPriority: 1,
                  source: { expression: '[userPrincipalName]', name: 'userPrincipalName', parameters: [], type: 'Attribute' },
                  targetAttributeName: 'userName',
                },
              ],
            },
          ],
        },
      ],
    });
    sources.schemas.set('scim.2', new GraphError('Not found', { kind: 'http', method: 'GET', path: '/x', status: 404 }));
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    const [hr] = await m.children(root);
    const [active, failing] = await m.children(hr!);
    const schema = (await m.children(active!))[1]!;
    assert.equal(sources.calls.some((c) => c.startsWith('getSchema')), false, 'nothing loaded before the Schema row is expanded');
    const [rule] = await m.children(schema);
    assert.equal(rule?.kind === 'rule' && rule.label, 'USER_OUTBOUND_USER');
    const [object] = await m.children(rule!);
    assert.equal(object?.kind === 'objectMapping' && object.label, 'Provision Microsoft Entra ID Users');
    const [attribute] = await m.children(object!);
    assert.equal(attribute?.kind === 'attributeMapping' && attribute.label, 'userName');
    assert.equal(attribute?.kind === 'attributeMapping' && attribute.description, '← [userPrincipalName] · matching #1');
    await m.children(schema);
    assert.equal(sources.calls.filter((c) => c.startsWith('getSchema scim.1') || c === 'getSchema sp-hr scim.1').length, 1, 'cached');

    const broken = (await m.children(failing!))[1]!;
    const [error] = await m.children(broken);
    assert.equal(error?.kind, 'error');
    assert.match(error?.kind === 'error' ? error.label : '', /Could not read the schema: not found/);
  });

  it('lists logs newest first, pages through "Load more", and reloads with a filter', async () => {
    sources.logPages.set('scim.1', [
      [logEntry('a', 30), logEntry('b', 5, 'failure'), logEntry('c', 10)],
      [logEntry('d', 60)],
    ]);
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    const [hr] = await m.children(root);
    const [active] = (await m.children(hr!)) as JobNode[];
    const logs = (await m.children(active!))[2]!;
    const rows = await m.children(logs);
    assert.deepEqual(labels(rows), ['b', 'c', 'a', 'more:?']);
    const first = rows[0]!;
    assert.equal(first.kind === 'logEntry' && first.summary.label, 'User b');
    await m.showMore(rows[3]!);
    assert.deepEqual(labels(await m.children(logs)), ['b', 'c', 'a', 'd']);

    m.setLogFilter(active!.job, { status: 'failure' });
    const filteredLogs = m.logsNode(active!);
    assert.equal(filteredLogs, logs);
    assert.equal(filteredLogs.filterDescription, 'failure');
    await m.children(logs);
    assert.deepEqual(sources.lastLogFilter, { status: 'failure' });
  });

  it('replaces a job after an action and re-reads an app on refresh', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    const root = await loadedTenant(m);
    m.updateJob({ accountId: 'acc1', servicePrincipalId: 'sp-zoom' }, job('Zoom.1', 'active', 'Zoom'));
    const zoom = (await m.children(root)).find((n) => n.kind === 'app' && n.app.appName === 'Zoom')!;
    assert.deepEqual(labels(await m.children(zoom)), ['Zoom:active']);
    assert.equal(m.findJob('acc1', 'sp-zoom', 'Zoom.1')?.ref.appName, 'Zoom');

    sources.jobs.set('sp-zoom', new GraphError('Too many requests.', { kind: 'http', method: 'GET', path: '/x', status: 429 }));
    await m.refresh(zoom);
    assert.deepEqual(labels(await m.children(zoom)), ['Zoom:active', 'error:Could not read the provisioning jobs: Microsoft Graph is throttling requests']);
    sources.jobs.set('sp-zoom', [job('Zoom.1', 'paused', 'Zoom')]);
    await m.refresh(zoom);
    assert.deepEqual(labels(await m.children(zoom)), ['Zoom:paused']);
  });

  it('forgets a tenant when its account signs out', async () => {
    const m = model(sources);
    m.setAccounts([tenant(), tenant('acc2', 'tenant-2')]);
    assert.equal((await m.children()).length, 2);
    m.setAccounts([tenant('acc2', 'tenant-2')]);
    assert.deepEqual(labels(await m.children()), ['tenant-2']);
  });

  it('builds the path to a job for reveal even before its rows were shown', async () => {
    const m = model(sources);
    m.setAccounts([tenant()]);
    await m.ensureDiscovered('acc1');
    const node = m.jobNode({ accountId: 'acc1', servicePrincipalId: 'sp-slack', jobId: 'Slack.1' });
    assert.equal(node?.health, 'quarantine');
    assert.equal(m.parent(m.parent(node!)!)?.kind, 'tenant');
  });
});
