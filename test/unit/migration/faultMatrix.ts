// The migration fault matrix, shared by test/unit/migration/faults.test.ts and the `migration-faults` bench: for
// every apply step, make its Graph call fail once each way the network and Graph fail (HTTP 500, a 429 storm longer
// than the client's retries, a dropped connection, a hang past the timeout), then resume until the migration
// completes. A case survives when the final state is exactly the expected one and nothing was lost; throughout, the
// sandbox is watched so that the old job never disappears before the backup file exists.
import { existsSync, readFileSync } from 'node:fs';
import type { FaultRuleInput } from '../../../src/sandbox/faults';
import { resumeMigration, startMigration } from '../../../src/migration/apply';
import { readBackup } from '../../../src/migration/backup';
import { sameJson } from '../../../src/migration/customizations';
import type { MigrationJournal } from '../../../src/migration/journal';
import { planMigration } from '../../../src/migration/plan';
import { BACKUP_FILE, type MigrationStorage } from '../../../src/migration/storage';
import { employeesOnlyScope } from '../../../src/sandbox/tenant/seed';
import { comparable, expectedWorkplaceSchema, scratchStorage, workplaceFixture } from './helpers';

export const FAULT_KINDS = ['http500', 'throttleStorm', 'drop', 'hang'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number] | 'storageWrite';

const MAX_RETRIES = 3;

/** The Graph call each apply step makes that the fault hits (path regexes without the /v1.0 prefix). */
export const STEP_TARGETS: Record<string, (oldJob: string) => Pick<FaultRuleInput, 'method' | 'path'>> = {
  backup: (old) => ({ method: 'GET', path: `/jobs/${escape(old)}/schema$` }),
  pauseOld: (old) => ({ method: 'POST', path: `/jobs/${escape(old)}/pause$` }),
  deleteOld: (old) => ({ method: 'DELETE', path: `/jobs/${escape(old)}$` }),
  createNew: () => ({ method: 'POST', path: '/synchronization/jobs$' }),
  putSecrets: () => ({ method: 'PUT', path: '/synchronization/secrets$' }),
  putSchema: () => ({ method: 'PUT', path: '/jobs/FacebookWorkplace[^/]*/schema$' }),
  validateCredentials: () => ({ method: 'POST', path: '/jobs/FacebookWorkplace[^/]*/validateCredentials$' }),
  startNew: () => ({ method: 'POST', path: '/jobs/FacebookWorkplace[^/]*/start$' }),
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function ruleFor(kind: (typeof FAULT_KINDS)[number]): Omit<FaultRuleInput, 'method' | 'path'> {
  switch (kind) {
    case 'http500':
      return { kind: 'error', status: 500, count: 1 };
    case 'throttleStorm':
      // Longer than the client's retries: the first run gives up, the resume gets through.
      return { kind: 'throttle', retryAfter: 0, count: MAX_RETRIES + 2 };
    case 'drop':
      return { kind: 'drop', count: 1 };
    case 'hang':
      return { kind: 'hang', count: 1 };
  }
}

export interface FaultCaseResult {
  step: string;
  fault: FaultKind;
  survived: boolean;
  /** Runs it took (1 = the first run absorbed the fault). */
  runs: number;
  /** Everything that differs from the expected final state (empty when survived). */
  losses: string[];
}

/** A storage that fails its first write of the backup (disk full, permissions), for the backup step. */
function failingOnce(storage: MigrationStorage): MigrationStorage {
  let failed = false;
  return {
    locate: (name) => storage.locate(name),
    read: (name) => storage.read(name),
    write: async (name, content) => {
      if (name === BACKUP_FILE && !failed) {
        failed = true;
        throw new Error('ENOSPC: no space left on device');
      }
      return storage.write(name, content);
    },
  };
}

export async function runFaultCase(step: string, fault: FaultKind): Promise<FaultCaseResult> {
  const fx = await workplaceFixture({ timeoutMs: 300, maxRetries: MAX_RETRIES });
  const losses: string[] = [];
  try {
    const original = comparable(await fx.api.getJobSchema(fx.spId, fx.jobId));
    const plan = await planMigration(fx.api, { spId: fx.spId, jobId: fx.jobId, targetTemplateId: 'FacebookWorkplace', tenantId: fx.sandbox.info.tenantId, tenantUrl: fx.scimUrl });
    const directory = scratchStorage();
    const storage = fault === 'storageWrite' ? failingOnce(directory) : directory;
    const sp = fx.sandbox.tenant.servicePrincipal(fx.spId)!;
    fx.sandbox.tenant.onChange(() => {
      if (!sp.jobs.some((j) => j.job.id === fx.jobId) && !existsSync(directory.locate(BACKUP_FILE))) {
        losses.push('the old job was deleted before the backup existed');
      }
    });
    if (fault !== 'storageWrite') fx.sandbox.faults.add({ ...STEP_TARGETS[step]!(fx.jobId), ...ruleFor(fault) });

    let journal: MigrationJournal | undefined;
    let runs = 0;
    let lastError: unknown;
    for (; runs < 4 && journal?.data.status !== 'completed'; ) {
      runs++;
      try {
        journal = (runs === 1 ? await startMigration(fx.api, storage, plan, fx.host()) : await resumeMigration(fx.api, storage, fx.host())).journal;
      } catch (error) {
        lastError = error;
      }
    }
    if (journal?.data.status !== 'completed') {
      losses.push(`did not complete after ${runs} runs: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
      return { step, fault, survived: false, runs, losses };
    }
    if (fault !== 'storageWrite' && fx.sandbox.faults.list().every((r) => r.fired === 0)) losses.push('the fault never fired (the case tested nothing)');
    await checkFinalState(fx, journal, directory, original, losses);
    return { step, fault, survived: losses.length === 0, runs, losses };
  } catch (error) {
    losses.push(`case crashed: ${error instanceof Error ? error.message : String(error)}`);
    return { step, fault, survived: false, runs: 0, losses };
  } finally {
    await fx.close();
  }
}

async function checkFinalState(
  fx: Awaited<ReturnType<typeof workplaceFixture>>,
  journal: MigrationJournal,
  storage: MigrationStorage,
  original: unknown,
  losses: string[],
): Promise<void> {
  fx.sandbox.faults.clear();
  const jobs = await fx.api.listJobs(fx.spId);
  if (jobs.length !== 1 || jobs[0]!.templateId !== 'FacebookWorkplace') losses.push(`jobs at the end: ${jobs.map((j) => j.id).join(', ') || 'none'}`);
  const job = jobs.find((j) => j.id === journal.data.newJobId);
  if (!job) return void losses.push('the journal names a new job that does not exist');
  if (job.schedule.state !== 'Active') losses.push(`new job is ${job.schedule.state}, not running like the old one`);
  const schema = await fx.api.getJobSchema(fx.spId, job.id);
  if (!sameJson(comparable(schema), comparable(expectedWorkplaceSchema()))) losses.push('the new schema is not the expected merged schema (customizations lost)');
  const users = schema.synchronizationRules[0]?.objectMappings.find((m) => m.sourceObjectName === 'User');
  if (!sameJson(users?.scope ?? null, employeesOnlyScope())) losses.push('scoping filter lost');
  const sp = fx.sandbox.tenant.servicePrincipal(fx.spId)!;
  const secrets = Object.fromEntries(fx.sandbox.tenant.secrets(sp).map((s) => [s.key, s.value]));
  if (secrets.BaseAddress !== fx.scimUrl) losses.push('Tenant URL not set');
  if (secrets.SecretToken !== fx.scimToken) losses.push('token not set');
  if (secrets.SyncAll !== 'false' || !secrets.SyncNotificationSettings) losses.push('provisioning settings lost');
  try {
    const backup = await readBackup(storage, journal.data.backup!);
    if (!sameJson(comparable(backup.schema), original)) losses.push('the backup does not hold the original schema');
    if (readFileSync(storage.locate(BACKUP_FILE), 'utf8').includes(fx.scimToken)) losses.push('the backup holds the token');
  } catch (error) {
    losses.push(`backup: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const MATRIX_STEPS = Object.keys(STEP_TARGETS);

/** Every (step, fault) pair, plus a failing backup write. */
export function matrixCases(): { step: string; fault: FaultKind }[] {
  return [...MATRIX_STEPS.flatMap((step) => FAULT_KINDS.map((fault) => ({ step, fault }))), { step: 'backup', fault: 'storageWrite' as const }];
}
