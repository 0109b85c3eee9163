// Provisioning logs of one job (GET /auditLogs/provisioning, graph-synchronization.md §5): the query for the tree's
// filters, one page at a time newest first ("Load more" follows @odata.nextLink), and what each entry shows.
// String comparisons in these filters are case-sensitive: enum values are sent exactly as Graph spells them
// (lower-case `failure`, `create`) and the free-text user search uses the docs' `contains(tolower(…), '…')` idiom.
import type { GraphClient, GraphVersion } from '../graph/client';
import type { ProvisioningAction, ProvisioningObjectSummary, ProvisioningResult, ProvisioningStep } from '../graph/model';
import { explainProvisioningError, type ErrorExplanation } from './errorCatalog';
import { BR, escapeMarkdown, formatElapsed, formatRelative, formatWhen, markdownCode, parseGraphTime } from './format';

export interface LogFilter {
  jobId: string;
  status?: ProvisioningResult;
  action?: ProvisioningAction;
  /** Part of a display name or UPN (any case), or an object id. */
  user?: string;
  since?: Date | string;
  until?: Date | string;
  /** Entries per page (default 50, at most 1,000). */
  top?: number;
}

export interface LogQuery {
  $filter: string;
  $top: number;
  $orderby: 'activityDateTime desc';
}

export interface LogPage {
  entries: ProvisioningObjectSummary[];
  /** Pass back to `listJobLogs` for the next (older) page. */
  nextLink?: string;
}

export const DEFAULT_LOG_PAGE_SIZE = 50;
const MAX_LOG_PAGE_SIZE = 1000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildLogQuery(filter: LogFilter): LogQuery {
  const clauses = [`jobId eq ${literal(filter.jobId)}`];
  if (filter.status) clauses.push(`provisioningStatusInfo/status eq ${literal(filter.status)}`);
  if (filter.action) clauses.push(`provisioningAction eq ${literal(filter.action)}`);
  const user = filter.user?.trim();
  if (user) {
    const needle = literal(user.toLowerCase());
    const alternatives = [
      `contains(tolower(sourceIdentity/displayName), ${needle})`,
      `contains(tolower(targetIdentity/displayName), ${needle})`,
    ];
    if (GUID.test(user)) alternatives.push(`sourceIdentity/id eq ${literal(user.toLowerCase())}`, `targetIdentity/id eq ${literal(user)}`);
    clauses.push(`(${alternatives.join(' or ')})`);
  }
  if (filter.since !== undefined) clauses.push(`activityDateTime gt ${dateLiteral(filter.since)}`);
  if (filter.until !== undefined) clauses.push(`activityDateTime lt ${dateLiteral(filter.until)}`);
  const top = Math.min(MAX_LOG_PAGE_SIZE, Math.max(1, Math.floor(filter.top ?? DEFAULT_LOG_PAGE_SIZE)));
  return { $filter: clauses.join(' and '), $top: top, $orderby: 'activityDateTime desc' };
}

/** An OData string literal: single quotes doubled. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** DateTimeOffset literals are unquoted ISO 8601 in UTC. */
function dateLiteral(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * One page of the job's logs, newest first. With `nextLink` (from the previous page) the next older page. Only the
 * path and query of a nextLink are used: the request always goes to the client's own Graph root, so a link can
 * never send the token elsewhere.
 */
export async function listJobLogs(
  graph: GraphClient,
  filter: LogFilter,
  options: { signal?: AbortSignal; nextLink?: string; version?: GraphVersion } = {},
): Promise<LogPage> {
  const version = options.version ?? 'v1.0';
  let path = '/auditLogs/provisioning';
  let query: Record<string, string | number> = { ...buildLogQuery(filter) };
  if (options.nextLink) {
    const next = new URL(options.nextLink);
    path = next.pathname.replace(/^\/(v1\.0|beta)(?=\/)/i, '');
    query = Object.fromEntries(next.searchParams);
  }
  const page = await graph.get<{ value?: ProvisioningObjectSummary[]; '@odata.nextLink'?: string }>(path, {
    version,
    query,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const nextLink = page['@odata.nextLink'];
  return { entries: page.value ?? [], ...(nextLink ? { nextLink } : {}) };
}

// ---- presentation -----------------------------------------------------------------------------------------------

export interface LogEntrySummary {
  /** Who: the source identity's name. */
  label: string;
  /** `Create · failed (1789003) · 2h ago` */
  description: string;
  icon: string;
  color: string;
  tooltipMarkdown: string;
  /** The catalogue's explanation when the entry carries an error (failure, or a skip with a reason). */
  explanation?: ErrorExplanation;
}

const ACTION_WORD: Record<string, string> = {
  create: 'Create',
  update: 'Update',
  disable: 'Disable',
  delete: 'Delete',
  stagedDelete: 'Staged delete',
  other: 'Other',
};

const STATUS_LOOK: Record<string, { word: string; icon: string; color: string; mark: string }> = {
  success: { word: 'succeeded', icon: 'pass', color: 'testing.iconPassed', mark: '✓' },
  failure: { word: 'failed', icon: 'error', color: 'errorForeground', mark: '✗' },
  skipped: { word: 'skipped', icon: 'circle-slash', color: 'disabledForeground', mark: '↷' },
  warning: { word: 'warning', icon: 'warning', color: 'problemsWarningIcon.foreground', mark: '⚠' },
};
const UNKNOWN_STATUS = { word: 'unknown', icon: 'question', color: 'disabledForeground', mark: '?' };
const MAX_MODIFIED_PROPERTIES = 15;

export function summarizeLogEntry(entry: ProvisioningObjectSummary, now: Date = new Date()): LogEntrySummary {
  const status = entry.provisioningStatusInfo?.status;
  const look = STATUS_LOOK[status] ?? UNKNOWN_STATUS;
  const action = ACTION_WORD[entry.provisioningAction] ?? entry.provisioningAction;
  const errorInfo = entry.provisioningStatusInfo?.errorInformation ?? null;
  const explanation = errorInfo && (errorInfo.errorCode || errorInfo.reason) ? explainProvisioningError(errorInfo) : undefined;
  const at = parseGraphTime(entry.activityDateTime);
  const code = status === 'failure' && errorInfo?.errorCode ? ` (${errorInfo.errorCode})` : '';
  const description = [action, `${look.word}${code}`, ...(at ? [formatRelative(at, now)] : [])].join(' · ');
  return {
    label: identityName(entry.sourceIdentity) ?? '(unknown object)',
    description,
    icon: look.icon,
    color: look.color,
    tooltipMarkdown: tooltip(entry, action, look, explanation, now),
    ...(explanation ? { explanation } : {}),
  };
}

function identityName(identity: ProvisioningObjectSummary['sourceIdentity'] | null | undefined): string | undefined {
  return identity?.displayName || identity?.id || undefined;
}

function tooltip(
  entry: ProvisioningObjectSummary,
  action: string,
  look: { word: string; mark: string },
  explanation: ErrorExplanation | undefined,
  now: Date,
): string {
  const blocks: string[] = [];
  const at = parseGraphTime(entry.activityDateTime);
  const source = entry.sourceIdentity;
  const target = entry.targetIdentity;
  blocks.push(
    [
      `**${escapeMarkdown(action)}** of ${escapeMarkdown(source?.identityType || 'object')} **${escapeMarkdown(identityName(source) ?? '(unknown)')}** — ${look.mark} ${look.word}`,
      [at ? formatWhen(at, now) : undefined, entry.durationInMilliseconds ? `took ${formatElapsed(entry.durationInMilliseconds)}` : undefined]
        .filter(Boolean)
        .join(' · '),
    ]
      .filter(Boolean)
      .join(BR),
  );
  blocks.push(
    [
      `**Source** (${escapeMarkdown(entry.sourceSystem?.displayName ?? 'source')}): ${identityLine(source)}`,
      `**Target** (${escapeMarkdown(entry.targetSystem?.displayName ?? 'target')}): ${identityLine(target)}`,
      `Cycle ${markdownCode(entry.cycleId ?? '')} · change ${markdownCode(entry.changeId ?? '')}`,
    ].join(BR),
  );
  const steps = entry.provisioningSteps ?? [];
  if (steps.length > 0) blocks.push(['**Steps**', ...steps.map((step, i) => stepLine(step, i))].join('\n'));

  const error = entry.provisioningStatusInfo?.errorInformation;
  if (error && (error.errorCode || error.reason)) {
    const lines = [`**Error** ${error.errorCode ? markdownCode(error.errorCode) : ''}${error.reason ? `: ${escapeMarkdown(error.reason)}` : ''}`];
    if (error.additionalDetails) lines.push(escapeMarkdown(error.additionalDetails));
    if (error.recommendedAction) lines.push(`Recommended by the service: ${escapeMarkdown(error.recommendedAction)}`);
    blocks.push(lines.join(BR));
  }
  if (explanation?.known) {
    const lines = [`**${escapeMarkdown(explanation.title)}**`, escapeMarkdown(explanation.explanation)];
    if (explanation.fix) lines.push(`**Fix:** ${escapeMarkdown(explanation.fix)}`);
    for (const alternative of explanation.alternatives ?? []) lines.push(escapeMarkdown(alternative.fix));
    blocks.push(lines.join(BR));
  }
  const modified = entry.modifiedProperties ?? [];
  if (modified.length > 0) {
    const shown = modified.slice(0, MAX_MODIFIED_PROPERTIES).map(
      (p) => `- ${markdownCode(p.displayName)}: ${p.oldValue === null ? '' : `${markdownCode(p.oldValue)} → `}${p.newValue === null ? '(none)' : markdownCode(p.newValue)}`,
    );
    if (modified.length > MAX_MODIFIED_PROPERTIES) shown.push(`- … and ${modified.length - MAX_MODIFIED_PROPERTIES} more`);
    blocks.push(['**Modified properties**', ...shown].join('\n'));
  }
  return blocks.join('\n\n');
}

function identityLine(identity: ProvisioningObjectSummary['sourceIdentity'] | null | undefined): string {
  if (!identity) return '(none)';
  const parts = [`${escapeMarkdown(identity.identityType || 'object')} ${identity.displayName ? `**${escapeMarkdown(identity.displayName)}**` : ''}`.trim()];
  if (identity.id) parts.push(`id ${markdownCode(identity.id)}`);
  for (const [key, value] of Object.entries(identity.details ?? {})) {
    if (value) parts.push(`${escapeMarkdown(key)} ${markdownCode(value)}`);
  }
  return parts.join(' · ');
}

function stepLine(step: ProvisioningStep, index: number): string {
  const look = STATUS_LOOK[step.status] ?? UNKNOWN_STATUS;
  return `${index + 1}. ${look.mark} **${escapeMarkdown(step.provisioningStepType ?? step.name)}** (${escapeMarkdown(step.name)}): ${escapeMarkdown(step.description ?? '')}`;
}
