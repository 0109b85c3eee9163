// Where the extension keeps migration backups and journals: one folder per migration under
// `<globalStorageUri>/migrations/`. On a local file system (desktop, and the server side of remote windows, where this
// extension host runs) the core's DirectoryStorage writes with fsync + rename; any other scheme goes through
// vscode.workspace.fs with the same temporary-file-then-rename pattern, so a journal is never half written.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { DirectoryStorage, JOURNAL_FILE, listMigrationDirectories, type MigrationStorage } from '../../migration/storage';

export const MIGRATIONS_FOLDER = 'migrations';

/** The folder that holds every migration of this VS Code profile. */
export function migrationsRoot(globalStorageUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(globalStorageUri, MIGRATIONS_FOLDER);
}

/** The storage of one migration folder. */
export function migrationStorage(root: vscode.Uri, folder: string): MigrationStorage & { readonly folder: vscode.Uri } {
  const uri = vscode.Uri.joinPath(root, folder);
  if (uri.scheme === 'file') {
    const local = new DirectoryStorage(uri.fsPath);
    return Object.assign(local, { folder: uri });
  }
  return new WorkspaceFsStorage(uri);
}

/** The migration folders under `root` that hold a journal, oldest first. */
export async function listMigrationFolders(root: vscode.Uri): Promise<string[]> {
  if (root.scheme === 'file') return (await listMigrationDirectories(root.fsPath)).map((directory) => basename(directory));
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(root);
  } catch {
    return []; // nothing migrated yet
  }
  const folders: string[] = [];
  for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    if (type !== vscode.FileType.Directory) continue;
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, name, JOURNAL_FILE));
      folders.push(name);
    } catch {
      // not a migration folder (or one interrupted before its journal was written: nothing happened there)
    }
  }
  return folders;
}

class WorkspaceFsStorage implements MigrationStorage {
  constructor(readonly folder: vscode.Uri) {}

  async write(name: string, content: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    const target = vscode.Uri.joinPath(this.folder, name);
    const temporary = vscode.Uri.joinPath(this.folder, `${name}.${Date.now()}.tmp`);
    await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(content));
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder, name)));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  locate(name: string): string {
    return vscode.Uri.joinPath(this.folder, name).toString();
  }
}
