// The one error type of sign-in and token acquisition. `kind` tells callers what to offer: `signInRequired` →
// a "Sign in again" action (the account is kept), `cancelled` → nothing (the user chose it), others → the message,
// which is already in plain words (see explainAuthError.ts). Messages never hold tokens or secrets.

export type SignInErrorKind =
  /** The user dismissed a prompt or the caller's signal fired. Nothing was changed. */
  | 'cancelled'
  /** The session expired, was revoked, or Conditional Access wants a new sign-in; the account is kept. */
  | 'signInRequired'
  /** A re-sign-in or consent prompt was completed by a different user than the account's. */
  | 'wrongAccount'
  /** No such account (signed out meanwhile). */
  | 'unknownAccount'
  /** The request itself is incomplete or malformed (missing tenant, bad client id, unreadable certificate). */
  | 'invalidRequest'
  /** The token service refused (see `aadsts`) or could not be reached. */
  | 'failed';

/**
 * Marks SignInErrors with a process-wide symbol: the extension loads some features from a second bundle (dist/features.js)
 * that carries its own copy of this class, and `instanceof` must recognise an error made by either copy.
 */
const SIGN_IN_ERROR_BRAND = Symbol.for('entra-provisioning.SignInError');

export class SignInError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SIGN_IN_ERROR_BRAND] === true;
  }

  readonly [SIGN_IN_ERROR_BRAND] = true;
  readonly kind: SignInErrorKind;
  readonly accountId: string | undefined;
  /** Entra's AADSTS number when the token service gave one. */
  readonly aadsts: number | undefined;

  constructor(kind: SignInErrorKind, message: string, details: { accountId?: string; aadsts?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SignInError';
    this.kind = kind;
    this.accountId = details.accountId;
    this.aadsts = details.aadsts;
  }
}

export function isSignInError(error: unknown, kind?: SignInErrorKind): error is SignInError {
  return error instanceof SignInError && (kind === undefined || error.kind === kind);
}
