// The token service's state and the operations its routes share: who the clients are, what users consented to,
// refresh tokens, flows in flight, the signing key, test settings, and the one place user-token responses are built.
import { ClientRegistry, type ClientApp, type ClientRegistryState } from './clients';
import { ConsentBook, PendingFlows, RefreshTokenStore, type StoredConsent } from './authorizations';
import { SigningKey } from './jwt';
import { IdentityUrls } from './metadata';
import { responseScope } from './scopes';
import { TokenIssuer, type IdentityUser } from './tokens';
import type { GraphPermission } from './permissions';
import type { SandboxRequest } from '../http/router';

export type { IdentityUser } from './tokens';

/** The slice of the tenant the token service needs: who signs in. */
export interface IdentityDirectory {
  /** The signed-in user of the interactive pages (the sandbox has no passwords). */
  readonly adminUser: IdentityUser;
  findUser(idOrUpn: string): IdentityUser | undefined;
}

/** Knobs tests turn through the control API; not persisted. */
export interface IdentitySettings {
  accessTokenLifetimeSeconds: number;
  deviceCodeLifetimeSeconds: number;
  /** Entra says 5; msal waits this long between polls, so tests shorten it. Fractions are allowed here. */
  deviceCodeIntervalSeconds: number;
  /** How long a refresh token keeps working after it was exchanged for a new one. */
  refreshTokenGraceSeconds: number;
  /** Every authorize request is approved at once, without the consent page (tests follow redirects with plain HTTP). */
  autoConsent: boolean;
}

export const DEFAULT_SETTINGS: Readonly<IdentitySettings> = {
  accessTokenLifetimeSeconds: 3600,
  deviceCodeLifetimeSeconds: 900,
  deviceCodeIntervalSeconds: 5,
  refreshTokenGraceSeconds: 120,
  autoConsent: false,
};

/** One token-service call as the control API reports it. Never holds secrets, codes or tokens. */
export interface TokenServiceRequestLog {
  time: string;
  endpoint: 'token' | 'devicecode' | 'authorize' | 'devicelogin';
  grantType?: string;
  clientId?: string;
  scope?: string;
  /** `ok`, or the OAuth error code. */
  outcome: string;
  aadsts?: number;
}

const REQUEST_LOG_SIZE = 200;

export interface IdentityState {
  version: 1;
  signingKey?: { kid: string; privateKeyPem: string };
  appClient: ClientRegistryState['appClient'];
  clients: ClientRegistryState['clients'];
  consents: StoredConsent[];
  refreshTokens: ReturnType<RefreshTokenStore['toState']>;
  revocationGeneration: number;
}

export interface IdentityServiceOptions {
  tenantId: string;
  directory: IdentityDirectory;
  state?: unknown;
}

/** The grant a user-token response is built from. */
export interface UserGrant {
  client: ClientApp;
  user: IdentityUser;
  /** The resource prefix the client wrote, the token audience, and the OIDC scopes asked for. */
  requested: { resource: string | undefined; audience: string; oidc: readonly string[] };
  nonce?: string;
  wantsClientInfo: boolean;
  /** Refresh grants always return a new refresh token (Entra rotates them); other grants only for offline_access. */
  alwaysRefreshToken?: boolean;
}

export class IdentityService {
  readonly tenantId: string;
  readonly directory: IdentityDirectory;
  readonly clients: ClientRegistry;
  readonly consents: ConsentBook;
  readonly refreshTokens: RefreshTokenStore;
  readonly flows = new PendingFlows();
  readonly tokens: TokenIssuer;
  readonly settings: IdentitySettings = { ...DEFAULT_SETTINGS };
  generation: number;

  private signingKey: SigningKey | undefined;
  private readonly keyReady: Promise<SigningKey>;
  private keyPersisted: boolean;
  private urlsValue: IdentityUrls | undefined;
  private readonly listeners: (() => void)[] = [];
  private readonly requestLog: TokenServiceRequestLog[] = [];

  constructor(options: IdentityServiceOptions) {
    this.tenantId = options.tenantId;
    this.directory = options.directory;
    const state = asState(options.state);
    this.clients = new ClientRegistry(state);
    this.consents = new ConsentBook(state?.consents);
    this.refreshTokens = new RefreshTokenStore(state?.refreshTokens);
    this.generation = typeof state?.revocationGeneration === 'number' ? state.revocationGeneration : 0;
    this.signingKey = SigningKey.fromState(state?.signingKey);
    this.keyPersisted = this.signingKey !== undefined;
    this.keyReady = this.signingKey
      ? Promise.resolve(this.signingKey)
      : SigningKey.generate().then((key) => (this.signingKey = key));
    // Nobody waits for a rejected generation until a token is needed; keep it from being an unhandled rejection.
    this.keyReady.catch(() => undefined);
    this.tokens = new TokenIssuer({
      tenantId: this.tenantId,
      urls: () => this.urls,
      key: () => this.signingKey,
      generation: () => this.generation,
      nowMs: () => this.now(),
    });
  }

  setOrigin(origin: string): void {
    this.urlsValue = new IdentityUrls(origin, this.tenantId);
  }

  get urls(): IdentityUrls {
    if (!this.urlsValue) throw new Error('sandbox identity: setOrigin() must be called once the server listens');
    return this.urlsValue;
  }

  now(): number {
    return Date.now();
  }

  /**
   * Resolves once the signing key exists; every route that issues a token awaits it first. A new key is announced
   * as a change here — during a request, while the server runs — rather than when generation finishes, which could
   * be after the sandbox was closed (a state-file write after close).
   */
  async ready(): Promise<SigningKey> {
    const key = await this.keyReady;
    if (!this.keyPersisted) {
      this.keyPersisted = true;
      this.changed(); // persist it, so tokens survive a restart with --state
    }
    return key;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Something persisted changed (client, consent, refresh token, key, revocation). */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Invalidates every access and refresh token issued so far (and flows in flight); optionally forgets consents. */
  revoke(options: { consents?: boolean } = {}): void {
    this.generation += 1;
    this.flows.clear();
    if (options.consents) this.consents.clear();
    this.refreshTokens.prune(this.now(), this.settings.refreshTokenGraceSeconds * 1000);
    this.changed();
  }

  log(entry: Omit<TokenServiceRequestLog, 'time'>): void {
    this.requestLog.push({ time: new Date(this.now()).toISOString(), ...entry });
    if (this.requestLog.length > REQUEST_LOG_SIZE) this.requestLog.splice(0, this.requestLog.length - REQUEST_LOG_SIZE);
  }

  recentRequests(): readonly TokenServiceRequestLog[] {
    return this.requestLog;
  }

  /**
   * The success body of every user flow. `scp` holds everything the user consented to for this client (as Entra
   * does), so a later call needing an already-consented scope works without a new token.
   */
  userTokenResponse(grant: UserGrant): Record<string, unknown> {
    const { client, user, requested } = grant;
    const consented: GraphPermission[] = this.consents.consented(client.clientId, user.id);
    // With nothing consented, Entra still issues a Graph token, carrying the OIDC scopes.
    const scp = consented.length > 0 ? consented : requested.oidc.filter((s) => s !== 'offline_access');
    const lifetime = this.settings.accessTokenLifetimeSeconds;
    const access = this.tokens.userAccessToken(client, user, scp, requested.audience, lifetime);
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: responseScope(requested.resource, requested.oidc, consented),
      expires_in: access.expiresIn,
      ext_expires_in: access.expiresIn,
      access_token: access.accessToken,
    };
    if (grant.alwaysRefreshToken || requested.oidc.includes('offline_access')) {
      this.refreshTokens.prune(this.now(), this.settings.refreshTokenGraceSeconds * 1000);
      body.refresh_token = this.refreshTokens.issue(client.clientId, user.id, this.generation, this.now());
      this.changed();
    }
    if (requested.oidc.includes('openid')) body.id_token = this.tokens.idToken(client, user, grant.nonce);
    if (grant.wantsClientInfo) body.client_info = this.tokens.clientInfo(user);
    return body;
  }

  toJSON(): IdentityState {
    const clients = this.clients.toState();
    return {
      version: 1,
      ...(this.signingKey ? { signingKey: this.signingKey.toState() } : {}),
      appClient: clients.appClient,
      clients: clients.clients,
      consents: this.consents.toState(),
      refreshTokens: this.refreshTokens.toState(),
      revocationGeneration: this.generation,
    };
  }
}

/** Accepts a previous run's toJSON(); anything else (absent, another version, damaged) starts fresh. */
function asState(value: unknown): Partial<IdentityState> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = value as Partial<IdentityState>;
  return state.version === 1 ? state : undefined;
}

/** Entra's correlation id for a request: msal sends it as `client-request-id` (query string and header). */
export function correlationIdOf(req: SandboxRequest): string {
  const fromQuery = req.query.get('client-request-id');
  const fromHeader = req.headers['client-request-id'];
  return fromQuery ?? (typeof fromHeader === 'string' ? fromHeader : undefined) ?? req.clientRequestId;
}
