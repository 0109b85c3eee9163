// Everything the jobs tree shows about a job, decided here as plain data so the VS Code adapter only copies fields:
// health (which drives icon and colour), the one-line description, the Markdown tooltip and the figures of the Status
// child. Facts: graph-synchronization.md §3.6 (restart scopes), §4.1 (status, quarantine reasons), §6 (cycles,
// escrows, quarantine, accidental deletions).
import type {
  QuarantineReason,
  SynchronizationJob,
  SynchronizationJobRestartScope,
  SynchronizationStatus,
  SynchronizationTaskExecution,
} from '../graph/model';
import {
  BR,
  escapeMarkdown,
  formatCount,
  formatElapsed,
  formatRelative,
  formatWhen,
  markdownCode,
  parseGraphTime,
  plural,
  scheduleInWords,
} from './format';

export { durationInWords, scheduleInWords } from './format';

export type JobHealth = 'active' | 'paused' | 'quarantine' | 'notRun' | 'notConfigured' | 'failing' | 'disabled';

export interface StatusFigure {
  label: string;
  value: string;
}

export interface JobPresentation {
  health: JobHealth;
  /** `Active`, `Active with errors`, `Failing`, `Paused`, `Quarantine`, `Initial cycle`, `Not configured`, `Off`. */
  stateLabel: string;
  /** Codicon id for a ThemeIcon. */
  icon: string;
  /** Theme colour id for the icon. */
  color: string;
  /** `Quarantine · 2h ago · 1,204 synced · 12 failed` */
  description: string;
  tooltipMarkdown: string;
  statusFigures: StatusFigure[];
  /** Which job controls make sense now (start only when paused, stopped or quarantined, as the docs advise). */
  actions: { start: boolean; pause: boolean; restart: boolean };
}

const LOOK: Record<JobHealth, { icon: string; color: string }> = {
  active: { icon: 'pass-filled', color: 'testing.iconPassed' },
  failing: { icon: 'warning', color: 'problemsWarningIcon.foreground' },
  quarantine: { icon: 'error', color: 'errorForeground' },
  paused: { icon: 'debug-pause', color: 'charts.yellow' },
  notRun: { icon: 'sync', color: 'charts.blue' },
  notConfigured: { icon: 'circle-outline', color: 'disabledForeground' },
  disabled: { icon: 'circle-slash', color: 'disabledForeground' },
};

/**
 * The health the tree shows. Order matters: a never-configured job is that whatever else it says; a quarantine is
 * the most urgent fact; a stopped schedule (`Disabled`: turned off, or disabled after 4 weeks of quarantine — that
 * case still shows as quarantine) beats paused; "failing" is a running job whose last cycle failed outright or had
 * entry-level errors, or that counts successive complete failures.
 */
export function jobHealth(job: SynchronizationJob): JobHealth {
  const status = job.status;
  if (status.code === 'NotConfigured') return 'notConfigured';
  if (status.code === 'Quarantine' || status.quarantine) return 'quarantine';
  if (job.schedule.state === 'Disabled') return 'disabled';
  if (status.code === 'Paused' || job.schedule.state === 'Paused') return 'paused';
  if (isFailing(status)) return 'failing';
  if (status.code === 'NotRun') return 'notRun';
  return 'active';
}

function isFailing(status: SynchronizationStatus): boolean {
  const last = status.lastExecution?.state;
  return last === 'Failed' || last === 'EntryLevelErrors' || status.countSuccessiveCompleteFailures > 0;
}

function stateLabel(job: SynchronizationJob, health: JobHealth): string {
  switch (health) {
    case 'active':
      return 'Active';
    case 'failing':
      return job.status.lastExecution?.state === 'EntryLevelErrors' && job.status.countSuccessiveCompleteFailures === 0
        ? 'Active with errors'
        : 'Failing';
    case 'paused':
      return 'Paused';
    case 'quarantine':
      return 'Quarantine';
    case 'notRun':
      return job.status.progress.length > 0 ? 'Initial cycle' : 'Not run yet';
    case 'notConfigured':
      return 'Not configured';
    case 'disabled':
      return 'Off';
  }
}

export function presentJob(job: SynchronizationJob, now: Date): JobPresentation {
  const health = jobHealth(job);
  const label = stateLabel(job, health);
  return {
    health,
    stateLabel: label,
    ...LOOK[health],
    description: describe(job, health, label, now),
    tooltipMarkdown: tooltip(job, label, now),
    statusFigures: statusFigures(job, label, now),
    actions: {
      start: health === 'paused' || health === 'quarantine' || health === 'disabled' || health === 'notConfigured',
      pause: job.schedule.state === 'Active',
      restart: health !== 'notConfigured',
    },
  };
}

// ---- description ------------------------------------------------------------------------------------------------

function describe(job: SynchronizationJob, health: JobHealth, label: string, now: Date): string {
  const status = job.status;
  const parts = [label];
  const progress = progressOf(status);
  const last = status.lastExecution;
  if (health === 'notRun' && progress) parts.push(`${progress.percent}%`);
  else if (last) parts.push(formatRelative(executionTime(last) ?? now, now));
  else if (health !== 'notConfigured') parts.push('never run');
  const synced = syncedTotal(status);
  if (synced > 0) parts.push(`${formatCount(synced)} synced`);
  const escrowed = last?.countEscrowed ?? 0;
  if (escrowed > 0) parts.push(`${formatCount(escrowed)} failed`);
  return parts.join(' · ');
}

function syncedTotal(status: SynchronizationStatus): number {
  return status.synchronizedEntryCountByType.reduce((sum, entry) => sum + entry.value, 0);
}

function executionTime(execution: SynchronizationTaskExecution): Date | undefined {
  return parseGraphTime(execution.timeEnded) ?? parseGraphTime(execution.timeBegan);
}

function progressOf(status: SynchronizationStatus): { completed: number; total: number; units: string; percent: number; observed?: Date } | undefined {
  const current = status.progress.at(-1);
  if (!current || current.totalUnits <= 0) return undefined;
  const observed = parseGraphTime(current.progressObservationDateTime);
  return {
    completed: current.completedUnits,
    total: current.totalUnits,
    units: current.units || 'units',
    percent: Math.min(100, Math.round((current.completedUnits / current.totalUnits) * 100)),
    ...(observed ? { observed } : {}),
  };
}

// ---- tooltip ----------------------------------------------------------------------------------------------------

function tooltip(job: SynchronizationJob, label: string, now: Date): string {
  const status = job.status;
  const blocks: string[] = [];
  blocks.push(
    [
      `**${escapeMarkdown(label)}** · status ${markdownCode(status.code)}, schedule ${markdownCode(job.schedule.state)}`,
      `Template: ${markdownCode(job.templateId)}`,
      `Job ID: ${markdownCode(job.id)}`,
      `Runs: ${escapeMarkdown(scheduleInWords(job.schedule.interval))}`,
    ].join(BR),
  );
  const executions: string[] = [];
  if (status.lastExecution) executions.push(`**Last cycle:** ${executionLine(status.lastExecution, now)}`);
  else executions.push('**Last cycle:** never run');
  if (status.lastSuccessfulExecution && status.lastSuccessfulExecution !== status.lastExecution) {
    executions.push(`**Last successful cycle:** ${executionLine(status.lastSuccessfulExecution, now)}`);
  } else if (!status.lastSuccessfulExecution && status.lastExecution) {
    executions.push('**Last successful cycle:** none yet');
  }
  // A quarantine repeats the failing cycle's error; it is shown once, with the quarantine.
  const lastError = status.lastExecution?.error;
  const quarantineError = status.quarantine?.error;
  if (lastError && !(quarantineError && quarantineError.code === lastError.code && quarantineError.message === lastError.message)) {
    executions.push(`Error ${markdownCode(lastError.code)}: ${escapeMarkdown(lastError.message)}`);
  }
  blocks.push(executions.join(BR));

  const progress = progressOf(status);
  const figures: string[] = [];
  if (progress) {
    figures.push(
      `**Progress:** ${formatCount(progress.completed)} of ${formatCount(progress.total)} ${escapeMarkdown(progress.units)} (${progress.percent}%)` +
        (progress.observed ? `, observed ${formatRelative(progress.observed, now)}` : ''),
    );
  }
  if (status.synchronizedEntryCountByType.length > 0) {
    figures.push(
      `**Synchronized:** ${status.synchronizedEntryCountByType.map((e) => `${formatCount(e.value)} ${escapeMarkdown(e.key)}`).join(', ')}`,
    );
  }
  const escrow = escrowLine(status);
  if (escrow) figures.push(`**Escrows:** ${escrow}`);
  if (status.countSuccessiveCompleteFailures > 0) {
    figures.push(`**Successive complete failures:** ${formatCount(status.countSuccessiveCompleteFailures)}`);
  }
  const steady = parseGraphTime(status.steadyStateFirstAchievedTime);
  if (steady) figures.push(`**Steady state since:** ${formatWhen(steady, now)}`);
  if (figures.length > 0) blocks.push(figures.join(BR));

  if (status.quarantine) blocks.push(quarantineBlock(status, now));
  // Only a plain https URL becomes a link; anything else Graph might put there is not made clickable.
  if (status.troubleshootingUrl && /^https:\/\/[^\s()<>\[\]]+$/i.test(status.troubleshootingUrl)) {
    blocks.push(`[Troubleshooting](${status.troubleshootingUrl})`);
  }
  return blocks.join('\n\n');
}

function executionLine(execution: SynchronizationTaskExecution, now: Date): string {
  const began = parseGraphTime(execution.timeBegan);
  const ended = parseGraphTime(execution.timeEnded);
  const when = ended ? `ended ${formatWhen(ended, now)}` : began ? `began ${formatWhen(began, now)}` : 'time unknown';
  const took = began && ended ? `, took ${formatElapsed(ended.getTime() - began.getTime())}` : '';
  return `${markdownCode(execution.state)}, ${when}${took}${BR}${escapeMarkdown(executionCounts(execution))}`;
}

function executionCounts(execution: SynchronizationTaskExecution): string {
  const parts = [
    `${formatCount(execution.countImported)} imported`,
    `${formatCount(execution.countExported)} exported`,
    `${formatCount(execution.countEscrowed)} escrowed`,
    `${formatCount(execution.countEntitled)} in scope`,
  ];
  return parts.join(' · ');
}

function escrowLine(status: SynchronizationStatus): string | undefined {
  const last = status.lastExecution;
  const parts: string[] = [];
  if (last && (last.countEscrowed > 0 || last.countEscrowedRaw > 0)) {
    parts.push(
      `${plural(last.countEscrowed, 'failed operation')} queued for retry` +
        (last.countEscrowedRaw !== last.countEscrowed ? ` (${formatCount(last.countEscrowedRaw)} including system escrows)` : ''),
    );
  }
  if (status.escrowsPruned) {
    parts.push('escrows were pruned during the initial cycle instead of quarantining; the job pauses after the initial cycle for cleanup');
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function quarantineBlock(status: SynchronizationStatus, now: Date): string {
  const q = status.quarantine!;
  const reason = QUARANTINE_REASON_TEXT[q.reason] ?? { title: q.reason, meaning: 'Graph returned a reason this version does not know.' };
  const lines = [`**Quarantine: ${escapeMarkdown(reason.title)}** (${markdownCode(q.reason)})`, escapeMarkdown(reason.meaning)];
  const since = parseGraphTime(q.seriesBegan);
  const current = parseGraphTime(q.currentBegan);
  const next = parseGraphTime(q.nextAttempt);
  const timing: string[] = [];
  if (since) timing.push(`since ${formatWhen(since, now)}`);
  if (q.seriesCount > 0) timing.push(`re-evaluated ${plural(q.seriesCount, 'time')}`);
  if (current) timing.push(`last evaluated ${formatRelative(current, now)}`);
  if (next) timing.push(`next attempt ${formatWhen(next, now)}`);
  if (timing.length > 0) lines.push(capitalize(timing.join(' · ')));
  if (q.error) lines.push(`Error ${markdownCode(q.error.code)}: ${escapeMarkdown(q.error.message)}`);
  lines.push(escapeMarkdown(QUARANTINE_GENERAL_TEXT));
  return lines.join(BR);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---- status figures ---------------------------------------------------------------------------------------------

function statusFigures(job: SynchronizationJob, label: string, now: Date): StatusFigure[] {
  const status = job.status;
  const figures: StatusFigure[] = [
    { label: 'State', value: `${label} (status ${status.code}, schedule ${job.schedule.state})` },
    { label: 'Schedule', value: scheduleInWords(job.schedule.interval) },
    { label: 'Template', value: job.templateId },
  ];
  const execution = (name: string, e: SynchronizationTaskExecution | null) => {
    if (!e) return;
    const ended = parseGraphTime(e.timeEnded) ?? parseGraphTime(e.timeBegan);
    figures.push({ label: name, value: `${e.state}${ended ? ` · ${formatWhen(ended, now)}` : ''}` });
    figures.push({ label: `${name}: counts`, value: executionCounts(e) });
  };
  if (!status.lastExecution) figures.push({ label: 'Last cycle', value: 'never run' });
  execution('Last cycle', status.lastExecution);
  if (status.lastSuccessfulExecution !== status.lastExecution) execution('Last successful cycle', status.lastSuccessfulExecution);
  const progress = progressOf(status);
  if (progress) figures.push({ label: 'Progress', value: `${formatCount(progress.completed)} of ${formatCount(progress.total)} ${progress.units} (${progress.percent}%)` });
  for (const entry of status.synchronizedEntryCountByType) figures.push({ label: `Synchronized ${entry.key}`, value: formatCount(entry.value) });
  const escrow = escrowLine(status);
  if (escrow) figures.push({ label: 'Escrows', value: escrow });
  if (status.countSuccessiveCompleteFailures > 0) {
    figures.push({ label: 'Successive complete failures', value: formatCount(status.countSuccessiveCompleteFailures) });
  }
  const steady = parseGraphTime(status.steadyStateLastAchievedTime);
  if (steady) figures.push({ label: 'Last steady state', value: formatWhen(steady, now) });
  const q = status.quarantine;
  if (q) {
    figures.push({ label: 'Quarantine reason', value: `${QUARANTINE_REASON_TEXT[q.reason]?.title ?? q.reason} (${q.reason})` });
    const since = parseGraphTime(q.seriesBegan);
    if (since) figures.push({ label: 'Quarantined since', value: formatWhen(since, now) });
    const next = parseGraphTime(q.nextAttempt);
    if (next) figures.push({ label: 'Next attempt', value: formatWhen(next, now) });
    if (q.error) figures.push({ label: 'Quarantine error', value: `${q.error.code}: ${q.error.message}` });
  }
  if (status.troubleshootingUrl) figures.push({ label: 'Troubleshooting', value: status.troubleshootingUrl });
  return figures;
}

// ---- quarantine reasons -----------------------------------------------------------------------------------------

export interface QuarantineReasonText {
  title: string;
  meaning: string;
}

/** What each quarantineReason means for the admin (§4.1 enum, §6.4 thresholds, §6.5 accidental deletions). */
export const QUARANTINE_REASON_TEXT: Readonly<Record<QuarantineReason, QuarantineReasonText>> = {
  EncounteredBaseEscrowThreshold: {
    title: 'Too many failed operations',
    meaning:
      'Failed operations (escrows) passed the base threshold at which the service quarantines a job. The service starts counting at 5,000 failures and quarantines at 60,000 failures in any case, reference failures (manager, group members) included.',
  },
  EncounteredTotalEscrowThreshold: {
    title: 'Too many failed operations in total',
    meaning:
      'More than 40,000 operations failed (manager and group-member reference failures not counted), or more than 60,000 counting them. Look at the provisioning logs for the most common error and fix it in the app or in the mappings.',
  },
  EncounteredEscrowProportionThreshold: {
    title: 'Too large a share of operations failed',
    meaning:
      'More than 40 % of the provisioning operations failed (evaluated once at least 5,000 failures were counted; reference failures excluded). The most common error of the failing cycles is shown below; fix it in the app or in the mappings.',
  },
  EncounteredQuarantineException: {
    title: 'The app cannot be reached or refuses the credentials',
    meaning:
      'Calls to the app fail consistently, most often because the admin credentials (Tenant URL or secret token) are invalid or expired, or because the app answers errors such as 404 instead of 200.',
  },
  Unknown: {
    title: 'Unknown reason',
    meaning: 'The provisioning service did not record why it quarantined the job.',
  },
  QuarantinedOnDemand: {
    title: 'Quarantined by Microsoft',
    meaning: 'Microsoft placed the job in quarantine manually (the Entra docs call it QuarantineOnDemand). Contact Microsoft support about it.',
  },
  TooManyDeletes: {
    title: 'Accidental-deletions threshold exceeded',
    meaning:
      'One cycle would have deleted or disabled more accounts than the accidental-deletions threshold allows (job setting QuarantineTooManyDeletesThreshold). The held-back deletes appear in the provisioning logs as StagedDelete: review them, then restart with ForceDeletes (the portal\'s "Allow deletes") if they are intended, or fix the cause and restart.',
  },
  IngestionInterrupted: {
    title: 'Ingestion interrupted',
    meaning: 'Graph defines this reason without documenting it: the service stopped taking in changes from the source. Restart once the source is healthy.',
  },
};

/** What every quarantine implies, whatever the reason (§6.3, §6.4). */
export const QUARANTINE_GENERAL_TEXT =
  'While quarantined the job runs at most once a day; after 4 weeks in quarantine it is disabled. Fix the cause, then Start the job (clears the quarantine) or Restart it.';

// ---- restart scopes ---------------------------------------------------------------------------------------------

export interface RestartScopeChoice {
  id: 'portalDefault' | 'QuarantineState' | 'Escrows' | 'Watermark' | 'ForceDeletes' | 'Full';
  /** Flags for `resetScope`; undefined sends no criteria, which is the portal's "Restart provisioning". */
  scopes: SynchronizationJobRestartScope[] | undefined;
  label: string;
  detail: string;
  /** Deserves a modal confirmation: it breaks links or applies deletions. */
  destructive: boolean;
}

/**
 * The restart picker (§3.6). `ConnectorDataStore` alone is not offered: the docs say not to use it without Microsoft
 * Support; `Full` includes it and says so. `None` is not offered: the docs say to call start instead.
 */
export const RESTART_SCOPE_CHOICES: readonly RestartScopeChoice[] = [
  {
    id: 'portalDefault',
    scopes: undefined,
    label: 'Restart provisioning (portal default)',
    detail:
      'What the portal\'s Restart does: lifts the quarantine, clears escrows and the watermark, so the next cycle is a new initial cycle over everyone in scope. Links between source and target accounts are kept.',
    destructive: false,
  },
  {
    id: 'QuarantineState',
    scopes: ['QuarantineState'],
    label: 'QuarantineState',
    detail: 'Temporarily lifts the quarantine. Nothing else is reset; if the cause is not fixed the job returns to quarantine.',
    destructive: false,
  },
  {
    id: 'Escrows',
    scopes: ['Escrows'],
    label: 'Escrows',
    detail:
      'Clears the escrows (failed operations queued for retry): the service stops retrying them, and the escrow counter that drives quarantine starts again from zero.',
    destructive: false,
  },
  {
    id: 'Watermark',
    scopes: ['Watermark'],
    label: 'Watermark',
    detail: 'Drops the delta watermark: the next cycle is an initial cycle that re-evaluates every user and group in scope instead of only the changes.',
    destructive: false,
  },
  {
    id: 'ForceDeletes',
    scopes: ['ForceDeletes'],
    label: 'ForceDeletes',
    detail:
      'Applies the deletes and disables that accidental-deletions prevention held back after the threshold was exceeded (the portal\'s "Allow deletes"). Review the StagedDelete entries in the provisioning logs first.',
    destructive: true,
  },
  {
    id: 'Full',
    scopes: ['Full'],
    label: 'Full',
    detail:
      'Resets everything: quarantine, escrows, watermark and the connector data store. This breaks the links between source and target accounts, so every account is matched again as if new; the portal\'s Restart does not do this. Use only when matching must start over.',
    destructive: true,
  },
];

// ---- portal link ------------------------------------------------------------------------------------------------

/**
 * The app's Provisioning blade in the Azure portal of the job's cloud (`Cloud.portal`):
 * `{portal}#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/ProvisioningManagement/appId/{appId}/objectId/{spId}`.
 * Microsoft does not document portal deep links; this is the Enterprise-applications blade route the portal itself
 * uses for Provisioning (the shorter `~/Provisioning/objectId/…` form is reported to fall back to Overview). The
 * Azure-portal form is chosen over entra.microsoft.com because the reference gives a portal root for every cloud.
 */
export function portalUrl(portalRoot: string, spId: string, appId: string): string {
  const root = portalRoot.endsWith('/') ? portalRoot : `${portalRoot}/`;
  return `${root}#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/ProvisioningManagement/appId/${encodeURIComponent(appId)}/objectId/${encodeURIComponent(spId)}`;
}
