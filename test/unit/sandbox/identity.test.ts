// The sandbox token service's HTTP contract, exercised with plain HTTP the way curl (or any OAuth client) would:
// discovery documents, every grant's success and Entra-style failures, the interactive pages, the control API,
// Graph's token check, persistence between runs.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { APPLICATION_PERMISSIONS, GRAPH_CLI_CLIENT_ID, GRAPH_PERMISSIONS } from '../../../src/sandbox/identity';
import {
  browseAuthorize,
  control,
  delay,
  enterDeviceCode,
  getJson,
  getPage,
  jwtPayload,
  postForm,
  requestLog,
  type JsonResult,
} from './helpers/identity';

function assertAadError(result: JsonResult, status: number, error: string, aadsts: number, suberror?: string): void {
  assert.equal(result.status, status, JSON.stringify(result.body));
  const body = result.body;
  assert.equal(body.error, error);
  assert.deepEqual(body.error_codes, [aadsts]);
  assert.match(body.error_description, new RegExp(`^AADSTS${aadsts}: .+\\r\\nTrace ID: ${body.trace_id}\\r\\nCorrelation ID: ${body.correlation_id}\\r\\nTimestamp: `));
  assert.match(body.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.equal(body.suberror, suberror);
}

describe('sandbox identity provider (token service contract)', function () {
  this.timeout(15_000);
  let sandbox: RunningSandbox;
  let origin: string;
  let tenantId: string;

  beforeEach(async () => {
    sandbox = await startSandbox({});
    origin = sandbox.origin;
    tenantId = sandbox.info.tenantId;
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const token = (fields: Record<string, string>, headers?: Record<string, string>) => postForm(sandbox.info.tokenEndpoint, fields, headers);
  const appCredentials = () => ({ client_id: sandbox.info.clientId, client_secret: sandbox.info.clientSecret });

  async function startDeviceCode(scope: string, clientId = GRAPH_CLI_CLIENT_ID): Promise<any> {
    const result = await postForm(`${origin}/${tenantId}/oauth2/v2.0/devicecode`, { client_id: clientId, scope });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return result.body;
  }
  const pollDeviceCode = (deviceCode: string, clientId = GRAPH_CLI_CLIENT_ID) =>
    token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: clientId, device_code: deviceCode, client_info: '1' });

  /** A delegated sign-in through the device code flow, returning the token response. */
  async function deviceSignIn(scope: string): Promise<any> {
    const started = await startDeviceCode(scope);
    assert.equal((await enterDeviceCode(started.verification_uri, started.user_code)).status, 200);
    const result = await pollDeviceCode(started.device_code);
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return result.body;
  }

  describe('ready line and discovery', () => {
    it('prints an https authority (what msal requires) and a plain-HTTP token endpoint that answers as printed', () => {
      const port = new URL(origin).port;
      assert.equal(sandbox.info.authority, `https://127.0.0.1:${port}/${tenantId}`);
      assert.equal(sandbox.info.tokenEndpoint, `http://127.0.0.1:${port}/${tenantId}/oauth2/v2.0/token`);
      assert.equal(sandbox.info.graph, `http://127.0.0.1:${port}/`);
      assert.match(sandbox.info.clientId, /^[0-9a-f-]{36}$/);
      assert.match(sandbox.info.clientSecret, /^.{3}8Q~.{34}$/);
    });

    it('serves OpenID configuration for the tenant, organizations and common, consistent with the ready line', async () => {
      const own = (await getJson(`${origin}/${tenantId}/v2.0/.well-known/openid-configuration`)).body;
      assert.equal(own.token_endpoint, sandbox.info.tokenEndpoint);
      assert.equal(own.issuer, `${sandbox.info.authority}/v2.0`);
      assert.equal(own.authorization_endpoint, `${origin}/${tenantId}/oauth2/v2.0/authorize`);
      assert.equal(own.device_authorization_endpoint, `${origin}/${tenantId}/oauth2/v2.0/devicecode`);
      assert.equal(own.jwks_uri, `${origin}/${tenantId}/discovery/v2.0/keys`);
      assert.ok(own.end_session_endpoint);
      const organizations = (await getJson(`${origin}/organizations/v2.0/.well-known/openid-configuration`)).body;
      assert.equal(organizations.issuer, `https://${new URL(origin).host}/{tenantid}/v2.0`);
      assert.equal(organizations.token_endpoint, `${origin}/organizations/oauth2/v2.0/token`);
      assert.equal((await getJson(`${origin}/common/v2.0/.well-known/openid-configuration`)).status, 200);
      assertAadError(await getJson(`${origin}/contoso.example/v2.0/.well-known/openid-configuration`), 400, 'invalid_tenant', 90002);
    });

    it('answers instance discovery like Entra, with this host only', async () => {
      const authority = encodeURIComponent(`${sandbox.info.authority}/oauth2/v2.0/authorize`);
      const { body } = await getJson(`${origin}/common/discovery/instance?api-version=1.1&authority=${authority}`);
      const host = new URL(origin).host;
      assert.equal(body['api-version'], '1.1');
      assert.equal(body.tenant_discovery_endpoint, `https://${host}/${tenantId}/v2.0/.well-known/openid-configuration`);
      assert.deepEqual(body.metadata, [{ preferred_network: host, preferred_cache: host, aliases: [host] }]);
    });

    it('publishes the signing key: ID tokens verify against the jwks endpoint', async () => {
      const signedIn = await deviceSignIn('openid profile offline_access User.Read');
      const { keys } = (await getJson(`${origin}/${tenantId}/discovery/v2.0/keys`)).body;
      const [header, payload, signature] = (signedIn.id_token as string).split('.') as [string, string, string];
      const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
      const jwk = keys.find((k: { kid: string }) => k.kid === kid);
      assert.ok(jwk, 'the id_token kid is on the jwks endpoint');
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      assert.ok(verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url')));
    });
  });

  describe('client credentials', () => {
    it('issues an app token for the sandbox root, the worldwide Graph resource and Graph\'s app id', async () => {
      for (const resource of [sandbox.info.graph, origin, 'https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000']) {
        const result = await token({ grant_type: 'client_credentials', ...appCredentials(), scope: `${resource.replace(/\/$/, '')}/.default` });
        assert.equal(result.status, 200, `${resource}: ${JSON.stringify(result.body)}`);
        assert.deepEqual(Object.keys(result.body).sort(), ['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
        assert.equal(result.body.token_type, 'Bearer');
        assert.equal(result.body.expires_in, 3600);
        assert.equal(result.headers.get('cache-control'), 'no-store, no-cache');
        const claims = jwtPayload(result.body.access_token);
        assert.equal(claims.aud, resource.replace(/\/$/, ''));
        assert.equal(claims.tid, tenantId);
        assert.equal(claims.appid, sandbox.info.clientId);
        assert.equal(claims.idtyp, 'app');
        assert.deepEqual(claims.roles, [...APPLICATION_PERMISSIONS]);
        assert.equal(claims.exp - claims.iat, 3600);
        const principal = sandbox.identity.authenticate(`Bearer ${result.body.access_token}`);
        assert.ok(!('error' in principal));
        assert.equal(principal.kind, 'app');
      }
    });

    it('accepts the secret in HTTP Basic (client_secret_basic)', async () => {
      const basic = Buffer.from(`${sandbox.info.clientId}:${encodeURIComponent(sandbox.info.clientSecret)}`).toString('base64');
      const result = await token({ grant_type: 'client_credentials', scope: `${origin}/.default` }, { Authorization: `Basic ${basic}` });
      assert.equal(result.status, 200, JSON.stringify(result.body));
    });

    it('fails like Entra: bad secret, unknown client, missing secret, public client, scope, resource, tenant, grant', async () => {
      const scope = `${origin}/.default`;
      assertAadError(await token({ grant_type: 'client_credentials', client_id: sandbox.info.clientId, client_secret: 'wrong', scope }), 401, 'invalid_client', 7000215);
      assertAadError(await token({ grant_type: 'client_credentials', client_id: 'f0f0f0f0-0000-0000-0000-000000000000', client_secret: 'x', scope }), 400, 'unauthorized_client', 700016);
      assertAadError(await token({ grant_type: 'client_credentials', client_id: sandbox.info.clientId, scope }), 401, 'invalid_client', 7000218);
      assertAadError(await token({ grant_type: 'client_credentials', client_id: GRAPH_CLI_CLIENT_ID, scope }), 401, 'invalid_client', 7000218);
      assertAadError(await token({ grant_type: 'client_credentials', client_id: GRAPH_CLI_CLIENT_ID, client_secret: 'x', scope }), 401, 'invalid_client', 700025);
      assertAadError(await token({ grant_type: 'client_credentials', ...appCredentials(), scope: `${origin}/Synchronization.Read.All` }), 400, 'invalid_scope', 70011);
      assertAadError(await token({ grant_type: 'client_credentials', ...appCredentials(), scope: `${origin}/Nope.Read.All` }), 400, 'invalid_scope', 70011);
      assertAadError(await token({ grant_type: 'client_credentials', ...appCredentials(), scope: 'https://management.azure.com/.default' }), 400, 'invalid_resource', 500011);
      assertAadError(await token({ grant_type: 'client_credentials', ...appCredentials() }), 400, 'invalid_scope', 70011);
      assertAadError(await token({ grant_type: 'password', ...appCredentials(), scope }), 400, 'unsupported_grant_type', 70003);
      assertAadError(await token({ ...appCredentials(), scope }), 400, 'invalid_request', 900144);
      assertAadError(await postForm(`${origin}/organizations/oauth2/v2.0/token`, { grant_type: 'client_credentials', ...appCredentials(), scope }), 400, 'invalid_request', 50059);
      assertAadError(await postForm(`${origin}/not-a-tenant/oauth2/v2.0/token`, { grant_type: 'client_credentials', ...appCredentials(), scope }), 400, 'invalid_tenant', 90002);
    });

    it('echoes the client-request-id msal sends as the correlation id', async () => {
      const result = await postForm(`${sandbox.info.tokenEndpoint}?client-request-id=abc-123`, { grant_type: 'client_credentials', ...appCredentials(), scope: 'x/.default' });
      assert.equal(result.body.correlation_id, 'abc-123');
    });
  });

  describe('device code', () => {
    it('answers authorization_pending until the code is entered on /devicelogin, then issues user tokens once', async () => {
      const started = await startDeviceCode(`${origin}/Synchronization.Read.All openid profile offline_access`);
      assert.equal(started.verification_uri, `${origin}/devicelogin`);
      assert.match(started.user_code, /^[A-Z2-9]{9}$/);
      assert.equal(started.expires_in, 900);
      assert.equal(started.interval, 5);
      assert.equal(started.message, `To sign in, use a web browser to open the page ${origin}/devicelogin and enter the code ${started.user_code} to authenticate.`);

      assertAadError(await pollDeviceCode(started.device_code), 400, 'authorization_pending', 70016);

      const page = await getPage(`${origin}/devicelogin?otc=${started.user_code}`);
      assert.equal(page.status, 200);
      assert.ok(page.html.includes(`value="${started.user_code}"`), 'the code is prefilled');
      const wrong = await enterDeviceCode(started.verification_uri, 'AAAAAAAAA');
      assert.equal(wrong.status, 400);
      assert.match(wrong.html, /That code didn&#39;t work/);
      // Case and dashes do not matter to a person typing the code.
      const typed = `${started.user_code.slice(0, 4).toLowerCase()}-${started.user_code.slice(4)}`;
      assert.equal((await enterDeviceCode(started.verification_uri, typed)).status, 200);

      const done = await pollDeviceCode(started.device_code);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const body = done.body;
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.scope, `${origin}/Synchronization.Read.All openid profile offline_access`);
      assert.ok(body.refresh_token && body.id_token && body.client_info);
      const admin = sandbox.tenant.adminUser;
      assert.deepEqual(JSON.parse(Buffer.from(body.client_info, 'base64url').toString()), { uid: admin.id, utid: tenantId });
      const id = jwtPayload(body.id_token);
      assert.equal(id.aud, GRAPH_CLI_CLIENT_ID);
      assert.equal(id.iss, `${sandbox.info.authority}/v2.0`);
      assert.equal(id.oid, admin.id);
      assert.equal(id.preferred_username, admin.userPrincipalName);
      assert.equal(id.name, admin.displayName);
      assert.equal(id.ver, '2.0');
      for (const claim of ['iat', 'nbf', 'exp', 'sub', 'tid']) assert.ok(id[claim] !== undefined, claim);
      const access = jwtPayload(body.access_token);
      assert.equal(access.scp, 'Synchronization.Read.All');
      assert.equal(access.upn, admin.userPrincipalName);
      assert.equal(access.idtyp, 'user');

      assertAadError(await pollDeviceCode(started.device_code), 400, 'invalid_grant', 70000);
    });

    it('reports a declined code as authorization_declined and an expired one as expired_token', async () => {
      const declined = await startDeviceCode(`${origin}/Synchronization.Read.All`);
      assert.equal((await enterDeviceCode(declined.verification_uri, declined.user_code, { decision: 'cancel' })).status, 200);
      assertAadError(await pollDeviceCode(declined.device_code), 400, 'authorization_declined', 65004);

      await control(origin, 'settings', { deviceCodeLifetimeSeconds: 1 });
      const expired = await startDeviceCode(`${origin}/Synchronization.Read.All`);
      assert.equal(expired.expires_in, 1);
      await delay(1100);
      assertAadError(await pollDeviceCode(expired.device_code), 400, 'expired_token', 70020);
      const late = await enterDeviceCode(expired.verification_uri, expired.user_code);
      assert.equal(late.status, 400);
      assert.match(late.html, /has expired/);
    });

    it('refuses a device code polled by another client', async () => {
      const started = await startDeviceCode(`${origin}/Synchronization.Read.All`);
      const other = await control(origin, 'clients', { permissions: ['Synchronization.Read.All'], public: true });
      assertAadError(await pollDeviceCode(started.device_code, other.clientId), 400, 'invalid_grant', 70000);
    });
  });

  describe('authorization code + PKCE', () => {
    const redirectUri = 'http://localhost:61234/cb';
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    function authorizeUrl(params: Record<string, string> = {}): string {
      const query = new URLSearchParams({
        client_id: GRAPH_CLI_CLIENT_ID,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: `${origin}/Synchronization.Read.All openid profile offline_access`,
        state: 'st-1',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        client_info: '1',
        ...params,
      });
      return `${origin}/${tenantId}/oauth2/v2.0/authorize?${query}`;
    }
    const redeem = (code: string, fields: Record<string, string> = {}) =>
      token({ grant_type: 'authorization_code', client_id: GRAPH_CLI_CLIENT_ID, code, redirect_uri: redirectUri, code_verifier: verifier, ...fields });

    it('shows a consent page listing the permissions, then redirects with code, state and client_info', async () => {
      const page = await getPage(authorizeUrl());
      assert.equal(page.status, 200);
      assert.match(page.html, /Permissions requested/);
      assert.match(page.html, /Synchronization\.Read\.All/);
      assert.match(page.html, /Microsoft Graph Command Line Tools/);
      assert.ok(page.html.includes(sandbox.tenant.adminUser.userPrincipalName));

      const browsed = await browseAuthorize(authorizeUrl({ nonce: 'n-1' }));
      const back = new URL(browsed.location!);
      assert.equal(`${back.origin}${back.pathname}`, redirectUri);
      assert.equal(back.searchParams.get('state'), 'st-1');
      assert.ok(back.searchParams.get('client_info'));
      const result = await redeem(back.searchParams.get('code')!, { client_info: '1' });
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.ok(result.body.refresh_token && result.body.id_token && result.body.client_info);
      assert.equal(jwtPayload(result.body.id_token).nonce, 'n-1');

      assertAadError(await redeem(back.searchParams.get('code')!), 400, 'invalid_grant', 54005);
    });

    it('checks the PKCE verifier and the redirect URI at redemption', async () => {
      await control(origin, 'consent', { auto: true });
      const codeFrom = async () => new URL((await browseAuthorize(authorizeUrl())).location!).searchParams.get('code')!;
      assertAadError(await redeem(await codeFrom(), { code_verifier: randomBytes(32).toString('base64url') }), 400, 'invalid_grant', 501481);
      assertAadError(await redeem(await codeFrom(), { code_verifier: '' }), 400, 'invalid_grant', 501481);
      assertAadError(await redeem(await codeFrom(), { redirect_uri: 'http://localhost:61234/other' }), 400, 'invalid_grant', 50011);
      assert.equal((await redeem(await codeFrom())).status, 200);
    });

    it('refuses non-loopback redirect URIs and unknown clients with an error page, not a redirect', async () => {
      for (const uri of ['https://evil.example/cb', 'http://192.168.1.10:8080/cb', 'https://localhost:1234/cb']) {
        const page = await getPage(authorizeUrl({ redirect_uri: uri }));
        assert.equal(page.status, 400, uri);
        assert.match(page.html, /AADSTS50011/);
      }
      const unknown = await getPage(authorizeUrl({ client_id: 'abababab-0000-0000-0000-000000000000' }));
      assert.equal(unknown.status, 400);
      assert.match(unknown.html, /AADSTS700016/);
    });

    it('sends errors back to the app: cancel, prompt=none without consent, bad scope, form_post and fragment modes', async () => {
      const cancelled = new URL((await browseAuthorize(authorizeUrl(), { decision: 'cancel' })).location!);
      assert.equal(cancelled.searchParams.get('error'), 'access_denied');
      assert.match(cancelled.searchParams.get('error_description')!, /^AADSTS65004/);
      assert.equal(cancelled.searchParams.get('state'), 'st-1');

      const silent = new URL((await getPage(authorizeUrl({ prompt: 'none' }))).location!);
      assert.equal(silent.searchParams.get('error'), 'interaction_required');

      const badScope = new URL((await getPage(authorizeUrl({ scope: `${origin}/Made.Up` }))).location!);
      assert.equal(badScope.searchParams.get('error'), 'invalid_scope');

      await control(origin, 'consent', { auto: true });
      const posted = await browseAuthorize(authorizeUrl({ response_mode: 'form_post' }));
      assert.equal(posted.formPost!.action, redirectUri);
      assert.equal(posted.formPost!.fields.state, 'st-1');
      assert.ok(posted.formPost!.fields.code);

      const fragment = new URL((await getPage(authorizeUrl({ response_mode: 'fragment' }))).location!);
      assert.ok(new URLSearchParams(fragment.hash.slice(1)).get('code'));
    });

    it('a registered client cannot get permissions its registration does not list (AADSTS650057)', async () => {
      const limited = await control(origin, 'clients', { permissions: ['Synchronization.Read.All'], public: true });
      const denied = new URL((await getPage(authorizeUrl({ client_id: limited.clientId, scope: `${origin}/Synchronization.ReadWrite.All` }))).location!);
      assert.equal(denied.searchParams.get('error'), 'invalid_client');
      assert.match(denied.searchParams.get('error_description')!, /^AADSTS650057/);
    });
  });

  describe('refresh tokens', () => {
    const refresh = (refreshToken: string, scope = `${origin}/Synchronization.Read.All openid profile offline_access`, clientId = GRAPH_CLI_CLIENT_ID) =>
      token({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken, scope, client_info: '1' });

    it('rotate: each redemption returns a new refresh token; the old one dies after the grace period', async () => {
      const first = await deviceSignIn(`${origin}/Synchronization.Read.All openid profile offline_access`);
      const second = await refresh(first.refresh_token);
      assert.equal(second.status, 200, JSON.stringify(second.body));
      assert.notEqual(second.body.refresh_token, first.refresh_token);
      assert.notEqual(second.body.access_token, first.access_token);
      assert.equal((await refresh(first.refresh_token)).status, 200, 'still usable within the grace period');

      await control(origin, 'settings', { refreshTokenGraceSeconds: 0 });
      await delay(5);
      assertAadError(await refresh(first.refresh_token), 400, 'invalid_grant', 9002313, 'bad_token');
      assert.equal((await refresh(second.body.refresh_token)).status, 200);
    });

    it('need consent for new scopes (AADSTS65001), cannot cross clients, and die on revoke', async () => {
      const first = await deviceSignIn(`${origin}/Synchronization.Read.All openid profile offline_access`);
      assertAadError(await refresh(first.refresh_token, `${origin}/AuditLog.Read.All offline_access`), 400, 'invalid_grant', 65001, 'consent_required');
      const defaults = await refresh(first.refresh_token, `${origin}/.default offline_access`);
      assert.equal(defaults.body.scope, `${origin}/Synchronization.Read.All offline_access`);

      const other = await control(origin, 'clients', { permissions: ['Synchronization.Read.All'], public: true });
      assertAadError(await refresh(first.refresh_token, undefined, other.clientId), 400, 'invalid_grant', 70000);
      assertAadError(await refresh('0.Agarbage'), 400, 'invalid_grant', 9002313, 'bad_token');

      await control(origin, 'revoke');
      assertAadError(await refresh(defaults.body.refresh_token), 400, 'invalid_grant', 50173, 'bad_token');
    });
  });

  describe('Graph token check (authenticate) and control tokens', () => {
    it('control tokens carry exactly the permissions asked for; Graph answers 403 without the needed one', async () => {
      const limited = await control(origin, 'tokens', { kind: 'app', permissions: ['AuditLog.Read.All'] });
      assert.ok(limited.expires_on > Date.now() / 1000);
      const principal = sandbox.identity.authenticate(`Bearer ${limited.access_token}`);
      assert.ok(!('error' in principal));
      assert.deepEqual([...principal.permissions], ['AuditLog.Read.All']);
      const forbidden = await fetch(`${origin}/v1.0/servicePrincipals`, { headers: { Authorization: `Bearer ${limited.access_token}` } });
      assert.equal(forbidden.status, 403);

      const user = await control(origin, 'tokens', { kind: 'user', permissions: ['synchronization.read.all'] });
      const delegated = sandbox.identity.authenticate(`bearer ${user.access_token}`);
      assert.ok(!('error' in delegated));
      assert.equal(delegated.kind, 'user');
      assert.equal(delegated.userId, sandbox.tenant.adminUser.id);
      assert.deepEqual([...delegated.permissions], ['Synchronization.Read.All'], 'names are canonicalised');
    });

    it('expired, forged, revoked, malformed and missing tokens', async () => {
      const expired = await control(origin, 'tokens', { permissions: ['Synchronization.Read.All'], expiresInSeconds: 0 });
      assert.ok(expired.expires_on <= Date.now() / 1000);
      assert.deepEqual(sandbox.identity.authenticate(`Bearer ${expired.access_token}`), { error: 'expired', message: 'Lifetime validation failed, the token is expired.' });
      const graph401 = await fetch(`${origin}/v1.0/servicePrincipals`, { headers: { Authorization: `Bearer ${expired.access_token}` } });
      assert.equal(graph401.status, 401);

      const good = (await control(origin, 'tokens', { permissions: ['Synchronization.Read.All'] })).access_token as string;
      const [header, payload, signature] = good.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forgedPayload = Buffer.from(JSON.stringify({ ...claims, roles: [...GRAPH_PERMISSIONS] })).toString('base64url');
      const forged = sandbox.identity.authenticate(`Bearer ${header}.${forgedPayload}.${signature}`);
      assert.ok('error' in forged && forged.error === 'invalid', 'an edited payload fails the signature check');

      const other = await startSandbox({});
      try {
        const foreign = (await control(other.origin, 'tokens', { permissions: ['Synchronization.Read.All'] })).access_token;
        const result = sandbox.identity.authenticate(`Bearer ${foreign}`);
        assert.ok('error' in result && result.error === 'invalid', "another sandbox's token is refused");
      } finally {
        await other.close();
      }

      assert.deepEqual(sandbox.identity.authenticate(undefined), { error: 'missing', message: 'Access token is empty.' });
      assert.equal((sandbox.identity.authenticate('Basic abc') as { error: string }).error, 'missing');
      assert.equal((sandbox.identity.authenticate('Bearer not-a-jwt') as { error: string }).error, 'invalid');

      await control(origin, 'revoke');
      const revoked = sandbox.identity.authenticate(`Bearer ${good}`);
      assert.ok('error' in revoked && revoked.error === 'invalid' && /TokenIssuedBeforeRevocationTimestamp/.test(revoked.message));
    });

    it('validates control requests', async () => {
      const post = (path: string, body: unknown) =>
        fetch(`${origin}/_sandbox/identity/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const unknown = await post('tokens', { permissions: ['Synchronization.Read.All', 'Mail.Send'] });
      assert.equal(unknown.status, 400);
      assert.match(((await unknown.json()) as { error: string }).error, /Unknown permission\(s\): Mail\.Send/);
      assert.equal((await post('tokens', { kind: 'robot', permissions: [] })).status, 400);
      assert.equal((await post('clients', { permissions: 'all' })).status, 400);
      assert.equal((await post('settings', { deviceCodeIntervalSeconds: -1 })).status, 400);
      assert.equal((await post('settings', { colour: 'blue' })).status, 400);
      assert.equal((await post('consent', {})).status, 400);
      const summary = (await getJson(`${origin}/_sandbox/identity`)).body;
      assert.equal(summary.authority, sandbox.info.authority);
      assert.deepEqual(summary.permissions, [...GRAPH_PERMISSIONS]);
    });
  });

  it('keeps clients, consents, refresh tokens and the signing key between runs (state file), never logging secrets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'identity-state-'));
    try {
      const statePath = join(dir, 'state.json');
      const first = await startSandbox({ statePath });
      const firstOrigin = first.origin;
      const started = await postForm(`${firstOrigin}/${first.info.tenantId}/oauth2/v2.0/devicecode`, { client_id: GRAPH_CLI_CLIENT_ID, scope: `${firstOrigin}/Synchronization.Read.All offline_access` });
      await enterDeviceCode(started.body.verification_uri, started.body.user_code);
      const signedIn = await postForm(first.info.tokenEndpoint, { grant_type: 'device_code', client_id: GRAPH_CLI_CLIENT_ID, device_code: started.body.device_code });
      assert.equal(signedIn.status, 200);
      const registered = await control(firstOrigin, 'clients', { permissions: ['Synchronization.Read.All'] });
      const appToken = await postForm(first.info.tokenEndpoint, { grant_type: 'client_credentials', client_id: first.info.clientId, client_secret: first.info.clientSecret, scope: `${firstOrigin}/.default` });
      const log = JSON.stringify(await requestLog(firstOrigin));
      for (const secret of [first.info.clientSecret, signedIn.body.refresh_token, started.body.device_code]) assert.ok(!log.includes(secret));
      const info = first.info;
      await first.close();

      // Same port, so the same issuer: access tokens from the first run stay valid (the signing key was kept).
      const second = await startSandbox({ statePath, port: Number(new URL(firstOrigin).port) });
      try {
        assert.equal(second.info.clientId, info.clientId);
        assert.ok(!('error' in second.identity.authenticate(`Bearer ${appToken.body.access_token}`)));
        assert.equal(second.info.clientSecret, info.clientSecret);
        const refreshed = await postForm(second.info.tokenEndpoint, {
          grant_type: 'refresh_token',
          client_id: GRAPH_CLI_CLIENT_ID,
          refresh_token: signedIn.body.refresh_token,
          scope: `${second.origin}/Synchronization.Read.All offline_access`,
        });
        assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
        const app = await postForm(second.info.tokenEndpoint, {
          grant_type: 'client_credentials',
          client_id: registered.clientId,
          client_secret: registered.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
        });
        assert.deepEqual(jwtPayload(app.body.access_token).roles, ['Synchronization.Read.All']);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
