// @azure/msal-node's real flows against the sandbox tenant, configured exactly as the product configures msal
// (buildMsalConfiguration + FetchNetworkClient): client credentials with a secret and with a certificate, device code,
// auth code + PKCE (by hand and through acquireTokenInteractive's loopback server), silent refresh, re-prompt after
// revocation or for missing consent.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AuthenticationResult,
} from '@azure/msal-node';
import { buildMsalConfiguration } from '../../../src/auth/msalConfig';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { APPLICATION_PERMISSIONS, GRAPH_CLI_CLIENT_ID } from '../../../src/sandbox/identity';
import { browseAuthorize, control, delay, enterDeviceCode, jwtPayload, requestLog } from '../sandbox/helpers/identity';

describe('msal-node against the sandbox tenant', function () {
  this.timeout(20_000);
  let sandbox: RunningSandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({});
    // msal waits `interval` seconds between device-code polls; Entra's 5 s would make the suite slow.
    await control(sandbox.origin, 'settings', { deviceCodeIntervalSeconds: 0.05 });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const graph = () => sandbox.info.graph;
  const publicApp = (authority = sandbox.info.authority) =>
    new PublicClientApplication(buildMsalConfiguration({ authority, clientId: GRAPH_CLI_CLIENT_ID }));

  /** Device-code sign-in where the "user" enters the code on the verification page while msal polls. */
  async function signInWithDeviceCode(app: PublicClientApplication, scopes: string[]): Promise<AuthenticationResult> {
    let completion: Promise<unknown> | undefined;
    const result = await app.acquireTokenByDeviceCode({
      scopes,
      deviceCodeCallback: (response) => {
        assert.match(response.message, /To sign in, use a web browser to open the page http:\/\/127\.0\.0\.1:\d+\/devicelogin and enter the code \w+ to authenticate\./);
        // Let msal poll (and hear authorization_pending) a few times first.
        completion = delay(200).then(() => enterDeviceCode(response.verificationUri, response.userCode));
      },
    });
    const page = (await completion) as { status: number; html: string };
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /You have signed in to the Microsoft Graph Command Line Tools application on your device/);
    return result!;
  }

  it('acquireTokenByClientCredential gives an app token with every application permission', async () => {
    const app = new ConfidentialClientApplication(
      buildMsalConfiguration({ authority: sandbox.info.authority, clientId: sandbox.info.clientId, clientSecret: sandbox.info.clientSecret }),
    );
    const result = await app.acquireTokenByClientCredential({ scopes: [`${graph()}.default`] });
    assert.ok(result?.accessToken);
    assert.equal(result.tokenType, 'Bearer');
    const principal = sandbox.identity.authenticate(`Bearer ${result.accessToken}`);
    assert.ok(!('error' in principal), JSON.stringify(principal));
    assert.equal(principal.kind, 'app');
    assert.equal(principal.clientId, sandbox.info.clientId);
    assert.equal(principal.tenantId, sandbox.info.tenantId);
    assert.deepEqual([...principal.permissions].sort(), [...APPLICATION_PERMISSIONS].sort());

    // …and Graph takes it.
    const response = await fetch(`${graph()}v1.0/servicePrincipals?$top=1`, { headers: { Authorization: `Bearer ${result.accessToken}` } });
    assert.equal(response.status, 200);

    // A second call is served from msal's cache.
    const again = await app.acquireTokenByClientCredential({ scopes: [`${graph()}.default`] });
    assert.equal(again?.accessToken, result.accessToken);
  });

  it('a wrong client secret fails with AADSTS7000215', async () => {
    const app = new ConfidentialClientApplication(
      buildMsalConfiguration({ authority: sandbox.info.authority, clientId: sandbox.info.clientId, clientSecret: 'not-the-secret' }),
    );
    await assert.rejects(app.acquireTokenByClientCredential({ scopes: [`${graph()}.default`] }), (err: Error & { errorCode?: string }) => {
      assert.equal(err.errorCode, 'invalid_client');
      assert.match(err.message, /AADSTS7000215/);
      return true;
    });
  });

  it('an unknown client fails with AADSTS700016', async () => {
    const app = new ConfidentialClientApplication(
      buildMsalConfiguration({ authority: sandbox.info.authority, clientId: '11111111-2222-3333-4444-555555555555', clientSecret: 'x' }),
    );
    await assert.rejects(app.acquireTokenByClientCredential({ scopes: [`${graph()}.default`] }), /AADSTS700016/);
  });

  it('certificate credentials: msal signs a client assertion with a key registered through the control API', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const registered = await control(sandbox.origin, 'clients', {
      permissions: ['Synchronization.Read.All'],
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }),
    });
    assert.equal(registered.clientSecret, undefined, 'a certificate-only registration has no secret');
    const app = new ConfidentialClientApplication(
      buildMsalConfiguration({
        authority: sandbox.info.authority,
        clientId: registered.clientId,
        certificate: { thumbprintSha256: registered.thumbprintSha256, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      }),
    );
    const result = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    const principal = sandbox.identity.authenticate(`Bearer ${result!.accessToken}`);
    assert.ok(!('error' in principal));
    assert.deepEqual([...principal.permissions], ['Synchronization.Read.All']);
    assert.equal(jwtPayload(result!.accessToken).appidacr, '2', 'certificate credential');

    // Another key with the same thumbprint header is refused: the signature is checked, not just the header.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const impostor = new ConfidentialClientApplication(
      buildMsalConfiguration({
        authority: sandbox.info.authority,
        clientId: registered.clientId,
        certificate: { thumbprintSha256: registered.thumbprintSha256, privateKey: other.export({ type: 'pkcs8', format: 'pem' }).toString() },
      }),
    );
    await assert.rejects(impostor.acquireTokenByClientCredential({ scopes: [`${graph()}.default`] }), /AADSTS700027/);
  });

  it('an app registration with limited roles gets a token Graph answers 403 for what it lacks', async () => {
    const registered = await control(sandbox.origin, 'clients', { permissions: ['Synchronization.Read.All'] });
    const app = new ConfidentialClientApplication(
      buildMsalConfiguration({ authority: sandbox.info.authority, clientId: registered.clientId, clientSecret: registered.clientSecret }),
    );
    const result = await app.acquireTokenByClientCredential({ scopes: [`${graph()}.default`] });
    assert.deepEqual(jwtPayload(result!.accessToken).roles, ['Synchronization.Read.All']);
    const response = await fetch(`${graph()}v1.0/servicePrincipals`, { headers: { Authorization: `Bearer ${result!.accessToken}` } });
    assert.equal(response.status, 403);
  });

  it('acquireTokenByDeviceCode: msal polls through authorization_pending until the user enters the code', async () => {
    const app = publicApp();
    const scopes = [`${graph()}Synchronization.Read.All`, `${graph()}AuditLog.Read.All`];
    const result = await signInWithDeviceCode(app, scopes);

    const admin = sandbox.tenant.adminUser;
    assert.equal(result.account?.username, admin.userPrincipalName);
    assert.equal(result.account?.name, admin.displayName);
    assert.equal(result.account?.homeAccountId, `${admin.id}.${sandbox.info.tenantId}`);
    assert.equal(result.account?.tenantId, sandbox.info.tenantId);
    assert.equal(result.idTokenClaims && (result.idTokenClaims as { oid?: string }).oid, admin.id);
    assert.ok(result.scopes.some((s) => s.endsWith('Synchronization.Read.All')));

    const principal = sandbox.identity.authenticate(`Bearer ${result.accessToken}`);
    assert.ok(!('error' in principal));
    assert.equal(principal.kind, 'user');
    assert.equal(principal.userId, admin.id);
    assert.equal(principal.clientId, GRAPH_CLI_CLIENT_ID);
    assert.deepEqual([...principal.permissions].sort(), ['AuditLog.Read.All', 'Synchronization.Read.All']);

    // msal sends the short grant type `device_code`; Entra (and the sandbox) also take the RFC 8628 URN.
    const polls = (await requestLog(sandbox.origin)).filter((r) => r.grantType === 'device_code');
    assert.ok(polls.some((r) => r.outcome === 'authorization_pending'), 'msal saw authorization_pending at least once');
    assert.equal(polls.at(-1).outcome, 'ok');
  });

  it('device code works against the organizations authority too', async () => {
    const authority = sandbox.info.authority.replace(sandbox.info.tenantId, 'organizations');
    const result = await signInWithDeviceCode(publicApp(authority), [`${graph()}Synchronization.Read.All`]);
    assert.equal(result.tenantId, sandbox.info.tenantId);
  });

  it('auth code + PKCE: consent page, redirect with code and state, acquireTokenByCode', async () => {
    const app = publicApp();
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const redirectUri = 'http://localhost:53123/callback';
    const scopes = [`${graph()}Synchronization.ReadWrite.All`];
    const url = await app.getAuthCodeUrl({ scopes, redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256', state: 'xyz' });
    assert.ok(url.startsWith(`${sandbox.origin}/${sandbox.info.tenantId}/oauth2/v2.0/authorize?`), url);

    const browsed = await browseAuthorize(url);
    assert.equal(browsed.consentPageShown, true);
    const back = new URL(browsed.location!);
    assert.equal(`${back.origin}${back.pathname}`, redirectUri);
    assert.equal(back.searchParams.get('state'), 'xyz');
    const code = back.searchParams.get('code');
    assert.ok(code);

    const result = await app.acquireTokenByCode({ code, scopes, redirectUri, codeVerifier: verifier });
    assert.equal(result.account?.username, sandbox.tenant.adminUser.userPrincipalName);
    assert.deepEqual(jwtPayload(result.accessToken).scp, 'Synchronization.ReadWrite.All');

    // A second sign-in with consent already given skips the page (the admin is always signed in).
    const pkce2 = await new CryptoProvider().generatePkceCodes();
    const again = await browseAuthorize(await app.getAuthCodeUrl({ scopes, redirectUri, codeChallenge: pkce2.challenge, codeChallengeMethod: 'S256' }));
    assert.equal(again.consentPageShown, false);
    assert.ok(new URL(again.location!).searchParams.get('code'));
  });

  it('auth code + PKCE: a wrong code_verifier is refused with AADSTS501481', async () => {
    await control(sandbox.origin, 'consent', { auto: true });
    const app = publicApp();
    const { challenge } = await new CryptoProvider().generatePkceCodes();
    const other = await new CryptoProvider().generatePkceCodes();
    const redirectUri = 'http://127.0.0.1:53124/';
    const scopes = [`${graph()}Synchronization.Read.All`];
    const browsed = await browseAuthorize(await app.getAuthCodeUrl({ scopes, redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256' }));
    assert.equal(browsed.consentPageShown, false, 'auto consent skips the page');
    const code = new URL(browsed.location!).searchParams.get('code')!;
    await assert.rejects(app.acquireTokenByCode({ code, scopes, redirectUri, codeVerifier: other.verifier }), /AADSTS501481/);
  });

  it('acquireTokenInteractive: the "browser" consents and form-posts the code to msal\'s loopback server', async () => {
    const app = publicApp();
    let sawConsentPage = false;
    const result = await app.acquireTokenInteractive({
      scopes: [`${graph()}Synchronization.Read.All`],
      openBrowser: async (url) => {
        const browsed = await browseAuthorize(url, { submitFormPost: true });
        sawConsentPage = browsed.consentPageShown;
        assert.match(browsed.formPost!.action, /^http:\/\/localhost:\d+\/$/);
        assert.ok(browsed.formPost!.fields.code);
      },
    });
    assert.equal(sawConsentPage, true);
    assert.equal(result.account?.username, sandbox.tenant.adminUser.userPrincipalName);
    assert.ok(!('error' in sandbox.identity.authenticate(`Bearer ${result.accessToken}`)));
  });

  it('acquireTokenSilent: cached while valid, refreshed with the refresh token once the access token expires', async () => {
    const app = publicApp();
    const scopes = [`${graph()}Synchronization.Read.All`];
    const first = await signInWithDeviceCode(app, scopes);

    const cached = await app.acquireTokenSilent({ account: first.account!, scopes });
    assert.equal(cached.accessToken, first.accessToken, 'valid token comes from the cache');
    assert.equal(cached.fromCache, true);

    // msal treats tokens within 5 minutes of expiry as expired, so a 60-second lifetime forces a refresh.
    await control(sandbox.origin, 'settings', { accessTokenLifetimeSeconds: 60 });
    const refreshedOnce = await app.acquireTokenSilent({ account: first.account!, scopes, forceRefresh: true });
    const refreshed = await app.acquireTokenSilent({ account: first.account!, scopes });
    assert.notEqual(refreshed.accessToken, first.accessToken);
    assert.notEqual(refreshed.accessToken, refreshedOnce.accessToken, 'the 60 s token counted as expired: refreshed again');
    assert.equal(refreshed.fromCache, false);
    assert.ok(!('error' in sandbox.identity.authenticate(`Bearer ${refreshed.accessToken}`)));
    const refreshes = (await requestLog(sandbox.origin)).filter((r) => r.grantType === 'refresh_token');
    assert.equal(refreshes.length, 2);
    assert.ok(refreshes.every((r) => r.outcome === 'ok'));
  });

  it('after a revoke, acquireTokenSilent asks for interaction (the refresh token is dead)', async () => {
    const app = publicApp();
    const scopes = [`${graph()}Synchronization.Read.All`];
    const first = await signInWithDeviceCode(app, scopes);
    await control(sandbox.origin, 'revoke');
    const old = sandbox.identity.authenticate(`Bearer ${first.accessToken}`);
    assert.ok('error' in old && old.error === 'invalid');
    await assert.rejects(app.acquireTokenSilent({ account: first.account!, scopes, forceRefresh: true }), (err: unknown) => {
      assert.ok(err instanceof InteractionRequiredAuthError, String(err));
      assert.equal(err.subError, 'bad_token');
      assert.match(err.message, /AADSTS50173/);
      return true;
    });
  });

  it('a silent request for a scope not yet consented asks for interaction (AADSTS65001 consent_required)', async () => {
    const app = publicApp();
    const first = await signInWithDeviceCode(app, [`${graph()}Synchronization.Read.All`]);
    await assert.rejects(app.acquireTokenSilent({ account: first.account!, scopes: [`${graph()}Synchronization.ReadWrite.All`] }), (err: unknown) => {
      assert.ok(err instanceof InteractionRequiredAuthError, String(err));
      assert.equal(err.subError, 'consent_required');
      assert.match(err.message, /AADSTS65001/);
      return true;
    });
  });
});
