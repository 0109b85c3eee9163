// PUT/GET /servicePrincipals/{id}/synchronization/secrets and the form check of credentials validateCredentials uses.
// Secrets belong to the service principal and are shared by its jobs (graph-synchronization.md §3.8, §3.9).
// Secret values (tokens, passwords, client secrets) are never returned in full: GET masks them. A PUT that sends
// the mask back for a key keeps the stored value, so the documented "GET, append, PUT the whole list" edit works.
import type { StringKeyStringValuePair } from '../../graph/model';
import type { Router } from '../http/router';
import { GraphErrors } from '../http/graphErrors';
import type { Tenant } from '../tenant';
import { jsonObjectBody, noContent, odataContext } from './context';
import { SYNC_READ, SYNC_WRITE } from './permissions';
import { findServicePrincipal, spSyncContext } from './synchronization/lookup';

/** The synchronizationSecret enum (§3.9): JSON carries these names. */
export const SYNCHRONIZATION_SECRET_KEYS = [
  'None', 'UserName', 'Password', 'SecretToken', 'AppKey', 'BaseAddress', 'ClientIdentifier', 'ClientSecret',
  'SingleSignOnType', 'Sandbox', 'Url', 'Domain', 'ConsumerKey', 'ConsumerSecret', 'TokenKey', 'TokenExpiration',
  'Oauth2AccessToken', 'Oauth2AccessTokenCreationTime', 'Oauth2RefreshToken', 'SyncAll', 'InstanceName',
  'Oauth2ClientId', 'Oauth2ClientSecret', 'CompanyId', 'UpdateKeyOnSoftDelete', 'SynchronizationSchedule',
  'SystemOfRecord', 'SandboxName', 'EnforceDomain', 'SyncNotificationSettings', 'SkipOutOfScopeDeletions',
  'Oauth2AuthorizationCode', 'Oauth2RedirectUri', 'ApplicationTemplateIdentifier', 'Oauth2TokenExchangeUri',
  'Oauth2AuthorizationUri', 'AuthenticationType', 'Server', 'PerformInboundEntitlementGrants', 'HardDeletesEnabled',
  'SyncAgentCompatibilityKey', 'SyncAgentADContainer', 'ValidateDomain', 'TestReferences', 'ConnectionString',
] as const;

/** Keys whose values are credentials: masked on read. */
export const CONFIDENTIAL_SECRET_KEYS: ReadonlySet<string> = new Set([
  'Password', 'SecretToken', 'ClientSecret', 'ConsumerSecret', 'TokenKey', 'Oauth2AccessToken', 'Oauth2RefreshToken',
  'Oauth2ClientSecret', 'Oauth2AuthorizationCode', 'ConnectionString',
]);

/** What GET returns in place of a confidential value (fixed length: reveals nothing, not even the length). */
export const SECRET_MASK = '*****';

/** Validates a `[{ key, value }]` list, canonicalising key names; the error text is Graph's 400 message. */
export function parseSecretPairs(value: unknown, parameter: string): { pairs: StringKeyStringValuePair[] } | { error: string } {
  if (!Array.isArray(value)) return { error: `The '${parameter}' parameter must be a collection of key/value pairs.` };
  const pairs: StringKeyStringValuePair[] = [];
  for (const item of value as unknown[]) {
    if (!item || typeof item !== 'object') return { error: `Each entry of '${parameter}' must be an object with 'key' and 'value'.` };
    const { key, value: v } = item as { key?: unknown; value?: unknown };
    if (typeof key !== 'string') return { error: `Each entry of '${parameter}' needs a string 'key'.` };
    const canonical = SYNCHRONIZATION_SECRET_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    if (!canonical) return { error: `Requested value '${key}' was not found in synchronizationSecret.` };
    if (v !== null && v !== undefined && typeof v !== 'string') {
      return { error: `The value of '${canonical}' must be a string.` };
    }
    pairs.push({ key: canonical, value: v ?? null });
  }
  return { pairs };
}

/**
 * The form check before any connection is tried (../scim/connection.ts runs it first): cross-tenant sync needs
 * CompanyId with AuthenticationType=SyncPolicy; every other app needs an absolute http(s) BaseAddress and a token
 * (SecretToken, an OAuth access token, or a client secret). Returns the failure message, or undefined when acceptable.
 */
export function checkCredentials(pairs: readonly StringKeyStringValuePair[]): string | undefined {
  const get = (key: string): string => pairs.find((p) => p.key.toLowerCase() === key.toLowerCase())?.value?.trim() ?? '';
  if (get('AuthenticationType') === 'SyncPolicy') {
    return get('CompanyId') ? undefined : 'Please provide the tenant id of the target tenant (CompanyId).';
  }
  const baseAddress = get('BaseAddress');
  if (!isHttpUrl(baseAddress)) return 'Please provide a valid tenant URL for your application.';
  if (!get('SecretToken') && !get('Oauth2AccessToken') && !get('ClientSecret')) {
    return 'You appear to have entered invalid credentials. Please confirm you are using the correct information for an administrative account.';
  }
  return undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function maskSecrets(pairs: readonly StringKeyStringValuePair[]): StringKeyStringValuePair[] {
  return pairs.map((p) => ({ key: p.key, value: CONFIDENTIAL_SECRET_KEYS.has(p.key) && p.value ? SECRET_MASK : p.value }));
}

export function registerSecretRoutes(router: Router, tenant: Tenant): void {
  const path = '/servicePrincipals/{spId}/synchronization/secrets';
  router
    .get(
      path,
      (req) => {
        const sp = findServicePrincipal(req, tenant);
        if (!sp.ok) return sp.response;
        return {
          status: 200,
          body: {
            '@odata.context': odataContext(req, `${spSyncContext(sp.value)}/secrets`),
            value: maskSecrets(tenant.secrets(sp.value)),
          },
        };
      },
      { anyOf: SYNC_READ },
    )
    .put(
      path,
      (req) => {
        const sp = findServicePrincipal(req, tenant);
        if (!sp.ok) return sp.response;
        const parsed = jsonObjectBody(req);
        if ('error' in parsed) return parsed.error;
        // The body key is `value` (the v1.0 parameter table's `credentials` is a doc error, §9.4).
        const given = parseSecretPairs(parsed.body.value, 'value');
        if ('error' in given) return GraphErrors.badRequest(req, given.error);
        const current = tenant.secrets(sp.value);
        const merged = given.pairs.map((pair) =>
          pair.value === SECRET_MASK && CONFIDENTIAL_SECRET_KEYS.has(pair.key)
            ? { key: pair.key, value: current.find((c) => c.key === pair.key)?.value ?? null }
            : pair,
        );
        tenant.replaceSecrets(sp.value, merged);
        return noContent();
      },
      { anyOf: SYNC_WRITE },
    );
}
