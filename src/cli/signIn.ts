// Sign-in for CLI commands that call Graph, through the same AuthManager the extension uses, with an in-memory
// secret store (nothing is written to disk; every run signs in afresh):
//   --sandbox READY.json                          the sandbox's ready line: its URLs and app-only client credentials;
//   ENTRA_CLIENT_ID + ENTRA_CLIENT_SECRET         app-only with a client secret;
//   ENTRA_CLIENT_ID + ENTRA_CLIENT_CERTIFICATE_PATH  app-only with a certificate (PEM holding certificate and key);
//   otherwise                                     a device code, shown on stderr, for a user sign-in.
import { readFileSync } from 'node:fs';
import { AuthManager, type SignInUi } from '../auth/authManager';
import { MemoryAccountStore, MemorySecretStore } from '../auth/secretStore';
import { CLOUDS, DEFAULT_PUBLIC_CLIENT_ID, customCloud, type Cloud } from '../graph/clouds';
import type { GraphClient } from '../graph/client';
import { silentLogger } from '../logging/logger';
import { CliError } from './command';

export interface CliSignIn {
  graph: GraphClient;
  tenantId: string;
  /** A Tenant URL the environment suggests (the sandbox's SCIM server). */
  defaultTenantUrl?: string;
}

interface ReadyLine {
  graph: string;
  authority: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  scim?: string | null;
}

const deviceCodeUi: SignInUi = {
  preferredMethod: () => 'deviceCode',
  openBrowser: async () => undefined,
  showBrowserPrompt: () => undefined,
  showDeviceCode: (info) => {
    process.stderr.write(`${info.reason ? `${info.reason}\n` : ''}${info.message}\n`);
  },
};

export async function signInForCli(options: { tenant?: string | undefined; sandboxFile?: string | undefined }): Promise<CliSignIn> {
  const auth = new AuthManager({ secrets: new MemorySecretStore(), accounts: new MemoryAccountStore(), ui: deviceCodeUi, logger: silentLogger });
  if (options.sandboxFile) {
    const ready = readReadyLine(options.sandboxFile);
    const cloud = customCloud(ready.graph, ready.authority);
    const account = await auth.signIn({ method: 'clientSecret', cloud, tenant: ready.tenantId, clientId: ready.clientId, clientSecret: ready.clientSecret });
    return { graph: auth.graph(account.id), tenantId: account.tenantId, ...(ready.scim ? { defaultTenantUrl: ready.scim } : {}) };
  }
  const tenant = options.tenant?.trim();
  if (!tenant) throw new CliError('--tenant is required (the tenant id or a verified domain).');
  const cloud: Cloud = CLOUDS.Global;
  const clientId = process.env.ENTRA_CLIENT_ID?.trim();
  const secret = process.env.ENTRA_CLIENT_SECRET;
  const certificatePath = process.env.ENTRA_CLIENT_CERTIFICATE_PATH;
  if (clientId && secret) {
    const account = await auth.signIn({ method: 'clientSecret', cloud, tenant, clientId, clientSecret: secret });
    return { graph: auth.graph(account.id), tenantId: account.tenantId };
  }
  if (clientId && certificatePath) {
    let pem: string;
    try {
      pem = readFileSync(certificatePath, 'utf8');
    } catch (error) {
      throw new CliError(`Can't read ENTRA_CLIENT_CERTIFICATE_PATH ${certificatePath}: ${(error as Error).message}`);
    }
    const account = await auth.signIn({ method: 'certificate', cloud, tenant, clientId, certificatePem: pem, privateKeyPem: pem });
    return { graph: auth.graph(account.id), tenantId: account.tenantId };
  }
  if (!clientId && (secret || certificatePath)) throw new CliError('ENTRA_CLIENT_SECRET / ENTRA_CLIENT_CERTIFICATE_PATH need ENTRA_CLIENT_ID too.');
  const account = await auth.signIn({ method: 'deviceCode', cloud, tenant, clientId: clientId || DEFAULT_PUBLIC_CLIENT_ID });
  return { graph: auth.graph(account.id), tenantId: account.tenantId };
}

function readReadyLine(file: string): ReadyLine {
  let parsed: Partial<ReadyLine>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8').trim().split('\n')[0] ?? '') as Partial<ReadyLine>;
  } catch (error) {
    throw new CliError(`Can't read the sandbox ready line from ${file}: ${(error as Error).message}`);
  }
  for (const key of ['graph', 'authority', 'tenantId', 'clientId', 'clientSecret'] as const) {
    if (typeof parsed[key] !== 'string' || !parsed[key]) throw new CliError(`${file} is not a sandbox ready line (no "${key}").`);
  }
  return parsed as ReadyLine;
}
