// Admin credentials and provisioning settings, which Graph keeps as one list of key/value "secrets" per service
// principal (graph-synchronization.md §3.8, §3.9): Tenant URL (BaseAddress), SecretToken, SyncNotificationSettings,
// SyncAll. PUT replaces the whole list, so every edit is GET → change → PUT the whole list back, as the Entra how-to
// does. Confidential values come back from GET masked; the mask is what tells the service "keep what you have", so
// it goes back unchanged for untouched keys and must never be taken for a real value (typed in, copied to another
// key, or sent to Test Connection as if it were the token).
import type { StringKeyStringValuePair } from '../graph/model';
import type { ValidateCredentialsRequest } from '../graph/synchronization';

// ---- Workplace Tenant URL ---------------------------------------------------------------------------------------

/** The only Tenant URL Workplace from Meta accepts; saving provisioning with any other fails (§8). */
export const WORKPLACE_TENANT_URL = 'https://scim.workplace.com/';
const WORKPLACE_TEMPLATE_IDS = ['FacebookWorkplace', 'FacebookAtWorkOutDelta'];

/** True for the Workplace SCIM 2.0 template and the legacy SCIM 1.0 one (a job id starting with them counts too). */
export function isWorkplaceTemplate(templateIdOrJobId: string): boolean {
  const id = templateIdOrJobId.toLowerCase();
  return WORKPLACE_TEMPLATE_IDS.some((t) => id === t.toLowerCase() || id.startsWith(`${t.toLowerCase()}.`));
}

/** A warning to show before saving when a Workplace job's Tenant URL is not exactly https://scim.workplace.com/. */
export function workplaceTenantUrlWarning(templateId: string, baseAddress: string | null | undefined): string | undefined {
  if (!isWorkplaceTemplate(templateId)) return undefined;
  if (baseAddress === WORKPLACE_TENANT_URL) return undefined;
  const given = (baseAddress ?? '').trim();
  if (given === '') return `Workplace from Meta needs the Tenant URL ${WORKPLACE_TENANT_URL}`;
  const nearMiss = given.toLowerCase().replace(/^http:/, 'https:').replace(/\/*$/, '/') === WORKPLACE_TENANT_URL;
  return (
    `Workplace from Meta only accepts the Tenant URL ${WORKPLACE_TENANT_URL} exactly (https, lower case, with the trailing slash). ` +
    `"${given}" ${nearMiss ? 'is close but not the same' : 'is a different address'}, and saving provisioning with it fails.`
  );
}

// ---- secrets list -----------------------------------------------------------------------------------------------

/** How Graph masks a confidential value on read: only asterisks. */
export function isMaskedValue(value: string | null | undefined): boolean {
  return typeof value === 'string' && /^\*{3,}$/.test(value);
}

/** A value by key, keys compared without case (Graph canonicalises key names). */
export function secretValue(pairs: readonly StringKeyStringValuePair[], key: string): string | null | undefined {
  return pairs.find((p) => p.key.toLowerCase() === key.toLowerCase())?.value;
}

/**
 * Changes to apply: a string sets the key, null removes it from the list, undefined (or absent) leaves it alone.
 * Keys are matched without case.
 */
export type SecretChanges = Readonly<Record<string, string | null | undefined>>;

/**
 * The list to PUT: what GET returned with `changes` applied. Untouched keys go back as they came, masked ones
 * included (the service keeps the stored value for them). A change whose value is a mask is refused unless it is
 * the very value GET returned for that key (then it is no change): a mask must never be saved as a credential.
 */
export function mergeSecrets(existing: readonly StringKeyStringValuePair[], changes: SecretChanges): StringKeyStringValuePair[] {
  const pending = new Map<string, { key: string; value: string | null }>();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    pending.set(key.toLowerCase(), { key, value });
  }
  const merged: StringKeyStringValuePair[] = [];
  for (const pair of existing) {
    const change = pending.get(pair.key.toLowerCase());
    if (!change) {
      merged.push({ key: pair.key, value: pair.value });
      continue;
    }
    pending.delete(pair.key.toLowerCase());
    if (change.value === null) continue;
    if (isMaskedValue(change.value) && change.value !== pair.value) throw maskedValueError(pair.key);
    merged.push({ key: pair.key, value: change.value });
  }
  for (const change of pending.values()) {
    if (change.value === null) continue;
    if (isMaskedValue(change.value)) throw maskedValueError(change.key);
    merged.push({ key: change.key, value: change.value });
  }
  return merged;
}

function maskedValueError(key: string): Error {
  return new RangeError(`The value for ${key} is a masked placeholder, not a credential; enter the real value.`);
}

/**
 * What Test Connection should send for credentials that may not be saved yet: nothing changed → test the saved
 * ones; changed and every value known → test exactly those; a masked value among them → undefined, because the
 * unsaved combination cannot be tested without the real secret (save first, then test the saved credentials).
 */
export function validationRequest(
  existing: readonly StringKeyStringValuePair[],
  changes: SecretChanges,
): ValidateCredentialsRequest | undefined {
  const changed = Object.values(changes).some((v) => v !== undefined);
  if (!changed) return { useSavedCredentials: true };
  const merged = mergeSecrets(existing, changes);
  if (merged.some((p) => isMaskedValue(p.value))) return undefined;
  return { useSavedCredentials: false, credentials: merged };
}

// ---- notification settings --------------------------------------------------------------------------------------

export interface NotificationSettings {
  /** Send an email when a failure occurs (quarantine, accidental-deletions threshold). */
  enabled: boolean;
  recipients: string;
  /** Accidental-deletions prevention; undefined when the settings never said. */
  deleteThresholdEnabled?: boolean;
}

/**
 * The `SyncNotificationSettings` secret value: `{"Enabled":true,"Recipients":"a@b.com","DeleteThresholdEnabled":…}`.
 * Fields of the `previous` value that this edit does not own (DeleteThresholdEnabled,
 * HumanResourcesLookaheadQueryEnabled, …) are carried over, so changing the email never changes deletion prevention.
 */
export function notificationSettings(email: string, sendOnFailure: boolean, previous?: string | null): string {
  const { Enabled: _enabled, Recipients: _recipients, DeleteThresholdEnabled, ...others } = parseObject(previous);
  return JSON.stringify({
    Enabled: sendOnFailure,
    Recipients: email.trim(),
    ...(DeleteThresholdEnabled !== undefined ? { DeleteThresholdEnabled } : {}),
    ...others,
  });
}

export function parseNotificationSettings(value: string | null | undefined): NotificationSettings | undefined {
  if (!value) return undefined;
  const raw = parseObject(value);
  if (Object.keys(raw).length === 0) return undefined;
  const threshold = toBoolean(raw.DeleteThresholdEnabled);
  return {
    enabled: toBoolean(raw.Enabled) ?? false,
    recipients: typeof raw.Recipients === 'string' ? raw.Recipients : '',
    ...(threshold !== undefined ? { deleteThresholdEnabled: threshold } : {}),
  };
}

/** Why the email cannot be saved, or undefined. Sending on failure needs an address; the field may hold several separated by `;`. */
export function notificationEmailProblem(email: string, sendOnFailure: boolean): string | undefined {
  const addresses = email
    .split(/[;,]/)
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.length === 0) return sendOnFailure ? 'Enter the email address that should receive failure notifications.' : undefined;
  const bad = addresses.find((a) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a));
  return bad ? `"${bad}" is not an email address.` : undefined;
}

function parseObject(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

// ---- scope ------------------------------------------------------------------------------------------------------

export type SyncScope = 'assigned' | 'all';

/** The `SyncAll` secret value: "Sync all users and groups" vs "Sync only assigned users and groups". */
export function syncAllValue(scope: SyncScope): string {
  return scope === 'all' ? 'true' : 'false';
}

/** Reads `SyncAll`; absent or anything but true means only assigned users and groups. */
export function parseSyncAll(value: string | null | undefined): SyncScope {
  return typeof value === 'string' && value.trim().toLowerCase() === 'true' ? 'all' : 'assigned';
}

/** Switching from all to assigned only takes effect after an explicit restart (§6.1). */
export function syncScopeChangeNote(from: SyncScope, to: SyncScope): string | undefined {
  return from === 'all' && to === 'assigned'
    ? 'Accounts that are no longer in scope are only handled after a restart: restart provisioning after saving.'
    : undefined;
}
