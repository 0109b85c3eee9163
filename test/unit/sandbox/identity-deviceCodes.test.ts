// GET /_sandbox/identity/deviceCodes: lets a test play the person who reads the code off the screen, for flows an
// app starts by itself (the extension's sign-in command), where the test never sees msal's deviceCodeCallback.
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { GRAPH_CLI_CLIENT_ID } from '../../../src/sandbox/identity';
import { enterDeviceCode, getJson, postForm } from './helpers/identity';

describe('sandbox control API: pending device codes', function () {
  this.timeout(15_000);
  let sandbox: RunningSandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({});
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const pending = async () => (await getJson(`${sandbox.origin}/_sandbox/identity/deviceCodes`)).body.value as any[];

  it('lists user codes waiting to be entered (never the device code), and drops them once entered', async () => {
    assert.deepEqual(await pending(), []);
    const started = await postForm(`${sandbox.origin}/organizations/oauth2/v2.0/devicecode`, {
      client_id: GRAPH_CLI_CLIENT_ID,
      scope: `${sandbox.info.graph}Synchronization.Read.All openid offline_access`,
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));

    const listed = await pending();
    assert.equal(listed.length, 1);
    assert.equal(listed[0].userCode, started.body.user_code);
    assert.equal(listed[0].clientId, GRAPH_CLI_CLIENT_ID);
    assert.deepEqual(listed[0].scopes, ['Synchronization.Read.All']);
    assert.ok(Date.parse(listed[0].expiresAt) > Date.now());
    assert.ok(!JSON.stringify(listed).includes(started.body.device_code), 'the device code stays secret');

    const page = await enterDeviceCode(started.body.verification_uri, listed[0].userCode);
    assert.equal(page.status, 200, page.html);
    assert.deepEqual(await pending(), []);
  });
});
