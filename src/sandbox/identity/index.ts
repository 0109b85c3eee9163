// The sandbox's identity provider: an Entra-compatible token service (v2.0 endpoints under /{tenant}/ for the tenant
// id, `organizations` and `common`) that @azure/msal-node runs its real flows against — client credentials (secret or
// certificate assertion), authorization code + PKCE with a consent page, device code, refresh — plus the check Graph
// runs on the tokens it issued, and a control API for tests. See metadata.ts for why the authority is written
// https while the server speaks plain HTTP.
import type { Principal, Router } from '../http/router';
import { registerIdentityControlRoutes } from './control';
import { Aadsts, JSON_CONTENT_TYPE, tokenErrorResponse } from './errors';
import { handleDeviceCodeRequest, handleTokenRequest } from './grants';
import { instanceDiscovery, openIdConfiguration } from './metadata';
import { handleAuthorize, handleAuthorizeDecision, handleDeviceLoginPage, handleDeviceLoginSubmit, handleLogout } from './pages';
import { IdentityService, correlationIdOf, type IdentityDirectory } from './service';
import type { AuthenticationFailure } from './tokens';

export { GRAPH_PERMISSIONS, APPLICATION_PERMISSIONS, DELEGATED_PERMISSIONS, OIDC_SCOPES, type GraphPermission } from './permissions';
export { GRAPH_CLI_CLIENT_ID } from './clients';
export type { IdentityDirectory, IdentityUser, IdentitySettings } from './service';

export interface IdentityProviderOptions {
  tenantId: string;
  directory: IdentityDirectory;
  /** What toJSON() returned in a previous run (clients, consents, refresh tokens, signing key). */
  state?: unknown;
}

export class IdentityProvider {
  private readonly service: IdentityService;

  constructor(options: IdentityProviderOptions) {
    this.service = new IdentityService(options);
  }

  /** Called once the server listens, e.g. `http://127.0.0.1:4321`. */
  setOrigin(origin: string): void {
    this.service.setOrigin(origin);
  }

  /** For msal's `auth.authority`: `https://127.0.0.1:PORT/<tenantId>` (https because msal insists; see metadata.ts). */
  get authority(): string {
    return this.service.urls.authority;
  }

  /** `http://127.0.0.1:PORT/<tenantId>/oauth2/v2.0/token`, answering exactly as printed. */
  get tokenEndpoint(): string {
    return this.service.urls.tokenEndpoint();
  }

  /** The app-only identity with every application permission. */
  get appClient(): { clientId: string; clientSecret: string } {
    return { ...this.service.clients.appClient };
  }

  /** Resolves once the token-signing key exists (it is generated in the background on first start). */
  ready(): Promise<void> {
    return this.service.ready().then(() => undefined);
  }

  registerRoutes(router: Router): void {
    const service = this.service;
    router
      .get('/common/discovery/instance', (req) => ({
        status: 200,
        contentType: JSON_CONTENT_TYPE,
        body: instanceDiscovery(service.urls, req.query.get('authority')),
      }))
      .get('/{tenant}/v2.0/.well-known/openid-configuration', (req) => {
        const tenant = req.params.tenant ?? '';
        if (!service.urls.isKnownTenant(tenant)) return tokenErrorResponse(Aadsts.tenantNotFound(tenant), { correlationId: correlationIdOf(req) });
        return { status: 200, contentType: JSON_CONTENT_TYPE, body: openIdConfiguration(service.urls, tenant) };
      })
      .get('/{tenant}/discovery/v2.0/keys', async (req) => {
        const tenant = req.params.tenant ?? '';
        if (!service.urls.isKnownTenant(tenant)) return tokenErrorResponse(Aadsts.tenantNotFound(tenant), { correlationId: correlationIdOf(req) });
        const key = await service.ready();
        return { status: 200, contentType: JSON_CONTENT_TYPE, body: { keys: [key.jwk()] } };
      })
      .post('/{tenant}/oauth2/v2.0/token', (req) => handleTokenRequest(service, req))
      .post('/{tenant}/oauth2/v2.0/devicecode', (req) => handleDeviceCodeRequest(service, req))
      .get('/{tenant}/oauth2/v2.0/authorize', (req) => handleAuthorize(service, req))
      .post('/{tenant}/oauth2/v2.0/authorize', (req) => handleAuthorizeDecision(service, req))
      .get('/{tenant}/oauth2/v2.0/logout', (req) => handleLogout(service, req))
      .get('/devicelogin', (req) => handleDeviceLoginPage(service, req))
      .post('/devicelogin', (req) => handleDeviceLoginSubmit(service, req));
    registerIdentityControlRoutes(router, service);
  }

  /** Graph's token check for `Authorization` headers. */
  authenticate(authorizationHeader: string | undefined): Principal | AuthenticationFailure {
    return this.service.tokens.authenticate(authorizationHeader);
  }

  /** Clients, consents, refresh tokens (as digests) and the signing key; access tokens are not kept. */
  toJSON(): unknown {
    return this.service.toJSON();
  }

  onChange(listener: () => void): void {
    this.service.onChange(listener);
  }
}
