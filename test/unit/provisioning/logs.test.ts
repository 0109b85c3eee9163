import assert from 'node:assert/strict';
import type { ProvisioningObjectSummary } from '../../../src/graph/model';
import { buildLogQuery, listJobLogs, summarizeLogEntry } from '../../../src/provisioning/logs';
import type { RunningSandbox } from '../../../src/sandbox/server';
import type { GraphClient } from '../../../src/graph/client';
import { withSandbox } from '../../support/sandbox';
import { graphFor, jobOf } from './helpers';

describe('buildLogQuery', () => {
  it('filters on the job, newest first, with Graph\'s case-sensitive values', () => {
    assert.deepEqual(buildLogQuery({ jobId: 'scim.abc.def' }), {
      $filter: "jobId eq 'scim.abc.def'",
      $top: 50,
      $orderby: 'activityDateTime desc',
    });
    const q = buildLogQuery({
      jobId: 'j',
      status: 'failure',
      action: 'create',
      user: "O'Brien",
      since: new Date('2026-11-01T00:00:00Z'),
      until: '2026-11-02T12:30:00.250Z',
      top: 5000,
    });
    assert.equal(
      q.$filter,
      "jobId eq 'j' and provisioningStatusInfo/status eq 'failure' and provisioningAction eq 'create' and " +
        "(contains(tolower(sourceIdentity/displayName), 'o''brien') or contains(tolower(targetIdentity/displayName), 'o''brien')) and " +
        'activityDateTime gt 2026-11-01T00:00:00Z and activityDateTime lt 2026-11-02T12:30:00.250Z',
    );
    assert.equal(q.$top, 1000);
  });

  it('also matches an object id exactly', () => {
    const id = '9BB0F679-A883-4A6F-8260-35B491B8B8C8';
    assert.match(buildLogQuery({ jobId: 'j', user: id }).$filter, /sourceIdentity\/id eq '9bb0f679-a883-4a6f-8260-35b491b8b8c8'/);
  });

  it('refuses a date that is not one', () => {
    assert.throws(() => buildLogQuery({ jobId: 'j', since: 'yesterday-ish' }), RangeError);
  });
});

describe('listJobLogs against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let graph: GraphClient;
  let jobId: string;
  let all: ProvisioningObjectSummary[];

  before(async () => {
    sandbox = await withSandbox();
    graph = (await graphFor(sandbox)).graph;
    jobId = jobOf(sandbox, 'Workplace from Meta').record.job.id;
    all = sandbox.tenant.provisioningLogs().filter((e) => e.jobId === jobId);
    assert.ok(all.length > 40, `seed has ${all.length} entries for the job`);
  });
  after(() => sandbox.close());

  const newestFirst = (entries: ProvisioningObjectSummary[]) =>
    entries.every((e, i) => i === 0 || entries[i - 1]!.activityDateTime >= e.activityDateTime);

  it('returns one page newest first and follows nextLink for more, without overlap', async () => {
    const first = await listJobLogs(graph, { jobId, top: 20 });
    assert.equal(first.entries.length, 20);
    assert.ok(first.entries.every((e) => e.jobId === jobId));
    assert.ok(newestFirst(first.entries));
    assert.ok(first.nextLink);
    const seen = [...first.entries];
    let next: string | undefined = first.nextLink;
    while (next) {
      const page = await listJobLogs(graph, { jobId, top: 20 }, { nextLink: next });
      seen.push(...page.entries);
      next = page.nextLink;
    }
    assert.equal(seen.length, all.length);
    assert.equal(new Set(seen.map((e) => e.id)).size, all.length);
    assert.ok(newestFirst(seen));
  });

  it('never sends the token to a host a nextLink names', async () => {
    const first = await listJobLogs(graph, { jobId, top: 5 });
    const foreign = first.nextLink!.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'https://attacker.example');
    const page = await listJobLogs(graph, { jobId, top: 5 }, { nextLink: foreign });
    assert.equal(page.entries.length, 5, 'the path and query were used against the client\'s own root');
  });

  it('filters by status, action, user and time', async () => {
    const failures = await listJobLogs(graph, { jobId, status: 'failure', top: 1000 });
    assert.equal(failures.entries.length, all.filter((e) => e.provisioningStatusInfo.status === 'failure').length);
    assert.ok(failures.entries.length > 0 && failures.entries.every((e) => e.provisioningStatusInfo.status === 'failure'));

    const disables = await listJobLogs(graph, { jobId, action: 'disable', top: 1000 });
    assert.equal(disables.entries.length, all.filter((e) => e.provisioningAction === 'disable').length);

    const someone = all.find((e) => e.provisioningStatusInfo.status === 'failure')!.sourceIdentity.displayName!;
    const fragment = someone.split(' ')[0]!.toUpperCase();
    const byUser = await listJobLogs(graph, { jobId, user: fragment, top: 1000 });
    const expected = all.filter(
      (e) => (e.sourceIdentity.displayName ?? '').toLowerCase().includes(fragment.toLowerCase()) || (e.targetIdentity.displayName ?? '').toLowerCase().includes(fragment.toLowerCase()),
    );
    assert.equal(byUser.entries.length, expected.length);
    assert.ok(byUser.entries.some((e) => e.sourceIdentity.displayName === someone));

    const times = all.map((e) => e.activityDateTime).sort();
    const since = times[Math.floor(times.length / 3)]!;
    const until = times[Math.floor((2 * times.length) / 3)]!;
    const window = await listJobLogs(graph, { jobId, since, until, top: 1000 });
    assert.equal(window.entries.length, all.filter((e) => Date.parse(e.activityDateTime) > Date.parse(since) && Date.parse(e.activityDateTime) < Date.parse(until)).length);

    const quoted = await listJobLogs(graph, { jobId, user: "d'Arcy" });
    assert.ok(Array.isArray(quoted.entries), 'a quote in the search does not break the filter');
  });
});

describe('summarizeLogEntry', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await withSandbox();
  });
  after(() => sandbox.close());
  const now = () => sandbox.tenant.now();

  it('summarises a Workplace 1789003 failure with its explanation', () => {
    const entry = sandbox.tenant.provisioningLogs().find((e) => e.provisioningStatusInfo.errorInformation?.errorCode === '1789003')!;
    const s = summarizeLogEntry(entry, now());
    assert.equal(s.label, entry.sourceIdentity.displayName);
    assert.match(s.description, /^Create · failed \(1789003\) · (\d+ min|\d+h|\d+d) ago$/);
    assert.equal(s.icon, 'error');
    assert.equal(s.color, 'errorForeground');
    assert.equal(s.explanation?.title, 'Workplace: user from an unverified domain');
    assert.match(s.tooltipMarkdown, /\*\*Create\*\* of User \*\*/);
    assert.match(s.tooltipMarkdown, /\*\*Source\*\* \(Azure Active Directory|\*\*Source\*\* \(/);
    assert.match(s.tooltipMarkdown, /UserPrincipalName `[^`]+@/);
    assert.match(s.tooltipMarkdown, /\*\*Steps\*\*\n1\. ✓ \*\*import\*\*/);
    assert.match(s.tooltipMarkdown, /✗ \*\*export\*\*/);
    assert.match(s.tooltipMarkdown, /\*\*Error\*\* `1789003`/);
    assert.match(s.tooltipMarkdown, /\*\*Workplace: user from an unverified domain\*\*/);
    assert.match(s.tooltipMarkdown, /\*\*Modified properties\*\*/);
  });

  it('offers the mapping fix for "Missing Email field"', () => {
    const entry = sandbox.tenant.provisioningLogs().find((e) => /Missing Email field/.test(e.provisioningStatusInfo.errorInformation?.reason ?? ''))!;
    const s = summarizeLogEntry(entry, now());
    assert.equal(s.explanation?.fixAction, 'editMapping');
    assert.ok(s.tooltipMarkdown.includes('Coalesce(\\[mail\\],\\[userPrincipalName\\])'));
  });

  it('shows successes and skips with their own icons', () => {
    const logs = sandbox.tenant.provisioningLogs();
    const ok = summarizeLogEntry(logs.find((e) => e.provisioningStatusInfo.status === 'success')!, now());
    assert.equal(ok.icon, 'pass');
    assert.equal(ok.explanation, undefined);
    const skipped = summarizeLogEntry(logs.find((e) => e.provisioningStatusInfo.status === 'skipped')!, now());
    assert.equal(skipped.icon, 'circle-slash');
    assert.match(skipped.description, /^Other · skipped · /);
    assert.equal(skipped.explanation?.code, 'EntrySynchronizationSkipped');
  });
});
