// When the jobs tree refreshes by itself: every `entraProvisioning.autoRefreshInterval` seconds, only while the
// view is visible (a hidden view costs no Graph requests), never more often than every 30 s (a tenant with
// thousands of apps takes a few hundred requests per discovery), and at once when the view comes back into sight
// after its data has gone stale.

export const MIN_AUTO_REFRESH_SECONDS = 30;

/** The delay between refreshes for a setting value, or undefined when auto-refresh is off (0, negative, nonsense). */
export function autoRefreshDelayMs(settingSeconds: unknown): number | undefined {
  if (typeof settingSeconds !== 'number' || !Number.isFinite(settingSeconds) || settingSeconds <= 0) return undefined;
  return Math.max(MIN_AUTO_REFRESH_SECONDS, settingSeconds) * 1000;
}

/** On becoming visible: refresh now if the last refresh is older than one interval. */
export function isStale(lastRefreshMs: number | undefined, nowMs: number, delayMs: number | undefined): boolean {
  if (delayMs === undefined || lastRefreshMs === undefined) return false;
  return nowMs - lastRefreshMs >= delayMs;
}
