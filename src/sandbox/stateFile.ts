// Persists the sandbox between runs (`--state FILE`). Writes are atomic (temp file in the same folder, fsync,
// rename) so a crash or Ctrl-C never leaves a half-written file, and they are coalesced: a burst of changes
// produces one write with the latest state.
import { promises as fs } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export interface PersistedSandbox {
  format: 'entra-provisioning-sandbox';
  version: 1;
  tenant: unknown;
  identity: unknown;
}

export class StateFile {
  private pending: Omit<PersistedSandbox, 'format' | 'version'> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(readonly path: string) {}

  /** The saved state, or undefined when the file does not exist yet. A corrupt file is an error, never ignored. */
  async read(): Promise<Omit<PersistedSandbox, 'format' | 'version'> | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    let parsed: Partial<PersistedSandbox>;
    try {
      parsed = JSON.parse(text) as Partial<PersistedSandbox>;
    } catch (err) {
      throw new Error(`The sandbox state file ${this.path} is not valid JSON (${(err as Error).message}). Move it away to start from the seed.`);
    }
    if (parsed.format !== 'entra-provisioning-sandbox' || parsed.version !== 1) {
      throw new Error(`The file ${this.path} is not a sandbox state file of a version this tool reads.`);
    }
    return { tenant: parsed.tenant, identity: parsed.identity };
  }

  /** Schedules a write of this state; resolves when it (or a later one that replaced it) is on disk. */
  write(state: Omit<PersistedSandbox, 'format' | 'version'>): Promise<void> {
    this.pending = state;
    if (!this.scheduled) {
      this.scheduled = true;
      this.writing = this.writing.then(() => {
        this.scheduled = false;
        const snapshot = this.pending;
        this.pending = undefined;
        return snapshot ? this.writeNow(snapshot) : undefined;
      });
    }
    return this.writing;
  }

  /** Waits for every scheduled write. */
  async flush(): Promise<void> {
    await this.writing;
  }

  private async writeNow(state: Omit<PersistedSandbox, 'format' | 'version'>): Promise<void> {
    const data: PersistedSandbox = { format: 'entra-provisioning-sandbox', version: 1, ...state };
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    await fs.mkdir(dirname(this.path), { recursive: true });
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.path);
  }
}
