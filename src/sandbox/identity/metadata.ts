// Where everything of the token service lives, and the discovery documents msal reads.
//
// HTTPS decision. msal-node refuses any authority that is not https (UrlString.validateAsUri) and checks that the
// OIDC `issuer` has the authority's scheme and host (Authority.validateIssuer). The sandbox is one plain-HTTP server
// (server.ts) shared with Graph. Rather than serving TLS with a generated self-signed certificate — which needs
// hand-written X.509 encoding, a CA that every client (msal, curl, VS Code's fetch) must be told to trust, and a
// second listener — the authority and issuer are written `https://127.0.0.1:PORT/…` as *identifiers*, and every
// endpoint a client actually calls (token, authorize, devicecode, jwks, logout) is published as the real
// `http://127.0.0.1:PORT/…` URL that answers exactly as printed. The one https URL msal derives by itself (the
// authority's `/v2.0/.well-known/openid-configuration`) reaches this server through the product's msal network
// client (src/auth/networkClient.ts), whose generic rule is: loopback hosts are spoken to in plain HTTP.
import { GLOBAL_GRAPH_RESOURCE, GRAPH_APP_ID, OIDC_SCOPES } from './permissions';

/** Tenant path segments besides the tenant id itself, as on login.microsoftonline.com. */
export const MULTI_TENANT_SEGMENTS = ['organizations', 'common'] as const;

export class IdentityUrls {
  /** `http://127.0.0.1:PORT`: where requests really go. */
  readonly origin: string;
  /** `https://127.0.0.1:PORT`: the same host in the form msal requires for authorities and issuers. */
  readonly identifierOrigin: string;
  readonly host: string;

  constructor(
    origin: string,
    readonly tenantId: string,
  ) {
    const url = new URL(origin);
    this.origin = url.origin;
    this.host = url.host;
    this.identifierOrigin = `https://${url.host}`;
  }

  /** True for the tenant id (any case) and for `organizations` / `common`. */
  isKnownTenant(segment: string): boolean {
    const lower = segment.toLowerCase();
    return lower === this.tenantId.toLowerCase() || (MULTI_TENANT_SEGMENTS as readonly string[]).includes(lower);
  }

  isTenantIdSegment(segment: string): boolean {
    return segment.toLowerCase() === this.tenantId.toLowerCase();
  }

  get authority(): string {
    return `${this.identifierOrigin}/${this.tenantId}`;
  }

  /** `iss` of every token this service issues (tokens are always issued by the one tenant). */
  get issuer(): string {
    return `${this.identifierOrigin}/${this.tenantId}/v2.0`;
  }

  tokenEndpoint(segment = this.tenantId): string {
    return `${this.origin}/${segment}/oauth2/v2.0/token`;
  }
  authorizeEndpoint(segment = this.tenantId): string {
    return `${this.origin}/${segment}/oauth2/v2.0/authorize`;
  }
  deviceCodeEndpoint(segment = this.tenantId): string {
    return `${this.origin}/${segment}/oauth2/v2.0/devicecode`;
  }
  logoutEndpoint(segment = this.tenantId): string {
    return `${this.origin}/${segment}/oauth2/v2.0/logout`;
  }
  jwksUri(segment = this.tenantId): string {
    return `${this.origin}/${segment}/discovery/v2.0/keys`;
  }
  get deviceLoginPage(): string {
    return `${this.origin}/devicelogin`;
  }

  /**
   * Audiences a client assertion may name: the token endpoint msal discovered (for any tenant segment, in either
   * scheme) or the issuer.
   */
  isTokenEndpointAudience(audience: string): boolean {
    const segments = [this.tenantId, ...MULTI_TENANT_SEGMENTS];
    const accepted = new Set<string>([this.issuer]);
    for (const segment of segments) {
      accepted.add(this.tokenEndpoint(segment));
      accepted.add(`${this.identifierOrigin}/${segment}/oauth2/v2.0/token`);
    }
    return [...accepted].some((a) => a.toLowerCase() === audience.toLowerCase());
  }

  /**
   * The names Graph goes by in scopes and audiences: this server's root (where the sandbox's Graph answers), the
   * worldwide `https://graph.microsoft.com` (code written for the real cloud with a configurable root keeps working),
   * and Graph's app id.
   */
  isGraphResource(resource: string): boolean {
    const normalized = resource.replace(/\/+$/, '').toLowerCase();
    return normalized === this.origin.toLowerCase() || normalized === GLOBAL_GRAPH_RESOURCE || normalized === GRAPH_APP_ID;
  }
}

/** `GET /{tenant}/v2.0/.well-known/openid-configuration`, shaped like Entra's. */
export function openIdConfiguration(urls: IdentityUrls, segment: string): Record<string, unknown> {
  // For organizations/common Entra publishes the issuer with a literal `{tenantid}` placeholder.
  const issuer = urls.isTenantIdSegment(segment) ? urls.issuer : `${urls.identifierOrigin}/{tenantid}/v2.0`;
  return {
    token_endpoint: urls.tokenEndpoint(segment),
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: urls.jwksUri(segment),
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: [...OIDC_SCOPES],
    issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: urls.authorizeEndpoint(segment),
    device_authorization_endpoint: urls.deviceCodeEndpoint(segment),
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: urls.logoutEndpoint(segment),
    code_challenge_methods_supported: ['plain', 'S256'],
    claims_supported: [
      'sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'auth_time', 'nonce', 'preferred_username', 'name', 'tid', 'ver',
      'oid', 'uti', 'rh', 'login_hint',
    ],
    tenant_region_scope: null,
    cloud_instance_name: urls.host,
    msgraph_host: urls.host,
  };
}

/**
 * `GET /common/discovery/instance?api-version=1.1&authority=…`: Entra's instance discovery answer. msal only calls
 * the real login.microsoftonline.com for this, and not at all when the authority's host is in `knownAuthorities`
 * (which src/auth/msalConfig.ts sets), but a client pointed here gets a truthful answer: one host, no aliases.
 */
export function instanceDiscovery(urls: IdentityUrls, authority: string | null): Record<string, unknown> {
  let segment = urls.tenantId;
  if (authority) {
    try {
      segment = new URL(authority).pathname.split('/').filter(Boolean)[0] ?? segment;
    } catch {
      // keep the tenant id
    }
  }
  return {
    tenant_discovery_endpoint: `${urls.identifierOrigin}/${segment}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: urls.host, preferred_cache: urls.host, aliases: [urls.host] }],
  };
}
