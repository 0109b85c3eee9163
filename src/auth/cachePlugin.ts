// msal's persistence hook backed by a SecretStore: one serialized token cache per account, under the account's
// secret key. Before msal reads its cache the stored blob is loaded (only when it changed since this process last
// saw it — another window may have refreshed or signed out); after msal changed it, it is stored again.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { SecretStore } from './secretStore';

/** An empty msal cache: deserializing it clears whatever msal holds in memory. */
const EMPTY_CACHE = '{}';

export class SecretStoreCachePlugin implements ICachePlugin {
  /** The blob as this process last read or wrote it; undefined = never loaded. */
  private lastSeen: string | undefined;
  private loaded = false;

  constructor(
    private readonly secrets: SecretStore,
    private readonly key: string,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const stored = await this.secrets.get(this.key);
    if (this.loaded && stored === this.lastSeen) return;
    context.tokenCache.deserialize(stored ?? EMPTY_CACHE);
    this.lastSeen = stored;
    this.loaded = true;
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    const serialized = context.tokenCache.serialize();
    await this.secrets.store(this.key, serialized);
    this.lastSeen = serialized;
    this.loaded = true;
  }
}
