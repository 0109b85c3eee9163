// The host side of sign-in storage: VS Code's SecretStorage (OS keychain-backed) for token caches and app
// credentials, globalState for the non-secret account list (username, tenant, cloud, client id).
import type * as vscode from 'vscode';
import type { Account } from '../../auth/accounts';
import type { AccountStore, SecretStore } from '../../auth/secretStore';

export class SecretStorageStore implements SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(key: string): Promise<string | undefined> {
    return this.secrets.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    await this.secrets.store(key, value);
  }
  async delete(key: string): Promise<void> {
    await this.secrets.delete(key);
  }
}

const ACCOUNTS_KEY = 'entraProvisioning.accounts';

export class GlobalStateAccountStore implements AccountStore {
  constructor(private readonly state: vscode.Memento) {}

  load(): Account[] {
    const stored = this.state.get<unknown>(ACCOUNTS_KEY);
    return Array.isArray(stored) ? stored.filter(isAccount) : [];
  }

  async save(accounts: Account[]): Promise<void> {
    await this.state.update(ACCOUNTS_KEY, accounts);
  }
}

/** Drops anything that is not an account as this version writes it (damaged or older state). */
function isAccount(value: unknown): value is Account {
  const a = value as Partial<Account> | null;
  return (
    typeof a?.id === 'string' &&
    (a.kind === 'user' || a.kind === 'app') &&
    typeof a.username === 'string' &&
    typeof a.tenantId === 'string' &&
    typeof a.authority === 'string' &&
    typeof a.clientId === 'string' &&
    typeof a.cloud?.graphRoot === 'string' &&
    typeof a.cloud.authorityHost === 'string'
  );
}
