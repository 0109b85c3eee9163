// Registers the migration commands, the read-only plan documents' scheme, and a look for unfinished migrations a
// few seconds after start-up. Light on purpose (activation budget): the commands' modules and the migration core
// are required on first use.
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import type { AccountsSource } from '../../provisioning/tree/graphSources';
import type { JobsView } from '../views/jobsView';
import { safeCommand } from '../commands/actionRunner';
import type { PlanDocuments } from './planDocument';
import type { MigrationDeps } from './run';

/** Kept equal to run.ts's MIGRATION_COMMANDS (not imported: that module loads on first use). */
export const MIGRATION_COMMAND_IDS = {
  migrate: 'entraProvisioning.migrateJob',
  apply: 'entraProvisioning.applyMigrationPlan',
  schemaDiff: 'entraProvisioning.showMigrationSchemaDiff',
  resume: 'entraProvisioning.resumeMigration',
  rollback: 'entraProvisioning.rollbackMigration',
} as const;
/** Kept equal to planDocument.ts's MIGRATION_SCHEME. */
export const MIGRATION_SCHEME = 'entra-provisioning-migration';
/** How long after activation the unfinished-migration check runs (it reads the storage folder, off the start-up path). */
const UNFINISHED_CHECK_DELAY_MS = 4_000;

export function registerMigration(context: vscode.ExtensionContext, view: JobsView, accounts: AccountsSource, logger: Logger): vscode.Disposable {
  let documents: PlanDocuments | undefined;
  let deps: MigrationDeps | undefined;
  const load = (): MigrationDeps => {
    if (!deps) {
      const { PlanDocuments: Documents } = require('./planDocument') as typeof import('./planDocument');
      const { migrationsRoot } = require('./storage') as typeof import('./storage');
      documents = new Documents();
      deps = { model: view.model, accounts, logger, storageRoot: migrationsRoot(context.globalStorageUri), documents };
    }
    return deps;
  };
  const command = (id: string, run: (deps: MigrationDeps, input: unknown) => Promise<unknown>) =>
    safeCommand(id, logger, async (input: unknown) => run(load(), input));

  const timer = setTimeout(() => {
    const { notifyUnfinished } = require('./journals') as typeof import('./journals');
    notifyUnfinished(load()).catch((error: unknown) => logger.warn(`Could not look for unfinished migrations: ${(error as Error).message}`));
  }, UNFINISHED_CHECK_DELAY_MS);

  return vscode.Disposable.from(
    { dispose: () => clearTimeout(timer) },
    vscode.workspace.registerTextDocumentContentProvider(MIGRATION_SCHEME, {
      provideTextDocumentContent: (uri) => load().documents.provideTextDocumentContent(uri),
    }),
    command(MIGRATION_COMMAND_IDS.migrate, (d, input) => (require('./command') as typeof import('./command')).migrateJob(d, input)),
    command(MIGRATION_COMMAND_IDS.apply, (d, input) => (require('./command') as typeof import('./command')).applyPlanDocument(d, input)),
    command(MIGRATION_COMMAND_IDS.schemaDiff, (d, input) => (require('./command') as typeof import('./command')).showSchemaDiff(d, input)),
    command(MIGRATION_COMMAND_IDS.resume, (d, input) => (require('./journals') as typeof import('./journals')).resumeMigrationCommand(d, input)),
    command(MIGRATION_COMMAND_IDS.rollback, (d, input) => (require('./journals') as typeof import('./journals')).rollbackMigrationCommand(d, input)),
  );
}
