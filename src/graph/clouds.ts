// The one place that knows each cloud's endpoints (graph-synchronization.md §1.1). Tokens are not interchangeable
// across clouds, and scopes must name the cloud's own Graph resource, so both come from here.

export type CloudId = 'Global' | 'USGov' | 'USGovDoD' | 'China' | 'Sandbox';

export interface Cloud {
  id: CloudId;
  label: string;
  /** Graph root with a trailing slash. */
  graphRoot: string;
  /** Token authority host (the tenant is appended per sign-in). */
  authorityHost: string;
  /** Entra admin center / Azure portal, for "open in portal" links. */
  portal: string;
}

export const CLOUDS: Readonly<Record<Exclude<CloudId, 'Sandbox'>, Cloud>> = {
  Global: {
    id: 'Global',
    label: 'Global (worldwide, including GCC)',
    graphRoot: 'https://graph.microsoft.com/',
    authorityHost: 'https://login.microsoftonline.com/',
    portal: 'https://portal.azure.com/',
  },
  USGov: {
    id: 'USGov',
    label: 'US Government L4 (GCC High)',
    graphRoot: 'https://graph.microsoft.us/',
    authorityHost: 'https://login.microsoftonline.us/',
    portal: 'https://portal.azure.us/',
  },
  USGovDoD: {
    id: 'USGovDoD',
    label: 'US Government L5 (DoD)',
    graphRoot: 'https://dod-graph.microsoft.us/',
    authorityHost: 'https://login.microsoftonline.us/',
    portal: 'https://portal.azure.us/',
  },
  China: {
    id: 'China',
    label: 'China (operated by 21Vianet)',
    graphRoot: 'https://microsoftgraph.chinacloudapi.cn/',
    authorityHost: 'https://login.chinacloudapi.cn/',
    portal: 'https://portal.azure.cn/',
  },
};

/** The public "Microsoft Graph Command Line Tools" app: works in every tenant without an app registration. */
export const DEFAULT_PUBLIC_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

/**
 * The sandbox (or any Graph-compatible endpoint) is described by its URLs alone, as printed in its ready line;
 * nothing downstream treats it differently from a national cloud.
 */
export function customCloud(graphRoot: string, authority: string, portal = graphRoot): Cloud {
  const authorityUrl = new URL(authority);
  return {
    id: 'Sandbox',
    label: `Sandbox (${new URL(graphRoot).host})`,
    graphRoot: graphRoot.endsWith('/') ? graphRoot : `${graphRoot}/`,
    authorityHost: `${authorityUrl.protocol}//${authorityUrl.host}/`,
    portal,
  };
}

/** `https://graph.microsoft.com/Synchronization.Read.All` for the cloud's own Graph resource. */
export function graphScope(cloud: Cloud, permission: string): string {
  return `${cloud.graphRoot}${permission}`;
}
