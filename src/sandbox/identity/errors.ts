// Token-service failures with Entra's AADSTS codes, and the JSON error body Entra sends for them:
// `{ error, error_description: "AADSTS70011: …\r\nTrace ID: …", error_codes: [70011], timestamp, trace_id,
// correlation_id, error_uri, suberror? }`. msal decides what to do from `error` and `suberror` (e.g. `invalid_grant` +
// `consent_required` or `bad_token` becomes InteractionRequiredAuthError), so those follow Entra exactly.
import { randomUUID } from 'node:crypto';
import type { SandboxResponse } from '../http/router';

export interface AadFailure {
  status: number;
  /** OAuth error code: invalid_client, invalid_grant, invalid_scope, authorization_pending … */
  error: string;
  /** The AADSTS number. */
  code: number;
  message: string;
  suberror?: string;
}

function failure(status: number, error: string, code: number, message: string, suberror?: string): AadFailure {
  return suberror ? { status, error, code, message, suberror } : { status, error, code, message };
}

export const Aadsts = {
  missingParameter: (name: string) =>
    failure(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  invalidRequest: (message: string) => failure(400, 'invalid_request', 90014, message),
  tenantNotFound: (tenant: string) =>
    failure(
      400,
      'invalid_tenant',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  noTenantForAppOnly: () =>
    failure(400, 'invalid_request', 50059, 'No tenant-identifying information found in either the request or implied by any provided credentials.'),
  unknownClient: (clientId: string, tenantId: string) =>
    failure(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    failure(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  missingCredential: () =>
    failure(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  publicClientWithCredential: () =>
    failure(401, 'invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
  malformedAssertion: (detail: string) => failure(401, 'invalid_client', 50027, `JWT token is invalid or malformed. ${detail}`),
  unknownAssertionKey: (clientId: string) =>
    failure(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
    ),
  badAssertionSignature: () => failure(401, 'invalid_client', 700027, 'Client assertion failed signature validation.'),
  assertionClientMismatch: () =>
    failure(401, 'invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter."),
  assertionAudience: () => failure(401, 'invalid_client', 700023, 'Client assertion audience claim does not match Realm issuer.'),
  assertionExpired: () => failure(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  invalidScope: (detail: string) => failure(400, 'invalid_scope', 70011, detail),
  appOnlyNeedsDefault: (scope: string) =>
    failure(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  unknownResource: (resource: string, tenantId: string) =>
    failure(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  consentRequired: (clientId: string, appName: string) =>
    failure(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      'consent_required',
    ),
  notInAppRegistration: () =>
    failure(
      400,
      'invalid_client',
      650057,
      "Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration.",
    ),
  userDeclined: () => failure(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
  unsupportedGrantType: (grantType: string) =>
    failure(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`),
  invalidGrant: (message = 'The provided grant is invalid or malformed.') => failure(400, 'invalid_grant', 70000, message),
  /** A refresh token the service does not (or no longer) know; `bad_token` makes msal drop it and ask for sign-in. */
  unknownRefreshToken: () =>
    failure(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid. (The refresh token is not valid.)', 'bad_token'),
  refreshTokenRevoked: () =>
    failure(
      400,
      'invalid_grant',
      50173,
      'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
      'bad_token',
    ),
  refreshTokenExpired: () =>
    failure(
      400,
      'invalid_grant',
      700082,
      'The refresh token has expired due to inactivity. The token was issued on a date and was inactive for 90.00:00:00.',
      'bad_token',
    ),
  codeRedeemed: () =>
    failure(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'),
  codeExpired: () =>
    failure(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  pkceMismatch: () =>
    failure(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  redirectUriMismatch: (redirectUri: string) =>
    failure(400, 'invalid_grant', 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URI used to obtain the authorization code.`),
  authorizationPending: () =>
    failure(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'),
  deviceCodeExpired: () =>
    failure(400, 'expired_token', 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired."),
  authorizationDeclined: () => failure(400, 'authorization_declined', 65004, 'User declined to consent to access the app.'),
  unknownUser: (login: string, tenantId: string) =>
    failure(400, 'invalid_request', 50034, `The user account ${login} does not exist in the '${tenantId}' directory. To sign into this application, the account must be added to the directory.`),
  badRedirectUri: (redirectUri: string, clientId: string) =>
    failure(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. The sandbox accepts loopback redirect URIs only: http://localhost:PORT/…, http://127.0.0.1:PORT/… or http://[::1]:PORT/….`,
    ),
  unsupportedResponseType: (responseType: string) =>
    failure(400, 'unsupported_response_type', 700054, `response_type '${responseType}' is not enabled for the application.`),
  interactionRequired: () =>
    failure(400, 'interaction_required', 65001, 'The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.'),
};

/** Correlates one failure across the body fields, as Entra does. */
export interface FailureContext {
  correlationId: string;
  traceId?: string;
}

/** Entra's timestamp style: `2025-03-04 10:11:12Z`. */
function entraTimestamp(date = new Date()): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function errorBody(fail: AadFailure, context: FailureContext): Record<string, unknown> {
  const traceId = context.traceId ?? randomUUID();
  const timestamp = entraTimestamp();
  const description =
    `AADSTS${fail.code}: ${fail.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${context.correlationId}\r\nTimestamp: ${timestamp}`;
  return {
    error: fail.error,
    error_description: description,
    error_codes: [fail.code],
    timestamp,
    trace_id: traceId,
    correlation_id: context.correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${fail.code}`,
    ...(fail.suberror ? { suberror: fail.suberror } : {}),
  };
}

/** Headers every token-service answer carries (Entra never lets tokens be cached by intermediaries). */
export const TOKEN_SERVICE_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function tokenErrorResponse(fail: AadFailure, context: FailureContext): SandboxResponse {
  return {
    status: fail.status,
    headers: { ...TOKEN_SERVICE_HEADERS },
    contentType: JSON_CONTENT_TYPE,
    body: errorBody(fail, context),
  };
}
