// Control API for tests under /_sandbox/identity/ (no authentication: the sandbox only listens on 127.0.0.1 and this
// is never part of the token-service or Graph surface).
//   POST /_sandbox/identity/tokens   {kind?, permissions, expiresInSeconds?, userId?, clientId?} → {access_token, expires_on}
//   POST /_sandbox/identity/clients  {permissions, public?, displayName?, certificate?, publicKey?} → {clientId, clientSecret?}
//   POST /_sandbox/identity/consent  {auto}        authorize approves at once, no consent page
//   POST /_sandbox/identity/revoke   {consents?}   every access/refresh token issued so far stops working
//   POST /_sandbox/identity/settings {accessTokenLifetimeSeconds?, deviceCodeIntervalSeconds?, …}
//   GET  /_sandbox/identity/requests               recent token-service calls (no secrets)
//   GET  /_sandbox/identity/deviceCodes            device-code sign-ins waiting for their user code to be entered
import type { Router, SandboxRequest, SandboxResponse } from '../http/router';
import { INVALID_JSON_BODY } from '../http/body';
import { GRAPH_CLI_CLIENT_ID } from './clients';
import { GRAPH_PERMISSIONS, canonicalPermissions, type GraphPermission } from './permissions';
import type { IdentityService, IdentitySettings } from './service';

export function registerIdentityControlRoutes(router: Router, service: IdentityService): void {
  router
    .get('/_sandbox/identity', () => ok(summary(service)))
    .post('/_sandbox/identity/tokens', (req) => mintToken(service, req))
    .post('/_sandbox/identity/clients', (req) => registerClient(service, req))
    .post('/_sandbox/identity/consent', (req) => {
      const body = objectBody(req);
      if ('error' in body) return body.error;
      if (typeof body.value.auto !== 'boolean') return badRequest("Send {\"auto\": true|false}.");
      service.settings.autoConsent = body.value.auto;
      return ok({ auto: service.settings.autoConsent });
    })
    .post('/_sandbox/identity/revoke', (req) => {
      const body = req.body === undefined ? { value: {} } : objectBody(req);
      if ('error' in body) return body.error;
      service.revoke({ consents: body.value.consents === true });
      return ok({ revoked: true, consentsCleared: body.value.consents === true });
    })
    .post('/_sandbox/identity/settings', (req) => updateSettings(service, req))
    .get('/_sandbox/identity/requests', () => ok({ value: service.recentRequests() }))
    .get('/_sandbox/identity/deviceCodes', () => ok({ value: pendingDeviceCodes(service) }));
}

/** Mints an access token with exactly the given permissions, bypassing every grant (for 401/403 tests). */
export async function mintToken(service: IdentityService, req: SandboxRequest): Promise<SandboxResponse> {
  const body = objectBody(req);
  if ('error' in body) return body.error;
  const { kind = 'app', permissions, expiresInSeconds, userId, clientId } = body.value;
  if (kind !== 'app' && kind !== 'user') return badRequest("kind must be 'app' or 'user'.");
  const checked = checkPermissions(permissions);
  if ('error' in checked) return checked.error;
  if (expiresInSeconds !== undefined && (typeof expiresInSeconds !== 'number' || !Number.isFinite(expiresInSeconds))) {
    return badRequest('expiresInSeconds must be a number (0 or less gives an already expired token).');
  }
  const lifetime = Math.trunc((expiresInSeconds as number | undefined) ?? service.settings.accessTokenLifetimeSeconds);
  const wantedClient = typeof clientId === 'string' ? clientId : kind === 'app' ? service.clients.appClient.clientId : GRAPH_CLI_CLIENT_ID;
  const client = service.clients.find(wantedClient);
  if (!client) return badRequest(`Unknown clientId '${wantedClient}'.`);
  await service.ready();
  const audience = service.urls.origin;
  let issued;
  if (kind === 'app') {
    issued = service.tokens.appAccessToken(client, checked.permissions, audience, lifetime);
  } else {
    const user = typeof userId === 'string' ? service.directory.findUser(userId) : service.directory.adminUser;
    if (!user) return badRequest(`Unknown user '${String(userId)}'.`);
    issued = service.tokens.userAccessToken(client, user, checked.permissions, audience, lifetime);
  }
  return ok({ access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, expires_on: issued.expiresOn });
}

/**
 * What a test playing the user needs to finish a device-code sign-in that an app started (the app shows the code
 * to a person; a test has no screen to read it from): the user code, never the device code msal polls with.
 */
function pendingDeviceCodes(service: IdentityService): { userCode: string; clientId: string; scopes: string[]; expiresAt: string }[] {
  return service.flows.pendingDevices(service.now()).map((device) => ({
    userCode: device.userCode,
    clientId: device.clientId,
    scopes: [...device.permissions],
    expiresAt: new Date(device.expiresAt).toISOString(),
  }));
}

function registerClient(service: IdentityService, req: SandboxRequest): SandboxResponse {
  const body = objectBody(req);
  if ('error' in body) return body.error;
  const { permissions, displayName, certificate, publicKey } = body.value;
  const isPublic = body.value.public === true;
  const checked = checkPermissions(permissions);
  if ('error' in checked) return checked.error;
  if (displayName !== undefined && typeof displayName !== 'string') return badRequest('displayName must be a string.');
  if (certificate !== undefined && typeof certificate !== 'string') return badRequest('certificate must be a PEM string.');
  if (publicKey !== undefined && typeof publicKey !== 'string') return badRequest('publicKey must be a PEM string.');
  if (isPublic && (certificate || publicKey)) return badRequest('A public client cannot have a certificate.');
  let registered;
  try {
    registered = service.clients.register({
      permissions: checked.permissions,
      isPublic,
      ...(displayName ? { displayName } : {}),
      ...(certificate ? { certificatePem: certificate } : {}),
      ...(publicKey ? { publicKeyPem: publicKey } : {}),
    });
  } catch (err) {
    return badRequest(`The certificate or key could not be read: ${(err as Error).message}`);
  }
  service.changed();
  const { client } = registered;
  return {
    status: 201,
    body: {
      clientId: client.clientId,
      displayName: client.displayName,
      public: client.isPublic,
      appRoles: client.appRoles,
      delegatedScopes: client.delegatedScopes,
      ...(registered.clientSecret ? { clientSecret: registered.clientSecret } : {}),
      ...(registered.thumbprint ? { thumbprint: registered.thumbprint, thumbprintSha256: registered.thumbprintSha256 } : {}),
    },
    contentType: 'application/json; charset=utf-8',
  };
}

const NUMERIC_SETTINGS: Record<Exclude<keyof IdentitySettings, 'autoConsent'>, { min: number; max: number }> = {
  accessTokenLifetimeSeconds: { min: 1, max: 86_400 },
  deviceCodeLifetimeSeconds: { min: 1, max: 3_600 },
  deviceCodeIntervalSeconds: { min: 0.01, max: 60 },
  refreshTokenGraceSeconds: { min: 0, max: 86_400 },
};

function updateSettings(service: IdentityService, req: SandboxRequest): SandboxResponse {
  const body = objectBody(req);
  if ('error' in body) return body.error;
  for (const [name, value] of Object.entries(body.value)) {
    if (name === 'autoConsent') {
      if (typeof value !== 'boolean') return badRequest('autoConsent must be true or false.');
      continue;
    }
    const range = NUMERIC_SETTINGS[name as keyof typeof NUMERIC_SETTINGS];
    if (!range) return badRequest(`Unknown setting '${name}'. Known: autoConsent, ${Object.keys(NUMERIC_SETTINGS).join(', ')}.`);
    if (typeof value !== 'number' || !(value >= range.min && value <= range.max)) {
      return badRequest(`${name} must be a number from ${range.min} to ${range.max}.`);
    }
  }
  Object.assign(service.settings, body.value);
  return ok({ ...service.settings });
}

function summary(service: IdentityService): Record<string, unknown> {
  return {
    authority: service.urls.authority,
    tokenEndpoint: service.urls.tokenEndpoint(),
    deviceLogin: service.urls.deviceLoginPage,
    permissions: GRAPH_PERMISSIONS,
    settings: { ...service.settings },
    revocationGeneration: service.generation,
    activeRefreshTokens: service.refreshTokens.size,
  };
}

function checkPermissions(value: unknown): { permissions: GraphPermission[] } | { error: SandboxResponse } {
  if (!Array.isArray(value)) return { error: badRequest('permissions must be an array of Graph permission names.') };
  const checked = canonicalPermissions(value);
  if ('unknown' in checked) {
    return { error: badRequest(`Unknown permission(s): ${checked.unknown.join(', ')}. Known: ${GRAPH_PERMISSIONS.join(', ')}.`) };
  }
  return { permissions: checked.ok };
}

function objectBody(req: SandboxRequest): { value: Record<string, unknown> } | { error: SandboxResponse } {
  if (req.body === INVALID_JSON_BODY) return { error: badRequest('The body is not valid JSON.') };
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) return { error: badRequest('Send a JSON object.') };
  return { value: req.body as Record<string, unknown> };
}

function ok(body: unknown): SandboxResponse {
  return { status: 200, body, contentType: 'application/json; charset=utf-8' };
}

function badRequest(message: string): SandboxResponse {
  return { status: 400, body: { error: message }, contentType: 'application/json; charset=utf-8' };
}
