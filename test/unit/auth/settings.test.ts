// Sign-in settings decide where tokens go, so only the user's own value counts: a workspace value is ignored.
import assert from 'node:assert/strict';
import { applicationValue, cloudFromSettings, effectiveSignInMethod, readAuthSettings, tenantOfAuthority, type InspectedSetting } from '../../../src/auth/settings';
import { CLOUDS, DEFAULT_PUBLIC_CLIENT_ID } from '../../../src/graph/clouds';
import { isSignInError } from '../../../src/auth/signInError';

describe('sign-in settings', () => {
  it('use the user (global) value, else the default — never a workspace or folder value', () => {
    assert.equal(applicationValue({ defaultValue: 'Global', globalValue: 'USGov', workspaceValue: 'China' }), 'USGov');
    assert.equal(applicationValue({ defaultValue: 'Global', workspaceValue: 'Sandbox', workspaceFolderValue: 'China' }), 'Global');
    assert.equal(applicationValue(undefined), undefined);
  });

  it('a hostile workspace cannot redirect sign-in (cloud, client id, sandbox endpoints, method)', () => {
    const inspected: Record<string, InspectedSetting> = {
      cloud: { defaultValue: 'Global', workspaceValue: 'Sandbox' },
      clientId: { defaultValue: DEFAULT_PUBLIC_CLIENT_ID, workspaceValue: '00000000-0000-0000-0000-000000000001' },
      'sandbox.graphEndpoint': { defaultValue: '', workspaceValue: 'https://evil.example/' },
      'sandbox.authority': { defaultValue: '', workspaceValue: 'https://evil.example/tenant' },
      signInMethod: { defaultValue: 'auto', workspaceValue: 'deviceCode' },
    };
    const settings = readAuthSettings((name) => inspected[name]);
    assert.deepEqual(settings, { cloud: 'Global', clientId: DEFAULT_PUBLIC_CLIENT_ID, sandboxGraphEndpoint: '', sandboxAuthority: '', signInMethod: 'auto' });
    assert.equal(cloudFromSettings(settings), CLOUDS.Global);
  });

  it('read the user\'s sandbox endpoints into a custom cloud; wrong types fall back to defaults', () => {
    const settings = readAuthSettings((name) =>
      (
        {
          cloud: { globalValue: 'Sandbox' },
          'sandbox.graphEndpoint': { globalValue: 'http://127.0.0.1:4000' },
          'sandbox.authority': { globalValue: 'https://127.0.0.1:4000/tenant-1' },
          signInMethod: { globalValue: 42 },
        } as Record<string, InspectedSetting>
      )[name],
    );
    assert.equal(settings.signInMethod, 'auto');
    assert.equal(settings.clientId, DEFAULT_PUBLIC_CLIENT_ID);
    const cloud = cloudFromSettings(settings);
    assert.equal(cloud.id, 'Sandbox');
    assert.equal(cloud.graphRoot, 'http://127.0.0.1:4000/');
    assert.equal(cloud.authorityHost, 'https://127.0.0.1:4000/');
    assert.equal(tenantOfAuthority('https://127.0.0.1:4000/tenant-1'), 'tenant-1');
  });

  it('the Sandbox cloud needs both URLs, and an https authority', () => {
    const base = { cloud: 'Sandbox' as const, clientId: DEFAULT_PUBLIC_CLIENT_ID, signInMethod: 'auto' as const };
    assert.throws(() => cloudFromSettings({ ...base, sandboxGraphEndpoint: '', sandboxAuthority: '' }), (e: unknown) => isSignInError(e, 'invalidRequest') && /sandbox\.graphEndpoint/.test(e.message));
    assert.throws(() => cloudFromSettings({ ...base, sandboxGraphEndpoint: 'http://127.0.0.1:1/', sandboxAuthority: 'http://127.0.0.1:1/t' }), /must be an https URL/);
  });

  it('auto signs in with the browser locally and with a device code in remote windows', () => {
    assert.equal(effectiveSignInMethod('auto', false), 'interactive');
    assert.equal(effectiveSignInMethod('auto', true), 'deviceCode');
    assert.equal(effectiveSignInMethod('interactive', true), 'interactive');
    assert.equal(effectiveSignInMethod('deviceCode', false), 'deviceCode');
  });
});
