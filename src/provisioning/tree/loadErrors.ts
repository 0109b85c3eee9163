// What the tree says when loading something failed: one short line for the error row (what happened and what to do)
// and a tooltip with Graph's own message, code and the request ids support asks for. Every failure becomes a row
// with Retry, never an empty or broken tree.
import { explainAuthError, explainGraphPermissionError, type AuthErrorContext } from '../../auth/explainAuthError';
import { isSignInError } from '../../auth/signInError';
import { GraphError } from '../../graph/errors';
import { BR, escapeMarkdown, markdownCode } from '../format';

export interface LoadErrorText {
  label: string;
  tooltipMarkdown: string;
  /** A 401: retrying will not help until the account signs in again. */
  needsSignIn: boolean;
}

/** What each load needs, named in the 403 text. */
export type LoadKind = 'apps' | 'jobs' | 'schema' | 'logs';

const NEEDED_PERMISSIONS: Record<LoadKind | 'write', string> = {
  apps: 'Application.Read.All and Synchronization.Read.All',
  jobs: 'Synchronization.Read.All',
  schema: 'Synchronization.Read.All',
  logs: 'AuditLog.Read.All and Directory.Read.All',
  write: 'Synchronization.ReadWrite.All',
};

const WHAT: Record<LoadKind, string> = {
  apps: 'Could not list the apps with provisioning',
  jobs: 'Could not read the provisioning jobs',
  schema: 'Could not read the schema',
  logs: 'Could not read the provisioning logs',
};

/**
 * `account` names the app registration and account kind so a 403 or a consent error can say exactly what an
 * administrator must grant (the sign-in side's explanations).
 */
export function describeLoadError(error: unknown, kind: LoadKind, account: AuthErrorContext = {}): LoadErrorText {
  const what = WHAT[kind];
  if (!(error instanceof GraphError)) {
    // Token acquisition failed (expired session, consent, Conditional Access): the sign-in side's words.
    const explained = isSignInError(error) ? error.message : explainAuthError(error, account);
    const needsSignIn = isSignInError(error, 'signInRequired');
    return {
      label: `${what}: ${firstSentence(explained)}`,
      tooltipMarkdown: [`**${escapeMarkdown(what)}**`, escapeMarkdown(explained), needsSignIn ? 'Sign in to this account again, then retry.' : undefined]
        .filter(Boolean)
        .join(`${BR}${BR}`),
      needsSignIn,
    };
  }
  const explained = error.status === 403 ? explainGraphPermissionError(versionless(error), account) : undefined;
  const { advice, short, needsSignIn } = adviceFor(error, kind, explained);
  return {
    label: `${what}: ${short}`,
    tooltipMarkdown: [`**${escapeMarkdown(what)}**`, escapeMarkdown(advice), graphDetails(error)].join(`${BR}${BR}`),
    needsSignIn,
  };
}

function adviceFor(error: GraphError, kind: LoadKind | 'write', explained: string | undefined): { short: string; advice: string; needsSignIn: boolean } {
  switch (error.kind) {
    case 'network':
      return { short: 'Microsoft Graph is unreachable (offline?)', advice: 'Check the network connection (proxy, VPN), then retry.', needsSignIn: false };
    case 'timeout':
      return { short: 'Microsoft Graph did not answer in time', advice: 'Graph may be slow right now; retry in a moment.', needsSignIn: false };
    case 'cancelled':
      return { short: 'cancelled', advice: 'The load was cancelled. Retry to load it again.', needsSignIn: false };
    case 'invalidResponse':
      return { short: 'unexpected answer from Microsoft Graph', advice: 'Retry; if it keeps happening, report it with the request id below.', needsSignIn: false };
    case 'http':
      break;
  }
  const status = error.status ?? 0;
  if (status === 401) {
    return {
      short: 'the sign-in expired or was revoked',
      advice: explained ?? 'Sign in to this account again (Entra Provisioning: Sign In), then retry.',
      needsSignIn: true,
    };
  }
  if (status === 403) {
    return {
      short: 'permission denied',
      advice:
        explained ??
        `The signed-in account is not allowed to do this. It needs the Microsoft Graph permission(s) ${NEEDED_PERMISSIONS[kind]}, granted by an administrator (admin consent), and for a user a role such as Application Administrator or Cloud Application Administrator.`,
      needsSignIn: false,
    };
  }
  if (status === 404) {
    return { short: 'not found (deleted?)', advice: 'The app or job may have been deleted. Refresh the tenant.', needsSignIn: false };
  }
  if (status === 429) {
    return { short: 'Microsoft Graph is throttling requests', advice: 'Too many requests, even after waiting as Graph asked. Retry in a minute.', needsSignIn: false };
  }
  if (status >= 500) {
    return { short: `Microsoft Graph had an error (HTTP ${status})`, advice: 'A problem on the service side; retry in a moment.', needsSignIn: false };
  }
  return { short: firstSentence(error.message), advice: error.message, needsSignIn: false };
}

/**
 * The message of a failed job action (start, restart, save credentials…): `what` failed, why in plain words, what
 * to do, and the request id. One line, for a notification.
 */
export function describeActionError(error: unknown, what: string, account: AuthErrorContext = {}): string {
  if (!(error instanceof GraphError)) {
    const explained = isSignInError(error) ? error.message : explainAuthError(error, account);
    return `${what}: ${explained}`;
  }
  const explained = error.status === 403 ? explainGraphPermissionError(versionless(error), account) : undefined;
  const { short, advice } = adviceFor(error, 'write', explained);
  const ids = error.requestId ? ` (request-id ${error.requestId})` : '';
  // An error without a known status speaks for itself: Graph's message is the advice.
  if (advice === error.message) return `${what}: ${trimPeriod(error.message)}.${ids}`;
  const graphSaid = error.kind === 'http' && !advice.includes(error.message) ? ` Graph said: ${error.message}` : '';
  return `${what}: ${short}. ${advice}${graphSaid}${ids}`;
}

function graphDetails(error: GraphError): string {
  const lines = [`Graph: ${escapeMarkdown(error.message)}`];
  const facts: string[] = [];
  if (error.status !== undefined) facts.push(`HTTP ${error.status}`);
  if (error.code) facts.push(markdownCode(error.code));
  facts.push(`${escapeMarkdown(error.method)} ${markdownCode(error.path)}`);
  lines.push(facts.join(' · '));
  if (error.requestId) lines.push(`request-id ${markdownCode(error.requestId)}`);
  if (error.clientRequestId) lines.push(`client-request-id ${markdownCode(error.clientRequestId)}`);
  if (error.date) lines.push(`date ${escapeMarkdown(error.date)}`);
  return lines.join(BR);
}

/** The permission table is keyed by resource paths; the client's error paths start with the API version. */
function versionless(error: GraphError): GraphError {
  const path = error.path.replace(/^\/(v1\.0|beta)(?=\/)/i, '');
  if (path === error.path) return error;
  return new GraphError(error.message, { ...error, kind: error.kind, method: error.method, path });
}

function trimPeriod(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function firstSentence(text: string): string {
  const line = text.split('\n')[0] ?? '';
  const sentence = /^(.{20,}?[.!?])\s/.exec(line)?.[1] ?? line;
  return sentence.length > 140 ? `${sentence.slice(0, 139)}…` : sentence;
}
