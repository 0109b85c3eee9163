// "Load more…" paging for long levels of the tree: a tenant with hundreds of provisioning apps shows the first page
// and a row that reveals the next one, so the view stays responsive and readable.

/** Rows shown per level before a "Load more…" row (and how many each click adds). */
export const DEFAULT_PAGE_SIZE = 50;

export interface Page<T> {
  shown: T[];
  /** Rows left after `shown` (0 when everything is shown). */
  remaining: number;
}

export function pageOf<T>(items: readonly T[], limit: number): Page<T> {
  const shown = items.slice(0, Math.max(0, limit));
  return { shown, remaining: items.length - shown.length };
}

/** Per-parent limits: each "Load more…" click on a level raises that level's limit by a page. */
export class PageLimits {
  private readonly limits = new Map<string, number>();

  constructor(readonly pageSize: number = DEFAULT_PAGE_SIZE) {}

  limitOf(parentId: string): number {
    return this.limits.get(parentId) ?? this.pageSize;
  }

  showMore(parentId: string): void {
    this.limits.set(parentId, this.limitOf(parentId) + this.pageSize);
  }

  /** Forget the levels below `prefix` (after a refresh they start at one page again). */
  reset(prefix?: string): void {
    if (prefix === undefined) {
      this.limits.clear();
      return;
    }
    for (const key of [...this.limits.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) this.limits.delete(key);
  }
}
