// Which apps a tenant shows and in what order: the filter (free text on app name, template or job state, or
// "problems only"), pinned apps first, then by name. Pure so it is tested without VS Code.
import type { JobHealth } from '../jobPresentation';

export interface AppFilter {
  /** Case-insensitive text matched against the app name, its job template ids and its job states. */
  text?: string;
  /** Only apps with a quarantined or failing job (what the status bar item reveals). */
  problemsOnly?: boolean;
}

/** Health values that count as "needs attention" (status bar count, problems filter). */
export const PROBLEM_HEALTH: ReadonlySet<JobHealth> = new Set<JobHealth>(['quarantine', 'failing']);

/** Words a user may type for a state, besides the health id itself. */
const HEALTH_WORDS: Record<JobHealth, readonly string[]> = {
  active: ['active', 'running', 'healthy'],
  paused: ['paused', 'stopped'],
  quarantine: ['quarantine', 'quarantined', 'problem'],
  notRun: ['notrun', 'not run', 'initial', 'first cycle'],
  notConfigured: ['notconfigured', 'not configured', 'unconfigured'],
  failing: ['failing', 'failed', 'error', 'errors', 'problem'],
  disabled: ['disabled', 'off'],
};

export interface FilterableApp {
  name: string;
  templateIds: readonly string[];
  health: readonly JobHealth[];
}

export function isFilterActive(filter: AppFilter): boolean {
  return Boolean(filter.problemsOnly) || Boolean(filter.text?.trim());
}

export function matchesFilter(app: FilterableApp, filter: AppFilter): boolean {
  if (filter.problemsOnly && !app.health.some((h) => PROBLEM_HEALTH.has(h))) return false;
  const text = filter.text?.trim().toLowerCase();
  if (!text) return true;
  if (app.name.toLowerCase().includes(text)) return true;
  if (app.templateIds.some((id) => id.toLowerCase().includes(text))) return true;
  return app.health.some((h) => h.toLowerCase() === text || HEALTH_WORDS[h].some((word) => word.startsWith(text)));
}

/** What the view's description says about the filter ("" when none). */
export function describeFilter(filter: AppFilter): string {
  const parts: string[] = [];
  if (filter.problemsOnly) parts.push('problems only');
  const text = filter.text?.trim();
  if (text) parts.push(`“${text}”`);
  return parts.length ? `Filter: ${parts.join(' · ')}` : '';
}

/** Pinned apps first, each group by name (case-insensitive, then by id so equal names keep a stable order). */
export function compareApps(a: { name: string; id: string; pinned: boolean }, b: { name: string; id: string; pinned: boolean }): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const byName = a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
  return byName !== 0 ? byName : a.id.localeCompare(b.id);
}
