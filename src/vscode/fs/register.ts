// Registers schema editing: the `entra-provisioning:` file system (a job's schema as a document), the read-only
// snapshot scheme for diffs, the commands, and the save-reason tracking that keeps auto save away from Entra.
// Light on purpose (activation budget): the provider's implementation, the save flow and the commands are required
// when first used — a restored schema editor, or a command.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { AccountsSource } from '../../provisioning/tree/graphSources';
import { safeCommand } from '../commands/actionRunner';
import type { JobsView } from '../views/jobsView';
import type { SchemaCommandDeps } from './commands';
import type { SchemaFileSystem } from './schemaFileSystem';
import { RemoteSnapshots } from './snapshots';
import { SCHEMA_SCHEME, SNAPSHOT_SCHEME } from './schemes';

export { SCHEMA_SCHEME, SNAPSHOT_SCHEME };

export const SCHEMA_COMMANDS = {
  open: 'entraProvisioning.openSchema',
  save: 'entraProvisioning.saveSchema',
  pull: 'entraProvisioning.pullSchema',
  push: 'entraProvisioning.pushSchema',
  compare: 'entraProvisioning.compareSchemas',
  reset: 'entraProvisioning.resetSchema',
} as const;

export function registerSchemaEditing(context: vscode.ExtensionContext, view: JobsView, accounts: AccountsSource, logger: Logger): vscode.Disposable {
  const snapshots = new RemoteSnapshots();
  const changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  let fs: SchemaFileSystem | undefined;
  let deps: SchemaCommandDeps | undefined;
  const load = (): SchemaCommandDeps => {
    if (!deps) {
      const { SchemaFileSystem: Provider } = require('./schemaFileSystem') as typeof import('./schemaFileSystem');
      const base = { model: view.model, accounts, logger, snapshots };
      fs = new Provider(base, changed);
      deps = { ...base, fs, state: context.workspaceState };
    }
    return deps;
  };
  const provider = (): SchemaFileSystem => load().fs;

  // Delegates to the real provider, created on the first call.
  const lazyProvider: vscode.FileSystemProvider = {
    onDidChangeFile: changed.event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: (uri) => provider().stat(uri),
    readDirectory: (uri) => provider().readDirectory(uri),
    createDirectory: (uri) => provider().createDirectory(uri),
    readFile: (uri) => provider().readFile(uri),
    writeFile: (uri, content) => provider().writeFile(uri, content),
    delete: (uri) => provider().delete(uri),
    rename: (uri) => provider().rename(uri),
  };

  const command = (id: string, run: (commands: typeof import('./commands'), deps: SchemaCommandDeps, input: unknown) => unknown) =>
    safeCommand(id, logger, async (input: unknown) => run(require('./commands') as typeof import('./commands'), load(), input));

  return vscode.Disposable.from(
    changed,
    snapshots,
    vscode.workspace.registerFileSystemProvider(SCHEMA_SCHEME, lazyProvider, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, snapshots),
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (event.document.uri.scheme === SCHEMA_SCHEME) provider().noteSaveReason(event.document.uri, event.reason);
    }),
    command(SCHEMA_COMMANDS.open, (c, d, input) => c.openSchema(d, input)),
    command(SCHEMA_COMMANDS.save, (c, d, input) => c.saveSchema(d, input)),
    command(SCHEMA_COMMANDS.pull, (c, d, input) => c.pullSchema(d, input)),
    command(SCHEMA_COMMANDS.push, (c, d, input) => c.pushSchema(d, input)),
    command(SCHEMA_COMMANDS.compare, (c, d, input) => c.compareSchemas(d, input)),
    command(SCHEMA_COMMANDS.reset, (c, d, input) => c.resetSchema(d, input)),
  );
}
