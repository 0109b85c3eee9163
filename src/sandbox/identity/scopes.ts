// Parses the `scope` parameter the way Entra's v2.0 endpoint reads it: space-separated, each either an OpenID Connect
// scope (`openid`, `offline_access` …), `<resource>/<permission>`, `<resource>/.default`, or a bare permission name
// (which means Microsoft Graph). The only resource this token service issues tokens for is Graph, under any of its
// names (see IdentityUrls.isGraphResource).
import { GRAPH_APP_ID, canonicalPermission, isOidcScope, type GraphPermission, type OidcScope } from './permissions';

export interface RequestedScopes {
  /** The Graph resource as the client wrote it, without a trailing slash; undefined when only bare names were used. */
  resource: string | undefined;
  /** `aud` of the access token: the resource as written, or Graph's app id for bare permission names. */
  audience: string;
  /** `<resource>/.default`: "everything already granted" instead of a list. */
  isDefault: boolean;
  permissions: GraphPermission[];
  oidc: OidcScope[];
}

export type ScopeProblem =
  | { problem: 'invalid_scope'; detail: string }
  | { problem: 'invalid_resource'; resource: string };

export function parseScopes(scope: string | null | undefined, isGraphResource: (resource: string) => boolean): RequestedScopes | ScopeProblem {
  const tokens = (scope ?? '').split(/\s+/).filter((s) => s.length > 0);
  if (tokens.length === 0) {
    return { problem: 'invalid_scope', detail: "The request body must contain the 'scope' parameter with at least one value." };
  }
  let resource: string | undefined;
  let isDefault = false;
  const permissions = new Set<GraphPermission>();
  const oidc = new Set<OidcScope>();
  for (const token of tokens) {
    if (isOidcScope(token)) {
      oidc.add(token.toLowerCase() as OidcScope);
      continue;
    }
    const slash = token.lastIndexOf('/');
    const name = slash >= 0 ? token.slice(slash + 1) : token;
    if (slash >= 0) {
      const written = token.slice(0, slash).replace(/\/+$/, '');
      if (!isGraphResource(written)) return { problem: 'invalid_resource', resource: written };
      resource ??= written;
    }
    if (name.toLowerCase() === '.default') {
      isDefault = true;
      continue;
    }
    const permission = canonicalPermission(name);
    if (!permission) {
      return { problem: 'invalid_scope', detail: `The provided value for the input parameter 'scope' is not valid. The scope '${token}' does not exist on the resource.` };
    }
    permissions.add(permission);
  }
  if (isDefault && permissions.size > 0) {
    return { problem: 'invalid_scope', detail: "The provided value for the input parameter 'scope' is not valid. The '.default' scope can't be combined with resource-specific scopes." };
  }
  return { resource, audience: resource ?? GRAPH_APP_ID, isDefault, permissions: [...permissions], oidc: [...oidc] };
}

/**
 * The `scope` field of a user-token response: the granted Graph scopes, written with the resource prefix the client
 * used (so msal finds them in its cache under the names it asked for), then the OIDC scopes that were requested.
 */
export function responseScope(resource: string | undefined, oidc: readonly string[], granted: readonly string[]): string {
  const prefix = resource ? `${resource}/` : '';
  return [...granted.map((p) => `${prefix}${p}`), ...oidc].join(' ');
}

export function isScopeProblem(value: RequestedScopes | ScopeProblem): value is ScopeProblem {
  return 'problem' in value;
}
