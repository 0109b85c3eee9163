import assert from 'node:assert/strict';
import { GraphError } from '../../../../src/graph/errors';
import type { AttributeMappingSource } from '../../../../src/graph/model';
import { SignInError } from '../../../../src/auth/signInError';
import { compareApps, describeFilter, isFilterActive, matchesFilter } from '../../../../src/provisioning/tree/appFilter';
import { MIN_AUTO_REFRESH_SECONDS, autoRefreshDelayMs, isStale } from '../../../../src/provisioning/tree/autoRefreshPolicy';
import { describeLogFilter } from '../../../../src/provisioning/tree/jobsTreeModel';
import { describeActionError, describeLoadError } from '../../../../src/provisioning/tree/loadErrors';
import { PageLimits, pageOf } from '../../../../src/provisioning/tree/paging';
import { describeMappingSource } from '../../../../src/provisioning/tree/schemaNodes';

describe('jobs tree parts', () => {
  describe('app filter', () => {
    const slack = { name: 'Slack (Sandbox workspace)', templateIds: ['Slack'], health: ['active' as const] };
    const workplace = { name: 'Workplace from Meta', templateIds: ['FacebookAtWorkOutDelta'], health: ['failing' as const] };

    it('matches name, template id and state words, case-insensitively', () => {
      assert.equal(matchesFilter(slack, { text: 'SANDBOX' }), true);
      assert.equal(matchesFilter(workplace, { text: 'facebookatwork' }), true);
      assert.equal(matchesFilter(workplace, { text: 'failing' }), true);
      assert.equal(matchesFilter(workplace, { text: 'error' }), true);
      assert.equal(matchesFilter(slack, { text: 'running' }), true);
      assert.equal(matchesFilter(slack, { text: 'quarantine' }), false);
      assert.equal(matchesFilter(slack, { text: '   ' }), true);
    });

    it('keeps only quarantined or failing apps for "problems only"', () => {
      assert.equal(matchesFilter(slack, { problemsOnly: true }), false);
      assert.equal(matchesFilter(workplace, { problemsOnly: true }), true);
      assert.equal(matchesFilter(workplace, { problemsOnly: true, text: 'zoom' }), false);
    });

    it('describes itself for the view and knows when it is off', () => {
      assert.equal(describeFilter({}), '');
      assert.equal(isFilterActive({ text: ' ' }), false);
      assert.equal(describeFilter({ problemsOnly: true, text: 'slack' }), 'Filter: problems only · “slack”');
    });

    it('sorts pinned apps first, then by name without case', () => {
      const apps = [
        { name: 'zoom', id: '1', pinned: false },
        { name: 'Benefits', id: '2', pinned: false },
        { name: 'Slack', id: '3', pinned: true },
      ];
      assert.deepEqual([...apps].sort(compareApps).map((a) => a.name), ['Slack', 'Benefits', 'zoom']);
    });
  });

  describe('paging', () => {
    it('shows a page and counts the rest', () => {
      assert.deepEqual(pageOf([1, 2, 3, 4, 5], 2), { shown: [1, 2], remaining: 3 });
      assert.deepEqual(pageOf([1], 50), { shown: [1], remaining: 0 });
    });

    it('raises one level\'s limit per "Load more" and resets a subtree', () => {
      const limits = new PageLimits(10);
      limits.showMore('tenant/a');
      limits.showMore('tenant/a/app/x/job/j/logs');
      assert.equal(limits.limitOf('tenant/a'), 20);
      assert.equal(limits.limitOf('tenant/b'), 10);
      limits.reset('tenant/a/app/x');
      assert.equal(limits.limitOf('tenant/a/app/x/job/j/logs'), 10);
      assert.equal(limits.limitOf('tenant/a'), 20);
    });
  });

  describe('mapping sources as the portal prints them', () => {
    const attribute = (name: string): AttributeMappingSource => ({ expression: null, name, parameters: [], type: 'Attribute' });
    it('uses the expression when Graph gives one, else rebuilds it from the tree', () => {
      assert.equal(describeMappingSource({ expression: 'Coalesce([mail], [userPrincipalName])', name: 'Coalesce', parameters: [], type: 'Function' }), 'Coalesce([mail], [userPrincipalName])');
      assert.equal(describeMappingSource(attribute('mail')), '[mail]');
      assert.equal(describeMappingSource({ expression: null, name: 'True', parameters: [], type: 'Constant' }), '"True"');
      assert.equal(
        describeMappingSource({
          expression: null,
          name: 'Coalesce',
          type: 'Function',
          parameters: [
            { key: 'source', value: attribute('mail') },
            { key: 'source', value: attribute('userPrincipalName') },
          ],
        }),
        'Coalesce([mail], [userPrincipalName])',
      );
      assert.equal(describeMappingSource(null), '(no source)');
    });
  });

  describe('error rows', () => {
    const graphError = (status: number | undefined, kind: 'http' | 'network' | 'timeout' = 'http') =>
      new GraphError('Graph said no.', { kind, method: 'GET', path: '/v1.0/servicePrincipals', ...(status ? { status, code: `Code${status}` } : {}), requestId: 'rid-1', clientRequestId: 'crid-1' });

    it('says what happened and what to do for each kind of failure', () => {
      assert.match(describeLoadError(graphError(undefined, 'network'), 'apps').label, /unreachable \(offline\?\)/);
      assert.match(describeLoadError(graphError(undefined, 'timeout'), 'apps').label, /did not answer in time/);
      assert.match(describeLoadError(graphError(404), 'schema').label, /^Could not read the schema: not found/);
      assert.match(describeLoadError(graphError(429), 'logs').label, /throttling/);
      assert.match(describeLoadError(graphError(503), 'jobs').label, /HTTP 503/);
      const expired = describeLoadError(graphError(401), 'apps');
      assert.equal(expired.needsSignIn, true);
      assert.match(expired.tooltipMarkdown, /Sign in/);
    });

    it('names the missing permission and who grants it on a 403', () => {
      const text = describeLoadError(graphError(403), 'apps', { kind: 'app', clientId: 'client-9' });
      assert.match(text.label, /permission denied/);
      const tooltip = text.tooltipMarkdown.replace(/\\/g, '');
      assert.match(tooltip, /Application.Read.All/);
      assert.match(tooltip, /client-9/);
      assert.match(tooltip, /rid-1/);
      assert.match(tooltip, /crid-1/);
    });

    it('passes sign-in errors through in the sign-in side\'s words', () => {
      const text = describeLoadError(new SignInError('signInRequired', 'Your session expired.'), 'apps');
      assert.equal(text.needsSignIn, true);
      assert.match(text.label, /Your session expired/);
    });

    it('words a failed action as one line with the request id', () => {
      const message = describeActionError(graphError(403), 'Starting provisioning for Zoom failed', { kind: 'app', clientId: 'c' });
      assert.match(message, /^Starting provisioning for Zoom failed: permission denied\./);
      assert.match(message, /\(request-id rid-1\)$/);
      const invalid = new GraphError('Please provide a valid tenant URL.', { kind: 'http', method: 'POST', path: '/x', status: 400, code: 'BadRequest' });
      assert.equal(describeActionError(invalid, 'Saving failed'), 'Saving failed: Please provide a valid tenant URL.');
    });
  });

  describe('auto-refresh policy', () => {
    it('is off at 0 and never faster than the minimum', () => {
      assert.equal(autoRefreshDelayMs(0), undefined);
      assert.equal(autoRefreshDelayMs(-5), undefined);
      assert.equal(autoRefreshDelayMs('300'), undefined);
      assert.equal(autoRefreshDelayMs(5), MIN_AUTO_REFRESH_SECONDS * 1000);
      assert.equal(autoRefreshDelayMs(300), 300_000);
    });

    it('refreshes on becoming visible only when the data is older than one interval', () => {
      assert.equal(isStale(0, 299_999, 300_000), false);
      assert.equal(isStale(0, 300_000, 300_000), true);
      assert.equal(isStale(0, 1e9, undefined), false);
    });
  });

  it('describes a log filter for the logs row', () => {
    assert.equal(describeLogFilter({}), undefined);
    assert.equal(
      describeLogFilter({ status: 'failure', action: 'create', user: ' jane ', since: '2026-11-03T14:05:00Z' }),
      'failure · create · “jane” · since 2026-11-03 14:05 UTC',
    );
  });
});
