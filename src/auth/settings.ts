// The sign-in settings and how they are read. They decide where tokens are sent (cloud, authority, Graph endpoint,
// client id), so only the user's own (application-scope) value counts: a value in a workspace's settings — which
// anyone who shares a repository can write — is ignored even if a host passed it through. Hosts hand in what their
// configuration API reports per scope (VS Code: `inspect()`), and only `globalValue` and `defaultValue` are used.
import { CLOUDS, DEFAULT_PUBLIC_CLIENT_ID, customCloud, type Cloud, type CloudId } from '../graph/clouds';
import { SignInError } from './signInError';
import type { UserFlowMethod } from './userFlows';

export const SETTINGS_SECTION = 'entraProvisioning';

/** The setting names (below the section), as contributed in package.json. */
export const AUTH_SETTING = {
  cloud: 'cloud',
  clientId: 'clientId',
  sandboxGraphEndpoint: 'sandbox.graphEndpoint',
  sandboxAuthority: 'sandbox.authority',
  signInMethod: 'signInMethod',
} as const;

export type SignInMethodSetting = 'auto' | UserFlowMethod;

export interface AuthSettings {
  cloud: CloudId;
  clientId: string;
  sandboxGraphEndpoint: string;
  sandboxAuthority: string;
  signInMethod: SignInMethodSetting;
}

/** What a configuration API says about one setting, per scope (the shape of VS Code's `inspect()`). */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  [scope: string]: unknown;
}

/** The application-scope value: the user's setting, else the default. Workspace and folder values never count. */
export function applicationValue(inspected: InspectedSetting | undefined): unknown {
  return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
}

const CLOUD_IDS: readonly CloudId[] = ['Global', 'USGov', 'USGovDoD', 'China', 'Sandbox'];
const METHODS: readonly SignInMethodSetting[] = ['auto', 'interactive', 'deviceCode'];

export const DEFAULT_AUTH_SETTINGS: Readonly<AuthSettings> = {
  cloud: 'Global',
  clientId: DEFAULT_PUBLIC_CLIENT_ID,
  sandboxGraphEndpoint: '',
  sandboxAuthority: '',
  signInMethod: 'auto',
};

/** Reads every sign-in setting through `inspect(name)`; a value of the wrong type falls back to the default. */
export function readAuthSettings(inspect: (name: string) => InspectedSetting | undefined): AuthSettings {
  const text = (name: string, fallback: string) => {
    const value = applicationValue(inspect(name));
    return typeof value === 'string' ? value.trim() : fallback;
  };
  const cloud = text(AUTH_SETTING.cloud, DEFAULT_AUTH_SETTINGS.cloud);
  const method = text(AUTH_SETTING.signInMethod, DEFAULT_AUTH_SETTINGS.signInMethod);
  return {
    cloud: CLOUD_IDS.includes(cloud as CloudId) ? (cloud as CloudId) : DEFAULT_AUTH_SETTINGS.cloud,
    clientId: text(AUTH_SETTING.clientId, DEFAULT_AUTH_SETTINGS.clientId) || DEFAULT_AUTH_SETTINGS.clientId,
    sandboxGraphEndpoint: text(AUTH_SETTING.sandboxGraphEndpoint, ''),
    sandboxAuthority: text(AUTH_SETTING.sandboxAuthority, ''),
    signInMethod: METHODS.includes(method as SignInMethodSetting) ? (method as SignInMethodSetting) : DEFAULT_AUTH_SETTINGS.signInMethod,
  };
}

/** The cloud to sign in to. The Sandbox (any Graph-compatible endpoint) needs both of its URLs. */
export function cloudFromSettings(settings: AuthSettings, cloudId: CloudId = settings.cloud): Cloud {
  if (cloudId !== 'Sandbox') return CLOUDS[cloudId];
  const { sandboxGraphEndpoint: graph, sandboxAuthority: authority } = settings;
  if (!graph || !authority) {
    throw new SignInError(
      'invalidRequest',
      'The Sandbox cloud needs the settings entraProvisioning.sandbox.graphEndpoint and entraProvisioning.sandbox.authority (the "graph" and "authority" of the sandbox\'s ready line).',
    );
  }
  if (!isUrl(graph, ['http:', 'https:'])) throw new SignInError('invalidRequest', `entraProvisioning.sandbox.graphEndpoint is not an http(s) URL: '${graph}'.`);
  if (!isUrl(authority, ['https:'])) throw new SignInError('invalidRequest', `entraProvisioning.sandbox.authority must be an https URL (msal requires it): '${authority}'.`);
  return customCloud(graph, authority);
}

/**
 * The tenant an authority URL names (`https://host/<tenant>`), if any: a custom cloud's authority setting often
 * carries its tenant, which then is the natural default for app-only sign-in.
 */
export function tenantOfAuthority(authority: string): string | undefined {
  try {
    const segment = new URL(authority).pathname.split('/').filter(Boolean)[0];
    return segment ? decodeURIComponent(segment) : undefined;
  } catch {
    return undefined;
  }
}

/** `auto`: the browser on a local window; a device code in a remote one (SSH, WSL, Codespaces, code-server). */
export function effectiveSignInMethod(setting: SignInMethodSetting, isRemoteWindow: boolean): UserFlowMethod {
  if (setting === 'auto') return isRemoteWindow ? 'deviceCode' : 'interactive';
  return setting;
}

function isUrl(text: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
