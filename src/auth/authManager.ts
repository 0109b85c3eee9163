// Sign-in for every host (VS Code, CLI, tests): several accounts across tenants and clouds at once, each with its
// own msal token cache in the host's SecretStore, and a Graph client per account whose tokens come from here.
//
// Least privilege: user accounts read with READ_PERMISSIONS; the first write (GraphClient asks with `write: true`)
// tries the write scopes silently and, when consent is missing, prompts once (interactive or device code, with a
// message saying why). A session that can no longer be refreshed (revoked, expired, Conditional Access) keeps the
// account and surfaces a `signInRequired` SignInError; writes, which the user just asked for, prompt instead.
//
// msal is loaded on first use (require, not import(): see networkClient.ts), so creating an AuthManager is cheap.
import type {
  AccountInfo,
  AuthenticationResult,
  ConfidentialClientApplication,
  INetworkModule,
  PublicClientApplication,
} from '@azure/msal-node';
import { GraphClient, type AccessTokenRequest, type GraphClientOptions } from '../graph/client';
import type { Cloud } from '../graph/clouds';
import type { Logger } from '../logging/logger';
import { accountIdFor, authorityFor, describeAccount, type Account } from './accounts';
import { SecretStoreCachePlugin } from './cachePlugin';
import { certificateCredential, msalCredentialOptions, parseCredential, serializeCredential, type AppCredential } from './credentials';
import { buildMsalConfiguration } from './msalConfig';
import { WRITE_PERMISSIONS, appOnlyScopes, delegatedScopes, permissionsFor, type AccessTier } from './scopes';
import { secretKeysFor, type AccountStore, type SecretStore } from './secretStore';
import { SignInError } from './signInError';
import { explainAuthError } from './explainAuthError';
import { cancelledError, raceAbort, runUserFlow, toSignInError, type UserFlowMethod } from './userFlows';

export type { Account } from './accounts';
export type { SecretStore, AccountStore } from './secretStore';

/** What every prompt gives the host: why it appears (when the user did not ask for it) and how to cancel it. */
export interface PromptContext {
  cloud: Cloud;
  /** Set when the core prompts by itself: more permissions for a write, or an expired session. */
  reason?: string;
  /** The user dismissed the prompt: the flow stops and nothing changes. */
  cancel(): void;
}

export interface DeviceCodePrompt extends PromptContext {
  userCode: string;
  verificationUri: string;
  /** Entra's own sentence ("To sign in, use a web browser to open the page … and enter the code …"). */
  message: string;
}

export interface BrowserPrompt extends PromptContext {
  /** The authorize URL that was opened (for a "open again" action). */
  url: string;
}

/** How a host shows sign-in prompts. `signal` fires when the prompt is over (success, failure or cancel). */
export interface SignInUi {
  /** The flow for prompts the core starts itself (consent for writes, sign in again). */
  preferredMethod(): UserFlowMethod;
  /** VS Code: env.openExternal(asExternalUri(url)). */
  openBrowser(url: string): Promise<void>;
  /** While the browser sign-in is pending (VS Code: a cancellable notification). */
  showBrowserPrompt(prompt: BrowserPrompt, signal: AbortSignal): void;
  /** The code to enter and where (VS Code: a notification with "Copy code and open browser"). */
  showDeviceCode(info: DeviceCodePrompt, signal: AbortSignal): void;
}

export type SignInRequest =
  | { method: 'interactive' | 'deviceCode'; cloud: Cloud; tenant?: string /* default 'organizations' */; clientId: string }
  | { method: 'clientSecret'; cloud: Cloud; tenant: string; clientId: string; clientSecret: string }
  | { method: 'certificate'; cloud: Cloud; tenant: string; clientId: string; certificatePem: string; privateKeyPem: string; thumbprint?: string };


export interface AuthManagerDeps {
  secrets: SecretStore;
  accounts: AccountStore;
  ui: SignInUi;
  logger: Logger;
  /** msal's HTTP client (defaults to FetchNetworkClient). */
  networkClient?: INetworkModule;
  /** Extra options for each account's GraphClient (tests shorten retries). */
  graphOptions?: Omit<GraphClientOptions, 'root' | 'getAccessToken' | 'logger'>;
}

/** Tokens are renewed this long before they expire (msal's own buffer). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

interface CachedToken {
  accessToken: string;
  expiresOnMs: number;
}

/** Everything kept in memory for one account. */
interface Session {
  account: Account;
  app?: PublicClientApplication | ConfidentialClientApplication;
  graph?: GraphClient;
  tokens: Map<AccessTier, CachedToken>;
  inflight: Map<AccessTier, Promise<string>>;
  /** The prompt in progress (one at a time per account, shared by every caller that needs it). */
  prompt?: Promise<string>;
  /** msal calls and cache writes of this account run one at a time. */
  queue: Promise<unknown>;
  signInRequired: boolean;
  /** The Conditional Access claims challenge that made the session need a new sign-in, for that sign-in. */
  pendingClaims?: string;
}

export class AuthManager {
  private readonly deps: AuthManagerDeps;
  private readonly logger: Logger;
  private accounts: Account[];
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<() => void>();

  constructor(deps: AuthManagerDeps) {
    this.deps = deps;
    this.logger = deps.logger;
    this.accounts = deps.accounts.load();
  }

  listAccounts(): Account[] {
    return this.accounts.map((a) => ({ ...a }));
  }

  getAccount(accountId: string): Account | undefined {
    const account = this.accounts.find((a) => a.id === accountId);
    return account ? { ...account } : undefined;
  }

  /** True once a silent refresh failed for good: the account needs "sign in again" (reauthenticate). */
  isSignInRequired(accountId: string): boolean {
    return this.sessions.get(accountId)?.signInRequired ?? false;
  }

  onDidChangeAccounts(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async signIn(request: SignInRequest, signal?: AbortSignal): Promise<Account> {
    request = { ...request, clientId: request.clientId?.trim() ?? '', ...(request.tenant !== undefined ? { tenant: request.tenant.trim() } : {}) } as SignInRequest;
    validateRequest(request);
    if (signal?.aborted) throw cancelledError();
    switch (request.method) {
      case 'interactive':
      case 'deviceCode':
        return this.signInUser(request, signal);
      case 'clientSecret':
      case 'certificate':
        return this.signInApp(request, signal);
    }
  }

  /** Sign in again as an existing user account (expired session, revoked, new Conditional Access requirements). */
  async reauthenticate(accountId: string, signal?: AbortSignal): Promise<Account> {
    const session = this.session(accountId);
    if (session.account.kind === 'app') {
      session.signInRequired = false;
      session.tokens.clear();
      await this.getAccessToken(accountId, { write: false, forceRefresh: true, ...(signal ? { signal } : {}) });
      return { ...session.account };
    }
    await this.prompt(session, 'read', { reason: undefined, ...(session.pendingClaims ? { claims: session.pendingClaims } : {}), signal });
    return { ...session.account };
  }

  async signOut(accountId: string): Promise<void> {
    const account = this.accounts.find((a) => a.id === accountId);
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    if (session) await session.queue.catch(() => undefined);
    const keys = secretKeysFor(accountId);
    await this.deps.secrets.delete(keys.tokenCache);
    await this.deps.secrets.delete(keys.credential);
    if (!account) return;
    this.accounts = this.accounts.filter((a) => a.id !== accountId);
    await this.deps.accounts.save(this.accounts);
    this.logger.info(`Signed out ${describeAccount(account)}`);
    this.changed();
  }

  /** The Graph client for this account (cached per account), wired to silent token acquisition + escalation. */
  graph(accountId: string): GraphClient {
    const session = this.session(accountId);
    session.graph ??= new GraphClient({
      ...this.deps.graphOptions,
      root: session.account.cloud.graphRoot,
      logger: this.logger,
      getAccessToken: (request) => this.getAccessToken(accountId, request),
    });
    return session.graph;
  }

  /**
   * An access token for Graph. Reads use the read scopes; writes the write scopes, prompting once for consent when
   * the account does not have them yet. App-only accounts always use `.default`.
   */
  async getAccessToken(accountId: string, request: AccessTokenRequest): Promise<string> {
    const session = this.session(accountId);
    const tier: AccessTier = session.account.kind === 'user' && request.write ? 'write' : 'read';
    const fresh = request.forceRefresh || request.claims;
    if (!fresh) {
      const cached = session.tokens.get(tier) ?? (tier === 'read' ? session.tokens.get('write') : undefined);
      if (cached && cached.expiresOnMs - Date.now() > RENEW_BEFORE_EXPIRY_MS) return cached.accessToken;
      const inflight = session.inflight.get(tier);
      if (inflight) return raceAbort(inflight, request.signal);
    }
    const acquiring = this.acquire(session, tier, request).finally(() => {
      if (session.inflight.get(tier) === acquiring) session.inflight.delete(tier);
    });
    session.inflight.set(tier, acquiring);
    return raceAbort(acquiring, request.signal);
  }

  // -------------------------------------------------------------------------------------------------------------

  private async signInUser(request: Extract<SignInRequest, { method: 'interactive' | 'deviceCode' }>, signal: AbortSignal | undefined): Promise<Account> {
    const { cloud, clientId } = request;
    const tenant = request.tenant?.trim() || 'organizations';
    const permissions = permissionsFor('read');
    const { result, cache } = await runUserFlow({
      method: request.method,
      cloud,
      authority: authorityFor(cloud, tenant),
      clientId,
      scopes: delegatedScopes(cloud, 'read'),
      permissions,
      ui: this.deps.ui,
      logger: this.logger,
      selectAccount: true,
      ...(signal ? { signal } : {}),
      ...(this.deps.networkClient ? { networkClient: this.deps.networkClient } : {}),
    });
    const account = this.userAccountFrom(result, cloud, clientId);
    const session = await this.adopt(account, cache, undefined);
    remember(session, 'read', result);
    this.logger.info(`Signed in ${describeAccount(account)} with ${request.method === 'deviceCode' ? 'a device code' : 'the browser'}`);
    return { ...account };
  }

  private async signInApp(request: Extract<SignInRequest, { method: 'clientSecret' | 'certificate' }>, signal: AbortSignal | undefined): Promise<Account> {
    const { cloud, clientId } = request;
    const tenant = request.tenant.trim();
    const credential: AppCredential =
      request.method === 'clientSecret'
        ? { type: 'secret', clientSecret: request.clientSecret }
        : certificateCredential({ certificatePem: request.certificatePem, privateKeyPem: request.privateKeyPem, ...(request.thumbprint ? { thumbprint: request.thumbprint } : {}) });
    const app = this.confidentialApp(authorityFor(cloud, tenant), clientId, credential, undefined);
    let result: AuthenticationResult | null;
    try {
      result = await raceAbort(app.acquireTokenByClientCredential({ scopes: appOnlyScopes(cloud) }), signal);
    } catch (error) {
      throw toSignInError(error, { clientId }, 'app');
    }
    if (!result) throw new SignInError('failed', 'The token service answered without a token.');
    const tenantId = tenantOfToken(result.accessToken) ?? (result.tenantId || tenant);
    const account: Account = {
      id: accountIdFor({ kind: 'app', cloud, clientId, tenantId }),
      kind: 'app',
      username: clientId,
      tenantId,
      cloud,
      authority: authorityFor(cloud, tenantId),
      clientId,
    };
    await this.deps.secrets.store(secretKeysFor(account.id).credential, serializeCredential(credential));
    const session = await this.adopt(account, app.getTokenCache().serialize(), undefined);
    remember(session, 'read', result);
    this.logger.info(`Signed in ${describeAccount(account)} with a ${credential.type === 'secret' ? 'client secret' : 'certificate'}`);
    return { ...account };
  }

  private userAccountFrom(result: AuthenticationResult, cloud: Cloud, clientId: string): Account {
    const info = result.account!;
    const tenantId = info.tenantId || result.tenantId;
    return {
      id: accountIdFor({ kind: 'user', cloud, clientId, tenantId, homeAccountId: info.homeAccountId }),
      kind: 'user',
      username: info.username,
      tenantId,
      cloud,
      authority: authorityFor(cloud, tenantId),
      clientId,
    };
  }

  /**
   * Stores a freshly signed-in cache as the account's, adds or updates the account, and starts a clean session
   * (in-memory msal state and tokens of a previous sign-in of the same account are dropped).
   */
  private async adopt(account: Account, cache: string, previous: Session | undefined): Promise<Session> {
    const store = async () => {
      await this.deps.secrets.store(secretKeysFor(account.id).tokenCache, cache);
    };
    if (previous) await this.exclusive(previous, store);
    else await store();
    const session: Session = previous ?? newSession(account);
    session.account = account;
    session.app = undefined;
    session.tokens.clear();
    session.signInRequired = false;
    session.pendingClaims = undefined;
    this.sessions.set(account.id, session);
    const index = this.accounts.findIndex((a) => a.id === account.id);
    if (index >= 0) this.accounts[index] = account;
    else this.accounts.push(account);
    await this.deps.accounts.save(this.accounts);
    this.changed();
    return session;
  }

  private session(accountId: string): Session {
    let session = this.sessions.get(accountId);
    if (!session) {
      const account = this.accounts.find((a) => a.id === accountId);
      if (!account) throw new SignInError('unknownAccount', 'This account is no longer signed in.', { accountId });
      session = newSession(account);
      this.sessions.set(accountId, session);
    }
    return session;
  }

  private async acquire(session: Session, tier: AccessTier, request: AccessTokenRequest): Promise<string> {
    const { account } = session;
    if (account.kind === 'app') {
      return this.exclusive(session, async () => {
        const app = (await this.appFor(session)) as ConfidentialClientApplication;
        try {
          const result = await app.acquireTokenByClientCredential({
            scopes: appOnlyScopes(account.cloud),
            ...(request.forceRefresh ? { skipCache: true } : {}),
            ...(request.claims ? { claims: request.claims } : {}),
          });
          if (!result) throw new SignInError('failed', 'The token service answered without a token.');
          return remember(session, 'read', result);
        } catch (error) {
          throw toSignInError(error, { clientId: account.clientId, accountId: account.id }, 'app');
        }
      });
    }
    try {
      return await this.exclusive(session, () => this.silent(session, tier, request));
    } catch (error) {
      const interaction = interactionNeeded(error);
      if (!interaction) throw error instanceof SignInError ? error : toSignInError(error, { clientId: account.clientId, accountId: account.id, permissions: permissionsFor(tier) }, 'user');
      // Reads happen in the background (tree refresh): no surprise prompt; the account waits for "Sign in again".
      if (tier === 'read') {
        const claims = request.claims ?? interaction.claims;
        if (claims) session.pendingClaims = claims;
        return this.requireSignIn(session, error);
      }
      // A write is something the user just asked for: prompt now, saying why.
      const claims = request.claims ?? interaction.claims;
      return this.prompt(session, tier, {
        reason:
          interaction.consent && !session.signInRequired
            ? `Changing provisioning jobs needs more permissions than browsing them: ${WRITE_PERMISSIONS.join(', ')}. Sign in as ${account.username} to grant them.`
            : `Your session as ${account.username} needs to be renewed before this change. Sign in again to continue.`,
        ...(claims ? { claims } : {}),
        signal: request.signal,
      });
    }
  }

  /** Silent acquisition: msal's cache, else its refresh token. Throws msal's InteractionRequiredAuthError as is. */
  private async silent(session: Session, tier: AccessTier, request: AccessTokenRequest): Promise<string> {
    const app = (await this.appFor(session)) as PublicClientApplication;
    const msalAccount = await findMsalAccount(app, session.account);
    if (!msalAccount) {
      const msal = require('@azure/msal-node') as typeof import('@azure/msal-node');
      throw new msal.InteractionRequiredAuthError('no_tokens_found', '', 'No cached sign-in for this account.');
    }
    const result = await app.acquireTokenSilent({
      account: msalAccount,
      scopes: delegatedScopes(session.account.cloud, tier),
      ...(request.forceRefresh ? { forceRefresh: true } : {}),
      ...(request.claims ? { claims: request.claims } : {}),
    });
    if (session.signInRequired) {
      session.signInRequired = false;
      this.changed();
    }
    return remember(session, tier, result);
  }

  private requireSignIn(session: Session, cause: unknown): never {
    const { account } = session;
    if (!session.signInRequired) {
      session.signInRequired = true;
      this.logger.warn(`Sign-in needed again for ${describeAccount(account)}: ${explainAuthError(cause)}`);
      this.changed();
    }
    throw new SignInError('signInRequired', `${account.username} (tenant ${account.tenantId}) must sign in again: ${explainAuthError(cause, { clientId: account.clientId })}`, {
      accountId: account.id,
      cause,
    });
  }

  /**
   * An interactive prompt for an existing user account (more permissions, or sign in again). One at a time per
   * account; concurrent callers share it. Completed by a different user → `wrongAccount`, and nothing is stored.
   */
  private prompt(session: Session, tier: AccessTier, options: { reason: string | undefined; claims?: string; signal: AbortSignal | undefined }): Promise<string> {
    if (session.prompt) return raceAbort(session.prompt, options.signal);
    const { account } = session;
    const run = async (): Promise<string> => {
      const { result, cache } = await runUserFlow({
        method: this.deps.ui.preferredMethod(),
        cloud: account.cloud,
        authority: account.authority,
        clientId: account.clientId,
        scopes: delegatedScopes(account.cloud, tier),
        permissions: permissionsFor(tier),
        loginHint: account.username,
        ui: this.deps.ui,
        logger: this.logger,
        ...(options.reason ? { reason: options.reason } : {}),
        ...(options.claims ? { claims: options.claims } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(this.deps.networkClient ? { networkClient: this.deps.networkClient } : {}),
      });
      const signedIn = this.userAccountFrom(result, account.cloud, account.clientId);
      if (signedIn.id !== account.id) {
        throw new SignInError(
          'wrongAccount',
          `You signed in as ${signedIn.username}, but this is ${account.username}'s account. Nothing was changed; sign in as ${account.username}, or add ${signedIn.username} with "Sign In".`,
          { accountId: account.id },
        );
      }
      if (!this.sessions.has(account.id)) throw new SignInError('unknownAccount', 'The account was signed out meanwhile.', { accountId: account.id });
      const adopted = await this.adopt({ ...account, username: signedIn.username }, cache, session);
      this.logger.info(`${describeAccount(account)}: signed in again${tier === 'write' ? ' with the permissions for changes' : ''}`);
      return remember(adopted, tier, result);
    };
    const running = run().finally(() => {
      if (session.prompt === running) session.prompt = undefined;
    });
    session.prompt = running;
    return running;
  }

  private async appFor(session: Session): Promise<PublicClientApplication | ConfidentialClientApplication> {
    if (session.app) return session.app;
    const { account } = session;
    const keys = secretKeysFor(account.id);
    const plugin = new SecretStoreCachePlugin(this.deps.secrets, keys.tokenCache);
    if (account.kind === 'app') {
      const credential = parseCredential(await this.deps.secrets.get(keys.credential));
      if (!credential) {
        session.signInRequired = true;
        throw new SignInError('signInRequired', `The credential of app ${account.clientId} is no longer stored. Sign in again with its secret or certificate.`, {
          accountId: account.id,
        });
      }
      session.app = this.confidentialApp(account.authority, account.clientId, credential, plugin);
    } else {
      const msal = require('@azure/msal-node') as typeof import('@azure/msal-node');
      session.app = new msal.PublicClientApplication(
        buildMsalConfiguration({
          authority: account.authority,
          clientId: account.clientId,
          cachePlugin: plugin,
          logger: this.logger,
          ...(this.deps.networkClient ? { networkClient: this.deps.networkClient } : {}),
        }),
      );
    }
    return session.app;
  }

  private confidentialApp(authority: string, clientId: string, credential: AppCredential, plugin: SecretStoreCachePlugin | undefined): ConfidentialClientApplication {
    const msal = require('@azure/msal-node') as typeof import('@azure/msal-node');
    return new msal.ConfidentialClientApplication(
      buildMsalConfiguration({
        authority,
        clientId,
        ...msalCredentialOptions(credential),
        ...(plugin ? { cachePlugin: plugin } : {}),
        logger: this.logger,
        ...(this.deps.networkClient ? { networkClient: this.deps.networkClient } : {}),
      }),
    );
  }

  /** Runs `task` after every earlier task of this account (msal's cache is not safe against interleaving). */
  private exclusive<T>(session: Session, task: () => Promise<T>): Promise<T> {
    const run = session.queue.then(task, task);
    session.queue = run.catch(() => undefined);
    return run;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error(`An account listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function newSession(account: Account): Session {
  return { account, tokens: new Map(), inflight: new Map(), queue: Promise.resolve(), signInRequired: false };
}

/** Keeps the token for quick reuse and returns it. */
function remember(session: Session, tier: AccessTier, result: AuthenticationResult): string {
  const expiresOnMs = result.expiresOn ? result.expiresOn.getTime() : Date.now();
  session.tokens.set(tier, { accessToken: result.accessToken, expiresOnMs });
  return result.accessToken;
}

async function findMsalAccount(app: PublicClientApplication, account: Account): Promise<AccountInfo | undefined> {
  const all = await app.getTokenCache().getAllAccounts();
  return all.find((a) => a.tenantId === account.tenantId && a.username.toLowerCase() === account.username.toLowerCase()) ?? all.find((a) => a.tenantId === account.tenantId);
}

/** Whether msal says a prompt is needed, and whether for consent (more scopes) or with a claims challenge. */
function interactionNeeded(error: unknown): { consent: boolean; claims?: string } | undefined {
  const e = error as { name?: string; errorCode?: string; subError?: string; claims?: string; message?: string } | null;
  if (!e || e.name !== 'InteractionRequiredAuthError') return undefined;
  const consent = e.subError === 'consent_required' || e.errorCode === 'consent_required' || /AADSTS65001/.test(e.message ?? '');
  return { consent, ...(e.claims ? { claims: e.claims } : {}) };
}

/** The `tid` claim of a JWT access token, without verifying it (only to learn which tenant a domain named). */
function tenantOfToken(accessToken: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { tid?: unknown };
    return typeof payload.tid === 'string' ? payload.tid : undefined;
  } catch {
    return undefined;
  }
}

function validateRequest(request: SignInRequest): void {
  const invalid = (message: string) => new SignInError('invalidRequest', message);
  if (!GUID.test(request.clientId?.trim() ?? '')) throw invalid(`The client id must be a GUID (the app registration's Application (client) ID), not '${request.clientId}'.`);
  const tenant = request.tenant?.trim();
  if (request.method === 'interactive' || request.method === 'deviceCode') {
    if (tenant && !isTenant(tenant, true)) throw invalid(`'${tenant}' is not a tenant: give a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, or 'organizations'.`);
    return;
  }
  if (!tenant || !isTenant(tenant, false)) {
    throw invalid(`App-only sign-in needs the tenant ID (GUID) or a verified domain of the tenant${tenant ? `, not '${tenant}'` : ''}.`);
  }
  if (request.method === 'clientSecret' && !request.clientSecret) throw invalid('The client secret is empty.');
  if (request.method === 'certificate' && (!request.certificatePem || !request.privateKeyPem)) throw invalid('Give both the certificate and its private key (PEM).');
}

/** A tenant id or domain; `organizations`/`common` only for user sign-in. */
export function isTenant(text: string, allowMultiTenant: boolean): boolean {
  const t = text.trim();
  if (allowMultiTenant && /^(organizations|common)$/i.test(t)) return true;
  return GUID.test(t) || DOMAIN.test(t);
}

export function isClientId(text: string): boolean {
  return GUID.test(text.trim());
}
