// App registrations the token service knows: the sandbox's all-permissions app (printed in the ready line), the
// well-known public "Microsoft Graph Command Line Tools" client (the product's default), and whatever tests register
// through the control API. Secrets are kept as SHA-256 digests except the app's own, which the ready line prints.
import { X509Certificate, createHash, createPublicKey, randomInt, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { APPLICATION_PERMISSIONS, DELEGATED_PERMISSIONS, canonicalPermission, type GraphPermission } from './permissions';

/** The public client id of "Microsoft Graph Command Line Tools", usable in every tenant without a registration. */
export const GRAPH_CLI_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

export interface CertificateCredential {
  publicKey: KeyObject;
  /** Raw digests, base64url — the form msal puts in the assertion's `x5t` / `x5t#S256` header. */
  x5t: string;
  x5tS256: string;
}

export interface ClientApp {
  clientId: string;
  displayName: string;
  /** Public clients (desktop/CLI) cannot keep a secret: they authenticate with nothing, and only do user flows. */
  isPublic: boolean;
  /** Application permissions granted to the app itself (admin-consented app roles) for client credentials. */
  appRoles: readonly GraphPermission[];
  /** Delegated scopes the registration lists; a user can consent to these and nothing else. */
  delegatedScopes: readonly GraphPermission[];
  secretSha256?: string;
  certificates: CertificateCredential[];
}

export interface RegisterClientInput {
  permissions: GraphPermission[];
  isPublic: boolean;
  displayName?: string;
  /** PEM X.509 certificate, or a PEM public key; either enables certificate (client assertion) authentication. */
  certificatePem?: string;
  publicKeyPem?: string;
}

export interface RegisteredClient {
  client: ClientApp;
  clientSecret?: string;
  /** Hex thumbprints of the registered key, for msal's `clientCertificate.thumbprint[Sha256]`. */
  thumbprint?: string;
  thumbprintSha256?: string;
}

interface StoredClient {
  clientId: string;
  displayName: string;
  isPublic: boolean;
  appRoles: string[];
  delegatedScopes: string[];
  secretSha256?: string;
  /** Each entry: the key as SPKI PEM and the digests it was registered under. */
  certificates: { publicKeyPem: string; x5t: string; x5tS256: string }[];
}

export interface ClientRegistryState {
  appClient: { clientId: string; clientSecret: string };
  clients: StoredClient[];
}

export class ClientRegistry {
  readonly appClient: { clientId: string; clientSecret: string };
  private readonly clients = new Map<string, ClientApp>();

  constructor(state?: Partial<ClientRegistryState>) {
    const saved = state?.appClient;
    this.appClient =
      saved && typeof saved.clientId === 'string' && typeof saved.clientSecret === 'string'
        ? { clientId: saved.clientId, clientSecret: saved.clientSecret }
        : { clientId: randomUUID(), clientSecret: newClientSecret() };
    this.add({
      clientId: GRAPH_CLI_CLIENT_ID,
      displayName: 'Microsoft Graph Command Line Tools',
      isPublic: true,
      appRoles: [],
      delegatedScopes: DELEGATED_PERMISSIONS,
      certificates: [],
    });
    this.add({
      clientId: this.appClient.clientId,
      displayName: 'Entra Provisioning Sandbox',
      isPublic: false,
      appRoles: APPLICATION_PERMISSIONS,
      delegatedScopes: DELEGATED_PERMISSIONS,
      secretSha256: sha256Hex(this.appClient.clientSecret),
      certificates: [],
    });
    for (const stored of state?.clients ?? []) {
      const client = fromStored(stored);
      if (client) this.add(client);
    }
  }

  find(clientId: string): ClientApp | undefined {
    return this.clients.get(clientId.toLowerCase());
  }

  register(input: RegisterClientInput): RegisteredClient {
    const clientId = randomUUID();
    const certificate = input.certificatePem ? fromCertificate(input.certificatePem) : input.publicKeyPem ? fromPublicKey(input.publicKeyPem) : undefined;
    // A confidential client gets a secret unless it was registered with a certificate only.
    const clientSecret = !input.isPublic && !certificate ? newClientSecret() : undefined;
    const client: ClientApp = {
      clientId,
      displayName: input.displayName ?? `Sandbox test app ${clientId.slice(0, 8)}`,
      isPublic: input.isPublic,
      appRoles: input.isPublic ? [] : input.permissions.filter((p) => APPLICATION_PERMISSIONS.includes(p)),
      delegatedScopes: input.permissions.filter((p) => DELEGATED_PERMISSIONS.includes(p)),
      ...(clientSecret ? { secretSha256: sha256Hex(clientSecret) } : {}),
      certificates: certificate ? [certificate.credential] : [],
    };
    this.add(client);
    return {
      client,
      ...(clientSecret ? { clientSecret } : {}),
      ...(certificate ? { thumbprint: certificate.sha1Hex, thumbprintSha256: certificate.sha256Hex } : {}),
    };
  }

  verifySecret(client: ClientApp, secret: string): boolean {
    if (!client.secretSha256) return false;
    return timingSafeEqual(Buffer.from(client.secretSha256, 'hex'), createHash('sha256').update(secret).digest());
  }

  /** The registered key an assertion's `x5t` / `x5t#S256` header names, if any. */
  findCertificate(client: ClientApp, header: Record<string, unknown>): CertificateCredential | undefined {
    const x5tS256 = header['x5t#S256'];
    const x5t = header.x5t;
    return client.certificates.find((c) => (typeof x5tS256 === 'string' && c.x5tS256 === x5tS256) || (typeof x5t === 'string' && c.x5t === x5t));
  }

  toState(): ClientRegistryState {
    const builtIn = new Set([GRAPH_CLI_CLIENT_ID, this.appClient.clientId.toLowerCase()]);
    return {
      appClient: { ...this.appClient },
      clients: [...this.clients.values()].filter((c) => !builtIn.has(c.clientId.toLowerCase())).map(toStored),
    };
  }

  private add(client: ClientApp): void {
    this.clients.set(client.clientId.toLowerCase(), client);
  }
}

/** Shaped like an Entra client secret value: three characters, `8Q~`, then 34 more. */
function newClientSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
  const pick = (n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${pick(3)}8Q~${pick(34)}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface CertificateRegistration {
  credential: CertificateCredential;
  sha1Hex: string;
  sha256Hex: string;
}

/** A real certificate: thumbprints are digests of the certificate's DER, exactly as Entra computes them. */
function fromCertificate(pem: string): CertificateRegistration {
  const certificate = new X509Certificate(pem);
  return registration(certificate.publicKey, certificate.raw);
}

/** A bare public key (tests cannot mint X.509 certificates with node:crypto): thumbprints are digests of its SPKI. */
function fromPublicKey(pem: string): CertificateRegistration {
  const publicKey = createPublicKey(pem);
  return registration(publicKey, publicKey.export({ type: 'spki', format: 'der' }));
}

function registration(publicKey: KeyObject, der: Buffer): CertificateRegistration {
  if (publicKey.asymmetricKeyType !== 'rsa') throw new Error('Only RSA keys can sign client assertions (RS256/PS256).');
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    credential: { publicKey, x5t: sha1.toString('base64url'), x5tS256: sha256.toString('base64url') },
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256Hex: sha256.toString('hex').toUpperCase(),
  };
}

function toStored(client: ClientApp): StoredClient {
  return {
    clientId: client.clientId,
    displayName: client.displayName,
    isPublic: client.isPublic,
    appRoles: [...client.appRoles],
    delegatedScopes: [...client.delegatedScopes],
    ...(client.secretSha256 ? { secretSha256: client.secretSha256 } : {}),
    certificates: client.certificates.map((c) => ({
      publicKeyPem: c.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      x5t: c.x5t,
      x5tS256: c.x5tS256,
    })),
  };
}

/** Restores a stored registration; anything damaged is dropped rather than failing the whole sandbox. */
function fromStored(stored: StoredClient): ClientApp | undefined {
  if (!stored || typeof stored.clientId !== 'string' || typeof stored.displayName !== 'string') return undefined;
  const permissions = (names: unknown): GraphPermission[] =>
    Array.isArray(names) ? names.map((n) => (typeof n === 'string' ? canonicalPermission(n) : undefined)).filter((p): p is GraphPermission => !!p) : [];
  try {
    return {
      clientId: stored.clientId,
      displayName: stored.displayName,
      isPublic: stored.isPublic === true,
      appRoles: permissions(stored.appRoles),
      delegatedScopes: permissions(stored.delegatedScopes),
      ...(typeof stored.secretSha256 === 'string' ? { secretSha256: stored.secretSha256 } : {}),
      certificates: (Array.isArray(stored.certificates) ? stored.certificates : []).map((c) => ({
        publicKey: createPublicKey(c.publicKeyPem),
        x5t: c.x5t,
        x5tS256: c.x5tS256,
      })),
    };
  } catch {
    return undefined;
  }
}
