// App-only credentials (client secret, or certificate + private key) as they are kept in the SecretStore, and how
// a certificate becomes what msal signs client assertions with (SHA-256 thumbprint, optional x5c chain).
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { SignInError } from './signInError';

export type AppCredential =
  | { type: 'secret'; clientSecret: string }
  | { type: 'certificate'; privateKeyPem: string; thumbprintSha256: string; certificatePem?: string };

/** msal's `clientSecret` / `clientCertificate` options for a stored credential. */
export function msalCredentialOptions(credential: AppCredential):
  | { clientSecret: string }
  | { certificate: { thumbprintSha256: string; privateKey: string; x5c?: string } } {
  if (credential.type === 'secret') return { clientSecret: credential.clientSecret };
  return {
    certificate: {
      thumbprintSha256: credential.thumbprintSha256,
      privateKey: credential.privateKeyPem,
      ...(credential.certificatePem ? { x5c: credential.certificatePem } : {}),
    },
  };
}

/**
 * Builds the certificate credential from PEM text. The thumbprint is computed from the X.509 certificate (SHA-256
 * of its DER, as Entra shows it); `thumbprint` is only needed when `certificatePem` is not an X.509 certificate
 * (e.g. a bare public key registered directly), and must then be the SHA-256 thumbprint in hex.
 */
export function certificateCredential(input: { certificatePem: string; privateKeyPem: string; thumbprint?: string }): AppCredential {
  try {
    createPrivateKey(input.privateKeyPem);
  } catch {
    throw new SignInError('invalidRequest', 'The private key could not be read. Give it as PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----), unencrypted.');
  }
  let certificate: X509Certificate | undefined;
  try {
    certificate = new X509Certificate(input.certificatePem);
  } catch {
    certificate = undefined;
  }
  if (certificate) {
    if (!certificate.checkPrivateKey(createPrivateKey(input.privateKeyPem))) {
      throw new SignInError('invalidRequest', 'The private key does not belong to the certificate.');
    }
    const thumbprintSha256 = certificate.fingerprint256.replace(/:/g, '').toUpperCase();
    if (input.thumbprint && normalizeThumbprint(input.thumbprint) !== thumbprintSha256) {
      throw new SignInError('invalidRequest', 'The thumbprint given does not match the certificate (it must be the SHA-256 thumbprint).');
    }
    return { type: 'certificate', privateKeyPem: input.privateKeyPem, thumbprintSha256, certificatePem: pemCertificates(input.certificatePem) };
  }
  const thumbprint = input.thumbprint ? normalizeThumbprint(input.thumbprint) : '';
  if (!/^[0-9A-F]{64}$/.test(thumbprint)) {
    throw new SignInError('invalidRequest', 'The certificate could not be read as X.509 PEM (-----BEGIN CERTIFICATE-----); without it, give its SHA-256 thumbprint (64 hex digits).');
  }
  return { type: 'certificate', privateKeyPem: input.privateKeyPem, thumbprintSha256: thumbprint };
}

function normalizeThumbprint(text: string): string {
  return text.replace(/[\s:]/g, '').toUpperCase();
}

/** Only the CERTIFICATE blocks of a PEM file (a combined file may also hold the key, which must not go in x5c). */
function pemCertificates(pem: string): string {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).join('\n');
}

export function serializeCredential(credential: AppCredential): string {
  return JSON.stringify(credential);
}

export function parseCredential(text: string | undefined): AppCredential | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<AppCredential>;
    if (value.type === 'secret' && typeof value.clientSecret === 'string') return { type: 'secret', clientSecret: value.clientSecret };
    if (value.type === 'certificate' && typeof value.privateKeyPem === 'string' && typeof value.thumbprintSha256 === 'string') {
      return {
        type: 'certificate',
        privateKeyPem: value.privateKeyPem,
        thumbprintSha256: value.thumbprintSha256,
        ...(typeof value.certificatePem === 'string' ? { certificatePem: value.certificatePem } : {}),
      };
    }
  } catch {
    // damaged: treated as missing
  }
  return undefined;
}
