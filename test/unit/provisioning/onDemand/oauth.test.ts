import assert from 'node:assert/strict';
import type { SynchronizationJob } from '../../../../src/graph/model';
import { isOAuthTemplate, onDemandBlocker } from '../../../../src/provisioning/onDemand';

function job(templateId: string, state: 'Active' | 'Paused' | 'Disabled', code = state === 'Active' ? 'Active' : state === 'Paused' ? 'Paused' : 'NotConfigured') {
  return { templateId, schedule: { state, interval: 'PT40M', expiration: null }, status: { code } } as unknown as SynchronizationJob;
}

describe('on-demand provisioning and OAuth apps', () => {
  it('knows OAuth apps from the template metadata (IsOAuthEnabled, any case) or Workplace\'s template ids', () => {
    assert.equal(isOAuthTemplate('Slack', [{ key: 'IsOAuthEnabled', value: 'true' }]), true);
    assert.equal(isOAuthTemplate('scim', [{ key: 'isOAuthEnabled', value: 'False' }]), false);
    assert.equal(isOAuthTemplate('FacebookWorkplace'), true);
    assert.equal(isOAuthTemplate('FacebookAtWorkOutDelta', []), true);
    assert.equal(isOAuthTemplate('scim'), false);
  });

  it('blocks a running OAuth job and says to pause it; paused or never-started jobs and non-OAuth apps pass', () => {
    const blocker = onDemandBlocker(job('FacebookWorkplace', 'Active'));
    assert.equal(blocker?.fix, 'pause');
    assert.match(blocker!.message, /pause the provisioning job first/);
    assert.equal(onDemandBlocker(job('FacebookWorkplace', 'Paused')), undefined);
    assert.equal(onDemandBlocker(job('FacebookWorkplace', 'Disabled')), undefined);
    assert.equal(onDemandBlocker(job('scim', 'Active')), undefined);
    assert.equal(onDemandBlocker(job('Slack', 'Active'), [{ key: 'IsOAuthEnabled', value: 'true' }])?.kind, 'oauthJobRunning');
  });
});
