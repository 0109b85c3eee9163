// What users have authorised: consents (persisted), refresh tokens (persisted, as digests), and the short-lived
// in-flight records of the interactive flows — authorization codes, device codes and consent pages waiting for a click.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { canonicalPermission, type GraphPermission } from './permissions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Entra's refresh tokens live 90 days from their last use. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * DAY_MS;
/** Authorization codes are good for 10 minutes, and once. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;

/** An opaque, unguessable token (codes, refresh tokens, device codes). */
export function opaqueToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Consents

export interface StoredConsent {
  clientId: string;
  userId: string;
  scopes: string[];
}

/** Which delegated scopes each user has consented to for each client. Consent only grows, until cleared. */
export class ConsentBook {
  private readonly grants = new Map<string, Set<GraphPermission>>();

  constructor(stored: readonly StoredConsent[] = []) {
    for (const consent of stored) {
      if (typeof consent?.clientId !== 'string' || typeof consent.userId !== 'string' || !Array.isArray(consent.scopes)) continue;
      const scopes = consent.scopes.map((s) => canonicalPermission(String(s))).filter((p): p is GraphPermission => !!p);
      this.grant(consent.clientId, consent.userId, scopes);
    }
  }

  /** Returns true when something new was consented. */
  grant(clientId: string, userId: string, scopes: readonly GraphPermission[]): boolean {
    const key = consentKey(clientId, userId);
    const set = this.grants.get(key) ?? new Set<GraphPermission>();
    const before = set.size;
    for (const scope of scopes) set.add(scope);
    this.grants.set(key, set);
    return set.size !== before;
  }

  consented(clientId: string, userId: string): GraphPermission[] {
    return [...(this.grants.get(consentKey(clientId, userId)) ?? [])];
  }

  covers(clientId: string, userId: string, scopes: readonly GraphPermission[]): boolean {
    const set = this.grants.get(consentKey(clientId, userId));
    return scopes.every((s) => set?.has(s) ?? false);
  }

  clear(): void {
    this.grants.clear();
  }

  toState(): StoredConsent[] {
    return [...this.grants.entries()].map(([key, scopes]) => {
      const [clientId, userId] = key.split('|') as [string, string];
      return { clientId, userId, scopes: [...scopes] };
    });
  }
}

function consentKey(clientId: string, userId: string): string {
  return `${clientId.toLowerCase()}|${userId.toLowerCase()}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Refresh tokens

export interface RefreshGrant {
  clientId: string;
  userId: string;
  issuedAt: number;
  expiresAt: number;
  /** The revocation generation it was issued in; a revoke bumps the generation and kills every older token. */
  generation: number;
  /** Set once it has been exchanged; it keeps working for a short grace period (parallel refreshes), then is gone. */
  redeemedAt?: number;
}

interface StoredRefreshGrant extends RefreshGrant {
  sha256: string;
}

export type RefreshLookup =
  | { grant: RefreshGrant }
  | { problem: 'unknown' | 'revoked' | 'expired' };

export class RefreshTokenStore {
  private readonly grants = new Map<string, RefreshGrant>();

  constructor(stored: readonly StoredRefreshGrant[] = []) {
    for (const s of stored) {
      if (typeof s?.sha256 !== 'string' || typeof s.clientId !== 'string' || typeof s.userId !== 'string') continue;
      if (typeof s.issuedAt !== 'number' || typeof s.expiresAt !== 'number' || typeof s.generation !== 'number') continue;
      const { sha256, ...grant } = s;
      this.grants.set(sha256, grant);
    }
  }

  issue(clientId: string, userId: string, generation: number, now: number): string {
    const token = `0.A${opaqueToken(64)}`;
    this.grants.set(digest(token), { clientId, userId, issuedAt: now, expiresAt: now + REFRESH_TOKEN_LIFETIME_MS, generation });
    return token;
  }

  lookup(token: string, currentGeneration: number, now: number, graceMs: number): RefreshLookup {
    const key = digest(token);
    const grant = this.grants.get(key);
    if (!grant) return { problem: 'unknown' };
    if (grant.generation < currentGeneration) return { problem: 'revoked' };
    if (grant.expiresAt <= now) return { problem: 'expired' };
    if (grant.redeemedAt !== undefined && now - grant.redeemedAt > graceMs) {
      this.grants.delete(key);
      return { problem: 'unknown' };
    }
    return { grant };
  }

  markRedeemed(token: string, now: number): void {
    const grant = this.grants.get(digest(token));
    if (grant && grant.redeemedAt === undefined) grant.redeemedAt = now;
  }

  /**
   * Drops what can never be used again, so the persisted state does not grow without bound. Revoked tokens stay
   * until they would have expired, so presenting one is answered "revoked" (AADSTS50173) rather than "unknown".
   */
  prune(now: number, graceMs: number): void {
    for (const [key, grant] of this.grants) {
      const spent = grant.redeemedAt !== undefined && now - grant.redeemedAt > graceMs;
      if (spent || grant.expiresAt <= now) this.grants.delete(key);
    }
  }

  get size(): number {
    return this.grants.size;
  }

  toState(): StoredRefreshGrant[] {
    return [...this.grants.entries()].map(([sha256, grant]) => ({ sha256, ...grant }));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Interactive flows in flight (memory only: a restart simply makes the user start again)

export interface AuthorizationRequest {
  clientId: string;
  tenantSegment: string;
  userId: string;
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  /** The Graph permissions asked for (after `.default` expansion). */
  permissions: GraphPermission[];
  /** OIDC scopes asked for (decide id_token / refresh_token). */
  oidc: string[];
  /** The resource prefix the client wrote (echoed in the response `scope`) and the access token's audience. */
  resource: string | undefined;
  audience: string;
  /** `client_info=1` was sent: echo client_info in the redirect, as Entra does. */
  wantsClientInfo: boolean;
}

export interface AuthorizationCode extends AuthorizationRequest {
  expiresAt: number;
  redeemed: boolean;
}

export type DeviceState = 'pending' | 'approved' | 'declined' | 'failed';

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  permissions: GraphPermission[];
  oidc: string[];
  /** The resource prefix the client wrote, echoed in the response `scope`. */
  resource: string | undefined;
  audience: string;
  expiresAt: number;
  state: DeviceState;
  userId?: string;
  /** The stored answer for `failed` (e.g. the app may not get what it asked for). */
  failure?: 'not-in-registration';
}

/** Entra's user codes: nine letters and digits, without the easily confused ones. */
function newUserCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 9 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Normalises what a person types: case, spaces and dashes do not matter. */
export function normalizeUserCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export class PendingFlows {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly consentPages = new Map<string, { request: AuthorizationRequest; expiresAt: number }>();

  issueCode(request: AuthorizationRequest, now: number): string {
    this.sweep(now);
    const code = `1.A${opaqueToken(96)}`;
    this.codes.set(code, { ...request, expiresAt: now + AUTHORIZATION_CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  startDevice(input: Omit<DeviceAuthorization, 'deviceCode' | 'userCode' | 'state'>, now: number): DeviceAuthorization {
    this.sweep(now);
    let userCode = newUserCode();
    while (this.findDeviceByUserCode(userCode)) userCode = newUserCode();
    const device: DeviceAuthorization = { ...input, deviceCode: opaqueToken(96), userCode, state: 'pending' };
    this.devices.set(device.deviceCode, device);
    return device;
  }

  findDevice(deviceCode: string): DeviceAuthorization | undefined {
    return this.devices.get(deviceCode);
  }

  findDeviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    const wanted = normalizeUserCode(userCode);
    for (const device of this.devices.values()) if (device.userCode === wanted) return device;
    return undefined;
  }

  /** Device authorizations still waiting for the user to enter their code (not expired), oldest first. */
  pendingDevices(now: number): DeviceAuthorization[] {
    return [...this.devices.values()].filter((d) => d.state === 'pending' && d.expiresAt > now);
  }

  finishDevice(deviceCode: string): void {
    this.devices.delete(deviceCode);
  }

  holdConsentPage(request: AuthorizationRequest, now: number): string {
    this.sweep(now);
    const id = opaqueToken(24);
    this.consentPages.set(id, { request, expiresAt: now + AUTHORIZATION_CODE_LIFETIME_MS });
    return id;
  }

  takeConsentPage(id: string, now: number): AuthorizationRequest | undefined {
    const held = this.consentPages.get(id);
    this.consentPages.delete(id);
    return held && held.expiresAt > now ? held.request : undefined;
  }

  /** Forgets everything in flight (revocation). */
  clear(): void {
    this.codes.clear();
    this.devices.clear();
    this.consentPages.clear();
  }

  /** Expired records are dropped lazily, whenever something new is added. Device codes stay a while past expiry
   * so a late poll still hears `expired_token` rather than "unknown code". */
  private sweep(now: number): void {
    for (const [code, record] of this.codes) if (record.expiresAt <= now) this.codes.delete(code);
    for (const [id, held] of this.consentPages) if (held.expiresAt <= now) this.consentPages.delete(id);
    for (const [code, device] of this.devices) if (device.expiresAt + 15 * 60 * 1000 <= now) this.devices.delete(code);
  }
}
