// Compact JWS (JWT) encoding and RS256/PS256 signatures with node:crypto. The token service signs access and ID
// tokens with its own RSA key (published on the jwks endpoint) and verifies them with the same key, so a token whose
// payload was edited, or that another sandbox signed, is refused. It also verifies client assertions signed with a
// certificate key registered through the control API.
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, verify, constants, type KeyObject } from 'node:crypto';

export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function base64urlJson(value: unknown): string {
  return base64url(JSON.stringify(value));
}

export interface ParsedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/** Splits and decodes a compact JWS; undefined when it is not one (wrong shape, bad base64url, non-object JSON). */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url') };
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Verifies an RS256 or PS256 signature (the two algorithms msal-node uses for certificate assertions). */
export function verifyRsaSignature(jwt: ParsedJwt, publicKey: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  try {
    if (jwt.header.alg === 'RS256') return verify('sha256', data, publicKey, jwt.signature);
    if (jwt.header.alg === 'PS256') {
      return verify(
        'sha256',
        data,
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
        jwt.signature,
      );
    }
  } catch {
    // A malformed signature or key mismatch is simply "not verified".
  }
  return false;
}

export interface SigningKeyState {
  kid: string;
  privateKeyPem: string;
}

/** The token service's RSA signing key. `kid` is a thumbprint of the public key, as on Entra's jwks endpoint. */
export class SigningKey {
  private constructor(
    readonly kid: string,
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {}

  /** Generated off the main thread: a 2048-bit RSA key takes ~150 ms, which would stall every sandbox start. */
  static async generate(): Promise<SigningKey> {
    const privateKey = await new Promise<KeyObject>((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048 }, (err, _publicKey, key) => (err ? reject(err) : resolve(key))),
    );
    return SigningKey.fromPrivateKey(privateKey);
  }

  static fromState(state: unknown): SigningKey | undefined {
    if (!isObject(state) || typeof state.privateKeyPem !== 'string') return undefined;
    try {
      return SigningKey.fromPrivateKey(createPrivateKey(state.privateKeyPem));
    } catch {
      return undefined;
    }
  }

  private static fromPrivateKey(privateKey: KeyObject): SigningKey {
    const publicKey = createPublicKey(privateKey);
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const kid = createHash('sha1').update(spki).digest('base64url');
    return new SigningKey(kid, privateKey, publicKey);
  }

  toState(): SigningKeyState {
    return { kid: this.kid, privateKeyPem: this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  }

  /** RS256 compact JWS with `typ`, `alg` and `kid` in the header. */
  sign(payload: Record<string, unknown>): string {
    const signingInput = `${base64urlJson({ typ: 'JWT', alg: 'RS256', kid: this.kid })}.${base64urlJson(payload)}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.privateKey);
    return `${signingInput}.${base64url(signature)}`;
  }

  verify(jwt: ParsedJwt): boolean {
    return jwt.header.alg === 'RS256' && jwt.header.kid === this.kid && verifyRsaSignature(jwt, this.publicKey);
  }

  /** The public key as a JWK for the jwks endpoint. */
  jwk(): Record<string, unknown> {
    const { n, e } = this.publicKey.export({ format: 'jwk' });
    return { kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n, e, alg: 'RS256' };
  }
}
