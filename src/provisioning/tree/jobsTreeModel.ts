// The state behind the Provisioning Jobs tree, without VS Code: one tenant per signed-in account, the apps discovery
// found in it (streamed in as they are found, kept per tenant until a refresh), and lazily loaded job details
// (schema, provisioning logs). It decides every row: order (pinned first), filter, "Load more…" paging, error rows
// with retry, the problem count for the status bar. The VS Code adapter maps nodes to TreeItems and forwards events.
import type { ProvisioningObjectSummary, SynchronizationJob, SynchronizationSchema } from '../../graph/model';
import { GraphError } from '../../graph/errors';
import { BR, escapeMarkdown, formatCount, formatUtc, markdownCode, plural } from '../format';
import { presentJob, type JobHealth, type JobPresentation } from '../jobPresentation';
import { summarizeLogEntry, type LogFilter } from '../logs';
import { PROBLEM_HEALTH, compareApps, isFilterActive, matchesFilter, type AppFilter } from './appFilter';
import { describeLoadError, type LoadKind } from './loadErrors';
import {
  appNodeId,
  appRefOf,
  errorNodeId,
  jobNodeId,
  jobRefOf,
  loadMoreNodeId,
  logsNodeId,
  schemaNodeId,
  statusNodeId,
  tenantNodeId,
  type AppNode,
  type AppRef,
  type ErrorNode,
  type JobNode,
  type JobRef,
  type LogsNode,
  type TenantInfo,
  type TenantLoadState,
  type TenantNode,
  type TreeApp,
  type TreeNode,
  withTenantName,
} from './nodes';
import { PageLimits, pageOf } from './paging';
import type { TenantDirectoryName } from '../tenantName';
import { attributeMappingNodes, objectMappingNodes, ruleNodes } from './schemaNodes';

export interface DiscoveryCallbacks {
  signal: AbortSignal;
  onApp(app: TreeApp): void;
  onProgress(progress: { scanned: number; total?: number }): void;
}

/** A page of provisioning log entries, newest first, and how to get the next (older) one. */
export interface LogCursor {
  entries: ProvisioningObjectSummary[];
  next?: (signal?: AbortSignal) => Promise<LogCursor>;
}

/** The filters a user sets on a job's logs (the job id and page size are the model's business). */
export type JobLogFilter = Omit<LogFilter, 'jobId' | 'top'>;

/** Where the data comes from: Graph through the account's client in the extension, fakes in unit tests. */
export interface TreeSources {
  discover(accountId: string, callbacks: DiscoveryCallbacks): Promise<{ errors: readonly { servicePrincipalId: string; error: unknown }[] }>;
  listJobs(accountId: string, servicePrincipalId: string, signal?: AbortSignal): Promise<SynchronizationJob[]>;
  getSchema(accountId: string, servicePrincipalId: string, jobId: string, signal?: AbortSignal): Promise<SynchronizationSchema>;
  listLogs(accountId: string, job: JobRef, filter: JobLogFilter, signal?: AbortSignal): Promise<LogCursor>;
  /**
   * The tenant's name (GET /organization), read once per tenant alongside its first discovery. Resolves undefined
   * when Graph would not say (403 for app-only tokens without a directory read role); it must not reject.
   */
  tenantName?(accountId: string, signal: AbortSignal): Promise<TenantDirectoryName | undefined>;
}

/** Pinned apps per tenant (the extension keeps them in globalState). */
export interface PinStore {
  get(tenantId: string): readonly string[];
  set(tenantId: string, servicePrincipalIds: readonly string[]): PromiseLike<void>;
}

export interface JobsTreeModelOptions {
  sources: TreeSources;
  pins: PinStore;
  now?: () => Date;
  pageSize?: number;
  /** Coalesces the flood of change events while discovery streams apps in (ms; 0 = emit at once). */
  emitDelayMs?: number;
}

export interface ProblemSummary {
  quarantined: number;
  failing: number;
  /** Accounts signed in (the status bar hides without any). */
  tenants: number;
}

interface TenantState {
  info: TenantInfo;
  state: TenantLoadState;
  apps: Map<string, TreeApp>;
  progress: string | undefined;
  error: unknown;
  /** Service principals whose jobs could not be read in the last discovery. */
  skipped: readonly { servicePrincipalId: string; error: unknown }[];
  controller: AbortController | undefined;
  run: Promise<void> | undefined;
  /** The tenant's name once read; kept across account updates and refreshes. */
  name: TenantDirectoryName | undefined;
  /** The name was asked for and Graph answered (with it or with a refusal): it is not asked again. */
  nameAsked: boolean;
  naming: Promise<void> | undefined;
  /** Stops the name request when the account goes away (a refresh or a cancelled discovery leaves it running). */
  namingController: AbortController | undefined;
}

type Loaded<T> = { status: 'loading'; promise: Promise<void> } | { status: 'loaded'; value: T } | { status: 'error'; error: unknown };

interface LogsState {
  entries: ProvisioningObjectSummary[];
  next: LogCursor['next'];
  /** A failed "load more" keeps the entries already shown. */
  error: unknown;
  loading: Promise<void> | undefined;
}

type Listener = (node: TreeNode | undefined) => void;

export class JobsTreeModel {
  private readonly sources: TreeSources;
  private readonly pins: PinStore;
  private readonly now: () => Date;
  private readonly limits: PageLimits;
  private readonly emitDelayMs: number;
  private readonly tenants = new Map<string, TenantState>();
  private readonly schemas = new Map<string, Loaded<SynchronizationSchema>>();
  private readonly logs = new Map<string, Loaded<LogsState>>();
  private readonly logFilters = new Map<string, JobLogFilter>();
  /** A failed reload of one app's jobs, shown as an error row under the app. */
  private readonly appErrors = new Map<string, unknown>();
  /** The one object per id VS Code has seen: refreshing a row needs the very object getChildren returned. */
  private readonly nodes = new Map<string, TreeNode>();
  private readonly listeners = new Set<Listener>();
  private readonly busyListeners = new Set<(busy: boolean) => void>();
  private pending = new Set<string | undefined>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private filterValue: AppFilter = {};
  private busyCount = 0;

  constructor(options: JobsTreeModelOptions) {
    this.sources = options.sources;
    this.pins = options.pins;
    this.now = options.now ?? (() => new Date());
    this.limits = new PageLimits(options.pageSize);
    this.emitDelayMs = options.emitDelayMs ?? 120;
  }

  // ---- events -------------------------------------------------------------------------------------------------

  /** `undefined` means "everything changed" (the roots). */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** True while at least one tenant is being discovered (the view shows progress). */
  onDidChangeBusy(listener: (busy: boolean) => void): { dispose(): void } {
    this.busyListeners.add(listener);
    return { dispose: () => this.busyListeners.delete(listener) };
  }

  get busy(): boolean {
    return this.busyCount > 0;
  }

  /** Resolves when no discovery is running (tests, and the view's progress indicator). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const runs = [...this.tenants.values()].flatMap((t) => [t.run, t.naming]).filter((r): r is Promise<void> => r !== undefined);
      if (runs.length === 0) return;
      await Promise.all(runs);
    }
  }

  // ---- accounts, filter, pins ---------------------------------------------------------------------------------

  setAccounts(accounts: readonly TenantInfo[]): void {
    const ids = new Set(accounts.map((a) => a.accountId));
    for (const [accountId, state] of this.tenants) {
      if (!ids.has(accountId)) {
        state.controller?.abort();
        state.namingController?.abort();
        this.tenants.delete(accountId);
        this.forget(tenantNodeId(accountId));
      }
    }
    for (const info of accounts) {
      const existing = this.tenants.get(info.accountId);
      if (existing) existing.info = withTenantName(info, existing.name);
      else this.tenants.set(info.accountId, newTenantState(info));
    }
    this.emit(undefined);
  }

  get filter(): AppFilter {
    return { ...this.filterValue };
  }

  setFilter(filter: AppFilter): void {
    this.filterValue = { ...(filter.text?.trim() ? { text: filter.text.trim() } : {}), ...(filter.problemsOnly ? { problemsOnly: true } : {}) };
    for (const accountId of this.tenants.keys()) this.limits.reset(tenantNodeId(accountId));
    this.emit(undefined);
  }

  isPinned(app: AppRef): boolean {
    return this.pins.get(app.tenantId).includes(app.servicePrincipalId);
  }

  async setPinned(app: AppRef, pinned: boolean): Promise<void> {
    const current = this.pins.get(app.tenantId).filter((id) => id !== app.servicePrincipalId);
    await this.pins.set(app.tenantId, pinned ? [...current, app.servicePrincipalId] : current);
    this.emitTenantsOf(app.tenantId);
  }

  // ---- loading ------------------------------------------------------------------------------------------------

  /** Rediscovers every tenant (what is shown stays until the new result replaces it) and drops cached details. */
  refreshAll(): Promise<void> {
    this.schemas.clear();
    this.logs.clear();
    this.appErrors.clear();
    this.limits.reset();
    for (const state of this.tenants.values()) this.startDiscovery(state);
    this.emit(undefined);
    return this.whenIdle();
  }

  /** Refreshes one row: a tenant is rediscovered, an app or job re-reads its jobs, schema and logs reload. */
  async refresh(node: TreeNode): Promise<void> {
    switch (node.kind) {
      case 'tenant': {
        const state = this.tenants.get(node.accountId);
        if (!state) return;
        this.dropDetails(node.id);
        this.startDiscovery(state);
        this.emit(node.id);
        return state.run;
      }
      case 'app':
        return this.reloadApp(node.app);
      case 'job':
        return this.reloadApp(node.job);
      case 'schema':
        this.schemas.delete(node.id);
        this.limits.reset(node.id);
        this.emit(node.id);
        return;
      case 'logs':
        this.logs.delete(node.id);
        this.limits.reset(node.id);
        this.emit(node.id);
        return;
      case 'error': {
        const parent = this.nodes.get(node.parentId);
        if (parent) return this.refresh(parent);
        return this.refreshAll();
      }
      default: {
        const parent = node.parentId ? this.nodes.get(node.parentId) : undefined;
        if (parent) return this.refresh(parent);
      }
    }
  }

  /** Stops a running discovery; what was found so far stays, with a row offering to look again. */
  cancelDiscovery(accountId: string): void {
    this.tenants.get(accountId)?.controller?.abort();
  }

  /** "Load more…": shows the next page of a long level, fetching the next page of logs when needed. */
  async showMore(node: TreeNode): Promise<void> {
    const parentId = node.kind === 'loadMore' ? node.parentId : node.id;
    const logs = this.logs.get(parentId);
    if (logs?.status === 'loaded') {
      const state = logs.value;
      const shownAll = this.limits.limitOf(parentId) >= state.entries.length;
      if (shownAll && state.next) {
        await this.fetchMoreLogs(parentId, state);
      }
    }
    this.limits.showMore(parentId);
    this.emit(parentId);
  }

  /** After a job action: replaces the job as Graph now reports it. */
  updateJob(ref: { accountId: string; servicePrincipalId: string }, job: SynchronizationJob): void {
    const state = this.tenants.get(ref.accountId);
    const app = state?.apps.get(ref.servicePrincipalId);
    if (!state || !app) return;
    const jobs = app.jobs.some((j) => j.id === job.id) ? app.jobs.map((j) => (j.id === job.id ? job : j)) : [...app.jobs, job];
    state.apps.set(app.servicePrincipal.id, { ...app, jobs });
    this.emit(appNodeId(ref.accountId, ref.servicePrincipalId));
    this.emit(tenantNodeId(ref.accountId));
  }

  /** Re-reads one app's jobs (after an action, or the app's Refresh). */
  async reloadApp(ref: { accountId: string; servicePrincipalId: string }): Promise<void> {
    const id = appNodeId(ref.accountId, ref.servicePrincipalId);
    const state = this.tenants.get(ref.accountId);
    const app = state?.apps.get(ref.servicePrincipalId);
    if (!state || !app) return;
    this.dropDetails(id);
    try {
      const jobs = await this.sources.listJobs(ref.accountId, ref.servicePrincipalId);
      this.appErrors.delete(id);
      if (jobs.length === 0) state.apps.delete(ref.servicePrincipalId);
      else state.apps.set(ref.servicePrincipalId, { ...app, jobs });
      this.emit(jobs.length === 0 ? tenantNodeId(ref.accountId) : id);
    } catch (error) {
      this.appErrors.set(id, error);
      this.emit(id);
    }
    this.emit(tenantNodeId(ref.accountId));
  }

  // ---- log filters --------------------------------------------------------------------------------------------

  logFilterOf(job: JobRef): JobLogFilter {
    return this.logFilters.get(this.jobId(job)) ?? {};
  }

  setLogFilter(job: JobRef, filter: JobLogFilter): void {
    const jobNode = this.jobId(job);
    this.logFilters.set(jobNode, filter);
    const logsId = logsNodeId(jobNode);
    this.logs.delete(logsId);
    this.limits.reset(logsId);
    this.emit(logsId);
  }

  // ---- lookups for commands -----------------------------------------------------------------------------------

  tenantInfos(): TenantInfo[] {
    return [...this.tenants.values()].map((t) => t.info).sort((a, b) => a.label.localeCompare(b.label));
  }

  tenantInfo(accountId: string): TenantInfo | undefined {
    return this.tenants.get(accountId)?.info;
  }

  /** Apps found so far in a tenant, in display order, ignoring the filter (pickers). */
  appsOf(accountId: string): { app: AppRef; jobs: SynchronizationJob[] }[] {
    const state = this.tenants.get(accountId);
    if (!state) return [];
    return this.sortedApps(state).map((app) => ({ app: appRefOf(state.info, app), jobs: app.jobs }));
  }

  /** A job as last seen, with the names a confirmation needs. */
  findJob(accountId: string, servicePrincipalId: string, jobId: string): { ref: JobRef; job: SynchronizationJob } | undefined {
    const state = this.tenants.get(accountId);
    const app = state?.apps.get(servicePrincipalId);
    const job = app?.jobs.find((j) => j.id === jobId);
    return state && app && job ? { ref: jobRefOf(state.info, app, job), job } : undefined;
  }

  findApp(accountId: string, servicePrincipalId: string): AppRef | undefined {
    const state = this.tenants.get(accountId);
    const app = state?.apps.get(servicePrincipalId);
    return state && app ? appRefOf(state.info, app) : undefined;
  }

  /** The discovery of one tenant (started if it never ran): commands await it before picking an app. */
  ensureDiscovered(accountId: string): Promise<void> {
    const state = this.tenants.get(accountId);
    if (!state) return Promise.resolve();
    if (state.state === 'idle') this.startDiscovery(state);
    return state.run ?? Promise.resolve();
  }

  /** Quarantined and failing jobs across the tenants discovered so far. */
  problems(): ProblemSummary {
    const now = this.now();
    let quarantined = 0;
    let failing = 0;
    for (const state of this.tenants.values()) {
      for (const app of state.apps.values()) {
        for (const job of app.jobs) {
          const health = presentJob(job, now).health;
          if (health === 'quarantine') quarantined++;
          else if (health === 'failing') failing++;
        }
      }
    }
    return { quarantined, failing, tenants: this.tenants.size };
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  parent(node: TreeNode): TreeNode | undefined {
    return node.parentId === undefined ? undefined : this.nodes.get(node.parentId);
  }

  /** The node for a job, building its ancestors so TreeView.reveal can walk up (palette → "show logs"). */
  jobNode(ref: { accountId: string; servicePrincipalId: string; jobId: string }): JobNode | undefined {
    const state = this.tenants.get(ref.accountId);
    const app = state?.apps.get(ref.servicePrincipalId);
    const job = app?.jobs.find((j) => j.id === ref.jobId);
    if (!state || !app || !job) return undefined;
    this.tenantNode(state);
    this.appNode(state, app);
    return this.jobNodeOf(state, app, job);
  }

  logsNode(job: JobNode): LogsNode {
    return this.intern<LogsNode>({
      kind: 'logs',
      id: logsNodeId(job.id),
      parentId: job.id,
      accountId: job.accountId,
      job: job.job,
      filterDescription: describeLogFilter(this.logFilterOf(job.job)),
    });
  }

  // ---- children -----------------------------------------------------------------------------------------------

  async children(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.tenantInfos().map((info) => this.tenantNode(this.tenants.get(info.accountId)!));
    switch (node.kind) {
      case 'tenant':
        return this.tenantChildren(node);
      case 'app':
        return this.appChildren(node);
      case 'job':
        return this.jobChildren(node);
      case 'status':
        return this.statusChildren(node);
      case 'schema':
        return this.schemaChildren(node);
      case 'rule':
        return this.paged(node.id, objectMappingNodes(node).map((n) => this.intern(n)));
      case 'objectMapping':
        return this.paged(node.id, attributeMappingNodes(node).map((n) => this.intern(n)));
      case 'logs':
        return this.logChildren(node);
      default:
        return [];
    }
  }

  private tenantChildren(node: TenantNode): TreeNode[] {
    const state = this.tenants.get(node.accountId);
    if (!state) return [];
    if (state.state === 'idle') this.startDiscovery(state);
    const all = this.sortedApps(state);
    const filtered = all.filter((app) => matchesFilter(this.filterable(app), this.filterValue));
    const rows: TreeNode[] = this.paged(node.id, filtered.map((app) => this.appNode(state, app)));
    if (state.state === 'error') {
      rows.push(this.errorNode(node, state.error, 'apps', state.info));
    } else if (state.skipped.length > 0 && state.state === 'loaded') {
      rows.push(this.messageNode(node, `${plural(state.skipped.length, 'app')} could not be read — refresh to try again`, 'warning', 'skipped'));
    }
    if (filtered.length === 0 && state.state !== 'error') {
      if (state.state === 'loading') rows.push(this.messageNode(node, 'Looking for apps with provisioning…', 'loading'));
      else if (all.length > 0 && isFilterActive(this.filterValue)) rows.push(this.messageNode(node, 'No apps match the filter', 'filter'));
      else rows.push(this.messageNode(node, 'No apps with provisioning in this tenant', 'info'));
    }
    return rows;
  }

  private appChildren(node: AppNode): TreeNode[] {
    const state = this.tenants.get(node.accountId);
    const app = state?.apps.get(node.app.servicePrincipalId);
    if (!state || !app) return [];
    const rows: TreeNode[] = [...app.jobs]
      .sort((a, b) => a.templateId.localeCompare(b.templateId) || a.id.localeCompare(b.id))
      .map((job) => this.jobNodeOf(state, app, job));
    const error = this.appErrors.get(node.id);
    if (error !== undefined) rows.push(this.errorNode(node, error, 'jobs', state.info));
    return rows;
  }

  private jobChildren(node: JobNode): TreeNode[] {
    const base = { accountId: node.accountId, parentId: node.id, job: node.job };
    return [
      this.intern({ ...base, kind: 'status', id: statusNodeId(node.id) }),
      this.intern({ ...base, kind: 'schema', id: schemaNodeId(node.id) }),
      this.logsNode(node),
    ];
  }

  private statusChildren(node: TreeNode & { kind: 'status' }): TreeNode[] {
    const job = this.parent(node);
    if (job?.kind !== 'job') return [];
    return job.presentation.statusFigures.map((figure, index) =>
      this.intern({ kind: 'figure', id: `${node.id}/${index}`, parentId: node.id, accountId: node.accountId, label: figure.label, value: figure.value }),
    );
  }

  private async schemaChildren(node: TreeNode & { kind: 'schema' }): Promise<TreeNode[]> {
    let entry = this.schemas.get(node.id);
    if (!entry) {
      const promise = this.sources
        .getSchema(node.accountId, node.job.servicePrincipalId, node.job.jobId)
        .then((value) => void this.schemas.set(node.id, { status: 'loaded', value }))
        .catch((error: unknown) => void this.schemas.set(node.id, { status: 'error', error }));
      entry = { status: 'loading', promise };
      this.schemas.set(node.id, entry);
    }
    if (entry.status === 'loading') {
      await entry.promise;
      entry = this.schemas.get(node.id);
    }
    if (!entry || entry.status === 'loading') return [];
    if (entry.status === 'error') return [this.errorNode(node, entry.error, 'schema', this.tenants.get(node.accountId)?.info)];
    const rules = ruleNodes(node.id, node.accountId, entry.value).map((r) => this.intern(r));
    if (rules.length === 0) return [this.messageNode(node, 'The schema has no synchronization rules', 'info')];
    return this.paged(node.id, rules);
  }

  private async logChildren(node: LogsNode): Promise<TreeNode[]> {
    let entry = this.logs.get(node.id);
    if (!entry) {
      const promise = this.sources
        .listLogs(node.accountId, node.job, this.logFilterOf(node.job))
        .then((page) => void this.logs.set(node.id, { status: 'loaded', value: { entries: page.entries, next: page.next, error: undefined, loading: undefined } }))
        .catch((error: unknown) => void this.logs.set(node.id, { status: 'error', error }));
      entry = { status: 'loading', promise };
      this.logs.set(node.id, entry);
    }
    if (entry.status === 'loading') {
      await entry.promise;
      entry = this.logs.get(node.id);
    }
    if (!entry || entry.status === 'loading') return [];
    const info = this.tenants.get(node.accountId)?.info;
    if (entry.status === 'error') return [this.errorNode(node, entry.error, 'logs', info)];
    const state = entry.value;
    const sorted = [...state.entries].sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime));
    const limit = this.limits.limitOf(node.id);
    const { shown, remaining } = pageOf(sorted, limit);
    const rows: TreeNode[] = shown.map((logEntry) =>
      this.intern({
        kind: 'logEntry',
        id: `${node.id}/${logEntry.id}`,
        parentId: node.id,
        accountId: node.accountId,
        job: node.job,
        entry: logEntry,
        summary: summarizeLogEntry(logEntry, this.now()),
      }),
    );
    if (remaining > 0 || state.next) rows.push(this.loadMoreNode(node.id, node.accountId, state.next ? undefined : remaining));
    if (state.error !== undefined) rows.push(this.errorNode(node, state.error, 'logs', info));
    if (rows.length === 0) {
      rows.push(this.messageNode(node, node.filterDescription ? 'No provisioning events match the filter' : 'No provisioning events for this job yet', 'info'));
    }
    return rows;
  }

  private async fetchMoreLogs(logsId: string, state: LogsState): Promise<void> {
    if (state.loading) return state.loading;
    const next = state.next;
    if (!next) return;
    state.loading = next()
      .then((page) => {
        const known = new Set(state.entries.map((e) => e.id));
        state.entries.push(...page.entries.filter((e) => !known.has(e.id)));
        state.next = page.next;
        state.error = undefined;
      })
      .catch((error: unknown) => {
        state.error = error;
      })
      .finally(() => {
        state.loading = undefined;
        this.emit(logsId);
      });
    return state.loading;
  }

  // ---- discovery ----------------------------------------------------------------------------------------------

  private startDiscovery(state: TenantState): void {
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    // A refresh keeps showing the apps already known; each is replaced as its new answer arrives, and apps that
    // no longer have jobs are dropped at the end.
    const seen = new Set<string>();
    const nodeId = tenantNodeId(state.info.accountId);
    state.state = 'loading';
    state.error = undefined;
    state.progress = undefined;
    if (!state.nameAsked && !state.naming) this.readTenantName(state);
    this.setBusy(+1);
    const run = this.sources
      .discover(state.info.accountId, {
        signal: controller.signal,
        onApp: (app) => {
          if (state.controller !== controller) return;
          seen.add(app.servicePrincipal.id);
          state.apps.set(app.servicePrincipal.id, app);
          this.emitSoon(nodeId);
          this.emitSoon(appNodeId(state.info.accountId, app.servicePrincipal.id));
        },
        onProgress: (progress) => {
          if (state.controller !== controller) return;
          state.progress =
            progress.total !== undefined
              ? `scanning ${formatCount(progress.scanned)} of ${formatCount(progress.total)} apps`
              : `scanning ${formatCount(progress.scanned)} apps`;
          this.emitSoon(nodeId);
        },
      })
      .then((result) => {
        if (state.controller !== controller) return;
        const failed = new Set(result.errors.map((e) => e.servicePrincipalId));
        for (const id of [...state.apps.keys()]) if (!seen.has(id) && !failed.has(id)) state.apps.delete(id);
        state.skipped = result.errors;
        state.state = 'loaded';
      })
      .catch((error: unknown) => {
        if (state.controller !== controller) return;
        state.state = 'error';
        state.error = controller.signal.aborted && !(error instanceof GraphError && error.kind === 'cancelled')
          ? new GraphError('The discovery of provisioning apps was cancelled.', { kind: 'cancelled', method: 'GET', path: '/servicePrincipals' })
          : error;
      })
      .finally(() => {
        this.setBusy(-1);
        if (state.controller !== controller) return;
        state.progress = undefined;
        state.controller = undefined;
        state.run = undefined;
        this.emit(nodeId);
      });
    state.run = run;
  }

  /** Reads the tenant's name next to its discovery; without it the tenant keeps showing its id. */
  private readTenantName(state: TenantState): void {
    const read = this.sources.tenantName;
    if (!read) return;
    const accountId = state.info.accountId;
    const controller = new AbortController();
    state.namingController = controller;
    state.naming = read(accountId, controller.signal)
      .catch(() => undefined)
      .then((name) => {
        if (this.tenants.get(accountId) !== state) return;
        // Graph answered, with the name or with a refusal: asking again would get the same answer.
        state.nameAsked = true;
        if (!name) return;
        state.name = name;
        state.info = withTenantName(state.info, name);
        // The label changes and tenants are sorted by it: every row is redrawn.
        this.emit(undefined);
      })
      .finally(() => {
        state.naming = undefined;
        state.namingController = undefined;
      });
  }

  private setBusy(delta: number): void {
    const was = this.busyCount > 0;
    this.busyCount += delta;
    const is = this.busyCount > 0;
    if (was !== is) for (const listener of this.busyListeners) listener(is);
  }

  // ---- node building ------------------------------------------------------------------------------------------

  private tenantNode(state: TenantState): TenantNode {
    let problemCount = 0;
    const now = this.now();
    for (const app of state.apps.values()) for (const job of app.jobs) if (PROBLEM_HEALTH.has(presentJob(job, now).health)) problemCount++;
    return this.intern<TenantNode>({
      kind: 'tenant',
      id: tenantNodeId(state.info.accountId),
      parentId: undefined,
      accountId: state.info.accountId,
      tenant: state.info,
      state: state.state,
      progress: state.progress,
      problemCount,
    });
  }

  private appNode(state: TenantState, app: TreeApp): AppNode {
    const ref = appRefOf(state.info, app);
    const now = this.now();
    const presented = app.jobs.map((job) => presentJob(job, now));
    const worst = [...presented].sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health])[0];
    return this.intern<AppNode>({
      kind: 'app',
      id: appNodeId(state.info.accountId, app.servicePrincipal.id),
      parentId: tenantNodeId(state.info.accountId),
      accountId: state.info.accountId,
      app: ref,
      pinned: this.isPinned(ref),
      jobs: app.jobs,
      worst,
      tooltipMarkdown: appTooltip(ref, presented, app.jobs),
    });
  }

  private jobNodeOf(state: TenantState, app: TreeApp, job: SynchronizationJob): JobNode {
    const presentation = presentJob(job, this.now());
    return this.intern<JobNode>({
      kind: 'job',
      id: jobNodeId(state.info.accountId, app.servicePrincipal.id, job.id),
      parentId: appNodeId(state.info.accountId, app.servicePrincipal.id),
      accountId: state.info.accountId,
      job: jobRefOf(state.info, app, job),
      raw: job,
      presentation,
      health: presentation.health,
    });
  }

  private errorNode(parent: TreeNode, error: unknown, kind: LoadKind, info: TenantInfo | undefined): ErrorNode {
    const text = describeLoadError(error, kind, info ? { kind: info.accountKind, clientId: info.clientId } : {});
    return this.intern<ErrorNode>({
      kind: 'error',
      id: errorNodeId(parent.id),
      parentId: parent.id,
      accountId: parent.accountId,
      label: text.label,
      tooltipMarkdown: text.tooltipMarkdown,
      needsSignIn: text.needsSignIn,
    });
  }

  private messageNode(parent: TreeNode, label: string, icon: 'info' | 'loading' | 'filter' | 'warning', suffix = 'message'): TreeNode {
    return this.intern({ kind: 'message', id: `${parent.id}/${suffix}`, parentId: parent.id, accountId: parent.accountId, label, icon });
  }

  private loadMoreNode(parentId: string, accountId: string, remaining: number | undefined): TreeNode {
    return this.intern({ kind: 'loadMore', id: loadMoreNodeId(parentId), parentId, accountId, remaining });
  }

  private paged(parentId: string, rows: TreeNode[]): TreeNode[] {
    const { shown, remaining } = pageOf(rows, this.limits.limitOf(parentId));
    const accountId = rows[0]?.accountId ?? '';
    return remaining > 0 ? [...shown, this.loadMoreNode(parentId, accountId, remaining)] : shown;
  }

  private sortedApps(state: TenantState): TreeApp[] {
    const pinned = new Set(this.pins.get(state.info.tenantId));
    return [...state.apps.values()].sort((a, b) =>
      compareApps(
        { name: a.servicePrincipal.displayName, id: a.servicePrincipal.id, pinned: pinned.has(a.servicePrincipal.id) },
        { name: b.servicePrincipal.displayName, id: b.servicePrincipal.id, pinned: pinned.has(b.servicePrincipal.id) },
      ),
    );
  }

  private filterable(app: TreeApp): { name: string; templateIds: string[]; health: JobHealth[] } {
    const now = this.now();
    return {
      name: app.servicePrincipal.displayName,
      templateIds: app.jobs.map((j) => j.templateId),
      health: app.jobs.map((j) => presentJob(j, now).health),
    };
  }

  /** Keeps one object per id: VS Code refreshes a row only when handed the object it got from getChildren. */
  private intern<T extends TreeNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind) {
      for (const key of Object.keys(existing)) if (!(key in node)) delete (existing as unknown as Record<string, unknown>)[key];
      Object.assign(existing, node);
      return existing as T;
    }
    this.nodes.set(node.id, node);
    return node;
  }

  private jobId(job: { accountId: string; servicePrincipalId: string; jobId: string }): string {
    return jobNodeId(job.accountId, job.servicePrincipalId, job.jobId);
  }

  /** Drops cached schema/logs/limits below a row (its data is reloaded on next expand). */
  private dropDetails(prefix: string): void {
    for (const map of [this.schemas, this.logs, this.appErrors] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) map.delete(key);
    }
    this.limits.reset(prefix);
  }

  private forget(prefix: string): void {
    this.dropDetails(prefix);
    for (const key of [...this.nodes.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) this.nodes.delete(key);
  }

  private emitTenantsOf(tenantId: string): void {
    for (const state of this.tenants.values()) if (state.info.tenantId === tenantId) this.emit(tenantNodeId(state.info.accountId));
  }

  // ---- change events ------------------------------------------------------------------------------------------

  private emit(nodeId: string | undefined): void {
    this.pending.add(nodeId);
    this.flush();
  }

  /** Many quick changes (apps streaming in) become one refresh of each row. */
  private emitSoon(nodeId: string): void {
    this.pending.add(nodeId);
    if (this.emitDelayMs <= 0) return this.flush();
    this.flushTimer ??= setTimeout(() => this.flush(), this.emitDelayMs);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const pending = this.pending;
    this.pending = new Set();
    if (pending.has(undefined)) {
      for (const listener of this.listeners) listener(undefined);
      return;
    }
    for (const id of pending) {
      const node = id === undefined ? undefined : this.nodes.get(id);
      // A row VS Code has never been given needs no refresh; its parent's refresh will list it.
      if (!node) continue;
      // VS Code asks getTreeItem for the same object again, so its fields must say what is true now.
      if (!this.rebuild(node)) continue;
      for (const listener of this.listeners) listener(node);
    }
  }

  /** Brings a row's own fields up to date; false when the row no longer exists (its parent's refresh drops it). */
  private rebuild(node: TreeNode): boolean {
    const state = this.tenants.get(node.accountId);
    if (!state) return false;
    switch (node.kind) {
      case 'tenant':
        this.tenantNode(state);
        return true;
      case 'app': {
        const app = state.apps.get(node.app.servicePrincipalId);
        if (app) this.appNode(state, app);
        return app !== undefined;
      }
      case 'job': {
        const app = state.apps.get(node.job.servicePrincipalId);
        const job = app?.jobs.find((j) => j.id === node.job.jobId);
        if (app && job) this.jobNodeOf(state, app, job);
        return job !== undefined;
      }
      case 'logs': {
        const job = this.nodes.get(node.parentId!);
        if (job?.kind === 'job') this.logsNode(job);
        return true;
      }
      default:
        return true;
    }
  }
}

function newTenantState(info: TenantInfo): TenantState {
  return {
    info,
    state: 'idle',
    apps: new Map(),
    progress: undefined,
    error: undefined,
    skipped: [],
    controller: undefined,
    run: undefined,
    name: undefined,
    nameAsked: false,
    naming: undefined,
    namingController: undefined,
  };
}

/** Which job an app row speaks for: the most urgent first. */
const HEALTH_RANK: Record<JobHealth, number> = {
  quarantine: 0,
  failing: 1,
  disabled: 2,
  paused: 3,
  notConfigured: 4,
  notRun: 5,
  active: 6,
};

function appTooltip(app: AppRef, presented: JobPresentation[], jobs: SynchronizationJob[]): string {
  const ids = [
    `App ID: ${markdownCode(app.appId)}`,
    `Service principal: ${markdownCode(app.servicePrincipalId)}`,
    `Tenant: ${markdownCode(app.tenantId)}`,
  ].join(BR);
  const jobLines = jobs.map((job, i) => `- ${markdownCode(job.templateId)}: ${escapeMarkdown(presented[i]!.description)}`).join('\n');
  return [`**${escapeMarkdown(app.appName)}**`, ids, jobLines].join('\n\n');
}

/** `failure · create · “jane” · since 2026-11-03 14:05 UTC` for the logs row; undefined without a filter. */
export function describeLogFilter(filter: JobLogFilter): string | undefined {
  const parts: string[] = [];
  if (filter.status) parts.push(filter.status);
  if (filter.action) parts.push(filter.action);
  if (filter.user?.trim()) parts.push(`“${filter.user.trim()}”`);
  const since = filter.since === undefined ? undefined : new Date(filter.since);
  if (since && !Number.isNaN(since.getTime())) parts.push(`since ${formatUtc(since)}`);
  const until = filter.until === undefined ? undefined : new Date(filter.until);
  if (until && !Number.isNaN(until.getTime())) parts.push(`until ${formatUtc(until)}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
