// Builds the msal-node Configuration for one sign-in target from plain URLs: the authority (a national cloud's
// login host + tenant, or any Entra-compatible token service such as the sandbox's), the client, and its credential.
// Every request goes through FetchNetworkClient (see networkClient.ts for the loopback rule).
import type { Configuration, ICachePlugin, INetworkModule } from '@azure/msal-node';
import type { Logger } from '../logging/logger';
import { FetchNetworkClient } from './networkClient';

export interface MsalTargetOptions {
  /** `https://login.microsoftonline.com/<tenant>`, or a ready line's `authority`. Must be https (msal requires it). */
  authority: string;
  clientId: string;
  /** Confidential clients only: a secret … */
  clientSecret?: string;
  /** … or a certificate (SHA-256 thumbprint in hex and the PEM private key; x5c = PEM public certificate chain). */
  certificate?: { thumbprintSha256: string; privateKey: string; x5c?: string };
  cachePlugin?: ICachePlugin;
  networkClient?: INetworkModule;
  logger?: Logger;
}

/**
 * Hosts msal knows by itself (built-in instance metadata with aliases, for the clouds in
 * graph-synchronization.md §1.1). For any other host msal would ask login.microsoftonline.com about it (instance
 * discovery) — leaking a local endpoint's address to the internet and failing offline — so those hosts are declared
 * in `knownAuthorities` instead.
 */
const ENTRA_CLOUD_HOSTS: ReadonlySet<string> = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** `knownAuthorities` for an authority: empty for Entra's own hosts, else the authority's host (with port). */
export function knownAuthoritiesFor(authority: string): string[] {
  const url = new URL(authority);
  return ENTRA_CLOUD_HOSTS.has(url.hostname.toLowerCase()) ? [] : [url.host];
}

export function buildMsalConfiguration(options: MsalTargetOptions): Configuration {
  let authorityUrl: URL;
  try {
    authorityUrl = new URL(options.authority);
  } catch {
    throw new Error(`The authority '${options.authority}' is not a URL.`);
  }
  if (authorityUrl.protocol !== 'https:') throw new Error(`The authority must be an https URL, not '${options.authority}'.`);
  if (options.clientSecret && options.certificate) throw new Error('Give a client secret or a certificate, not both.');

  const { certificate } = options;
  return {
    auth: {
      clientId: options.clientId,
      authority: options.authority,
      knownAuthorities: knownAuthoritiesFor(options.authority),
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
      ...(certificate
        ? {
            clientCertificate: {
              thumbprintSha256: certificate.thumbprintSha256,
              privateKey: certificate.privateKey,
              ...(certificate.x5c ? { x5c: certificate.x5c } : {}),
            },
          }
        : {}),
    },
    ...(options.cachePlugin ? { cache: { cachePlugin: options.cachePlugin } } : {}),
    system: {
      networkClient: options.networkClient ?? new FetchNetworkClient(),
      ...(options.logger ? { loggerOptions: loggerOptionsFor(options.logger) } : {}),
    },
  };
}

/** msal's LogLevel values (an enum in msal; numbers here so this module does not load msal). */
const MSAL_ERROR = 0;
const MSAL_WARNING = 1;
const MSAL_INFO = 2;
const MSAL_VERBOSE = 3;

function loggerOptionsFor(logger: Logger): NonNullable<NonNullable<Configuration['system']>['loggerOptions']> {
  return {
    piiLoggingEnabled: false,
    logLevel: MSAL_VERBOSE,
    loggerCallback: (level, message, containsPii) => {
      if (containsPii) return;
      const line = `msal: ${message}`;
      // msal's Info is its own step-by-step narration, closer to our debug than to our info.
      if (level === MSAL_ERROR) logger.error(line);
      else if (level === MSAL_WARNING) logger.warn(line);
      else if (level === MSAL_INFO) logger.debug(line);
      else logger.trace(line);
    },
  };
}
