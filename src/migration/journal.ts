// The journal of one migration: every step is recorded as started before it runs and as done (or skipped) after,
// and the whole journal is rewritten atomically each time (MigrationStorage.write). After any interruption — an
// error, a cancel, a closed editor, a killed process — the journal says which step was in flight; apply and rollback
// then ask Graph whether that step already happened instead of trusting memory.
import { MigrationError } from './errors';
import type { BackupReference } from './backup';
import type { MigrationPlan } from './plan';
import { JOURNAL_FILE, type MigrationStorage } from './storage';

export const APPLY_STEPS = ['backup', 'pauseOld', 'deleteOld', 'createNew', 'putSecrets', 'putSchema', 'validateCredentials', 'startNew'] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];

export const ROLLBACK_STEPS = ['deleteNew', 'recreateOld', 'putOldSchema', 'putOldSecrets', 'startOld'] as const;
export type RollbackStep = (typeof ROLLBACK_STEPS)[number];

export type StepState = 'pending' | 'started' | 'done' | 'skipped' | 'failed';

export interface StepRecord<Name extends string = string> {
  name: Name;
  state: StepState;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  /** What happened, in words ("already deleted", "not started: the old job was paused"). */
  note?: string;
  error?: string;
}

export type MigrationStatus = 'applying' | 'failed' | 'completed' | 'rollingBack' | 'rollbackFailed' | 'rolledBack';

export interface MigrationJournalData {
  format: 'entra-provisioning.migration-journal';
  version: 1;
  migrationId: string;
  createdAt: string;
  updatedAt: string;
  tenantId: string | null;
  spId: string;
  appDisplayName: string;
  oldJobId: string;
  oldTemplateId: string;
  targetTemplateId: string;
  oldJobWasRunning: boolean;
  /** Job ids that existed when the plan was made: none of them is ever taken for the new job. */
  preexistingJobIds: string[];
  newJobId: string | null;
  /** Set by a rollback that had to recreate the old job (it gets a new id). */
  recreatedJobId: string | null;
  backup: BackupReference | null;
  status: MigrationStatus;
  steps: StepRecord<ApplyStep>[];
  rollbackSteps: StepRecord<RollbackStep>[];
  lastError: string | null;
}

export const STEP_LABELS: Record<ApplyStep | RollbackStep, string> = {
  backup: 'Back up the job, schema and settings',
  pauseOld: 'Pause the old job',
  deleteOld: 'Delete the old job',
  createNew: 'Create the new job',
  putSecrets: 'Set the new job’s credentials',
  putSchema: 'Write the merged schema',
  validateCredentials: 'Test the connection',
  startNew: 'Start the new job',
  deleteNew: 'Delete the new job',
  recreateOld: 'Recreate the old job',
  putOldSchema: 'Restore the backed-up schema',
  putOldSecrets: 'Restore the credentials and settings',
  startOld: 'Start the old job',
};

export class MigrationJournal {
  private constructor(
    private readonly storage: MigrationStorage,
    readonly data: MigrationJournalData,
  ) {}

  static async create(storage: MigrationStorage, plan: MigrationPlan, migrationId: string): Promise<MigrationJournal> {
    const now = new Date().toISOString();
    const journal = new MigrationJournal(storage, {
      format: 'entra-provisioning.migration-journal',
      version: 1,
      migrationId,
      createdAt: now,
      updatedAt: now,
      tenantId: plan.tenantId,
      spId: plan.servicePrincipal.id,
      appDisplayName: plan.servicePrincipal.displayName,
      oldJobId: plan.source.jobId,
      oldTemplateId: plan.source.templateId,
      targetTemplateId: plan.target.templateId,
      oldJobWasRunning: plan.source.running,
      preexistingJobIds: plan.existingJobIds,
      newJobId: null,
      recreatedJobId: null,
      backup: null,
      status: 'applying',
      steps: APPLY_STEPS.map((name) => ({ name, state: 'pending', attempts: 0 })),
      rollbackSteps: ROLLBACK_STEPS.map((name) => ({ name, state: 'pending', attempts: 0 })),
      lastError: null,
    });
    await journal.save();
    return journal;
  }

  static async load(storage: MigrationStorage): Promise<MigrationJournal> {
    const text = await storage.read(JOURNAL_FILE);
    if (text === undefined) throw new MigrationError('journal', `There is no migration journal at ${storage.locate(JOURNAL_FILE)}.`);
    let data: MigrationJournalData;
    try {
      data = JSON.parse(text) as MigrationJournalData;
    } catch {
      throw new MigrationError('journal', `The migration journal ${storage.locate(JOURNAL_FILE)} is not valid JSON.`);
    }
    if (data.format !== 'entra-provisioning.migration-journal' || data.version !== 1 || !Array.isArray(data.steps)) {
      throw new MigrationError('journal', `${storage.locate(JOURNAL_FILE)} is not a migration journal.`);
    }
    return new MigrationJournal(storage, data);
  }

  get location(): string {
    return this.storage.locate(JOURNAL_FILE);
  }

  step(name: ApplyStep): StepRecord<ApplyStep> {
    return this.data.steps.find((s) => s.name === name)!;
  }

  rollbackStep(name: RollbackStep): StepRecord<RollbackStep> {
    return this.data.rollbackSteps.find((s) => s.name === name)!;
  }

  /** True once the step ran to its end (done or deliberately skipped). */
  finished(record: StepRecord): boolean {
    return record.state === 'done' || record.state === 'skipped';
  }

  /** True when the step may have reached Graph (started, failed or finished). */
  touched(record: StepRecord): boolean {
    return record.state !== 'pending';
  }

  async begin(record: StepRecord): Promise<void> {
    record.state = 'started';
    record.attempts++;
    record.startedAt = new Date().toISOString();
    delete record.error;
    await this.save();
  }

  async finish(record: StepRecord, state: 'done' | 'skipped', note?: string): Promise<void> {
    record.state = state;
    record.finishedAt = new Date().toISOString();
    if (note) record.note = note;
    else delete record.note;
    await this.save();
  }

  async fail(record: StepRecord, message: string): Promise<void> {
    record.state = 'failed';
    record.error = message;
    this.data.lastError = `${STEP_LABELS[record.name as ApplyStep]}: ${message}`;
    await this.save();
  }

  /** Sets a step back to pending (e.g. credentials to re-enter after the target rejected them). */
  async reopen(record: StepRecord): Promise<void> {
    record.state = 'pending';
    await this.save();
  }

  async update(change: Partial<Pick<MigrationJournalData, 'status' | 'newJobId' | 'recreatedJobId' | 'backup' | 'lastError'>>): Promise<void> {
    Object.assign(this.data, change);
    await this.save();
  }

  async save(): Promise<void> {
    this.data.updatedAt = new Date().toISOString();
    await this.storage.write(JOURNAL_FILE, `${JSON.stringify(this.data, null, 2)}\n`);
  }
}
