// Known provisioning errors in plain words, with the fix and, where the extension can do it, the action that does
// it. Codes are those of the provisioning logs and job/quarantine errors (graph-synchronization.md §4.1, §5, §8;
// scim-and-workplace.md for Workplace). Codes the catalogue does not know still get an explanation built from what
// Graph said, so an entry never shows an empty error.
import type { ProvisioningErrorInfo } from '../graph/model';

/** Something the extension can do for the admin from the error: restart the job, open the mapping, set credentials. */
export type FixAction = 'restart' | 'editMapping' | 'setCredentials';

export interface ErrorFix {
  fix: string;
  fixAction?: FixAction;
}

export interface CatalogEntry {
  title: string;
  explanation: string;
  fix?: string;
  fixAction?: FixAction;
  /** Other ways out, after the main fix. */
  alternatives?: ErrorFix[];
  /** The service retries these by itself (in about 40 minutes). */
  transient?: boolean;
  /** For `editMapping`: the mapping that fixes it. */
  mappingSuggestion?: { targetAttribute: string; expression: string };
}

export interface ErrorExplanation extends CatalogEntry {
  /** The code as Graph gave it (or the catalogue key for errors recognised by their message). */
  code: string;
  known: boolean;
  /** Graph's own recommendedAction, when the log entry had one. */
  serviceRecommendation?: string;
}

export const WORKPLACE_UNVERIFIED_DOMAIN_CODE = '1789003';
export const COALESCE_EMAIL_EXPRESSION = 'Coalesce([mail],[userPrincipalName])';
export const WORKPLACE_EMAIL_TARGET = 'emails[type eq "work"].value';

const RETRIED = 'The provisioning service retries it by itself in about 40 minutes; act only if it keeps failing.';

const insufficientRights: CatalogEntry = {
  title: 'The app refused the operation',
  explanation:
    'The app answered that the account behind the saved credentials may not do this (insufficient rights, method not allowed, not permitted or unauthorized), or that this operation is not allowed on this object.',
  fix: 'Give the admin account or token used in the credentials the rights the app requires, save the credentials again and run Test Connection.',
  fixAction: 'setCredentials',
};

const missingValues: CatalogEntry = {
  title: 'A required attribute has no value',
  explanation: 'The app requires an attribute that had no value for this object, so the operation was rejected.',
  fix: 'Map a value for the required attribute (Coalesce can fall back on a second source attribute), or fill the attribute on the object in Entra ID.',
  fixAction: 'editMapping',
};

const invalidCredentials: CatalogEntry = {
  title: 'The app rejects the saved credentials',
  explanation:
    'The provisioning service could not authenticate to the app with the saved admin credentials: the Tenant URL is wrong or unreachable, or the secret token is invalid or expired. Every call fails, which is why such jobs end up in quarantine.',
  fix: 'Set the Tenant URL and secret token again, run Test Connection, then start the job (starting clears the quarantine).',
  fixAction: 'setCredentials',
};

/** Keyed by code; lookups ignore case. */
export const ERROR_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  Conflict: {
    title: 'Conflict with an existing account',
    explanation:
      'The app already has an account that conflicts with this one (for example the same userName or email), so it could not be created or updated.',
    fix: 'Find the conflicting account in the app and remove or rename it, or change the matching attribute so the existing account is matched instead of created.',
  },
  EntryConflict: {
    title: 'Conflict with an existing account',
    explanation:
      'A matching account exists in the app but cannot be used for this object (for example it is already linked to another object), or its values conflict with an existing account.',
    fix: 'Resolve the duplicate in the app, or change the matching attribute so each object matches exactly one account.',
  },
  TooManyRequests: {
    title: 'The app throttled the provisioning service',
    explanation: 'The app answered 429 Too Many Requests. Gallery apps are preconfigured to respect the vendor\'s rate limits.',
    fix: RETRIED,
    transient: true,
  },
  InternalServerError: {
    title: 'The app had an internal error',
    explanation: 'The app answered 500 Internal Server Error.',
    fix: RETRIED,
    transient: true,
  },
  InsufficientRights: insufficientRights,
  MethodNotAllowed: insufficientRights,
  NotPermitted: insufficientRights,
  Unauthorized: insufficientRights,
  UnprocessableEntity: {
    title: 'The app rejected a value',
    explanation: 'The app understood the request but refused its content (422 Unprocessable Entity), usually one attribute value it does not accept.',
    fix: 'Look at the modified properties of this entry for the value the app refuses, then change the mapping or the object\'s data.',
    fixAction: 'editMapping',
  },
  WebExceptionProtocolError: {
    title: 'HTTP protocol error talking to the app',
    explanation: 'The app answered with an HTTP error or a response that is not valid.',
    fix: RETRIED,
    transient: true,
  },
  InvalidAnchor: {
    title: 'The linked account no longer exists',
    explanation:
      'The account the service created or matched earlier no longer exists in the app (or cannot be reached), so the link it keeps for this object is invalid.',
    fix: 'Restart provisioning: a restart clears the cache of links, so the object is matched again on the next cycle.',
    fixAction: 'restart',
  },
  NotImplemented: {
    title: 'The app does not support the operation',
    explanation: 'The app answered 501 Not Implemented for an operation the provisioning service needs (for example PATCH or a filter query).',
    fix: 'Check the app\'s SCIM implementation against the operations Entra sends; for a custom app, fix its SCIM endpoint.',
  },
  MandatoryFieldsMissing: missingValues,
  MissingValues: missingValues,
  SchemaAttributeNotFound: {
    title: 'A mapped attribute does not exist in the app',
    explanation: 'The mapping sends an attribute that the app\'s schema does not have.',
    fix: 'Remove the mapping or correct its target attribute name.',
    fixAction: 'editMapping',
  },
  InternalError: {
    title: 'Internal error in the provisioning service',
    explanation: 'The Entra provisioning service had an internal error processing this object.',
    fix: RETRIED,
    transient: true,
  },
  InvalidDomain: {
    title: 'Invalid domain',
    explanation: 'The app does not accept the domain of a value sent for this object (for example an email domain that is not valid or not verified in the app).',
    fix: 'Verify the domain in the app, or change the mapping to send a value on a domain the app accepts.',
    fixAction: 'editMapping',
  },
  Timeout: {
    title: 'The app did not answer in time',
    explanation: 'The request to the app timed out.',
    fix: RETRIED,
    transient: true,
  },
  LicenseLimitExceeded: {
    title: 'The app has no licenses left',
    explanation: 'The app refused to create the account because all its licenses (seats) are in use.',
    fix: 'Add licenses or seats in the app, or unassign users who no longer need access, then restart provisioning.',
    fixAction: 'restart',
  },
  DuplicateTargetEntries: {
    title: 'Several accounts in the app match',
    explanation: 'More than one account in the app has this object\'s matching value, so the service cannot tell which one to manage.',
    fix: 'Remove the duplicate accounts in the app, or match on an attribute that is unique there.',
    fixAction: 'editMapping',
  },
  DuplicateSourceEntries: {
    title: 'Several objects in Entra ID share the matching value',
    explanation: 'More than one object in Entra ID has the same value in the matching attribute.',
    fix: 'Make the value unique in Entra ID, or match on an attribute that is unique.',
    fixAction: 'editMapping',
  },
  ImportSkipped: {
    title: 'Skipped while importing',
    explanation:
      'The object could not be evaluated because it has no value for the matching attribute of the mappings. Without it, scoping, matching and export cannot run; it does not mean the object is in scope.',
    fix: 'Fill the matching attribute on the object, or change which attribute is used for matching.',
    fixAction: 'editMapping',
  },
  EntrySynchronizationSkipped: {
    title: 'Skipped: nothing to do for this object',
    explanation:
      'The service evaluated the object and decided not to provision it, usually because it is assigned but outside the scoping filters, or not effectively entitled. The scoping step shows which filter decided.',
  },
  SystemForCrossDomainIdentityManagementMultipleEntriesInResponse: {
    title: 'The app returned several accounts for one lookup',
    explanation: 'When the service looked the object up in the app (GET /Users?filter=… eq …), the app answered with more than one account.',
    fix: 'Make the app\'s filter exact (eq on a unique attribute) and remove duplicates in the app.',
  },
  SystemForCrossDomainIdentityManagementServiceIncompatible: {
    title: 'The app\'s SCIM answers are not compatible',
    explanation: 'The app answered in a way the provisioning service cannot use (not compliant with SCIM as Entra expects it).',
    fix: 'Check the app\'s SCIM endpoint against Entra\'s SCIM compatibility guidance (for example the aadOptscim062020 Tenant URL flag).',
  },
  SchemaPropertyCanOnlyAcceptValue: {
    title: 'The app accepts only one value for a property',
    explanation: 'A target property only accepts a specific value, and the mapping sent a different one.',
    fix: 'Change the mapping to send the value the app accepts.',
    fixAction: 'editMapping',
  },
  RedundantExport: {
    title: 'Already in sync',
    explanation: 'The object already has the same state in the source and in the app, so nothing was sent.',
  },
  SystemForCrossDomainIdentityManagementInvalidCredentials: invalidCredentials,
  SalesforceInvalidCredentials: invalidCredentials,
  // Workplace from Meta (graph-synchronization.md §8, scim-and-workplace.md).
  WorkplaceUnverifiedDomain: {
    title: 'Workplace: user from an unverified domain',
    explanation: `Workplace refused the user (error ${WORKPLACE_UNVERIFIED_DOMAIN_CODE}) because the user's email is on a domain that is not verified in Workplace.`,
    fix: 'Verify the domain in Workplace, or give the user an email address on a verified domain; the user is retried on later cycles.',
  },
  WorkplaceMissingEmail: {
    title: 'Workplace: missing email',
    explanation: `Workplace requires an email, and the user has no value in the attribute mapped to ${WORKPLACE_EMAIL_TARGET} (usually [mail]).`,
    fix: `Map ${WORKPLACE_EMAIL_TARGET} to ${COALESCE_EMAIL_EXPRESSION}, so users without a mailbox send their user principal name.`,
    fixAction: 'editMapping',
    mappingSuggestion: { targetAttribute: WORKPLACE_EMAIL_TARGET, expression: COALESCE_EMAIL_EXPRESSION },
    alternatives: [
      { fix: 'Or enable email-less users in Workplace, then restart provisioning so the skipped users are processed again.', fixAction: 'restart' },
    ],
  },
  WorkplaceEmailLessUsers: {
    title: 'Workplace: email-less user',
    explanation: 'The user has no email. Workplace accepts accounts without email only when its email-less users setting is enabled.',
    fix: 'Enable email-less users in Workplace, then restart provisioning in Entra so these users are processed again.',
    fixAction: 'restart',
  },
};

type ErrorInput = Partial<ProvisioningErrorInfo> | { code?: string | null; message?: string | null };

/** Explains a provisioning-log error (`errorInformation`) or a job/quarantine error (`{ code, message }`). */
export function explainProvisioningError(error: ErrorInput): ErrorExplanation {
  const info = error as Partial<ProvisioningErrorInfo> & { code?: string | null; message?: string | null };
  const code = (info.errorCode ?? info.code ?? '').trim();
  const text = [info.reason, info.additionalDetails, info.message].filter((t): t is string => !!t).join(' ');
  const serviceRecommendation = info.recommendedAction?.trim() || undefined;
  const withRecommendation = (e: ErrorExplanation): ErrorExplanation => (serviceRecommendation ? { ...e, serviceRecommendation } : e);

  // Workplace errors arrive under generic codes; their message identifies them.
  const byMessage = /missing email field/i.test(text)
    ? 'WorkplaceMissingEmail'
    : code === WORKPLACE_UNVERIFIED_DOMAIN_CODE || new RegExp(`\\b${WORKPLACE_UNVERIFIED_DOMAIN_CODE}\\b`).test(text)
      ? 'WorkplaceUnverifiedDomain'
      : /\bemail-?less\b/i.test(text)
        ? 'WorkplaceEmailLessUsers'
        : undefined;
  const key = byMessage ?? Object.keys(ERROR_CATALOG).find((k) => k.toLowerCase() === code.toLowerCase());
  if (key) return withRecommendation({ code: code || key, known: true, ...ERROR_CATALOG[key]! });

  return withRecommendation({
    code: code || 'Unknown',
    known: false,
    title: code ? `Error ${code}` : 'Provisioning error',
    explanation: text || 'Graph gave no details for this error.',
    ...(serviceRecommendation ? { fix: serviceRecommendation } : {}),
  });
}
