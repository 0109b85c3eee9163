// The Provisioning Jobs tree's TreeDataProvider: a thin bridge from the core JobsTreeModel (which decides every
// row) to VS Code. It is also what the extension API exports as `jobsTree`, so integration tests read the very rows
// the view shows (getChildren / getTreeItem) without scraping the UI.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { JobsTreeModel } from '../../provisioning/tree/jobsTreeModel';
import type { TreeNode } from '../../provisioning/tree/nodes';
import { treeItemFor } from './treeItems';

export class JobsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    readonly model: JobsTreeModel,
    private readonly logger: Logger,
  ) {
    this.subscription = model.onDidChange((node) => this.changed.fire(node));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemFor(node);
  }

  /** Never rejects: load failures are error rows (decided by the model); anything else is logged. */
  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      return await this.model.children(node);
    } catch (error) {
      this.logger.error(`Jobs tree: listing ${node?.id ?? 'the tenants'} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return [];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.model.parent(node);
  }

  /** Rediscovers every tenant; resolves when done (the refresh command, auto-refresh and tests). */
  refresh(): Promise<void> {
    return this.model.refreshAll();
  }

  /** Resolves when no discovery is running. */
  whenIdle(): Promise<void> {
    return this.model.whenIdle();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
