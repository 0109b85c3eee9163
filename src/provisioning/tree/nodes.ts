// The Provisioning Jobs tree as plain data: every row the view shows is one of these nodes, built by
// JobsTreeModel from the signed-in accounts and what discovery, the schema and the logs calls returned. The VS Code
// adapter only turns a node into a TreeItem; it never decides what a row says.
import type { Account } from '../../auth/accounts';
import type { AttributeMapping, ObjectMapping, ProvisioningObjectSummary, SynchronizationJob, SynchronizationRule } from '../../graph/model';
import type { JobHealth, JobPresentation } from '../jobPresentation';
import type { LogEntrySummary } from '../logs';
import { tenantLabel, tenantRowLabel, type TenantDirectoryName } from '../tenantName';

/** One signed-in account, seen as the tenant it opens. */
export interface TenantInfo {
  accountId: string;
  tenantId: string;
  /** The tenant row's label: its display name when known, else the id (see tenantRowLabel). */
  label: string;
  /** From GET /organization, once read; undefined while unknown or when Graph would not say (403 app-only). */
  displayName?: string;
  /** The tenant's default verified domain, when the organization was read. */
  defaultDomain?: string;
  /** `username · cloud`. */
  description: string;
  /** Entra admin center / portal root of the account's cloud, for links. */
  portal: string;
  /** For explanations of permission errors (app permissions vs delegated scopes and roles). */
  accountKind: 'user' | 'app';
  clientId: string;
}

/** How an account appears as a tenant row: the tenant, then who is signed in and to which cloud. */
export function tenantInfoOf(account: Account): TenantInfo {
  const who = account.kind === 'app' ? `app ${account.username}` : account.username;
  return {
    accountId: account.id,
    tenantId: account.tenantId,
    label: tenantRowLabel({ tenantId: account.tenantId }),
    description: `${who} · ${account.cloud.label}`,
    portal: account.cloud.portal,
    accountKind: account.kind,
    clientId: account.clientId,
  };
}

/** The same tenant, now known by name (the name is kept with the tenant; the id stays in tooltips and modals). */
export function withTenantName(info: TenantInfo, name: TenantDirectoryName | undefined): TenantInfo {
  if (!name) return info;
  const named: TenantInfo = { ...info, displayName: name.displayName };
  if (name.defaultDomain) named.defaultDomain = name.defaultDomain;
  return { ...named, label: tenantRowLabel(named) };
}

/** A service principal with provisioning, as discovery found it. */
export interface TreeApp {
  servicePrincipal: { id: string; appId: string; displayName: string; tags?: string[] };
  jobs: SynchronizationJob[];
}

/** Everything a job command needs to act on a job and to name it in a confirmation. */
export interface JobRef {
  accountId: string;
  tenantId: string;
  tenantLabel: string;
  servicePrincipalId: string;
  appId: string;
  appName: string;
  jobId: string;
  templateId: string;
}

/** Everything an app-level command (pin, copy ids, refresh) needs. */
export interface AppRef {
  accountId: string;
  tenantId: string;
  tenantLabel: string;
  servicePrincipalId: string;
  appId: string;
  appName: string;
}

interface NodeBase {
  /** Unique in the whole tree and stable across refreshes (VS Code keeps expansion and selection by it). */
  id: string;
  /** The row this one is listed under (undefined for tenants); TreeView.reveal walks up through it. */
  parentId: string | undefined;
  accountId: string;
}

export type TenantLoadState = 'idle' | 'loading' | 'loaded' | 'error';

export interface TenantNode extends NodeBase {
  kind: 'tenant';
  tenant: TenantInfo;
  state: TenantLoadState;
  /** E.g. "scanning 400 of 5,000 apps" while discovery runs. */
  progress: string | undefined;
  /** Quarantined + failing jobs among the apps found so far. */
  problemCount: number;
}

export interface AppNode extends NodeBase {
  kind: 'app';
  app: AppRef;
  pinned: boolean;
  jobs: SynchronizationJob[];
  /** The most urgent of the app's jobs, shown on the app row. */
  worst: JobPresentation | undefined;
  tooltipMarkdown: string;
}

export interface JobNode extends NodeBase {
  kind: 'job';
  job: JobRef;
  raw: SynchronizationJob;
  presentation: JobPresentation;
  /** Which job commands apply (also encoded in the VS Code contextValue `job.<health>`). */
  health: JobHealth;
}

export interface StatusNode extends NodeBase {
  kind: 'status';
  job: JobRef;
}

export interface FigureNode extends NodeBase {
  kind: 'figure';
  label: string;
  value: string;
}

export interface SchemaNode extends NodeBase {
  kind: 'schema';
  job: JobRef;
}

export interface RuleNode extends NodeBase {
  kind: 'rule';
  rule: SynchronizationRule;
  label: string;
  description: string;
}

export interface ObjectMappingNode extends NodeBase {
  kind: 'objectMapping';
  mapping: ObjectMapping;
  label: string;
  description: string;
  tooltipMarkdown: string;
}

export interface AttributeMappingNode extends NodeBase {
  kind: 'attributeMapping';
  mapping: AttributeMapping;
  label: string;
  description: string;
  tooltipMarkdown: string;
}

export interface LogsNode extends NodeBase {
  kind: 'logs';
  job: JobRef;
  /** "failures · last 24 hours" when a filter is set. */
  filterDescription: string | undefined;
}

export interface LogEntryNode extends NodeBase {
  kind: 'logEntry';
  job: JobRef;
  entry: ProvisioningObjectSummary;
  summary: LogEntrySummary;
}

export interface LoadMoreNode extends NodeBase {
  kind: 'loadMore';
  /** The node whose list grows when this row is clicked. */
  parentId: string;
  /** Known count of rows not shown yet (undefined when the server has more pages of unknown size). */
  remaining: number | undefined;
}

export interface ErrorNode extends NodeBase {
  kind: 'error';
  /** The node whose load failed; Retry reloads it. */
  parentId: string;
  label: string;
  /** Graph's message, code and request ids, plus what to do about it. */
  tooltipMarkdown: string;
  /** The account must sign in again before a retry can succeed (the row offers Sign In). */
  needsSignIn: boolean;
}

export interface MessageNode extends NodeBase {
  kind: 'message';
  label: string;
  icon: 'info' | 'loading' | 'filter' | 'warning';
}

export type TreeNode =
  | TenantNode
  | AppNode
  | JobNode
  | StatusNode
  | FigureNode
  | SchemaNode
  | RuleNode
  | ObjectMappingNode
  | AttributeMappingNode
  | LogsNode
  | LogEntryNode
  | LoadMoreNode
  | ErrorNode
  | MessageNode;

export type TreeNodeKind = TreeNode['kind'];

// ---- ids ----------------------------------------------------------------------------------------------------------
// Ids nest like paths so a node's parent is found from its id alone (TreeView.reveal needs getParent).

export const tenantNodeId = (accountId: string): string => `tenant/${accountId}`;
export const appNodeId = (accountId: string, spId: string): string => `${tenantNodeId(accountId)}/app/${spId}`;
export const jobNodeId = (accountId: string, spId: string, jobId: string): string => `${appNodeId(accountId, spId)}/job/${jobId}`;
export const statusNodeId = (jobNode: string): string => `${jobNode}/status`;
export const schemaNodeId = (jobNode: string): string => `${jobNode}/schema`;
export const logsNodeId = (jobNode: string): string => `${jobNode}/logs`;
export const loadMoreNodeId = (parentId: string): string => `${parentId}/more`;
export const errorNodeId = (parentId: string): string => `${parentId}/error`;

export function jobRefOf(tenant: TenantInfo, app: TreeApp, job: SynchronizationJob): JobRef {
  return { ...appRefOf(tenant, app), jobId: job.id, templateId: job.templateId };
}

export function appRefOf(tenant: TenantInfo, app: TreeApp): AppRef {
  return {
    accountId: tenant.accountId,
    tenantId: tenant.tenantId,
    tenantLabel: tenantLabel(tenant),
    servicePrincipalId: app.servicePrincipal.id,
    appId: app.servicePrincipal.appId,
    appName: app.servicePrincipal.displayName,
  };
}
