// Running a planned migration, and resuming one from its journal. Each step first asks Graph whether its effect is
// already there (old job paused or gone, new job created), so running a step twice does no harm and a crash between
// any two steps — or in the middle of one — is recovered by running again. The old job is deleted only after the
// backup was verified byte for byte a moment before.
import { randomUUID } from 'node:crypto';
import { GraphError } from '../graph/errors';
import type { SynchronizationJob } from '../graph/model';
import type { SynchronizationApi } from '../graph/synchronization';
import { mergeSecrets, secretValue } from '../provisioning/credentials';
import { readBackup, writeBackup, type MigrationBackup } from './backup';
import { MigrationError, describeError, isNotFound } from './errors';
import { APPLY_STEPS, MigrationJournal, STEP_LABELS, type ApplyStep, type RollbackStep, type StepRecord } from './journal';
import { cleanSchema } from './merge';
import { schemaFingerprint, splitSecrets, type MigrationPlan } from './plan';
import type { MigrationStorage } from './storage';

export const PLAN_FILE = 'plan.json';

export interface StepEvent {
  step: ApplyStep | RollbackStep;
  label: string;
  state: 'started' | 'done' | 'skipped' | 'failed';
  note?: string;
}

/** What the host (extension, CLI, test) provides while a migration runs. */
export interface MigrationHost {
  /** The SCIM token for the job's credentials. Asked only when that step still has to run; never stored. */
  secretToken(purpose: 'newJob' | 'rollback'): Promise<string | undefined>;
  /** Asked only when the old job was running: start the job now? */
  confirmStart(jobId: string): Promise<boolean>;
  onStep?(event: StepEvent): void;
  signal?: AbortSignal;
}

export interface MigrationOutcome {
  journal: MigrationJournal;
  backup: MigrationBackup | null;
}

/** Starts a migration from its plan: writes the plan and a journal, then runs every step. */
export async function startMigration(api: SynchronizationApi, storage: MigrationStorage, plan: MigrationPlan, host: MigrationHost): Promise<MigrationOutcome> {
  const planText = `${JSON.stringify(plan, null, 2)}\n`;
  await storage.write(PLAN_FILE, planText);
  const journal = await MigrationJournal.create(storage, plan, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`);
  return runSteps(api, storage, journal, plan, host);
}

/** Continues a migration from its journal: steps already finished are skipped, the one in flight is checked. */
export async function resumeMigration(api: SynchronizationApi, storage: MigrationStorage, host: MigrationHost): Promise<MigrationOutcome> {
  const journal = await MigrationJournal.load(storage);
  const status = journal.data.status;
  if (status === 'rolledBack' || status === 'rollingBack' || status === 'rollbackFailed') {
    throw new MigrationError('journal', `This migration was rolled back${status === 'rolledBack' ? '' : ' (or a rollback is unfinished)'}; it cannot be resumed. Plan a new migration instead.`);
  }
  const plan = await loadPlan(storage);
  return runSteps(api, storage, journal, plan, host);
}

export async function loadPlan(storage: MigrationStorage): Promise<MigrationPlan> {
  const text = await storage.read(PLAN_FILE);
  if (text === undefined) throw new MigrationError('journal', `The plan ${storage.locate(PLAN_FILE)} is missing.`);
  return JSON.parse(text) as MigrationPlan;
}

/** Which steps still need the SCIM token (hosts ask for it only then). */
export function needsToken(journal: MigrationJournal): boolean {
  return !journal.finished(journal.step('putSecrets'));
}

async function runSteps(api: SynchronizationApi, storage: MigrationStorage, journal: MigrationJournal, plan: MigrationPlan, host: MigrationHost): Promise<MigrationOutcome> {
  const ctx = new StepContext(api, storage, journal, plan, host);
  if (journal.data.status !== 'completed') await journal.update({ status: 'applying', lastError: null });
  for (const name of APPLY_STEPS) {
    const record = journal.step(name);
    if (journal.finished(record)) continue;
    await runStep(journal, record, host, () => STEPS[name](ctx, record));
  }
  if (journal.data.status !== 'completed') await journal.update({ status: 'completed', lastError: null });
  return { journal, backup: ctx.backup };
}

/** Journals a step around its body; a failure is journaled and turned into a MigrationError naming the step. */
export async function runStep<Name extends ApplyStep | RollbackStep>(
  journal: MigrationJournal,
  record: StepRecord<Name>,
  host: Pick<MigrationHost, 'onStep' | 'signal'>,
  body: () => Promise<{ state: 'done' | 'skipped'; note?: string }>,
): Promise<void> {
  const label = STEP_LABELS[record.name];
  if (host.signal?.aborted) throw new MigrationError('stepFailed', `Cancelled before "${label}". Resume to continue.`);
  await journal.begin(record);
  host.onStep?.({ step: record.name, label, state: 'started' });
  let outcome: { state: 'done' | 'skipped'; note?: string };
  try {
    outcome = await body();
  } catch (error) {
    const message = describeError(error);
    await journal.fail(record, message);
    const rollingBack = (journal.data.rollbackSteps as StepRecord[]).includes(record);
    await journal.update({ status: rollingBack ? 'rollbackFailed' : 'failed' });
    host.onStep?.({ step: record.name, label, state: 'failed', note: message });
    if (error instanceof MigrationError && error.code !== 'stepFailed') throw error;
    throw new MigrationError('stepFailed', `"${label}" failed: ${message}. The journal ${journal.location} records where it stopped; ${rollingBack ? 'run the rollback again' : 'resume'} to continue.`, {
      cause: error,
    });
  }
  await journal.finish(record, outcome.state, outcome.note);
  host.onStep?.({ step: record.name, label, state: outcome.state, ...(outcome.note ? { note: outcome.note } : {}) });
}

class StepContext {
  backup: MigrationBackup | null = null;
  constructor(
    readonly api: SynchronizationApi,
    readonly storage: MigrationStorage,
    readonly journal: MigrationJournal,
    readonly plan: MigrationPlan,
    readonly host: MigrationHost,
  ) {}

  get sp(): string {
    return this.journal.data.spId;
  }
  get options(): { signal?: AbortSignal } {
    return this.host.signal ? { signal: this.host.signal } : {};
  }

  /** The verified backup; every step after the backup relies on it. */
  async verifiedBackup(): Promise<MigrationBackup> {
    const reference = this.journal.data.backup;
    if (!reference) throw new MigrationError('backup', 'No backup was recorded; the migration cannot continue without one.');
    this.backup = await readBackup(this.storage, reference);
    return this.backup;
  }

  async getJobOrUndefined(jobId: string): Promise<SynchronizationJob | undefined> {
    try {
      return await this.api.getJob(this.sp, jobId, this.options);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** A job from `templateId` that was not there when the plan was made: one this migration (or rollback) created. */
  async findCreatedJob(templateId: string): Promise<SynchronizationJob | undefined> {
    const jobs = await this.api.listJobs(this.sp, this.options);
    const preexisting = new Set(this.journal.data.preexistingJobIds);
    return jobs.find((j) => j.templateId.toLowerCase() === templateId.toLowerCase() && !preexisting.has(j.id));
  }
}

type StepBody = (ctx: StepContext, record: StepRecord<ApplyStep>) => Promise<{ state: 'done' | 'skipped'; note?: string }>;

const STEPS: Record<ApplyStep, StepBody> = {
  async backup(ctx) {
    const { journal, api, sp, plan } = ctx;
    if (journal.data.backup) {
      try {
        await ctx.verifiedBackup();
        return { state: 'done', note: 'backup already written and verified' };
      } catch {
        // written only partly before an interruption: write it again below
      }
    }
    const job = await api.getJob(sp, journal.data.oldJobId, ctx.options);
    const schema = cleanSchema(await api.getJobSchema(sp, journal.data.oldJobId, ctx.options));
    if (schemaFingerprint(schema) !== plan.sourceSchemaSha256) {
      throw new MigrationError('stalePlan', `The schema of ${job.id} changed after the plan was made. Nothing was changed; plan the migration again.`);
    }
    const secrets = await api.getSecrets(sp, ctx.options);
    const { settings, credentials } = splitSecrets(secrets);
    const backup: MigrationBackup = {
      format: 'entra-provisioning.migration-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      tenantId: plan.tenantId,
      servicePrincipal: plan.servicePrincipal,
      job,
      schedule: job.schedule ?? null,
      jobSettings: job.synchronizationJobSettings ?? [],
      schema,
      credentialSettings: settings,
      credentialsNotBackedUp: credentials,
      plan,
    };
    const reference = await writeBackup(ctx.storage, backup);
    ctx.backup = backup;
    await journal.update({ backup: reference });
    return { state: 'done', note: `written and verified: ${reference.location}` };
  },

  async pauseOld(ctx) {
    const job = await ctx.getJobOrUndefined(ctx.journal.data.oldJobId);
    if (!job) return { state: 'skipped', note: 'the old job no longer exists' };
    if (job.schedule?.state !== 'Active') return { state: 'done', note: `already ${job.schedule?.state ?? 'stopped'}` };
    await ctx.api.pauseJob(ctx.sp, job.id, ctx.options);
    return { state: 'done' };
  },

  async deleteOld(ctx) {
    // The last moment before anything is lost: the backup must be there and intact.
    await ctx.verifiedBackup();
    try {
      await ctx.api.deleteJob(ctx.sp, ctx.journal.data.oldJobId, ctx.options);
    } catch (error) {
      if (isNotFound(error)) return { state: 'done', note: 'already deleted' };
      throw error;
    }
    return { state: 'done' };
  },

  async createNew(ctx) {
    const { journal } = ctx;
    const target = journal.data.targetTemplateId;
    const existing = await ctx.findCreatedJob(target);
    if (existing) {
      await journal.update({ newJobId: existing.id });
      return { state: 'done', note: `already created: ${existing.id}` };
    }
    let created: SynchronizationJob;
    try {
      created = await ctx.api.createJob(ctx.sp, target, ctx.options);
    } catch (error) {
      // The job may have been created by an attempt whose answer was lost (409 = it exists).
      const adopted = error instanceof GraphError && error.status === 409 ? await ctx.findCreatedJob(target) : undefined;
      if (!adopted) throw error;
      created = adopted;
    }
    await journal.update({ newJobId: created.id });
    return { state: 'done', note: created.id };
  },

  async putSecrets(ctx) {
    const backup = await ctx.verifiedBackup();
    const token = await ctx.host.secretToken('newJob');
    if (!token) {
      throw new MigrationError('tokenRequired', `The new job needs its SCIM token (${ctx.plan.credentialsToReenter.join(', ')}). Resume and supply it; it is never stored.`);
    }
    const existing = await ctx.api.getSecrets(ctx.sp, ctx.options);
    const changes: Record<string, string | undefined> = {};
    // Settings the old job had (SyncAll, notification settings, …) come back where the delete wiped them.
    for (const pair of backup.credentialSettings) {
      if (pair.value !== null && secretValue(existing, pair.key) === undefined) changes[pair.key] = pair.value;
    }
    const tenantUrl = ctx.plan.target.tenantUrl ?? secretValue(backup.credentialSettings, 'BaseAddress') ?? undefined;
    if (tenantUrl) changes.BaseAddress = tenantUrl;
    changes.SecretToken = token;
    await ctx.api.putSecrets(ctx.sp, mergeSecrets(existing, changes), ctx.options);
    return { state: 'done', note: tenantUrl ? `Tenant URL ${tenantUrl} and token set` : 'token set' };
  },

  async putSchema(ctx) {
    const jobId = requireNewJob(ctx);
    const schema = { ...structuredClone(ctx.plan.mergedSchema), id: jobId };
    await ctx.api.putJobSchema(ctx.sp, jobId, schema, ctx.options);
    return { state: 'done' };
  },

  async validateCredentials(ctx) {
    const jobId = requireNewJob(ctx);
    try {
      await ctx.api.validateCredentials(ctx.sp, jobId, { useSavedCredentials: true }, ctx.options);
    } catch (error) {
      if (error instanceof GraphError && error.kind === 'http' && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429) {
        // The token (or Tenant URL) was refused: resuming asks for the token again and saves it before testing.
        await ctx.journal.reopen(ctx.journal.step('putSecrets'));
        throw new MigrationError('credentialsRejected', `The target refused the credentials: ${error.message} Resume with the correct token.`, { cause: error });
      }
      throw error;
    }
    return { state: 'done' };
  },

  async startNew(ctx) {
    const jobId = requireNewJob(ctx);
    if (!ctx.journal.data.oldJobWasRunning) return { state: 'skipped', note: 'the old job was not running, so the new one is left stopped' };
    const job = await ctx.api.getJob(ctx.sp, jobId, ctx.options);
    if (job.schedule?.state === 'Active') return { state: 'done', note: 'already running' };
    if (!(await ctx.host.confirmStart(jobId))) return { state: 'skipped', note: 'not started: start it when ready' };
    await ctx.api.startJob(ctx.sp, jobId, ctx.options);
    return { state: 'done' };
  },
};

function requireNewJob(ctx: StepContext): string {
  const id = ctx.journal.data.newJobId;
  if (!id) throw new MigrationError('journal', 'The journal has no new job id although the job was created; resume to re-detect it.');
  return id;
}
