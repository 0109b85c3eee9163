// The backup a migration writes before its first change: the job (with schedule and settings), its schema, the
// non-secret provisioning settings, and the plan. It is read back and compared with what was meant to be written, and
// verified again (by SHA-256) right before the old job is deleted. Credentials are never in it: Graph does not
// reveal them, and a file is no place for them; the plan names the ones to re-enter.
import { createHash } from 'node:crypto';
import type { KeyValuePair, StringKeyStringValuePair, SynchronizationJob, SynchronizationSchedule, SynchronizationSchema } from '../graph/model';
import { MigrationError, describeError } from './errors';
import { isCredentialKey, type MigrationPlan } from './plan';
import { BACKUP_FILE, type MigrationStorage } from './storage';
import { isMaskedValue } from '../provisioning/credentials';

export interface MigrationBackup {
  format: 'entra-provisioning.migration-backup';
  version: 1;
  createdAt: string;
  tenantId: string | null;
  servicePrincipal: MigrationPlan['servicePrincipal'];
  job: SynchronizationJob;
  schedule: SynchronizationSchedule | null;
  jobSettings: KeyValuePair[];
  schema: SynchronizationSchema;
  /** Non-secret provisioning settings (Tenant URL, SyncAll, notification settings…). */
  credentialSettings: StringKeyStringValuePair[];
  /** Keys whose values are not in this backup and must be entered again. */
  credentialsNotBackedUp: string[];
  plan: MigrationPlan;
}

export interface BackupReference {
  name: string;
  sha256: string;
  location: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Writes the backup, reads it back and checks it is exactly what was written. */
export async function writeBackup(storage: MigrationStorage, backup: MigrationBackup): Promise<BackupReference> {
  const leaked = backup.credentialSettings.find((p) => isCredentialKey(p.key) || isMaskedValue(p.value));
  if (leaked) throw new MigrationError('backup', `Refusing to write the credential ${leaked.key} to a backup.`);
  const text = `${JSON.stringify(backup, null, 2)}\n`;
  const digest = sha256(text);
  try {
    await storage.write(BACKUP_FILE, text);
  } catch (error) {
    throw new MigrationError('backup', `Could not write the backup to ${storage.locate(BACKUP_FILE)}: ${describeError(error)}. Nothing was changed.`, { cause: error });
  }
  const reference = { name: BACKUP_FILE, sha256: digest, location: storage.locate(BACKUP_FILE) };
  await readBackup(storage, reference);
  return reference;
}

/** Reads the backup and verifies it against its reference; throws a `backup` MigrationError when it does not match. */
export async function readBackup(storage: MigrationStorage, reference: Pick<BackupReference, 'name' | 'sha256'>): Promise<MigrationBackup> {
  let text: string | undefined;
  try {
    text = await storage.read(reference.name);
  } catch (error) {
    throw new MigrationError('backup', `Could not read the backup ${storage.locate(reference.name)}: ${describeError(error)}.`, { cause: error });
  }
  if (text === undefined) throw new MigrationError('backup', `The backup ${storage.locate(reference.name)} is missing.`);
  if (sha256(text) !== reference.sha256) {
    throw new MigrationError('backup', `The backup ${storage.locate(reference.name)} does not match what was written (SHA-256 differs); it was changed or damaged.`);
  }
  const parsed = JSON.parse(text) as MigrationBackup;
  if (parsed.format !== 'entra-provisioning.migration-backup' || parsed.version !== 1 || !parsed.schema || !parsed.job) {
    throw new MigrationError('backup', `The backup ${storage.locate(reference.name)} is not a migration backup.`);
  }
  return parsed;
}
