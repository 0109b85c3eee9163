// Wires the Provisioning Jobs view: the core model fed by the signed-in accounts, the tree view with its progress
// indicator and filter description, pinned apps in globalState, auto-refresh, the problems status bar item, and the
// view's own commands (refresh, filter, pin, load more, retry, cancel). Job commands live in ../commands.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import { describeFilter, isFilterActive, type AppFilter } from '../../provisioning/tree/appFilter';
import { JobsTreeModel, type PinStore } from '../../provisioning/tree/jobsTreeModel';
import { tenantInfoOf, type AppRef, type TreeNode } from '../../provisioning/tree/nodes';
import { startAutoRefresh } from './autoRefresh';
import { JobsTreeProvider } from './jobsTree';
import { SHOW_PROBLEMS_COMMAND, createProblemsStatusBar } from './problemsStatusBar';
import { TREE_COMMANDS } from './treeItems';
import { graphTreeSources, type AccountsSource } from '../../provisioning/tree/graphSources';

export const VIEW_JOBS = 'entraProvisioning.jobs';
const PINS_KEY = 'entraProvisioning.pinnedApps';

export const VIEW_COMMANDS = {
  refresh: 'entraProvisioning.refresh',
  refreshNode: 'entraProvisioning.refreshNode',
  filter: 'entraProvisioning.filter',
  clearFilter: 'entraProvisioning.clearFilter',
  pinApp: 'entraProvisioning.pinApp',
  unpinApp: 'entraProvisioning.unpinApp',
  cancelDiscovery: 'entraProvisioning.cancelDiscovery',
  showProblems: SHOW_PROBLEMS_COMMAND,
  ...TREE_COMMANDS,
} as const;

export interface JobsView {
  provider: JobsTreeProvider;
  model: JobsTreeModel;
  treeView: vscode.TreeView<TreeNode>;
}

export interface JobsViewDeps {
  accounts: AccountsSource & { reauthenticate?(accountId: string): Promise<unknown> };
  logger: Logger;
}

export function registerJobsView(context: vscode.ExtensionContext, deps: JobsViewDeps): JobsView {
  const model = new JobsTreeModel({ sources: graphTreeSources(deps.accounts, deps.logger), pins: globalStatePins(context.globalState) });
  const provider = new JobsTreeProvider(model, deps.logger);
  const treeView = vscode.window.createTreeView(VIEW_JOBS, { treeDataProvider: provider, showCollapseAll: true });
  const view: JobsView = { provider, model, treeView };

  const syncAccounts = () => {
    const accounts = deps.accounts.listAccounts();
    model.setAccounts(accounts.map(tenantInfoOf));
    void vscode.commands.executeCommand('setContext', 'entraProvisioning.hasTenants', accounts.length > 0);
  };
  syncAccounts();

  // The view's progress bar runs while any tenant is being discovered.
  const busy = model.onDidChangeBusy((isBusy) => {
    if (isBusy) void vscode.window.withProgress({ location: { viewId: VIEW_JOBS } }, () => model.whenIdle());
  });

  context.subscriptions.push(
    provider,
    treeView,
    busy,
    deps.accounts.onDidChangeAccounts(syncAccounts),
    startAutoRefresh(treeView, { refresh: () => provider.refresh(), get busy() { return model.busy; } }),
    createProblemsStatusBar(model),
    ...registerViewCommands(view, deps),
  );
  return view;
}

function registerViewCommands(view: JobsView, deps: JobsViewDeps): vscode.Disposable[] {
  const { model, treeView, provider } = view;
  const setFilter = (filter: AppFilter) => {
    model.setFilter(filter);
    const active = isFilterActive(model.filter);
    treeView.description = active ? describeFilter(model.filter) : undefined;
    void vscode.commands.executeCommand('setContext', 'entraProvisioning.filterActive', active);
  };
  const register = (id: string, handler: (...args: any[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        // Commands must never end in an unhandled rejection; the model already turns load failures into rows.
        deps.logger.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    });

  return [
    register(VIEW_COMMANDS.refresh, () => provider.refresh()),
    register(VIEW_COMMANDS.refreshNode, (node?: TreeNode) => (isNode(node) ? model.refresh(node) : provider.refresh())),
    register(VIEW_COMMANDS.filter, async (arg?: AppFilter | string) => {
      if (typeof arg === 'string') return setFilter({ text: arg });
      if (arg && typeof arg === 'object' && !isNode(arg)) return setFilter(arg);
      const picked = await pickFilter(model.filter);
      if (picked) setFilter(picked);
      return model.filter;
    }),
    register(VIEW_COMMANDS.clearFilter, () => setFilter({})),
    register(VIEW_COMMANDS.pinApp, (target?: TreeNode | AppRef) => setPinned(model, target, true)),
    register(VIEW_COMMANDS.unpinApp, (target?: TreeNode | AppRef) => setPinned(model, target, false)),
    register(VIEW_COMMANDS.loadMore, (node?: TreeNode) => (isNode(node) ? model.showMore(node) : undefined)),
    register(VIEW_COMMANDS.retry, async (node?: TreeNode) => {
      if (!isNode(node)) return provider.refresh();
      if (node.kind === 'error' && node.needsSignIn && deps.accounts.reauthenticate) {
        await deps.accounts.reauthenticate(node.accountId);
      }
      return model.refresh(node);
    }),
    register(VIEW_COMMANDS.cancelDiscovery, (node?: TreeNode) => {
      const accounts = isNode(node) ? [node.accountId] : model.tenantInfos().map((t) => t.accountId);
      for (const accountId of accounts) model.cancelDiscovery(accountId);
    }),
    register(VIEW_COMMANDS.showProblems, () => showProblems(view, setFilter)),
  ];
}

/** Focuses the view, filters it to problems and reveals every quarantined or failing job. */
async function showProblems(view: JobsView, setFilter: (filter: AppFilter) => void): Promise<void> {
  await vscode.commands.executeCommand(`${VIEW_JOBS}.focus`);
  setFilter({ problemsOnly: true });
  await Promise.all(view.model.tenantInfos().map((t) => view.model.ensureDiscovered(t.accountId)));
  for (const tenant of view.model.tenantInfos()) {
    for (const { app, jobs } of view.model.appsOf(tenant.accountId)) {
      for (const job of jobs) {
        const node = view.model.jobNode({ accountId: tenant.accountId, servicePrincipalId: app.servicePrincipalId, jobId: job.id });
        if (node && (node.health === 'quarantine' || node.health === 'failing')) {
          await view.treeView.reveal(node, { select: false, focus: false, expand: false });
        }
      }
    }
  }
}

/** Pins an app row, or `{ accountId, servicePrincipalId }` of an app the tree has found. */
async function setPinned(model: JobsTreeModel, target: TreeNode | Pick<AppRef, 'accountId' | 'servicePrincipalId'> | undefined, pinned: boolean): Promise<boolean> {
  const app = isNode(target) ? (target.kind === 'app' ? target.app : undefined) : target;
  const known = app && typeof app.accountId === 'string' ? model.findApp(app.accountId, app.servicePrincipalId) : undefined;
  if (!known) return false;
  await model.setPinned(known, pinned);
  return true;
}

/** Free text (app name, template or state), "problems only", or clear. */
async function pickFilter(current: AppFilter): Promise<AppFilter | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { filter: AppFilter }>();
  pick.title = vscode.l10n.t('Filter Provisioning Jobs');
  pick.placeholder = vscode.l10n.t('Type part of an app name, a template id or a state (quarantine, paused, failing…)');
  pick.value = current.text ?? '';
  const fixed = [
    { label: `$(warning) ${vscode.l10n.t('Problems only')}`, description: vscode.l10n.t('quarantined or failing jobs'), filter: { problemsOnly: true }, alwaysShow: true },
    { label: `$(clear-all) ${vscode.l10n.t('Clear filter')}`, filter: {}, alwaysShow: true },
  ];
  const update = () => {
    const text = pick.value.trim();
    pick.items = text
      ? [{ label: `$(filter) ${vscode.l10n.t('Filter by “{0}”', text)}`, filter: { text }, alwaysShow: true }, ...fixed]
      : fixed;
  };
  update();
  pick.onDidChangeValue(update);
  try {
    return await new Promise<AppFilter | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.filter));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}

function globalStatePins(state: vscode.Memento): PinStore {
  const all = () => state.get<Record<string, string[]>>(PINS_KEY, {});
  return {
    get: (tenantId) => all()[tenantId] ?? [],
    set: (tenantId, ids) => state.update(PINS_KEY, { ...all(), [tenantId]: [...ids] }),
  };
}

export function isNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { id?: unknown }).id === 'string';
}
