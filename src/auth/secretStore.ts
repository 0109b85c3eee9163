// What a host supplies to keep sign-ins between sessions: a SecretStore for anything token-like (msal's token
// cache, app-only client secrets and certificate keys) and an AccountStore for the non-secret account list.
// VS Code backs them with SecretStorage and globalState (src/vscode/auth/storage.ts); tests and the CLI with memory.
import type { Account } from './accounts';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Non-secret account metadata (username, tenant, cloud, client id). */
export interface AccountStore {
  load(): Account[];
  save(accounts: Account[]): Promise<void>;
}

/** The SecretStore keys that belong to an account; signing out deletes exactly these. */
export function secretKeysFor(accountId: string): { tokenCache: string; credential: string } {
  return {
    tokenCache: `entraProvisioning.auth.${accountId}.tokenCache`,
    credential: `entraProvisioning.auth.${accountId}.credential`,
  };
}

/** A SecretStore in memory (tests, one-shot CLI runs). */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

/** An AccountStore in memory; `load()` returns copies so callers cannot change what is stored by accident. */
export class MemoryAccountStore implements AccountStore {
  private accounts: Account[] = [];

  load(): Account[] {
    return this.accounts.map((a) => ({ ...a }));
  }
  async save(accounts: Account[]): Promise<void> {
    this.accounts = accounts.map((a) => ({ ...a }));
  }
}
