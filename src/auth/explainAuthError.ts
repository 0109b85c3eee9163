// Plain-words explanations of what Entra and Graph say when sign-in or access is refused: what went wrong, and
// what the user — or an administrator, naming exactly what to grant — can do about it. The AADSTS numbers are
// Entra's (https://learn.microsoft.com/entra/identity-platform/reference-error-codes); the text is ours.
import type { GraphError } from '../graph/errors';

export interface AuthErrorContext {
  /** The app registration signed in with. */
  clientId?: string;
  /** Graph permissions the request asked for (names like `Synchronization.Read.All`). */
  permissions?: readonly string[];
  kind?: 'user' | 'app';
}

export interface AuthErrorExplanation {
  aadsts: number;
  /** What happened, in one sentence. */
  problem: string;
  /** What to do about it (who must grant what, or which setting to check). */
  fix: string;
  /** The way forward is a new interactive sign-in. */
  signInAgain: boolean;
}

type Explainer = (context: AuthErrorContext) => { problem: string; fix: string; signInAgain?: boolean };

const ADMIN_CONSENT_ROLES = 'a Global Administrator, Privileged Role Administrator or Cloud Application Administrator';

function permissionList(context: AuthErrorContext): string {
  return context.permissions && context.permissions.length > 0 ? context.permissions.join(', ') : 'the Microsoft Graph permissions Entra Provisioning asks for';
}

function appName(context: AuthErrorContext): string {
  return context.clientId ? `the app ${context.clientId}` : 'the app';
}

function grantAdminConsent(context: AuthErrorContext): string {
  return `Ask ${ADMIN_CONSENT_ROLES} to grant admin consent to ${appName(context)} for ${permissionList(context)} (Entra admin center → Enterprise applications → the app → Permissions → Grant admin consent).`;
}

const SIGN_IN_AGAIN = 'Sign in again to continue.';

const EXPLAINERS: ReadonlyMap<number, Explainer> = new Map<number, Explainer>([
  [65001, (c) => ({
    problem: `Nobody has consented yet to ${appName(c)} using ${permissionList(c)} on your behalf.`,
    fix: `Sign in again and accept the permissions prompt. If your tenant does not let users consent: ${grantAdminConsent(c)}`,
    signInAgain: true,
  })],
  [65004, (c) => ({
    problem: 'The permissions prompt was declined.',
    fix: `Sign in again and accept it, or: ${grantAdminConsent(c)}`,
    signInAgain: true,
  })],
  [90094, (c) => ({ problem: 'Your tenant requires an administrator to approve these permissions.', fix: grantAdminConsent(c) })],
  [90008, (c) => ({ problem: 'The app needs permissions only an administrator can approve in your tenant.', fix: grantAdminConsent(c) })],
  [50076, () => ({
    problem: 'Your organization requires multi-factor authentication for this sign-in.',
    fix: 'Sign in again with the browser or a device code and complete the MFA prompt.',
    signInAgain: true,
  })],
  [50079, () => ({
    problem: 'Your organization requires you to register for multi-factor authentication.',
    fix: 'Register a second factor (https://aka.ms/mfasetup), then sign in again.',
    signInAgain: true,
  })],
  [50158, () => ({ problem: 'An external security challenge (for example a third-party MFA) was not completed.', fix: 'Sign in again and complete it.', signInAgain: true })],
  [53003, () => ({
    problem: 'A Conditional Access policy blocked this sign-in.',
    fix: 'Ask your administrator which policy applied (Entra sign-in logs, by the correlation id below); you may need a compliant device, a trusted network, or the browser sign-in instead of a device code.',
  })],
  [53000, () => ({ problem: 'Conditional Access requires a compliant or managed device for this sign-in.', fix: 'Sign in from a compliant device, or ask your administrator about the policy.' })],
  [53001, () => ({ problem: 'Conditional Access requires a domain-joined device for this sign-in.', fix: 'Sign in from a domain-joined device, or ask your administrator about the policy.' })],
  [700016, (c) => ({
    problem: `The app registration${c.clientId ? ` ${c.clientId}` : ''} was not found in this tenant.`,
    fix: 'Check the client id, the tenant, and that you sign in to the right cloud (setting entraProvisioning.cloud). An app registered in another tenant must first be consented to in this one.',
  })],
  [7000215, () => ({
    problem: 'The client secret is wrong.',
    fix: "Use the secret's Value (shown once, when it was created in Certificates & secrets), not its Secret ID.",
  })],
  [7000222, (c) => ({
    problem: 'The client secret has expired.',
    fix: `Create a new client secret for ${appName(c)} (App registrations → Certificates & secrets) and sign in again with it.`,
  })],
  [7000218, () => ({
    problem: 'The app registration does not allow public client sign-in (browser or device code) without a secret.',
    fix: 'Use the default client id, or have an admin turn on "Allow public client flows" (App registrations → Authentication) for this app.',
  })],
  [700027, (c) => ({
    problem: 'The certificate is not registered on the app registration, or the private key does not match it.',
    fix: `Upload the certificate's public part to ${appName(c)} (Certificates & secrets) and sign in with its matching private key.`,
  })],
  [700024, () => ({ problem: "The certificate sign-in was refused because this computer's clock is off.", fix: 'Correct the system time and try again.' })],
  [50027, () => ({ problem: 'The certificate sign-in was refused: the signed assertion is invalid.', fix: 'Check the certificate and private key (PEM) and try again.' })],
  [7000112, (c) => ({ problem: `${appName(c)} is disabled in this tenant.`, fix: 'Ask an administrator to enable the enterprise application.' })],
  [50020, () => ({
    problem: 'This user does not belong to the tenant (neither member nor guest).',
    fix: "Sign in to the user's own tenant, or ask an administrator of this tenant to invite the user.",
  })],
  [50034, () => ({ problem: 'This user account does not exist in the tenant.', fix: 'Check the username and the tenant.' })],
  [50126, () => ({ problem: 'The username or password is wrong.', fix: 'Check them and sign in again.', signInAgain: true })],
  [50053, () => ({ problem: 'The account is locked after too many failed sign-ins.', fix: 'Wait and try again, or ask your administrator to unlock it.' })],
  [50055, () => ({ problem: 'The password has expired.', fix: 'Change the password (https://aka.ms/sspr), then sign in again.', signInAgain: true })],
  [50057, () => ({ problem: 'The user account is disabled.', fix: 'Ask your administrator to enable it.' })],
  [50105, (c) => ({
    problem: `The user is not assigned to ${appName(c)}, and the tenant requires assignment.`,
    fix: 'Ask an administrator to assign the user to the enterprise application, or to turn off "Assignment required".',
  })],
  [650057, (c) => ({
    problem: `The app registration does not list ${permissionList(c)} among its API permissions.`,
    fix: `Ask an administrator to add them as Microsoft Graph delegated permissions to ${appName(c)} (App registrations → API permissions) and grant consent — or use the default client id.`,
  })],
  [70011, () => ({
    problem: 'Entra refused the requested scope.',
    fix: 'Check that entraProvisioning.cloud matches the tenant (scopes name the cloud\'s own Graph); app-only accounts use the ".default" scope.',
  })],
  [500011, () => ({
    problem: 'Microsoft Graph is not known in this tenant under the requested address.',
    fix: 'Check that entraProvisioning.cloud matches the tenant (Global, US Government, China).',
  })],
  [90002, () => ({ problem: 'The tenant was not found.', fix: 'Check the tenant ID or domain, and that entraProvisioning.cloud is the cloud the tenant lives in.' })],
  [50059, () => ({ problem: 'App-only sign-in needs a specific tenant.', fix: "Give the tenant ID or domain instead of 'organizations' or 'common'." })],
  [50011, (c) => ({
    problem: 'The redirect address is not registered on the app registration.',
    fix: `Add http://localhost as a "Mobile and desktop applications" redirect URI to ${appName(c)}, or use the device code sign-in.`,
  })],
  [50173, () => ({ problem: 'Your session was revoked (for example after a password change).', fix: SIGN_IN_AGAIN, signInAgain: true })],
  [700082, () => ({ problem: 'Your session expired after a long time without use.', fix: SIGN_IN_AGAIN, signInAgain: true })],
  [9002313, () => ({ problem: 'Your session is no longer valid.', fix: SIGN_IN_AGAIN, signInAgain: true })],
  [70008, () => ({ problem: 'Your session expired.', fix: SIGN_IN_AGAIN, signInAgain: true })],
  [70020, () => ({ problem: 'The sign-in code expired before it was used.', fix: 'Start the sign-in again and enter the new code within 15 minutes.', signInAgain: true })],
  [50058, () => ({ problem: 'Entra could not find an active browser session.', fix: SIGN_IN_AGAIN, signInAgain: true })],
]);

/** The AADSTS number in an msal error (its `errorNo`, or `AADSTS<n>` in its message). */
export function aadstsCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const errorNo = (error as { errorNo?: unknown }).errorNo;
  if (typeof errorNo === 'string' && /^\d+$/.test(errorNo)) return Number(errorNo);
  if (typeof errorNo === 'number') return errorNo;
  const message = (error as { message?: unknown }).message;
  const match = typeof message === 'string' ? /AADSTS(\d+)/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

/** The explanation for an AADSTS number we know, else undefined. */
export function explainAadsts(aadsts: number, context: AuthErrorContext = {}): AuthErrorExplanation | undefined {
  const explain = EXPLAINERS.get(aadsts);
  if (!explain) return undefined;
  const { problem, fix, signInAgain } = explain(context);
  return { aadsts, problem, fix, signInAgain: signInAgain ?? false };
}

/**
 * One message for a failed sign-in or token request: the explanation when the AADSTS code is known, else Entra's
 * own first line; always with the code and, when there is one, the correlation id (what support asks for).
 */
export function explainAuthError(error: unknown, context: AuthErrorContext = {}): string {
  const aadsts = aadstsCodeOf(error);
  const explained = aadsts !== undefined ? explainAadsts(aadsts, context) : undefined;
  const correlationId = correlationIdOf(error);
  const ids = [aadsts !== undefined ? `AADSTS${aadsts}` : undefined, correlationId ? `correlation id ${correlationId}` : undefined]
    .filter(Boolean)
    .join(', ');
  const suffix = ids ? ` (${ids})` : '';
  if (explained) return `${explained.problem} ${explained.fix}${suffix}`;
  return `${firstLine(error)}${suffix}`;
}

function correlationIdOf(error: unknown): string | undefined {
  const id = (error as { correlationId?: unknown } | null)?.correlationId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** Entra's description without the trace/correlation/timestamp lines it appends, and without msal's code prefix. */
function firstLine(error: unknown): string {
  const raw = error instanceof Error ? ((error as { errorMessage?: string }).errorMessage || error.message) : String(error);
  const line = raw.split(/\r?\n/)[0]!.replace(/^AADSTS\d+:\s*/, '').trim();
  return line || 'Sign-in failed.';
}

// ---------------------------------------------------------------------------------------------------------------
// Graph 403: which permission (and, for users, which directory role) the call needs.

interface GraphNeed {
  permissions: string[];
  /** Directory roles that let a user make the call (delegated calls need a role as well as the scope). */
  roles: string[];
}

const SYNC_ROLES = ['Application Administrator', 'Cloud Application Administrator'];
const LOG_ROLES = ['Reports Reader', 'Security Reader', 'Global Reader', 'Application Administrator'];

/** What a Graph call needs, from its method and path (graph-synchronization.md §1.2). */
export function graphCallNeeds(method: string, path: string): GraphNeed | undefined {
  const p = path
    .split('?')[0]!
    .toLowerCase()
    .replace(/^\/(v1\.0|beta)(?=\/)/, '');
  const write = method.toUpperCase() !== 'GET';
  if (/\/synchronization\/.*\/directories\/[^/]+\/discover$/.test(p)) return { permissions: ['Directory.ReadWrite.All'], roles: SYNC_ROLES };
  if (p.includes('/synchronization')) {
    return { permissions: [write ? 'Synchronization.ReadWrite.All' : 'Synchronization.Read.All'], roles: SYNC_ROLES };
  }
  if (p.startsWith('/auditlogs/provisioning')) return { permissions: ['AuditLog.Read.All', 'Directory.Read.All'], roles: LOG_ROLES };
  if (p.startsWith('/serviceprincipals') || p.startsWith('/applications')) {
    return { permissions: [write ? 'Application.ReadWrite.All' : 'Application.Read.All'], roles: SYNC_ROLES };
  }
  if (p.startsWith('/users')) return { permissions: ['User.Read.All'], roles: [] };
  if (p.startsWith('/groups')) return { permissions: ['Group.Read.All'], roles: [] };
  return undefined;
}

/**
 * For a Graph 403 (Authorization_RequestDenied and friends): which permission the call needs and who can grant it.
 * Undefined for anything that is not a 403.
 */
export function explainGraphPermissionError(error: GraphError, context: AuthErrorContext = {}): string | undefined {
  if (error.status !== 403) return undefined;
  const needs = graphCallNeeds(error.method, error.path);
  const what = `Microsoft Graph refused ${error.method} ${error.path}${error.code ? ` (${error.code})` : ''}.`;
  if (!needs) return `${what} The signed-in account lacks a permission this call needs.`;
  const permissions = needs.permissions.join(' and ');
  if (context.kind === 'app') {
    return `${what} The app registration${context.clientId ? ` ${context.clientId}` : ''} needs the Microsoft Graph application permission ${permissions}, with admin consent granted (App registrations → API permissions → Grant admin consent).`;
  }
  const role = needs.roles.length > 0 ? ` and a role such as ${needs.roles.slice(0, 2).join(' or ')}` : '';
  return `${what} Your account needs ${permissions}${role}. If you just got the role, sign in again; if the permission is missing, an administrator must grant it to ${appName(context)}.`;
}
