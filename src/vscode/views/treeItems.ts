// Turns a tree node (decided by the core model) into what VS Code draws: label, description, codicon and theme
// colour, Markdown tooltip, contextValue for the menus, and the command a click runs. Nothing is decided here.
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../provisioning/format';
import type { TreeNode } from '../../provisioning/tree/nodes';

export const TREE_COMMANDS = {
  loadMore: 'entraProvisioning.loadMore',
  retry: 'entraProvisioning.retry',
  explainLogEntry: 'entraProvisioning.explainLogEntry',
} as const;

/**
 * contextValue of a job row: `job.<health>` followed by the controls that apply now, e.g.
 * `job.quarantine.canStart.canPause.canRestart` (package.json menus match these with regular expressions).
 */
export function jobContextValue(node: Extract<TreeNode, { kind: 'job' }>): string {
  const { actions } = node.presentation;
  return ['job', node.health, actions.start ? 'canStart' : '', actions.pause ? 'canPause' : '', actions.restart ? 'canRestart' : '']
    .filter(Boolean)
    .join('.');
}

export function treeItemFor(node: TreeNode): vscode.TreeItem {
  const item = new vscode.TreeItem(labelOf(node), collapsibleStateOf(node));
  item.id = node.id;
  switch (node.kind) {
    case 'tenant': {
      const extras = [node.progress, node.problemCount > 0 ? vscode.l10n.t('{0} need attention', node.problemCount) : undefined].filter(Boolean);
      item.description = [node.tenant.description, ...extras].join(' · ');
      item.iconPath = new vscode.ThemeIcon(node.state === 'loading' ? 'loading~spin' : 'organization');
      item.contextValue = node.state === 'loading' ? 'tenant.loading' : 'tenant';
      item.tooltip = markdown(
        [
          node.tenant.displayName ? `**${escapeMarkdown(node.tenant.displayName)}**` : undefined,
          `${vscode.l10n.t('Tenant ID')} \`${node.tenant.tenantId}\``,
          node.tenant.defaultDomain ? `${vscode.l10n.t('Default domain')} \`${node.tenant.defaultDomain}\`` : undefined,
          `${vscode.l10n.t('Signed in as')} ${escapeMarkdown(node.tenant.description)}`,
          node.progress ? escapeMarkdown(node.progress) : undefined,
        ]
          .filter(Boolean)
          .join('  \n'),
      );
      break;
    }
    case 'app': {
      const worst = node.worst;
      const summary =
        node.jobs.length === 1 || !worst
          ? worst?.description
          : vscode.l10n.t('{0} jobs · {1}', node.jobs.length, worst.stateLabel);
      item.description = [summary, node.pinned ? vscode.l10n.t('pinned') : undefined].filter(Boolean).join(' · ');
      item.iconPath = worst ? new vscode.ThemeIcon(worst.icon, new vscode.ThemeColor(worst.color)) : new vscode.ThemeIcon('extensions');
      item.contextValue = node.pinned ? 'app.pinned' : 'app';
      item.tooltip = markdown(node.tooltipMarkdown);
      break;
    }
    case 'job':
      item.description = node.presentation.description;
      item.iconPath = new vscode.ThemeIcon(node.presentation.icon, new vscode.ThemeColor(node.presentation.color));
      item.contextValue = jobContextValue(node);
      item.tooltip = markdown(node.presentation.tooltipMarkdown);
      break;
    case 'status':
      item.iconPath = new vscode.ThemeIcon('pulse');
      item.contextValue = 'status';
      break;
    case 'figure':
      item.description = node.value;
      item.tooltip = `${node.label}: ${node.value}`;
      item.contextValue = 'figure';
      break;
    case 'schema':
      item.iconPath = new vscode.ThemeIcon('symbol-structure');
      item.tooltip = vscode.l10n.t('The job\'s rules, object mappings and attribute mappings. Edit Job Schema opens them for editing.');
      item.contextValue = 'schema';
      break;
    case 'rule':
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.contextValue = 'schemaRule';
      break;
    case 'objectMapping':
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.mapping.enabled ? 'symbol-class' : 'circle-slash');
      item.tooltip = markdown(node.tooltipMarkdown);
      item.contextValue = 'objectMapping';
      break;
    case 'attributeMapping':
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.mapping.matchingPriority > 0 ? 'key' : 'symbol-field');
      item.tooltip = markdown(node.tooltipMarkdown);
      item.contextValue = 'attributeMapping';
      break;
    case 'logs':
      item.description = node.filterDescription;
      item.iconPath = new vscode.ThemeIcon(node.filterDescription ? 'filter' : 'history');
      item.contextValue = node.filterDescription ? 'logs.filtered' : 'logs';
      break;
    case 'logEntry':
      item.description = node.summary.description;
      item.iconPath = new vscode.ThemeIcon(node.summary.icon, new vscode.ThemeColor(node.summary.color));
      item.tooltip = markdown(node.summary.tooltipMarkdown);
      item.contextValue = node.summary.explanation ? 'logEntry.explained' : 'logEntry';
      if (node.summary.explanation) {
        item.command = { command: TREE_COMMANDS.explainLogEntry, title: vscode.l10n.t('Explain'), arguments: [node] };
      }
      break;
    case 'loadMore':
      item.description = node.remaining !== undefined ? vscode.l10n.t('{0} more', node.remaining) : undefined;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'loadMore';
      item.command = { command: TREE_COMMANDS.loadMore, title: vscode.l10n.t('Load More'), arguments: [node] };
      break;
    case 'error':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.tooltip = markdown(node.tooltipMarkdown);
      item.contextValue = node.needsSignIn ? 'error.signIn' : 'error';
      item.command = { command: TREE_COMMANDS.retry, title: vscode.l10n.t('Retry'), arguments: [node] };
      break;
    case 'message':
      item.iconPath = new vscode.ThemeIcon(MESSAGE_ICONS[node.icon]);
      item.contextValue = 'message';
      break;
  }
  return item;
}

const MESSAGE_ICONS = { info: 'info', loading: 'loading~spin', filter: 'filter', warning: 'warning' } as const;

function labelOf(node: TreeNode): string {
  switch (node.kind) {
    case 'tenant':
      return node.tenant.label;
    case 'app':
      return node.app.appName;
    case 'job':
      return node.job.templateId;
    case 'status':
      return vscode.l10n.t('Status');
    case 'schema':
      return vscode.l10n.t('Schema');
    case 'logs':
      return vscode.l10n.t('Recent provisioning logs');
    case 'loadMore':
      return vscode.l10n.t('Load more…');
    case 'logEntry':
      return node.summary.label;
    default:
      return node.label;
  }
}

function collapsibleStateOf(node: TreeNode): vscode.TreeItemCollapsibleState {
  switch (node.kind) {
    case 'tenant':
      return vscode.TreeItemCollapsibleState.Expanded;
    case 'app':
    case 'job':
    case 'status':
    case 'schema':
    case 'rule':
    case 'objectMapping':
    case 'logs':
      return vscode.TreeItemCollapsibleState.Collapsed;
    default:
      return vscode.TreeItemCollapsibleState.None;
  }
}

/** Tooltips hold Graph text the core already escaped; they are never trusted (no command links). */
function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
