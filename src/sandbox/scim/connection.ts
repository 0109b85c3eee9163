// The connection test Entra runs against an app's SCIM endpoint — for validateCredentials ("Test Connection"), when a
// job is started, and at the start of every provisioning cycle — and what a failure does to the job: quarantine with
// reason EncounteredQuarantineException (graph-synchronization.md §3.8, §4.1, §6.4; scim-and-workplace.md §2).
//
// The test: `GET {BaseAddress}/Users?filter=userName eq "<random GUID>"` with the bearer token; a 200 with a SCIM
// ListResponse passes. The sandbox only ever connects to loopback addresses (its own SCIM target): any other host is
// reported as unreachable without a request being sent.
import { randomUUID } from 'node:crypto';
import type { StringKeyStringValuePair, SynchronizationError, SynchronizationQuarantine } from '../../graph/model';
import { failedExecution, type JobRecord } from '../tenant/jobs';
import { checkCredentials } from '../graph/secrets';
import { LIST_RESPONSE_SCHEMA } from './schemas';

/** The synchronizationError code Entra reports for credentials or a Tenant URL that do not work. */
export const INVALID_CREDENTIALS_CODE = 'SystemForCrossDomainIdentityManagementInvalidCredentials';
export const CONNECTION_QUARANTINE_REASON = 'EncounteredQuarantineException';

export type TargetConnectionResult =
  | { ok: true }
  | {
      ok: false;
      reason: typeof CONNECTION_QUARANTINE_REASON;
      code: typeof INVALID_CREDENTIALS_CODE;
      /** What Graph and the job's quarantine error say; names the Tenant URL and HTTP status, never the token. */
      message: string;
      /** HTTP status the SCIM endpoint answered with; absent when it was not reached. */
      status?: number;
    };

export interface ConnectionCheckOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const INVALID_CREDENTIALS_TEXT =
  'You appear to have entered invalid credentials. Please confirm you are using the correct information for an administrative account.';
const INVALID_TENANT_URL_TEXT = 'Please provide a valid tenant URL for your application.';

/** Runs Entra's connection test with these secrets (saved ones, or the credentials given to validateCredentials). */
export async function checkTargetConnection(
  secrets: readonly StringKeyStringValuePair[],
  options: ConnectionCheckOptions = {},
): Promise<TargetConnectionResult> {
  const problem = checkCredentials(secrets);
  if (problem) return failure(problem);
  const get = (key: string): string => secrets.find((p) => p.key.toLowerCase() === key.toLowerCase())?.value?.trim() ?? '';
  // Cross-tenant synchronization has no SCIM endpoint: the well-formed CompanyId is all there is to check.
  if (get('AuthenticationType') === 'SyncPolicy') return { ok: true };

  const base = new URL(get('BaseAddress'));
  const shown = displayUrl(base);
  if (!isLoopback(base.hostname)) {
    return failure(
      `Could not connect to the tenant URL ${shown}: the sandbox tenant reaches only SCIM endpoints on this machine. ` +
        'Set the Tenant URL to the sandbox SCIM server (the "scim" value of the sandbox ready line).',
    );
  }
  const token = get('SecretToken') || get('Oauth2AccessToken') || get('ClientSecret');
  const probe = `userName eq "${randomUUID()}"`;
  // user:password in the URL is not how a SCIM app authenticates (and fetch refuses such URLs): it is left out.
  const url = `${shown.replace(/\/+$/, '')}/Users?filter=${encodeURIComponent(probe)}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
  const request = `GET ${shown.replace(/\/+$/, '')}/Users?filter=userName eq "…"`;

  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/scim+json', 'User-Agent': 'Entra-Provisioning-Sandbox' },
      signal: AbortSignal.any(signals),
    });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    const cause = timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : describeNetworkError(err);
    return failure(`Could not connect to the tenant URL ${shown} (${request}): ${cause}.`);
  }
  const text = await response.text().catch(() => '');
  const answered = `The SCIM endpoint answered ${request} with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const detail = scimDetail(text);
  const withDetail = `${answered}${detail ? `: ${detail}` : '.'}`;

  if (response.status === 200) {
    if (isListResponse(text)) return { ok: true };
    return failure(`${answered}, but the body is not a SCIM ListResponse (${LIST_RESPONSE_SCHEMA}).`, 200);
  }
  if (response.status === 401 || response.status === 403) return failure(`${INVALID_CREDENTIALS_TEXT} ${withDetail}`, response.status);
  if (response.status === 404) return failure(`${INVALID_TENANT_URL_TEXT} ${withDetail}`, response.status);
  return failure(withDetail, response.status);
}

/**
 * A connection failure at the start of a cycle (or on start): the job goes to quarantine with reason
 * EncounteredQuarantineException. A failure during an existing series of the same reason extends it (seriesCount + 1,
 * next attempt after 6 h, 12 h, then every 24 h — §6.4); otherwise a new series begins now.
 */
export function quarantineForConnectionFailure(record: JobRecord, result: Extract<TargetConnectionResult, { ok: false }>, now: Date): void {
  const status = record.job.status;
  const at = now.toISOString();
  const previous = status.quarantine;
  const sameSeries = previous?.reason === CONNECTION_QUARANTINE_REASON;
  const seriesCount = sameSeries ? previous.seriesCount + 1 : 1;
  const error: SynchronizationError = { code: result.code, message: result.message, tenantActionable: true };
  const retryHours = seriesCount <= 1 ? 6 : seriesCount === 2 ? 12 : 24;
  const quarantine: SynchronizationQuarantine = {
    currentBegan: at,
    nextAttempt: new Date(now.getTime() + retryHours * 3600_000).toISOString(),
    reason: CONNECTION_QUARANTINE_REASON,
    seriesBegan: sameSeries ? previous.seriesBegan : at,
    seriesCount,
    error,
  };
  status.quarantine = quarantine;
  status.code = 'Quarantine';
  status.countSuccessiveCompleteFailures += 1;
  status.lastExecution = failedExecution(randomUUID(), at, at, error);
}

function failure(message: string, status?: number): Extract<TargetConnectionResult, { ok: false }> {
  return { ok: false, reason: CONNECTION_QUARANTINE_REASON, code: INVALID_CREDENTIALS_CODE, message, ...(status !== undefined ? { status } : {}) };
}

/** 127.0.0.0/8, ::1 and localhost: the only addresses the sandbox sends requests to. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The Tenant URL as shown in messages: without any user:password part. */
function displayUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'the connection was refused (nothing listens there)';
  return cause?.message ?? (err as Error).message ?? String(err);
}

function isListResponse(text: string): boolean {
  try {
    const body = JSON.parse(text) as { schemas?: unknown; Resources?: unknown; totalResults?: unknown };
    const declared = Array.isArray(body.schemas) && body.schemas.includes(LIST_RESPONSE_SCHEMA);
    return declared && typeof body.totalResults === 'number';
  } catch {
    return false;
  }
}

/** The SCIM error's `detail` (or a Graph-style `error.message`), else the start of the body. */
function scimDetail(text: string): string {
  if (!text) return '';
  try {
    const body = JSON.parse(text) as { detail?: unknown; error?: { message?: unknown } | unknown };
    if (typeof body.detail === 'string') return body.detail;
    const nested = body.error as { message?: unknown } | undefined;
    if (nested && typeof nested.message === 'string') return nested.message;
  } catch {
    // not JSON: fall through
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
