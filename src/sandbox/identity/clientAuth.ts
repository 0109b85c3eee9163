// Who is calling the token endpoint. Confidential clients prove it with a client secret (form field or HTTP Basic,
// i.e. client_secret_post / client_secret_basic) or a certificate-signed client assertion (private_key_jwt: an RS256 or
// PS256 JWT whose x5t / x5t#S256 header names a key registered through the control API, iss = sub = client id,
// aud = the token endpoint). Public clients must present nothing.
import type { SandboxRequest } from '../http/router';
import { Aadsts, type AadFailure } from './errors';
import { parseJwt, verifyRsaSignature } from './jwt';
import type { ClientApp } from './clients';
import type { IdentityService } from './service';

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Entra tolerates five minutes of clock skew on assertions. */
const ASSERTION_SKEW_SECONDS = 300;

export type ClientAuthentication = { client: ClientApp; method: 'none' | 'secret' | 'assertion' } | { failure: AadFailure };

export function authenticateClient(service: IdentityService, req: SandboxRequest, form: URLSearchParams): ClientAuthentication {
  const basic = basicCredentials(req.headers.authorization);
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) return { failure: Aadsts.missingParameter('client_id') };
  const client = service.clients.find(clientId);
  if (!client) return { failure: Aadsts.unknownClient(clientId, service.tenantId) };

  const secret = form.get('client_secret') ?? basic?.secret;
  const assertion = form.get('client_assertion');
  if (client.isPublic) {
    return secret || assertion ? { failure: Aadsts.publicClientWithCredential() } : { client, method: 'none' };
  }
  if (secret && assertion) return { failure: Aadsts.invalidRequest("Only one of 'client_secret' and 'client_assertion' may be presented.") };
  if (secret) {
    return service.clients.verifySecret(client, secret) ? { client, method: 'secret' } : { failure: Aadsts.invalidSecret(client.clientId) };
  }
  if (assertion) {
    const failure = verifyAssertion(service, client, assertion, form.get('client_assertion_type'));
    return failure ? { failure } : { client, method: 'assertion' };
  }
  return { failure: Aadsts.missingCredential() };
}

function verifyAssertion(service: IdentityService, client: ClientApp, assertion: string, assertionType: string | null): AadFailure | undefined {
  if (assertionType !== JWT_BEARER_ASSERTION) {
    return Aadsts.malformedAssertion(`client_assertion_type must be '${JWT_BEARER_ASSERTION}'.`);
  }
  const jwt = parseJwt(assertion);
  if (!jwt) return Aadsts.malformedAssertion('The client assertion is not a compact JWS.');
  const credential = service.clients.findCertificate(client, jwt.header);
  if (!credential) return Aadsts.unknownAssertionKey(client.clientId);
  if (!verifyRsaSignature(jwt, credential.publicKey)) return Aadsts.badAssertionSignature();
  const claims = jwt.payload;
  const sameClient = (value: unknown) => typeof value === 'string' && value.toLowerCase() === client.clientId.toLowerCase();
  if (!sameClient(claims.iss) || !sameClient(claims.sub)) return Aadsts.assertionClientMismatch();
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === 'string' && service.urls.isTokenEndpointAudience(a))) return Aadsts.assertionAudience();
  const now = Math.floor(service.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp < now - ASSERTION_SKEW_SECONDS) return Aadsts.assertionExpired();
  if (typeof claims.nbf === 'number' && claims.nbf > now + ASSERTION_SKEW_SECONDS) return Aadsts.assertionExpired();
  return undefined;
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))`, as RFC 6749 §2.3.1 defines it. */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}
