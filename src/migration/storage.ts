// Where a migration keeps its backup and journal: a host-supplied store of small named files. The extension uses its
// globalStorageUri, the CLI a directory the admin chooses. Writes are atomic (temporary file + rename), so a crash
// or a killed process leaves either the previous content or the new one, never half a journal.
import { mkdir, open, readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';

export interface MigrationStorage {
  /** Replaces `name` atomically. */
  write(name: string, content: string): Promise<void>;
  /** The content, or undefined when there is no such file. */
  read(name: string): Promise<string | undefined>;
  /** Where `name` lives, for messages (a path or URI). */
  locate(name: string): string;
}

export const JOURNAL_FILE = 'journal.json';
export const BACKUP_FILE = 'backup.json';

/** A fresh folder name for one migration (extension and CLI alike): sortable by time, names the template, unique. */
export function migrationFolderName(oldTemplateId: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${oldTemplateId.replace(/[^\w.-]/g, '_')}-${Math.random().toString(36).slice(2, 8)}`;
}

/** One migration's files in one directory of the local file system. */
export class DirectoryStorage implements MigrationStorage {
  constructor(readonly directory: string) {}

  async write(name: string, content: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const target = join(this.directory, name);
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync(); // on disk before the rename makes it visible
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.directory, name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  locate(name: string): string {
    return join(this.directory, name);
  }
}

/** The migration directories under `root` that hold a journal (newest name last). */
export async function listMigrationDirectories(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort()) {
    try {
      await readFile(join(root, entry, JOURNAL_FILE));
      found.push(join(root, entry));
    } catch {
      // not a migration directory
    }
  }
  return found;
}
