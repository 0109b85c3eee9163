// The connector data store of a job: which target object each source object was matched to or created as. Entra caches
// the target id after the first match so later operations address it directly (graph-synchronization.md §6.1), and
// resolves references (manager, group members) through it. Kept in memory per job: after a sandbox restart the
// engine simply matches again by the matching attributes, which finds the same targets.
import type { ScimResourceType } from './scimClient';

export interface Link {
  targetId: string;
  type: ScimResourceType;
  /** What the target is called in logs (userName / displayName). */
  displayName: string | null;
}

export class LinkStore {
  private readonly bySource = new Map<string, Link>();

  get(sourceId: string): Link | undefined {
    return this.bySource.get(sourceId);
  }

  set(sourceId: string, link: Link): void {
    this.bySource.set(sourceId, link);
  }

  delete(sourceId: string): void {
    this.bySource.delete(sourceId);
  }

  clear(): void {
    this.bySource.clear();
  }

  entries(): [string, Link][] {
    return [...this.bySource.entries()];
  }

  count(type: ScimResourceType): number {
    let n = 0;
    for (const link of this.bySource.values()) if (link.type === type) n++;
    return n;
  }
}

/** Every job's store, by job id (ids are unique across the tenant: they embed the app id). */
export class LinkStores {
  private readonly byJob = new Map<string, LinkStore>();

  of(jobId: string): LinkStore {
    const key = jobId.toLowerCase();
    let store = this.byJob.get(key);
    if (!store) {
      store = new LinkStore();
      this.byJob.set(key, store);
    }
    return store;
  }

  drop(jobId: string): void {
    this.byJob.delete(jobId.toLowerCase());
  }
}
