// Status bar item: how many provisioning jobs need attention (quarantined or failing) across the signed-in tenants
// discovered so far. Hidden when there is nothing to report; a click reveals the jobs in the tree.
import * as vscode from 'vscode';
import type { JobsTreeModel } from '../../provisioning/tree/jobsTreeModel';

export const SHOW_PROBLEMS_COMMAND = 'entraProvisioning.showProblems';

export function createProblemsStatusBar(model: JobsTreeModel): vscode.Disposable & { readonly item: vscode.StatusBarItem } {
  const item = vscode.window.createStatusBarItem('entraProvisioning.problems', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Entra Provisioning: jobs needing attention');
  item.command = SHOW_PROBLEMS_COMMAND;
  const update = () => {
    const { quarantined, failing, tenants } = model.problems();
    const total = quarantined + failing;
    if (tenants === 0 || total === 0) {
      item.hide();
      return;
    }
    item.text = `$(warning) ${total}`;
    item.backgroundColor = quarantined > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = vscode.l10n.t(
      'Provisioning jobs needing attention: {0} quarantined, {1} failing. Click to show them.',
      quarantined,
      failing,
    );
    item.accessibilityInformation = { label: item.tooltip };
    item.show();
  };
  update();
  const subscription = model.onDidChange(update);
  return {
    item,
    dispose() {
      subscription.dispose();
      item.dispose();
    },
  };
}
