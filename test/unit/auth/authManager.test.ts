// AuthManager against an in-process sandbox tenant: real msal flows (client credentials with a secret and a
// certificate, device code, browser + PKCE), the token cache kept in a SecretStore across "reloads", sign-out,
// least privilege with escalation on the first write, silent refresh, revocation, cancellation, several accounts.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { AuthManager, type SignInRequest } from '../../../src/auth/authManager';
import { MemoryAccountStore, MemorySecretStore, secretKeysFor } from '../../../src/auth/secretStore';
import { SignInError, isSignInError } from '../../../src/auth/signInError';
import { explainGraphPermissionError } from '../../../src/auth/explainAuthError';
import { customCloud, DEFAULT_PUBLIC_CLIENT_ID, type Cloud } from '../../../src/graph/clouds';
import { GraphError } from '../../../src/graph/errors';
import type { Logger } from '../../../src/logging/logger';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { control, enterDeviceCode, jwtPayload, requestLog } from '../sandbox/helpers/identity';
import { TestSignInUi } from './helpers/signInUi';
import { selfSignedCertificate } from './helpers/certificate';

/** Records every message as given (before any redaction), to prove nothing secret is ever handed to the logger. */
class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace = (m: string) => void this.lines.push(m);
  debug = (m: string) => void this.lines.push(m);
  info = (m: string) => void this.lines.push(m);
  warn = (m: string) => void this.lines.push(m);
  error = (m: string) => void this.lines.push(m);
}

describe('AuthManager (sign-in against the sandbox tenant)', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  let cloud: Cloud;
  let secrets: MemorySecretStore;
  let accounts: MemoryAccountStore;
  let ui: TestSignInUi;
  let logger: RecordingLogger;

  beforeEach(async () => {
    sandbox = await startSandbox({});
    // msal waits `interval` seconds between device-code polls; Entra's 5 s would make the suite slow.
    await control(sandbox.origin, 'settings', { deviceCodeIntervalSeconds: 0.05 });
    cloud = customCloud(sandbox.info.graph, sandbox.info.authority);
    secrets = new MemorySecretStore();
    accounts = new MemoryAccountStore();
    ui = new TestSignInUi();
    logger = new RecordingLogger();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const manager = () => new AuthManager({ secrets, accounts, ui, logger, graphOptions: { maxRetries: 0 } });
  const appSecretRequest = (): SignInRequest => ({
    method: 'clientSecret',
    cloud,
    tenant: sandbox.info.tenantId,
    clientId: sandbox.info.clientId,
    clientSecret: sandbox.info.clientSecret,
  });
  const deviceCodeRequest = (): SignInRequest => ({ method: 'deviceCode', cloud, clientId: DEFAULT_PUBLIC_CLIENT_ID });
  const permissionsOf = (token: string) => {
    const principal = sandbox.identity.authenticate(`Bearer ${token}`);
    assert.ok(!('error' in principal), JSON.stringify(principal));
    return [...principal.permissions].sort();
  };
  const grants = async (grantType: string) => (await requestLog(sandbox.origin)).filter((r) => r.grantType === grantType);
  /** A service principal with a provisioning job, for a write. */
  const someJob = () => {
    for (const sp of sandbox.tenant.servicePrincipals()) {
      const record = sandbox.tenant.servicePrincipal(sp.id!);
      const job = record?.jobs[0];
      if (job) return { spId: sp.id!, jobId: job.job.id };
    }
    throw new Error('the seed has no job');
  };
  /** Everything token-like the sandbox handed out, to search stores and logs for. */
  function assertNothingSecretIn(text: string, tokens: string[] = []): void {
    assert.ok(!text.includes(sandbox.info.clientSecret), 'client secret found');
    for (const token of tokens) assert.ok(!text.includes(token), 'token found');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\.eyJ/.test(text), 'a JWT found');
  }

  describe('app-only (client credentials)', () => {
    it('signs in with a client secret; graph(account) lists service principals; the secret lives only in the SecretStore', async () => {
      const auth = manager();
      let changes = 0;
      auth.onDidChangeAccounts(() => changes++);
      const account = await auth.signIn(appSecretRequest());
      assert.equal(account.kind, 'app');
      assert.equal(account.tenantId, sandbox.info.tenantId);
      assert.equal(account.clientId, sandbox.info.clientId);
      assert.equal(account.cloud.graphRoot, sandbox.info.graph);
      assert.equal(account.authority, `${cloud.authorityHost}${sandbox.info.tenantId}`);
      assert.deepEqual(auth.listAccounts(), [account]);
      assert.equal(changes, 1);

      const page = await auth.graph(account.id).get<{ value: unknown[] }>('/servicePrincipals', { query: { $top: 5 } });
      assert.equal(page.value.length, 5);
      assert.equal(auth.graph(account.id), auth.graph(account.id), 'one client per account');

      const keys = secretKeysFor(account.id);
      assert.match((await secrets.get(keys.credential))!, new RegExp(sandbox.info.clientSecret.replace(/[.*+?^${}()|[\]\\~]/g, '\\$&')));
      assert.ok(await secrets.get(keys.tokenCache), 'token cache persisted');
      const token = await auth.getAccessToken(account.id, { write: false });
      assertNothingSecretIn(JSON.stringify(accounts.load()), [token]);
      assertNothingSecretIn(logger.lines.join('\n'), [token]);
      assert.equal(jwtPayload(token).scp, undefined, 'app-only token');
    });

    it('signs in with a certificate (X.509 PEM; SHA-256 thumbprint computed) and with a bare key + thumbprint', async () => {
      const certificate = selfSignedCertificate();
      const withCert = await control(sandbox.origin, 'clients', { permissions: ['Synchronization.Read.All', 'Application.Read.All'], certificate: certificate.certificatePem });
      const auth = manager();
      const account = await auth.signIn({
        method: 'certificate',
        cloud,
        tenant: sandbox.info.tenantId,
        clientId: withCert.clientId,
        certificatePem: certificate.certificatePem,
        privateKeyPem: certificate.privateKeyPem,
      });
      const token = await auth.getAccessToken(account.id, { write: false });
      assert.equal(jwtPayload(token).appidacr, '2', 'certificate credential');
      await auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } });

      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const withKey = await control(sandbox.origin, 'clients', { permissions: ['Synchronization.Read.All'], publicKey: publicKey.export({ type: 'spki', format: 'pem' }) });
      const keyAccount = await auth.signIn({
        method: 'certificate',
        cloud,
        tenant: sandbox.info.tenantId,
        clientId: withKey.clientId,
        certificatePem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        thumbprint: withKey.thumbprintSha256,
      });
      assert.deepEqual(permissionsOf(await auth.getAccessToken(keyAccount.id, { write: false })), ['Synchronization.Read.All']);
      assert.equal(auth.listAccounts().length, 2);
      assertNothingSecretIn(logger.lines.join('\n'));
      assert.ok(!logger.lines.join('\n').includes('PRIVATE KEY'));
    });

    it('refuses a key that does not belong to the certificate, before asking Entra', async () => {
      const certificate = selfSignedCertificate();
      const other = selfSignedCertificate();
      await assert.rejects(
        manager().signIn({ method: 'certificate', cloud, tenant: sandbox.info.tenantId, clientId: sandbox.info.clientId, certificatePem: certificate.certificatePem, privateKeyPem: other.privateKeyPem }),
        (error: unknown) => isSignInError(error, 'invalidRequest') && /does not belong to the certificate/.test(error.message),
      );
    });
  });

  describe('user sign-in', () => {
    it('device code: the code is shown with its link, the account is the tenant admin, the token carries only the read scopes', async () => {
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      await ui.assertPagesAccepted();
      assert.equal(ui.deviceCodes.length, 1);
      const shown = ui.deviceCodes[0]!;
      assert.match(shown.userCode, /^[A-Z0-9]{9}$/);
      assert.equal(shown.verificationUri, `${sandbox.origin}/devicelogin`);
      assert.match(shown.message, new RegExp(shown.userCode));
      assert.equal(shown.reason, undefined, 'an explicit sign-in needs no reason');
      assert.ok(ui.promptSignals.every((s) => s.aborted), 'the prompt is closed once the sign-in finished');

      assert.equal(account.kind, 'user');
      assert.equal(account.username, sandbox.tenant.adminUser.userPrincipalName);
      assert.equal(account.tenantId, sandbox.info.tenantId);
      assert.equal(account.clientId, DEFAULT_PUBLIC_CLIENT_ID);
      const token = await auth.getAccessToken(account.id, { write: false });
      assert.deepEqual(permissionsOf(token), ['Application.Read.All', 'AuditLog.Read.All', 'Synchronization.Read.All']);
      const page = await auth.graph(account.id).get<{ value: unknown[] }>('/servicePrincipals', { query: { $top: 3 } });
      assert.equal(page.value.length, 3);
      assertNothingSecretIn(JSON.stringify(accounts.load()), [token]);
      assertNothingSecretIn(logger.lines.join('\n'), [token]);
    });

    it('browser (authorization code + PKCE through the loopback redirect): consent page, then signed in', async () => {
      ui.method = 'interactive';
      const auth = manager();
      const account = await auth.signIn({ method: 'interactive', cloud, clientId: DEFAULT_PUBLIC_CLIENT_ID });
      await ui.assertPagesAccepted();
      assert.equal(ui.openedUrls.length, 1);
      assert.match(ui.openedUrls[0]!, /\/organizations\/oauth2\/v2\.0\/authorize\?/);
      assert.match(new URL(ui.openedUrls[0]!).searchParams.get('redirect_uri')!, /^http:\/\/localhost:\d+/);
      assert.equal(new URL(ui.openedUrls[0]!).searchParams.get('prompt'), 'select_account');
      assert.equal(ui.browserPrompts.length, 1);
      assert.equal(account.username, sandbox.tenant.adminUser.userPrincipalName);
      await auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } });
    });

    it('the token cache survives a reload: a new AuthManager over the same stores works silently', async () => {
      const first = manager();
      const account = await first.signIn(deviceCodeRequest());
      const user = await first.signIn(appSecretRequest());
      const devicePolls = (await grants('device_code')).length;

      const reloaded = manager();
      assert.deepEqual(reloaded.listAccounts().map((a) => a.id).sort(), [account.id, user.id].sort());
      const page = await reloaded.graph(account.id).get<{ value: unknown[] }>('/servicePrincipals', { query: { $top: 1 } });
      assert.equal(page.value.length, 1);
      await reloaded.graph(user.id).get('/servicePrincipals', { query: { $top: 1 } });
      assert.equal(ui.deviceCodes.length, 1, 'no new prompt');
      assert.equal((await grants('device_code')).length, devicePolls, 'no new device-code sign-in');
    });

    it('signing in twice as the same user updates the account instead of adding one', async () => {
      const auth = manager();
      const first = await auth.signIn(deviceCodeRequest());
      const second = await auth.signIn(deviceCodeRequest());
      assert.equal(second.id, first.id);
      assert.equal(auth.listAccounts().length, 1);
    });

    it('several accounts at once; signing out one removes it and exactly its secrets, the others keep working', async () => {
      const auth = manager();
      const user = await auth.signIn(deviceCodeRequest());
      const app = await auth.signIn(appSecretRequest());
      assert.equal(auth.listAccounts().length, 2);
      let changes = 0;
      auth.onDidChangeAccounts(() => changes++);

      await auth.signOut(app.id);
      assert.deepEqual(auth.listAccounts().map((a) => a.id), [user.id]);
      assert.deepEqual(accounts.load().map((a) => a.id), [user.id]);
      assert.equal(changes, 1);
      assert.deepEqual([...secrets.values.keys()].filter((k) => k.includes(app.id)), [], 'no key of the signed-out account is left');
      assert.equal(await secrets.get(secretKeysFor(user.id).tokenCache) !== undefined, true);
      assert.throws(() => auth.graph(app.id), (error: unknown) => isSignInError(error, 'unknownAccount'));
      await auth.graph(user.id).get('/servicePrincipals', { query: { $top: 1 } });

      await auth.signOut(user.id);
      assert.equal(secrets.values.size, 0, 'the store is empty');
      assert.deepEqual(manager().listAccounts(), [], 'and stays so after a reload');
    });
  });

  describe('least privilege', () => {
    it('reads with read scopes; the first write asks once (saying why) for Synchronization.ReadWrite.All, then writes silently', async () => {
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      const graph = auth.graph(account.id);
      await graph.get('/servicePrincipals', { query: { $top: 1 } });
      assert.ok(!permissionsOf(await auth.getAccessToken(account.id, { write: false })).includes('Synchronization.ReadWrite.All'));

      const { spId, jobId } = someJob();
      // Two writes at once share one prompt.
      await Promise.all([
        graph.post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/pause`),
        graph.post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/pause`),
      ]);
      await ui.assertPagesAccepted();
      assert.equal(ui.deviceCodes.length, 2, 'the sign-in and one consent prompt');
      const consent = ui.deviceCodes[1]!;
      assert.match(consent.reason ?? '', /Synchronization\.ReadWrite\.All/);
      assert.match(consent.reason ?? '', new RegExp(account.username));
      const writeToken = await auth.getAccessToken(account.id, { write: true });
      assert.deepEqual(permissionsOf(writeToken), [
        'Application.Read.All',
        'AuditLog.Read.All',
        'Group.Read.All',
        'Synchronization.Read.All',
        'Synchronization.ReadWrite.All',
        'User.Read.All',
      ]);
      assert.equal(sandbox.tenant.servicePrincipal(spId)!.jobs[0]!.job.schedule?.state, 'Paused');

      await graph.post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/start`);
      assert.equal(ui.deviceCodes.length, 2, 'no further prompt');
      // …and after a reload the consent is remembered (the refresh token covers the write scopes).
      await manager().graph(account.id).post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/pause`);
      assert.equal(ui.deviceCodes.length, 2);
    });

    it('declining the consent prompt fails the write with an explanation and keeps the account signed in', async () => {
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      ui.onDeviceCode = (info) => enterDeviceCode(info.verificationUri, info.userCode, { decision: 'cancel' });
      const { spId, jobId } = someJob();
      await assert.rejects(auth.graph(account.id).post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/pause`), (error: unknown) => {
        assert.ok(error instanceof SignInError, String(error));
        assert.equal(error.aadsts, 65004);
        assert.match(error.message, /declined/);
        assert.match(error.message, /admin consent/);
        return true;
      });
      await auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } });
      assert.equal(auth.listAccounts().length, 1);
    });

    it('a consent prompt completed by another user is refused and stores nothing', async () => {
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      const before = new Map(secrets.values);
      const other = sandbox.tenant.users().find((u) => u.userPrincipalName !== account.username && u.accountEnabled !== false)!;
      ui.onDeviceCode = (info) => enterDeviceCode(info.verificationUri, info.userCode, { login_hint: other.userPrincipalName! });
      const { spId, jobId } = someJob();
      await assert.rejects(auth.graph(account.id).post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/pause`), (error: unknown) => {
        assert.ok(isSignInError(error, 'wrongAccount'), String(error));
        assert.match(error.message, new RegExp(other.userPrincipalName!));
        return true;
      });
      assert.deepEqual(secrets.values, before);
    });
  });

  describe('silent refresh and re-sign-in', () => {
    it('an expired access token is refreshed silently with the refresh token', async () => {
      // msal renews tokens within 5 minutes of expiry, so a 60-second lifetime is always "expired".
      await control(sandbox.origin, 'settings', { accessTokenLifetimeSeconds: 60 });
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      const first = await auth.getAccessToken(account.id, { write: false });
      await auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } });
      const second = await auth.getAccessToken(account.id, { write: false });
      assert.notEqual(second, first);
      const refreshes = await grants('refresh_token');
      assert.ok(refreshes.length >= 2 && refreshes.every((r) => r.outcome === 'ok'), JSON.stringify(refreshes));
      assert.equal(ui.deviceCodes.length, 1, 'no prompt');
    });

    it('after a revoke, reads fail with a clear "sign in again" error, the account is kept, and reauthenticate fixes it', async () => {
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      await auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } });
      let changes = 0;
      auth.onDidChangeAccounts(() => changes++);
      await control(sandbox.origin, 'revoke');

      // Graph refuses the cached token (401); the client renews it once; the refresh token is dead too.
      await assert.rejects(auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } }), (error: unknown) => {
        assert.ok(isSignInError(error, 'signInRequired'), String(error));
        assert.equal(error.accountId, account.id);
        assert.match(error.message, /must sign in again/);
        assert.match(error.message, /revoked/);
        assert.match(error.message, /AADSTS50173/);
        return true;
      });
      assert.equal(auth.isSignInRequired(account.id), true);
      assert.equal(changes, 1, 'listeners hear that the account needs attention');
      assert.deepEqual(auth.listAccounts().map((a) => a.id), [account.id], 'the account is kept');
      assert.equal(ui.deviceCodes.length, 1, 'a background read never prompts');

      await auth.reauthenticate(account.id);
      assert.equal(auth.isSignInRequired(account.id), false);
      assert.match(ui.deviceCodes[1]!.userCode, /^[A-Z0-9]{9}$/);
      await auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } });
    });

    it('a write after a revoke prompts at once (the user asked for it), saying the session must be renewed', async () => {
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      await control(sandbox.origin, 'revoke');
      const { spId, jobId } = someJob();
      await auth.graph(account.id).post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/pause`);
      assert.equal(ui.deviceCodes.length, 2);
      assert.match(ui.deviceCodes[1]!.reason ?? '', /renewed/);
    });
  });

  describe('cancellation', () => {
    it('cancelling a device-code prompt (the user\'s Cancel) loses nothing', async () => {
      const auth = manager();
      const existing = await auth.signIn(appSecretRequest());
      const before = new Map(secrets.values);
      ui.onDeviceCode = (info) => info.cancel();
      await assert.rejects(auth.signIn(deviceCodeRequest()), (error: unknown) => isSignInError(error, 'cancelled'));
      assert.deepEqual(auth.listAccounts(), [existing]);
      assert.deepEqual(secrets.values, before);
      assert.ok(ui.promptSignals.at(-1)!.aborted, 'the prompt is told to close');
      await auth.graph(existing.id).get('/servicePrincipals', { query: { $top: 1 } });
    });

    it("the caller's AbortSignal cancels a device-code sign-in and a browser sign-in (whose loopback server stops)", async () => {
      const auth = manager();
      const controller = new AbortController();
      ui.onDeviceCode = () => controller.abort();
      await assert.rejects(auth.signIn(deviceCodeRequest(), controller.signal), (error: unknown) => isSignInError(error, 'cancelled'));

      const browser = new AbortController();
      ui.onBrowser = async () => browser.abort(); // the user never finishes in the browser
      await assert.rejects(auth.signIn({ method: 'interactive', cloud, clientId: DEFAULT_PUBLIC_CLIENT_ID }, browser.signal), (error: unknown) =>
        isSignInError(error, 'cancelled'),
      );
      const redirect = new URL(new URL(ui.openedUrls[0]!).searchParams.get('redirect_uri')!);
      redirect.hostname = '127.0.0.1';
      await new Promise((resolve) => setTimeout(resolve, 100));
      await assert.rejects(fetch(redirect), 'the loopback server is closed');
      assert.deepEqual(auth.listAccounts(), []);
      assert.equal(secrets.values.size, 0);
    });

    it('cancelling the consent prompt of a write fails only that write; the account and its stored tokens stay', async () => {
      const auth = manager();
      const account = await auth.signIn(deviceCodeRequest());
      const before = new Map(secrets.values);
      ui.onDeviceCode = (info) => info.cancel();
      const { spId, jobId } = someJob();
      await assert.rejects(auth.graph(account.id).post(`/servicePrincipals/${spId}/synchronization/jobs/${jobId}/pause`), (error: unknown) =>
        isSignInError(error, 'cancelled'),
      );
      assert.deepEqual(secrets.values, before);
      assert.equal(auth.isSignInRequired(account.id), false);
      await auth.graph(account.id).get('/servicePrincipals', { query: { $top: 1 } });
    });

    it('an already aborted signal signs in nothing', async () => {
      await assert.rejects(manager().signIn(appSecretRequest(), AbortSignal.abort()), (error: unknown) => isSignInError(error, 'cancelled'));
    });
  });

  describe('failures explained', () => {
    it('a wrong client secret: AADSTS7000215 with what to do', async () => {
      await assert.rejects(manager().signIn({ ...appSecretRequest(), clientSecret: 'not-the-secret' } as SignInRequest), (error: unknown) => {
        assert.ok(isSignInError(error, 'failed'), String(error));
        assert.equal(error.aadsts, 7000215);
        assert.match(error.message, /client secret is wrong/);
        assert.match(error.message, /Secret ID/);
        assert.ok(!error.message.includes('not-the-secret'));
        return true;
      });
    });

    it('an unknown app: AADSTS700016 mentions the client id, tenant and cloud', async () => {
      const clientId = '11111111-2222-3333-4444-555555555555';
      await assert.rejects(manager().signIn({ ...appSecretRequest(), clientId } as SignInRequest), (error: unknown) => {
        assert.ok(isSignInError(error, 'failed'));
        assert.equal(error.aadsts, 700016);
        assert.match(error.message, new RegExp(clientId));
        assert.match(error.message, /entraProvisioning\.cloud/);
        return true;
      });
    });

    it('an app without the permission: Graph 403 is explained with the permission and admin consent', async () => {
      const limited = await control(sandbox.origin, 'clients', { permissions: ['Synchronization.Read.All'] });
      const auth = manager();
      const account = await auth.signIn({ method: 'clientSecret', cloud, tenant: sandbox.info.tenantId, clientId: limited.clientId, clientSecret: limited.clientSecret });
      const error = await auth.graph(account.id).get('/servicePrincipals').then(
        () => assert.fail('expected 403'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof GraphError);
      assert.equal(error.code, 'Authorization_RequestDenied');
      const explained = explainGraphPermissionError(error, { kind: 'app', clientId: account.clientId })!;
      assert.match(explained, /application permission Application\.Read\.All/);
      assert.match(explained, /admin consent/);
    });

    it('validates requests before any network call', async () => {
      const auth = manager();
      const cases: [SignInRequest, RegExp][] = [
        [{ method: 'deviceCode', cloud, clientId: 'not-a-guid' }, /client id must be a GUID/],
        [{ method: 'deviceCode', cloud, clientId: DEFAULT_PUBLIC_CLIENT_ID, tenant: 'not a tenant' }, /is not a tenant/],
        [{ ...appSecretRequest(), tenant: 'organizations' } as SignInRequest, /App-only sign-in needs the tenant/],
        [{ ...appSecretRequest(), clientSecret: '' } as SignInRequest, /client secret is empty/],
      ];
      for (const [request, message] of cases) {
        await assert.rejects(auth.signIn(request), (error: unknown) => isSignInError(error, 'invalidRequest') && message.test(error.message));
      }
      assert.deepEqual(await requestLog(sandbox.origin), []);
    });
  });
});
