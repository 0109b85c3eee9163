import assert from 'node:assert/strict';
import { GraphError } from '../../../src/graph/errors';
import { SynchronizationApi } from '../../../src/graph/synchronization';
import {
  WORKPLACE_TENANT_URL,
  isMaskedValue,
  isWorkplaceTemplate,
  mergeSecrets,
  notificationEmailProblem,
  notificationSettings,
  parseNotificationSettings,
  parseSyncAll,
  secretValue,
  syncAllValue,
  syncScopeChangeNote,
  validationRequest,
  workplaceTenantUrlWarning,
} from '../../../src/provisioning/credentials';
import type { RunningSandbox } from '../../../src/sandbox/server';
import { withSandbox } from '../../support/sandbox';
import { graphFor, jobOf } from './helpers';

describe('workplaceTenantUrlWarning', () => {
  it('is silent for the exact Workplace URL and for other apps', () => {
    assert.equal(workplaceTenantUrlWarning('FacebookWorkplace', WORKPLACE_TENANT_URL), undefined);
    assert.equal(workplaceTenantUrlWarning('FacebookAtWorkOutDelta', 'https://scim.workplace.com/'), undefined);
    assert.equal(workplaceTenantUrlWarning('scim', 'https://anything.example/'), undefined);
  });

  it('warns for a Workplace job whose URL is anything else', () => {
    for (const url of ['https://scim.workplace.com', 'http://scim.workplace.com/', 'https://SCIM.workplace.com/', ' https://scim.workplace.com/', 'https://www.workplace.com/scim/']) {
      const warning = workplaceTenantUrlWarning('FacebookWorkplace', url);
      assert.ok(warning, url);
      assert.match(warning, /only accepts the Tenant URL https:\/\/scim\.workplace\.com\/ exactly/);
    }
    assert.match(workplaceTenantUrlWarning('FacebookWorkplace', 'https://scim.workplace.com')!, /close but not the same/);
    assert.match(workplaceTenantUrlWarning('FacebookAtWorkOutDelta', '')!, /needs the Tenant URL/);
    assert.ok(workplaceTenantUrlWarning('FacebookAtWorkOutDelta.a8227245983b0eb.887e2bc10b36717', 'https://example.com/'), 'a job id counts too');
  });

  it('knows both Workplace templates', () => {
    assert.equal(isWorkplaceTemplate('FacebookWorkplace'), true);
    assert.equal(isWorkplaceTemplate('facebookatworkoutdelta'), true);
    assert.equal(isWorkplaceTemplate('FacebookWorkplaceX'), false);
  });
});

describe('mergeSecrets', () => {
  const existing = [
    { key: 'BaseAddress', value: 'https://old.example/scim/' },
    { key: 'SecretToken', value: '*****' },
    { key: 'SyncNotificationSettings', value: '{"Enabled":false,"DeleteThresholdEnabled":true}' },
    { key: 'SyncAll', value: 'false' },
  ];

  it('changes, adds and removes keys and sends untouched ones back as they came, masks included', () => {
    const merged = mergeSecrets(existing, { baseaddress: 'https://new.example/scim/', SyncAll: null, SkipOutOfScopeDeletions: 'True', SecretToken: undefined });
    assert.deepEqual(merged, [
      { key: 'BaseAddress', value: 'https://new.example/scim/' },
      { key: 'SecretToken', value: '*****' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":false,"DeleteThresholdEnabled":true}' },
      { key: 'SkipOutOfScopeDeletions', value: 'True' },
    ]);
  });

  it('never accepts a mask as a new credential', () => {
    assert.throws(() => mergeSecrets(existing, { Password: '*****' }), /masked placeholder/);
    assert.throws(() => mergeSecrets(existing, { BaseAddress: '****' }), /masked placeholder/);
    assert.deepEqual(mergeSecrets(existing, { SecretToken: '*****' }), existing, 'the value GET returned is no change');
    assert.equal(isMaskedValue('*****'), true);
    assert.equal(isMaskedValue('a*b'), false);
  });

  it('decides what Test Connection can send', () => {
    assert.deepEqual(validationRequest(existing, {}), { useSavedCredentials: true });
    assert.equal(validationRequest(existing, { BaseAddress: 'https://new.example/' }), undefined, 'the saved token is unknown');
    const request = validationRequest(existing, { BaseAddress: 'https://new.example/', SecretToken: 'real-token' });
    assert.equal(request?.useSavedCredentials, false);
    assert.equal(secretValue(request!.credentials!, 'secrettoken'), 'real-token');
  });
});

describe('notification settings and scope', () => {
  it('writes SyncNotificationSettings and reads it back', () => {
    const json = notificationSettings(' admin@contoso.example ', true);
    assert.equal(json, '{"Enabled":true,"Recipients":"admin@contoso.example"}');
    assert.deepEqual(parseNotificationSettings(json), { enabled: true, recipients: 'admin@contoso.example' });
  });

  it('keeps the fields it does not own, such as DeleteThresholdEnabled', () => {
    const json = notificationSettings('ops@contoso.example', false, '{"Enabled":true,"DeleteThresholdEnabled":true,"HumanResourcesLookaheadQueryEnabled":false}');
    assert.deepEqual(JSON.parse(json), { Enabled: false, Recipients: 'ops@contoso.example', DeleteThresholdEnabled: true, HumanResourcesLookaheadQueryEnabled: false });
    assert.deepEqual(parseNotificationSettings(json), { enabled: false, recipients: 'ops@contoso.example', deleteThresholdEnabled: true });
    assert.equal(parseNotificationSettings('not json'), undefined);
    assert.deepEqual(parseNotificationSettings('{"Enabled":"True"}'), { enabled: true, recipients: '' });
  });

  it('checks the email', () => {
    assert.equal(notificationEmailProblem('a@b.example', true), undefined);
    assert.equal(notificationEmailProblem('a@b.example; c@d.example', true), undefined);
    assert.match(notificationEmailProblem('', true)!, /Enter the email address/);
    assert.equal(notificationEmailProblem('', false), undefined);
    assert.match(notificationEmailProblem('not-an-address', false)!, /is not an email address/);
  });

  it('maps the scope to SyncAll and back', () => {
    assert.equal(syncAllValue('all'), 'true');
    assert.equal(syncAllValue('assigned'), 'false');
    assert.equal(parseSyncAll('True'), 'all');
    assert.equal(parseSyncAll('false'), 'assigned');
    assert.equal(parseSyncAll(undefined), 'assigned');
    assert.match(syncScopeChangeNote('all', 'assigned')!, /restart/);
    assert.equal(syncScopeChangeNote('assigned', 'all'), undefined);
  });
});

describe('credentials round trip against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let api: SynchronizationApi;
  beforeEach(async () => {
    sandbox = await withSandbox();
    api = new SynchronizationApi((await graphFor(sandbox)).graph);
  });
  afterEach(() => sandbox.close());

  it('GET → merge → PUT changes the Tenant URL and notification settings and keeps the stored token', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso HR SCIM (custom)');
    const storedToken = secretValue(sandbox.tenant.secrets(sp), 'SecretToken');
    const current = await api.getSecrets(sp.resource.id);
    assert.equal(isMaskedValue(secretValue(current, 'SecretToken')), true);
    const merged = mergeSecrets(current, {
      // Another Tenant URL that reaches the sandbox SCIM target (the only one a connection test can reach).
      BaseAddress: sandbox.scim.url.replace('127.0.0.1', 'localhost'),
      SyncNotificationSettings: notificationSettings('hr-ops@contoso.example', true, secretValue(current, 'SyncNotificationSettings')),
      SyncAll: syncAllValue('all'),
    });
    await api.putSecrets(sp.resource.id, merged);
    const saved = sandbox.tenant.secrets(sp);
    assert.equal(secretValue(saved, 'BaseAddress'), sandbox.scim.url.replace('127.0.0.1', 'localhost'));
    assert.equal(secretValue(saved, 'SecretToken'), storedToken);
    assert.deepEqual(parseNotificationSettings(secretValue(saved, 'SyncNotificationSettings')), {
      enabled: true,
      recipients: 'hr-ops@contoso.example',
      deleteThresholdEnabled: true,
    });
    assert.equal(parseSyncAll(secretValue(saved, 'SyncAll')), 'all');
    await api.validateCredentials(sp.resource.id, record.job.id, { useSavedCredentials: true });
  });

  it('tests unsaved credentials when every value is known', async () => {
    const { sp, record } = jobOf(sandbox, 'Contoso HR SCIM (custom)');
    const current = await api.getSecrets(sp.resource.id);
    const good = validationRequest(current, { BaseAddress: sandbox.scim.url, SecretToken: sandbox.scim.token })!;
    await api.validateCredentials(sp.resource.id, record.job.id, good);
    const bad = validationRequest(current, { BaseAddress: 'nope', SecretToken: 'new-token' })!;
    const error = await api.validateCredentials(sp.resource.id, record.job.id, bad).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError && error.status === 400);
  });
});
