// Rolling a migration back from its journal and backup: remove the job the migration created, recreate a job from
// the old template when the old one was deleted, restore the backed-up schema and settings, and start it again if it
// was running (after the host confirms). Each step checks Graph first, so running the rollback twice does no harm.
import { GraphError } from '../graph/errors';
import type { SynchronizationJob } from '../graph/model';
import type { SynchronizationApi } from '../graph/synchronization';
import { mergeSecrets, secretValue } from '../provisioning/credentials';
import { readBackup, type MigrationBackup } from './backup';
import { sameJson } from './customizations';
import { isNotFound } from './errors';
import { MigrationJournal, ROLLBACK_STEPS, type RollbackStep, type StepRecord } from './journal';
import { cleanSchema } from './merge';
import { runStep, type MigrationHost, type MigrationOutcome } from './apply';
import type { MigrationStorage } from './storage';

export async function rollbackMigration(api: SynchronizationApi, storage: MigrationStorage, host: MigrationHost): Promise<MigrationOutcome> {
  const journal = await MigrationJournal.load(storage);
  if (journal.data.status === 'rolledBack') return { journal, backup: journal.data.backup ? await readBackup(storage, journal.data.backup) : null };
  if (!journal.data.backup) {
    // Interrupted before the backup finished: nothing in Graph was changed yet.
    for (const record of journal.data.rollbackSteps) if (record.state === 'pending') record.state = 'skipped';
    await journal.update({ status: 'rolledBack', lastError: null });
    return { journal, backup: null };
  }
  const backup = await readBackup(storage, journal.data.backup);
  await journal.update({ status: 'rollingBack', lastError: null });
  const ctx: RollbackContext = { api, journal, backup, host, sp: journal.data.spId, options: host.signal ? { signal: host.signal } : {} };
  for (const name of ROLLBACK_STEPS) {
    const record = journal.rollbackStep(name);
    if (journal.finished(record)) continue;
    await runStep(journal, record, host, () => ROLLBACK[name](ctx, record));
  }
  await journal.update({ status: 'rolledBack', lastError: null });
  return { journal, backup };
}

interface RollbackContext {
  api: SynchronizationApi;
  journal: MigrationJournal;
  backup: MigrationBackup;
  host: MigrationHost;
  sp: string;
  options: { signal?: AbortSignal };
}

type RollbackBody = (ctx: RollbackContext, record: StepRecord<RollbackStep>) => Promise<{ state: 'done' | 'skipped'; note?: string }>;

/** The job that stands for the old one now: the old job itself, or the one the rollback recreated. */
function restoredJobId(ctx: RollbackContext): string {
  return ctx.journal.data.recreatedJobId ?? ctx.journal.data.oldJobId;
}

async function jobOrUndefined(ctx: RollbackContext, jobId: string): Promise<SynchronizationJob | undefined> {
  try {
    return await ctx.api.getJob(ctx.sp, jobId, ctx.options);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A job from `templateId` that was not there when the migration was planned. */
async function createdJob(ctx: RollbackContext, templateId: string): Promise<SynchronizationJob | undefined> {
  const preexisting = new Set(ctx.journal.data.preexistingJobIds);
  const jobs = await ctx.api.listJobs(ctx.sp, ctx.options);
  return jobs.find((j) => j.templateId.toLowerCase() === templateId.toLowerCase() && !preexisting.has(j.id));
}

/** True once the migration may have deleted the old job (its credentials went with it). */
function oldJobMayBeDeleted(ctx: RollbackContext): boolean {
  return ctx.journal.touched(ctx.journal.step('deleteOld'));
}

const ROLLBACK: Record<RollbackStep, RollbackBody> = {
  async deleteNew(ctx) {
    const created = ctx.journal.data.newJobId ? await jobOrUndefined(ctx, ctx.journal.data.newJobId) : await createdJob(ctx, ctx.journal.data.targetTemplateId);
    if (!created) return { state: 'skipped', note: 'no new job exists' };
    try {
      await ctx.api.deleteJob(ctx.sp, created.id, ctx.options);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return { state: 'done', note: `deleted ${created.id}` };
  },

  async recreateOld(ctx) {
    const { journal } = ctx;
    if (await jobOrUndefined(ctx, journal.data.oldJobId)) return { state: 'skipped', note: 'the old job still exists' };
    const existing = await createdJob(ctx, journal.data.oldTemplateId);
    if (existing) {
      await journal.update({ recreatedJobId: existing.id });
      return { state: 'done', note: `already recreated: ${existing.id}` };
    }
    let job: SynchronizationJob;
    try {
      job = await ctx.api.createJob(ctx.sp, journal.data.oldTemplateId, ctx.options);
    } catch (error) {
      const adopted = error instanceof GraphError && error.status === 409 ? await createdJob(ctx, journal.data.oldTemplateId) : undefined;
      if (!adopted) throw error;
      job = adopted;
    }
    await journal.update({ recreatedJobId: job.id });
    return { state: 'done', note: job.id };
  },

  async putOldSchema(ctx) {
    const jobId = restoredJobId(ctx);
    const { id: _current, ...current } = cleanSchema(await ctx.api.getJobSchema(ctx.sp, jobId, ctx.options));
    const { id: _backedUp, ...wanted } = cleanSchema(ctx.backup.schema);
    // Writing an identical schema would still trigger a full initial cycle: only write when it differs.
    if (sameJson(current, wanted)) return { state: 'skipped', note: 'the schema already equals the backup' };
    await ctx.api.putJobSchema(ctx.sp, jobId, { ...structuredClone(ctx.backup.schema), id: jobId }, ctx.options);
    return { state: 'done' };
  },

  async putOldSecrets(ctx) {
    if (!oldJobMayBeDeleted(ctx)) return { state: 'skipped', note: 'the old job was never deleted; its credentials are untouched' };
    const token = await ctx.host.secretToken('rollback');
    const existing = await ctx.api.getSecrets(ctx.sp, ctx.options);
    const changes: Record<string, string | undefined> = {};
    for (const pair of ctx.backup.credentialSettings) if (pair.value !== null) changes[pair.key] = pair.value;
    if (token) changes.SecretToken = token;
    await ctx.api.putSecrets(ctx.sp, mergeSecrets(existing, changes), ctx.options);
    if (token || secretValue(existing, 'SecretToken') !== undefined) return { state: 'done', note: token ? 'settings and token restored' : 'settings restored' };
    return { state: 'done', note: `settings restored; re-enter ${ctx.backup.credentialsNotBackedUp.join(', ') || 'the credentials'} (not in the backup)` };
  },

  async startOld(ctx) {
    if (!ctx.journal.data.oldJobWasRunning) return { state: 'skipped', note: 'the old job was not running' };
    const jobId = restoredJobId(ctx);
    const job = await ctx.api.getJob(ctx.sp, jobId, ctx.options);
    if (job.schedule?.state === 'Active') return { state: 'done', note: 'already running' };
    if (!(await ctx.host.confirmStart(jobId))) return { state: 'skipped', note: 'not started: start it when ready' };
    await ctx.api.startJob(ctx.sp, jobId, ctx.options);
    return { state: 'done' };
  },
};

/** Whether a journal can still be rolled back (for hosts listing journals). */
export function canRollBack(journal: MigrationJournal): boolean {
  return journal.data.status !== 'rolledBack';
}
