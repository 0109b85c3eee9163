// The one error type of the migration: `code` tells hosts what to offer (plan again, enter the token, resume), the
// message is already in plain words and never holds a token or a secret value.
import { GraphError } from '../graph/errors';

export type MigrationErrorCode =
  /** The job already uses the target template. */
  | 'sameTemplate'
  /** The template is not offered for this app. */
  | 'unknownTemplate'
  /** No such service principal or job. */
  | 'notFound'
  /** The app already has a job from the target template (it would collide with the new one). */
  | 'targetExists'
  /** Graph refused with 401/403: the signed-in identity lacks rights on the job. */
  | 'noAccess'
  /** The job changed between plan and apply. */
  | 'stalePlan'
  /** The backup could not be written, read back, or no longer matches what was written. */
  | 'backup'
  /** The journal is missing, damaged, or belongs to a finished or rolled-back migration. */
  | 'journal'
  /** The secrets step needs the SCIM token and the host supplied none. */
  | 'tokenRequired'
  /** The target rejected the credentials (validateCredentials answered 4xx). */
  | 'credentialsRejected'
  /** A step failed; the journal says where, resume continues from there. */
  | 'stepFailed';

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MigrationError';
  }
}

/** True when Graph said the caller may not do this (as opposed to a fault worth retrying). */
export function isAccessDenied(error: unknown): error is GraphError {
  return error instanceof GraphError && (error.status === 403 || error.status === 401);
}

export function isNotFound(error: unknown): error is GraphError {
  return error instanceof GraphError && error.status === 404;
}

/** One line for journals and messages: Graph's own description when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof GraphError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
