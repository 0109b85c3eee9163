// `POST /{tenant}/oauth2/v2.0/token` (client_credentials, authorization_code + PKCE, refresh_token, device_code) and
// `POST /{tenant}/oauth2/v2.0/devicecode`, answering with Entra's bodies and AADSTS errors.
import { createHash } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../http/router';
import { authenticateClient } from './clientAuth';
import { Aadsts, JSON_CONTENT_TYPE, TOKEN_SERVICE_HEADERS, tokenErrorResponse, type AadFailure } from './errors';
import { isScopeProblem, parseScopes, type RequestedScopes } from './scopes';
import { correlationIdOf, type IdentityService } from './service';
import type { ClientApp } from './clients';

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

type GrantOutcome = { body: Record<string, unknown> } | { failure: AadFailure };

export async function handleTokenRequest(service: IdentityService, req: SandboxRequest): Promise<SandboxResponse> {
  const form = req.form ?? new URLSearchParams();
  const grantType = form.get('grant_type') ?? undefined;
  const outcome = await tokenOutcome(service, req, form, grantType);
  const scope = form.get('scope') ?? undefined;
  const clientId = form.get('client_id') ?? undefined;
  if ('failure' in outcome) {
    service.log({ endpoint: 'token', grantType, clientId, scope, outcome: outcome.failure.error, aadsts: outcome.failure.code });
    return tokenErrorResponse(outcome.failure, { correlationId: correlationIdOf(req) });
  }
  service.log({ endpoint: 'token', grantType, clientId, scope, outcome: 'ok' });
  return success(outcome.body);
}

async function tokenOutcome(service: IdentityService, req: SandboxRequest, form: URLSearchParams, grantType: string | undefined): Promise<GrantOutcome> {
  const tenant = req.params.tenant ?? '';
  if (!service.urls.isKnownTenant(tenant)) return { failure: Aadsts.tenantNotFound(tenant) };
  if (!grantType) return { failure: Aadsts.missingParameter('grant_type') };
  const auth = authenticateClient(service, req, form);
  if ('failure' in auth) return auth;
  await service.ready();
  switch (grantType) {
    case 'client_credentials':
      return clientCredentials(service, tenant, form, auth.client, auth.method === 'assertion' ? 'certificate' : 'secret');
    case 'authorization_code':
      return authorizationCode(service, form, auth.client);
    case 'refresh_token':
      return refreshToken(service, form, auth.client);
    case DEVICE_CODE_GRANT:
    case 'device_code':
      return deviceCode(service, form, auth.client);
    default:
      return { failure: Aadsts.unsupportedGrantType(grantType) };
  }
}

function clientCredentials(
  service: IdentityService,
  tenant: string,
  form: URLSearchParams,
  client: ClientApp,
  credential: 'secret' | 'certificate',
): GrantOutcome {
  // An app-only token names no user, so only the tenant in the path can say which tenant it is for.
  if (!service.urls.isTenantIdSegment(tenant)) return { failure: Aadsts.noTenantForAppOnly() };
  if (client.isPublic) return { failure: Aadsts.missingCredential() };
  const scope = form.get('scope') ?? '';
  const requested = parseRequestedScopes(service, scope);
  if ('failure' in requested) return requested;
  if (!requested.isDefault || requested.oidc.length > 0) return { failure: Aadsts.appOnlyNeedsDefault(scope) };
  const token = service.tokens.appAccessToken(client, client.appRoles, requested.audience, service.settings.accessTokenLifetimeSeconds, credential);
  // Entra's client-credentials answer has no scope, refresh token or id token.
  return { body: { token_type: 'Bearer', expires_in: token.expiresIn, ext_expires_in: token.expiresIn, access_token: token.accessToken } };
}

function authorizationCode(service: IdentityService, form: URLSearchParams, client: ClientApp): GrantOutcome {
  const code = form.get('code');
  if (!code) return { failure: Aadsts.missingParameter('code') };
  const record = service.flows.findCode(code);
  if (!record || record.clientId.toLowerCase() !== client.clientId.toLowerCase()) return { failure: Aadsts.invalidGrant() };
  if (record.redeemed) return { failure: Aadsts.codeRedeemed() };
  if (record.expiresAt <= service.now()) return { failure: Aadsts.codeExpired() };
  record.redeemed = true; // one attempt per code, successful or not, as Entra does
  const redirectUri = form.get('redirect_uri') ?? '';
  if (redirectUri !== record.redirectUri) return { failure: Aadsts.redirectUriMismatch(redirectUri) };
  if (record.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier') ?? '';
    const derived = record.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
    if (!verifier || derived !== record.codeChallenge) return { failure: Aadsts.pkceMismatch() };
  }
  const user = service.directory.findUser(record.userId);
  if (!user) return { failure: Aadsts.invalidGrant('The user the code was issued to no longer exists.') };
  return {
    body: service.userTokenResponse({
      client,
      user,
      requested: record,
      nonce: record.nonce,
      wantsClientInfo: form.get('client_info') === '1',
    }),
  };
}

function refreshToken(service: IdentityService, form: URLSearchParams, client: ClientApp): GrantOutcome {
  const token = form.get('refresh_token');
  if (!token) return { failure: Aadsts.missingParameter('refresh_token') };
  const now = service.now();
  const graceMs = service.settings.refreshTokenGraceSeconds * 1000;
  const found = service.refreshTokens.lookup(token, service.generation, now, graceMs);
  if ('problem' in found) {
    if (found.problem === 'revoked') return { failure: Aadsts.refreshTokenRevoked() };
    if (found.problem === 'expired') return { failure: Aadsts.refreshTokenExpired() };
    return { failure: Aadsts.unknownRefreshToken() };
  }
  if (found.grant.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
    return { failure: Aadsts.invalidGrant('The refresh token was issued to a different client.') };
  }
  const user = service.directory.findUser(found.grant.userId);
  if (!user) return { failure: Aadsts.unknownRefreshToken() };
  const requested = parseRequestedScopes(service, form.get('scope') ?? 'openid profile offline_access');
  if ('failure' in requested) return requested;
  // A refresh can only carry what the user already consented to; anything more needs the interactive prompt.
  if (!service.consents.covers(client.clientId, user.id, requested.permissions)) {
    return { failure: Aadsts.consentRequired(client.clientId, client.displayName) };
  }
  service.refreshTokens.markRedeemed(token, now);
  return {
    body: service.userTokenResponse({ client, user, requested, wantsClientInfo: form.get('client_info') === '1', alwaysRefreshToken: true }),
  };
}

function deviceCode(service: IdentityService, form: URLSearchParams, client: ClientApp): GrantOutcome {
  const code = form.get('device_code');
  if (!code) return { failure: Aadsts.missingParameter('device_code') };
  const device = service.flows.findDevice(code);
  if (!device || device.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
    return { failure: Aadsts.invalidGrant("The provided value for the input parameter 'device_code' is not valid.") };
  }
  if (device.expiresAt <= service.now()) return { failure: Aadsts.deviceCodeExpired() };
  switch (device.state) {
    case 'pending':
      return { failure: Aadsts.authorizationPending() };
    case 'declined':
      service.flows.finishDevice(code);
      return { failure: Aadsts.authorizationDeclined() };
    case 'failed':
      service.flows.finishDevice(code);
      return { failure: Aadsts.notInAppRegistration() };
    case 'approved':
      break;
  }
  const user = device.userId ? service.directory.findUser(device.userId) : undefined;
  service.flows.finishDevice(code);
  if (!user) return { failure: Aadsts.invalidGrant('The user who approved the code no longer exists.') };
  return { body: service.userTokenResponse({ client, user, requested: device, wantsClientInfo: form.get('client_info') === '1' }) };
}

/** `POST /{tenant}/oauth2/v2.0/devicecode`: starts a device authorization the user completes on /devicelogin. */
export async function handleDeviceCodeRequest(service: IdentityService, req: SandboxRequest): Promise<SandboxResponse> {
  const form = req.form ?? new URLSearchParams();
  const clientId = form.get('client_id') ?? undefined;
  const scope = form.get('scope') ?? undefined;
  const fail = (failure: AadFailure) => {
    service.log({ endpoint: 'devicecode', clientId, scope, outcome: failure.error, aadsts: failure.code });
    return tokenErrorResponse(failure, { correlationId: correlationIdOf(req) });
  };
  const tenant = req.params.tenant ?? '';
  if (!service.urls.isKnownTenant(tenant)) return fail(Aadsts.tenantNotFound(tenant));
  if (!clientId) return fail(Aadsts.missingParameter('client_id'));
  const client = service.clients.find(clientId);
  if (!client) return fail(Aadsts.unknownClient(clientId, service.tenantId));
  const requested = parseRequestedScopes(service, scope ?? '');
  if ('failure' in requested) return fail(requested.failure);
  const settings = service.settings;
  const device = service.flows.startDevice(
    {
      clientId: client.clientId,
      // `.default` asks for what the app registration lists; the consent on /devicelogin grants it.
      permissions: requested.isDefault ? [...client.delegatedScopes] : requested.permissions,
      oidc: requested.oidc,
      resource: requested.resource,
      audience: requested.audience,
      expiresAt: service.now() + settings.deviceCodeLifetimeSeconds * 1000,
    },
    service.now(),
  );
  const verificationUri = service.urls.deviceLoginPage;
  service.log({ endpoint: 'devicecode', clientId, scope, outcome: 'ok' });
  return success({
    user_code: device.userCode,
    device_code: device.deviceCode,
    verification_uri: verificationUri,
    expires_in: settings.deviceCodeLifetimeSeconds,
    interval: settings.deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${device.userCode} to authenticate.`,
  });
}

/** Scope parsing with the failures mapped to their AADSTS errors. */
export function parseRequestedScopes(service: IdentityService, scope: string): RequestedScopes | { failure: AadFailure } {
  const parsed = parseScopes(scope, (resource) => service.urls.isGraphResource(resource));
  if (!isScopeProblem(parsed)) return parsed;
  return {
    failure: parsed.problem === 'invalid_resource' ? Aadsts.unknownResource(parsed.resource, service.tenantId) : Aadsts.invalidScope(parsed.detail),
  };
}

function success(body: Record<string, unknown>): SandboxResponse {
  return { status: 200, headers: { ...TOKEN_SERVICE_HEADERS }, contentType: JSON_CONTENT_TYPE, body };
}
