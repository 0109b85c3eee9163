// The token service's browser pages: the authorize endpoint's consent page (auth code + PKCE), the device-code
// sign-in page, and logout. The sandbox has no passwords: the signed-in user is the tenant's admin (or the user a
// `login_hint` names). Everything is plain HTML forms, so a test can drive it with fetch, no browser needed.
import { randomUUID } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../http/router';
import { Aadsts, type AadFailure } from './errors';
import { parseRequestedScopes } from './grants';
import type { AuthorizationRequest } from './authorizations';
import type { ClientApp } from './clients';
import type { IdentityService, IdentityUser } from './service';

const HTML = 'text/html; charset=utf-8';
type ResponseMode = AuthorizationRequest['responseMode'];

// ---------------------------------------------------------------------------------------------------------------
// Authorize

/** `GET /{tenant}/oauth2/v2.0/authorize` */
export async function handleAuthorize(service: IdentityService, req: SandboxRequest): Promise<SandboxResponse> {
  const q = req.query;
  const tenant = req.params.tenant ?? '';
  if (!service.urls.isKnownTenant(tenant)) return errorPage(service, Aadsts.tenantNotFound(tenant));
  const clientId = q.get('client_id');
  if (!clientId) return errorPage(service, Aadsts.missingParameter('client_id'));
  const client = service.clients.find(clientId);
  if (!client) return errorPage(service, Aadsts.unknownClient(clientId, service.tenantId));
  const redirectUri = q.get('redirect_uri');
  if (!redirectUri) return errorPage(service, Aadsts.missingParameter('redirect_uri'));
  // Without a registered redirect URI to compare against, only loopback ones are safe to send a code to.
  if (!isLoopbackRedirectUri(redirectUri)) return errorPage(service, Aadsts.badRedirectUri(redirectUri, client.clientId));

  // From here on errors go back to the app, the way Entra reports them.
  const requestedMode = q.get('response_mode') ?? 'query';
  const responseMode: ResponseMode = requestedMode === 'form_post' || requestedMode === 'fragment' ? requestedMode : 'query';
  const state = q.get('state') ?? undefined;
  const back = (failure: AadFailure) => {
    service.log({ endpoint: 'authorize', clientId: client.clientId, scope: q.get('scope') ?? undefined, outcome: failure.error, aadsts: failure.code });
    return redirectWithError(redirectUri, responseMode, failure, state);
  };
  if (requestedMode !== responseMode) return back(Aadsts.invalidRequest(`The response_mode '${requestedMode}' is not supported.`));
  const responseType = q.get('response_type') ?? '';
  if (responseType !== 'code') return back(Aadsts.unsupportedResponseType(responseType));
  const requested = parseRequestedScopes(service, q.get('scope') ?? '');
  if ('failure' in requested) return back(requested.failure);
  // `.default` asks for everything the app registration lists.
  const permissions = requested.isDefault ? [...client.delegatedScopes] : requested.permissions;
  if (!permissions.every((p) => client.delegatedScopes.includes(p))) return back(Aadsts.notInAppRegistration());
  const codeChallenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method') ?? (codeChallenge ? 'plain' : undefined);
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    return back(Aadsts.invalidRequest(`The code_challenge_method '${method}' is not supported; use S256.`));
  }
  const loginHint = q.get('login_hint');
  const user = loginHint ? service.directory.findUser(loginHint) : service.directory.adminUser;
  if (!user) return errorPage(service, Aadsts.unknownUser(loginHint ?? '', service.tenantId));

  const request: AuthorizationRequest = {
    clientId: client.clientId,
    tenantSegment: tenant,
    userId: user.id,
    redirectUri,
    responseMode,
    ...(state !== undefined ? { state } : {}),
    ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
    ...(codeChallenge !== undefined ? { codeChallenge, codeChallengeMethod: method as 'S256' | 'plain' } : {}),
    permissions,
    oidc: requested.oidc,
    resource: requested.resource,
    audience: requested.audience,
    wantsClientInfo: q.get('client_info') === '1',
  };
  const prompt = q.get('prompt');
  const alreadyConsented = service.consents.covers(client.clientId, user.id, permissions);
  if (prompt === 'none') return alreadyConsented ? await approve(service, request) : back(Aadsts.interactionRequired());
  // With SSO the admin is always signed in: consent already given means Entra redirects straight back.
  const wantsPage = prompt === 'consent' || prompt === 'login' || prompt === 'select_account';
  if (service.settings.autoConsent || (alreadyConsented && !wantsPage)) return approve(service, request);
  const pageId = service.flows.holdConsentPage(request, service.now());
  return consentPage(service, client, user, request, pageId);
}

/** `POST /{tenant}/oauth2/v2.0/authorize`: the consent page's Accept / Cancel. */
export async function handleAuthorizeDecision(service: IdentityService, req: SandboxRequest): Promise<SandboxResponse> {
  const form = req.form ?? new URLSearchParams();
  const request = service.flows.takeConsentPage(form.get('request') ?? '', service.now());
  if (!request) {
    return htmlPage(400, 'Sign-in request expired', '<p>This sign-in request has expired or was already answered. Go back to the application and sign in again.</p>');
  }
  if (form.get('decision') === 'cancel') {
    service.log({ endpoint: 'authorize', clientId: request.clientId, outcome: 'access_denied', aadsts: 65004 });
    return redirectWithError(request.redirectUri, request.responseMode, Aadsts.userDeclined(), request.state);
  }
  return approve(service, request);
}

/** Records the consent and sends the code back to the app. */
async function approve(service: IdentityService, request: AuthorizationRequest): Promise<SandboxResponse> {
  await service.ready();
  if (service.consents.grant(request.clientId, request.userId, request.permissions)) service.changed();
  const code = service.flows.issueCode(request, service.now());
  const user = service.directory.findUser(request.userId);
  const params: Record<string, string> = { code };
  if (request.state !== undefined) params.state = request.state;
  if (request.wantsClientInfo && user) params.client_info = service.tokens.clientInfo(user);
  params.session_state = randomUUID();
  service.log({ endpoint: 'authorize', clientId: request.clientId, outcome: 'ok' });
  return redirectBack(request.redirectUri, request.responseMode, params);
}

/** `http://localhost:PORT/…`, `http://127.0.0.1:PORT/…` or `http://[::1]:PORT/…`, without credentials or fragment. */
export function isLoopbackRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !url.username && !url.password && !url.hash;
  } catch {
    return false;
  }
}

function redirectWithError(redirectUri: string, mode: ResponseMode, failure: AadFailure, state: string | undefined): SandboxResponse {
  const params: Record<string, string> = {
    error: failure.error,
    error_description: `AADSTS${failure.code}: ${failure.message}`,
    error_codes: String(failure.code),
  };
  if (failure.suberror) params.suberror = failure.suberror;
  if (state !== undefined) params.state = state;
  return redirectBack(redirectUri, mode, params);
}

/** Delivers the authorization response in the requested mode: 302 with query or fragment, or an auto-posting form. */
function redirectBack(redirectUri: string, mode: ResponseMode, params: Record<string, string>): SandboxResponse {
  if (mode === 'form_post') {
    const fields = Object.entries(params)
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('\n      ');
    return htmlPage(
      200,
      'Working…',
      `<form method="post" action="${escapeHtml(redirectUri)}">
      ${fields}
      <noscript><p>Script is disabled. Click Submit to continue.</p><button type="submit">Submit</button></noscript>
    </form>
    <script>document.forms[0].submit();</script>`,
    );
  }
  const url = new URL(redirectUri);
  if (mode === 'fragment') url.hash = new URLSearchParams(params).toString();
  else for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' } };
}

function consentPage(service: IdentityService, client: ClientApp, user: IdentityUser, request: AuthorizationRequest, pageId: string): SandboxResponse {
  const wanted = request.permissions.length > 0 ? request.permissions : ['(sign you in and read your profile)'];
  const list = wanted.map((p) => `<li><code>${escapeHtml(p)}</code></li>`).join('');
  return htmlPage(
    200,
    'Permissions requested',
    `<p class="who">Signed in as <b>${escapeHtml(user.displayName)}</b> (${escapeHtml(user.userPrincipalName)})</p>
    <h1>Permissions requested</h1>
    <p><b>${escapeHtml(client.displayName)}</b> <span class="muted">(${escapeHtml(client.clientId)})</span> wants these Microsoft Graph permissions in tenant ${escapeHtml(service.tenantId)}:</p>
    <ul>${list}</ul>
    <p class="muted">Accepting lets the app use them on your behalf. This is the sandbox tenant: nothing leaves this computer.</p>
    <form method="post" action="/${encodeURIComponent(request.tenantSegment)}/oauth2/v2.0/authorize">
      <input type="hidden" name="request" value="${escapeHtml(pageId)}">
      <button type="submit" name="decision" value="accept" id="accept">Accept</button>
      <button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
    </form>`,
  );
}

function errorPage(service: IdentityService, failure: AadFailure): SandboxResponse {
  service.log({ endpoint: 'authorize', outcome: failure.error, aadsts: failure.code });
  return htmlPage(
    400,
    'Sign in failed',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
    <p class="error">AADSTS${failure.code}: ${escapeHtml(failure.message)}</p>`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Device code sign-in

/** `GET /devicelogin[?otc=CODE]` */
export function handleDeviceLoginPage(service: IdentityService, req: SandboxRequest): SandboxResponse {
  return deviceLoginForm(service, req.query.get('otc') ?? '', undefined);
}

/** `POST /devicelogin` with `otc` (the user code), optional `decision=cancel`, optional `login_hint`. */
export async function handleDeviceLoginSubmit(service: IdentityService, req: SandboxRequest): Promise<SandboxResponse> {
  const form = req.form ?? new URLSearchParams();
  const code = form.get('otc') ?? '';
  const device = service.flows.findDeviceByUserCode(code);
  const outcome = (result: string, aadsts?: number) =>
    service.log({ endpoint: 'devicelogin', clientId: device?.clientId, outcome: result, ...(aadsts ? { aadsts } : {}) });
  if (!device) {
    outcome('invalid_grant', 70000);
    return deviceLoginForm(service, code, "That code didn't work. Check the code and try again.");
  }
  if (device.expiresAt <= service.now()) {
    outcome('expired_token', 70020);
    return deviceLoginForm(service, '', "The code you entered has expired. Get a new code from the device you're trying to sign in to and try again.");
  }
  if (device.state !== 'pending') {
    outcome('invalid_grant', 70000);
    return deviceLoginForm(service, '', 'That code was already used. Get a new code from the device you are trying to sign in to.');
  }
  const loginHint = form.get('login_hint');
  const user = loginHint ? service.directory.findUser(loginHint) : service.directory.adminUser;
  if (!user) {
    outcome('invalid_request', 50034);
    return deviceLoginForm(service, code, `The user account ${loginHint ?? ''} does not exist in this tenant.`);
  }
  const client = service.clients.find(device.clientId);
  if (form.get('decision') === 'cancel') {
    device.state = 'declined';
    outcome('authorization_declined', 65004);
    return htmlPage(200, 'Sign in cancelled', `<p>You declined to sign in to <b>${escapeHtml(client?.displayName ?? device.clientId)}</b>. You may now close this window.</p>`);
  }
  if (!client || !device.permissions.every((p) => client.delegatedScopes.includes(p))) {
    device.state = 'failed';
    device.failure = 'not-in-registration';
    const failure = Aadsts.notInAppRegistration();
    outcome(failure.error, failure.code);
    return htmlPage(400, 'Sign in failed', `<p class="error">AADSTS${failure.code}: ${escapeHtml(failure.message)}</p>`);
  }
  await service.ready();
  if (service.consents.grant(client.clientId, user.id, device.permissions)) service.changed();
  device.state = 'approved';
  device.userId = user.id;
  outcome('ok');
  return htmlPage(
    200,
    'Signed in',
    `<p class="who">Signed in as <b>${escapeHtml(user.displayName)}</b> (${escapeHtml(user.userPrincipalName)})</p>
    <h1>${escapeHtml(client.displayName)}</h1>
    <p>You have signed in to the ${escapeHtml(client.displayName)} application on your device. You may now close this window.</p>`,
  );
}

function deviceLoginForm(service: IdentityService, prefill: string, error: string | undefined): SandboxResponse {
  const admin = service.directory.adminUser;
  return htmlPage(
    error ? 400 : 200,
    'Enter code',
    `<p class="who">Signed in as <b>${escapeHtml(admin.displayName)}</b> (${escapeHtml(admin.userPrincipalName)})</p>
    <h1>Enter code</h1>
    <p>Enter the code displayed on your app or device.</p>
    ${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="/devicelogin">
      <input name="otc" id="otc" value="${escapeHtml(prefill)}" autocomplete="off" autofocus placeholder="Code" aria-label="Code">
      <button type="submit" name="decision" value="accept" id="next">Next</button>
      <button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
    </form>`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Logout

/** `GET /{tenant}/oauth2/v2.0/logout`: nothing to end (there is no session cookie); goes back to a loopback app. */
export function handleLogout(_service: IdentityService, req: SandboxRequest): SandboxResponse {
  const back = req.query.get('post_logout_redirect_uri');
  if (back && isLoopbackRedirectUri(back)) return { status: 302, headers: { Location: back } };
  return htmlPage(200, 'Signed out', '<p>You signed out of your account. It\'s a good idea to close all browser windows.</p>');
}

// ---------------------------------------------------------------------------------------------------------------

function htmlPage(status: number, title: string, body: string): SandboxResponse {
  return {
    status,
    contentType: HTML,
    headers: { 'Cache-Control': 'no-store' },
    text: `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)} – Sandbox sign-in</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; }
    .who, .muted { color: #5e5e5e; font-size: .9rem; }
    .error { color: #a80000; }
    button { margin-right: .5rem; padding: .4rem 1.2rem; }
    input { padding: .4rem; font-size: 1rem; }
  </style>
</head>
<body>
  <p class="muted">Entra Provisioning sandbox tenant</p>
  ${body}
</body>
</html>
`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
