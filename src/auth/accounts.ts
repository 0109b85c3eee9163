// A signed-in identity as the product shows and remembers it: who (username), where (tenant, cloud, authority) and
// through which app registration (client id). Nothing here is secret, so hosts keep it in plain storage
// (globalState); tokens and credentials live in the SecretStore under keys derived from `id`.
import { createHash } from 'node:crypto';
import type { Cloud } from '../graph/clouds';

export interface Account {
  /** Stable for the same identity, cloud and client: signing in again updates the account instead of adding one. */
  id: string;
  /** `user`: delegated (interactive or device code); `app`: app-only client credentials (automation accounts). */
  kind: 'user' | 'app';
  /** The user's UPN, or the app's client id for app-only accounts. */
  username: string;
  tenantId: string;
  cloud: Cloud;
  /** `<cloud authority host><tenant id>`: where silent refreshes go. */
  authority: string;
  clientId: string;
}

/**
 * The account id: a digest, so it is short, safe in secret-storage keys and tree ids, and does not spell out the
 * user's object id. The Graph root is part of it because US Government L4 and L5 share a login host.
 */
export function accountIdFor(parts: {
  kind: Account['kind'];
  cloud: Cloud;
  clientId: string;
  tenantId: string;
  /** msal's `homeAccountId` (`<oid>.<home tenant>`) for users; absent for apps. */
  homeAccountId?: string;
}): string {
  const material = [parts.kind, parts.cloud.graphRoot, parts.cloud.authorityHost, parts.clientId, parts.tenantId, parts.homeAccountId ?? '']
    .map((p) => p.toLowerCase())
    .join('\n');
  return `${parts.kind === 'user' ? 'u' : 'a'}-${createHash('sha256').update(material).digest('hex').slice(0, 20)}`;
}

/** `https://login.microsoftonline.com/<tenant>` for a cloud and a tenant (id, domain, `organizations` …). */
export function authorityFor(cloud: Cloud, tenant: string): string {
  return `${cloud.authorityHost}${encodeURIComponent(tenant)}`;
}

/** One line naming the account, for messages and pickers ("admin@contoso.com · tenant 1234…"). */
export function describeAccount(account: Account): string {
  const who = account.kind === 'app' ? `app ${account.username}` : account.username;
  return `${who} (tenant ${account.tenantId}, ${account.cloud.label})`;
}
