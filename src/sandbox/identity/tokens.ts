// The tokens the service issues and the check Graph runs on them.
//
// Access tokens look like Graph's (a v1.0-claims JWT: aud, iss, tid, oid, appid, idtyp, roles or scp, iat/nbf/exp,
// uti), signed RS256 with the service's key. Verification is by that signature plus the claims, so a forged or edited
// payload, another sandbox's token, an expired one or one issued before a revoke is refused. ID tokens are v2.0 OIDC
// tokens for the client; client_info is Entra's base64url `{uid, utid}` that msal builds the account id from.
import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../http/router';
import { base64urlJson, parseJwt, type SigningKey } from './jwt';
import type { IdentityUrls } from './metadata';

export interface IdentityUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

export interface TokenClient {
  clientId: string;
  displayName: string;
  isPublic: boolean;
}

export interface IssuedAccessToken {
  accessToken: string;
  /** Seconds from now (negative for a deliberately expired token). */
  expiresIn: number;
  /** Epoch seconds. */
  expiresOn: number;
}

export type AuthenticationFailure = { error: 'missing' | 'invalid' | 'expired'; message: string };

/** The private claim that ties an access token to the revocation generation it was issued in. */
const GENERATION_CLAIM = 'sandbox_revocation_generation';
const CLOCK_SKEW_SECONDS = 300;

export interface TokenIssuerDeps {
  tenantId: string;
  urls(): IdentityUrls;
  key(): SigningKey | undefined;
  generation(): number;
  nowMs(): number;
}

export class TokenIssuer {
  constructor(private readonly deps: TokenIssuerDeps) {}

  /** `credential`: how the client proved itself — Entra's `appidacr` is 1 for a secret, 2 for a certificate. */
  appAccessToken(
    client: TokenClient,
    roles: readonly string[],
    audience: string,
    lifetimeSeconds: number,
    credential: 'secret' | 'certificate' = 'secret',
  ): IssuedAccessToken {
    const servicePrincipalId = servicePrincipalObjectId(this.deps.tenantId, client.clientId);
    return this.accessToken(lifetimeSeconds, {
      aud: audience,
      app_displayname: client.displayName,
      appid: client.clientId,
      appidacr: credential === 'certificate' ? '2' : '1',
      idp: this.deps.urls().issuer,
      idtyp: 'app',
      oid: servicePrincipalId,
      ...(roles.length > 0 ? { roles: [...roles] } : {}),
      sub: servicePrincipalId,
    });
  }

  userAccessToken(client: TokenClient, user: IdentityUser, scopes: readonly string[], audience: string, lifetimeSeconds: number): IssuedAccessToken {
    return this.accessToken(lifetimeSeconds, {
      aud: audience,
      acr: '1',
      amr: ['pwd'],
      app_displayname: client.displayName,
      appid: client.clientId,
      appidacr: client.isPublic ? '0' : '1',
      idtyp: 'user',
      ipaddr: '127.0.0.1',
      name: user.displayName,
      oid: user.id,
      scp: scopes.join(' '),
      sub: pairwiseSubject(user.id, client.clientId),
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
    });
  }

  idToken(client: TokenClient, user: IdentityUser, nonce: string | undefined): string {
    const now = Math.floor(this.deps.nowMs() / 1000);
    return this.signingKey().sign({
      aud: client.clientId,
      iss: this.deps.urls().issuer,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: user.displayName,
      ...(nonce ? { nonce } : {}),
      oid: user.id,
      preferred_username: user.userPrincipalName,
      sub: pairwiseSubject(user.id, client.clientId),
      tid: this.deps.tenantId,
      uti: uniqueTokenId(),
      ver: '2.0',
    });
  }

  clientInfo(user: IdentityUser): string {
    return base64urlJson({ uid: user.id, utid: this.deps.tenantId });
  }

  /** Graph's token check: `Authorization: Bearer <jwt>` → who is calling, with which permissions. */
  authenticate(authorizationHeader: string | undefined): Principal | AuthenticationFailure {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
    if (!match) return { error: 'missing', message: 'Access token is empty.' };
    const jwt = parseJwt(match[1]!);
    if (!jwt) return { error: 'invalid', message: 'IDX14100: JWT is not well formed, there are no dots (.) or it is not a valid JWS.' };
    const key = this.deps.key();
    if (!key || !key.verify(jwt)) return { error: 'invalid', message: 'Access token validation failure. Invalid signature.' };
    const claims = jwt.payload;
    const urls = this.deps.urls();
    if (claims.iss !== urls.issuer || claims.tid !== this.deps.tenantId) {
      return { error: 'invalid', message: 'Access token validation failure. Invalid issuer.' };
    }
    if (typeof claims.aud !== 'string' || !urls.isGraphResource(claims.aud)) {
      return { error: 'invalid', message: 'Access token validation failure. Invalid audience.' };
    }
    const now = Math.floor(this.deps.nowMs() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) {
      return { error: 'expired', message: 'Lifetime validation failed, the token is expired.' };
    }
    if (typeof claims.nbf === 'number' && claims.nbf > now + CLOCK_SKEW_SECONDS) {
      return { error: 'invalid', message: 'Lifetime validation failed, the token is not yet valid.' };
    }
    if (claims[GENERATION_CLAIM] !== this.deps.generation()) {
      return {
        error: 'invalid',
        message: 'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
      };
    }
    const kind = claims.idtyp === 'app' ? 'app' : 'user';
    const permissions =
      kind === 'app'
        ? (Array.isArray(claims.roles) ? claims.roles : []).filter((r): r is string => typeof r === 'string')
        : (typeof claims.scp === 'string' ? claims.scp.split(' ') : []).filter((s) => s.length > 0);
    const principal: Principal = {
      kind,
      clientId: String(claims.appid ?? ''),
      tenantId: this.deps.tenantId,
      permissions: new Set(permissions),
    };
    if (kind === 'user' && typeof claims.oid === 'string') principal.userId = claims.oid;
    return principal;
  }

  private accessToken(lifetimeSeconds: number, claims: Record<string, unknown>): IssuedAccessToken {
    const now = Math.floor(this.deps.nowMs() / 1000);
    const exp = now + lifetimeSeconds;
    // A deliberately expired token (control API) was "issued" an hour before it expired, so iat < exp still holds.
    const iat = lifetimeSeconds > 0 ? now : exp - 3600;
    const token = this.signingKey().sign({
      ...claims,
      iss: this.deps.urls().issuer,
      iat,
      nbf: iat,
      exp,
      tid: this.deps.tenantId,
      uti: uniqueTokenId(),
      ver: '1.0',
      [GENERATION_CLAIM]: this.deps.generation(),
    });
    return { accessToken: token, expiresIn: lifetimeSeconds, expiresOn: exp };
  }

  private signingKey(): SigningKey {
    const key = this.deps.key();
    // Callers await IdentityProvider's key before issuing; reaching this is a programming error.
    if (!key) throw new Error('sandbox identity: the signing key is not ready yet');
    return key;
  }
}

/** Entra's `sub` is pairwise: stable per user and app, different across apps. */
function pairwiseSubject(userId: string, clientId: string): string {
  return createHash('sha256').update(`${userId}|${clientId}`).digest('base64url').slice(0, 43);
}

/** The service principal object id an app-only token names in `oid`: stable per tenant and app. */
export function servicePrincipalObjectId(tenantId: string, clientId: string): string {
  const hex = createHash('sha256').update(`servicePrincipal|${tenantId}|${clientId.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function uniqueTokenId(): string {
  return randomBytes(16).toString('base64url');
}
