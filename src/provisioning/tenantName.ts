// Tenants by name: identity admins know "Contoso (sandbox)", not 7d3c4f1e-…. The tree reads the organization once
// per tenant (GET /organization: User.Read is enough for a delegated token; an app-only token without
// Organization.Read.All / Directory.Read.All gets 403) and keeps the id wherever the name is unknown. Every modal
// and tree row names a tenant through `tenantLabel` / `tenantRowLabel`, so they all say the same thing.
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import type { Logger } from '../logging/logger';

/** Graph's organization resource, the part the product reads. */
export interface Organization {
  id: string;
  displayName?: string | null;
  verifiedDomains?: { name: string; isDefault?: boolean; isInitial?: boolean; type?: string; capabilities?: string }[];
}

/** What is known about a tenant besides its id. */
export interface TenantDirectoryName {
  displayName: string;
  /** The verified domain marked default (where mail goes), when Graph listed one. */
  defaultDomain: string | undefined;
}

/**
 * The tenant's display name and default domain, or undefined when Graph would not say (403 for app-only tokens
 * without a directory read role, any other failure): the caller keeps showing the id. Never throws; failures are
 * logged at debug level because the tree works without the name.
 */
export async function fetchTenantName(
  graph: GraphClient,
  options: { signal?: AbortSignal; logger?: Logger } = {},
): Promise<TenantDirectoryName | undefined> {
  try {
    const answer = await graph.get<{ value?: Organization[] }>('/organization', {
      query: { $select: 'id,displayName,verifiedDomains' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const organization = answer?.value?.[0];
    const displayName = organization?.displayName?.trim();
    if (!organization || !displayName) return undefined;
    return { displayName, defaultDomain: organization.verifiedDomains?.find((d) => d.isDefault)?.name };
  } catch (error) {
    const why = error instanceof GraphError ? `${error.status ?? error.kind}` : String(error);
    options.logger?.debug(`The tenant's name could not be read (GET /organization: ${why}); it is shown by its id.`);
    return undefined;
  }
}

/** The tree row of a tenant: its name when known, else its id. */
export function tenantRowLabel(tenant: { tenantId: string; displayName?: string | undefined }): string {
  return tenant.displayName ?? tenant.tenantId;
}

/**
 * How confirmations and pickers name a tenant: "Contoso (sandbox) (7d3c4f1e-…)" — the name an admin recognises and
 * the id that tells two tenants of the same name apart — or just the id when the name is unknown.
 */
export function tenantLabel(tenant: { tenantId: string; displayName?: string | undefined }): string {
  return tenant.displayName ? `${tenant.displayName} (${tenant.tenantId})` : tenant.tenantId;
}
