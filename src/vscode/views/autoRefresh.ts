// Refreshes the jobs tree every `entraProvisioning.autoRefreshInterval` seconds while the view is visible (the
// policy — minimum interval, staleness — is the core's autoRefreshPolicy).
import * as vscode from 'vscode';
import { autoRefreshDelayMs, isStale } from '../../provisioning/tree/autoRefreshPolicy';

export const AUTO_REFRESH_SETTING = 'entraProvisioning.autoRefreshInterval';

export interface AutoRefreshTarget {
  /** Starts a refresh of every tenant. */
  refresh(): Promise<void>;
  /** A refresh (or first discovery) is running: the timer skips a beat instead of piling up. */
  readonly busy: boolean;
}

export function startAutoRefresh(view: vscode.TreeView<unknown>, target: AutoRefreshTarget): vscode.Disposable {
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastRefresh = Date.now();
  const delay = () => autoRefreshDelayMs(vscode.workspace.getConfiguration().get<number>(AUTO_REFRESH_SETTING));
  const tick = () => {
    if (target.busy) return;
    lastRefresh = Date.now();
    void target.refresh();
  };
  const reschedule = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    const ms = delay();
    if (!view.visible || ms === undefined) return;
    if (isStale(lastRefresh, Date.now(), ms)) tick();
    timer = setInterval(tick, ms);
  };
  reschedule();
  const subscriptions = [
    view.onDidChangeVisibility(reschedule),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(AUTO_REFRESH_SETTING)) reschedule();
    }),
  ];
  return {
    dispose() {
      if (timer) clearInterval(timer);
      for (const s of subscriptions) s.dispose();
    },
  };
}
