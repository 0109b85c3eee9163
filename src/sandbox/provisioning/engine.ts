// The sandbox's provisioning engine: provisionOnDemand for one object, and the cycles of started jobs. A job that is
// started, restarted or whose rules change through the API gets its (initial) cycle `firstCycleDelayMs` later, then one
// every `cycleIntervalMs` while its schedule is Active (once a day — `quarantineIntervalMs` — while quarantined,
// graph-synchronization.md §6.4). Jobs the seed shows as Active are not cycled at sandbox start: nothing talks to the
// SCIM target until someone starts a job, so tests see the seed exactly as it is. Timers are unref'd and cleared on
// close; a running cycle stops between two objects when its job is paused or the sandbox closes.
import { randomUUID } from 'node:crypto';
import type { SynchronizationError } from '../../graph/model';
import type { JobRecord, ServicePrincipalRecord, Tenant } from '../tenant';
import { checkTargetConnection, quarantineForConnectionFailure } from '../scim/connection';
import { runCycle, type ConnectionCheck, type CycleReport } from './cycle';
import { ENTRA_ESCROW_THRESHOLDS, type EscrowThresholds } from './jobStatus';
import { LinkStores } from './links';
import { logEntry, type ObjectOutcome } from './outcome';
import { processGroup, processUser, type ProcessContext } from './processObject';
import { ScimClient, isLocalTarget } from './scimClient';
import { secretValue } from './scope';

/** Entra's fixed cycle interval (the PT40M every gallery job shows). */
export const DEFAULT_CYCLE_INTERVAL_MS = 40 * 60_000;
/** A started job's first cycle begins shortly after the start call, not inside it (as in Entra). */
export const DEFAULT_FIRST_CYCLE_DELAY_MS = 10_000;
export const DEFAULT_QUARANTINE_INTERVAL_MS = 24 * 3_600_000;

export interface ProvisioningEngineOptions {
  cycleIntervalMs: number;
  firstCycleDelayMs: number;
  quarantineIntervalMs: number;
  escrowThresholds: EscrowThresholds;
}

export type ProvisioningSettingsInput = Partial<Omit<ProvisioningEngineOptions, 'escrowThresholds'>> & {
  escrowThresholds?: Partial<EscrowThresholds>;
};

export interface OnDemandSubject {
  objectId: string;
  kind: 'User' | 'Group';
  /** A group's members to provision with it (at most 5). */
  memberIds: string[];
}

export type EngineCycleReport = CycleReport | { kind: 'skipped'; reason: string };

export class ProvisioningEngine {
  private readonly links = new LinkStores();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<EngineCycleReport>>();
  private readonly abort = new AbortController();
  private readonly unsubscribe: () => void;
  private settings: ProvisioningEngineOptions;
  private closed = false;

  constructor(
    private readonly tenant: Tenant,
    options: ProvisioningSettingsInput = {},
  ) {
    this.settings = {
      cycleIntervalMs: DEFAULT_CYCLE_INTERVAL_MS,
      firstCycleDelayMs: DEFAULT_FIRST_CYCLE_DELAY_MS,
      quarantineIntervalMs: DEFAULT_QUARANTINE_INTERVAL_MS,
      escrowThresholds: { ...ENTRA_ESCROW_THRESHOLDS },
    };
    this.configure(options);
    this.unsubscribe = tenant.onJobChange((sp, record, change) => {
      if (change === 'paused' || change === 'deleted') {
        this.cancel(record);
        if (change === 'deleted') this.links.drop(record.job.id);
      } else {
        this.schedule(sp, record, this.settings.firstCycleDelayMs);
      }
    });
  }

  get options(): Readonly<ProvisioningEngineOptions> {
    return this.settings;
  }

  /** Changes the cycle settings; validated by the caller (CLI flag, control API). Pending timers keep their time. */
  configure(input: ProvisioningSettingsInput): void {
    const { escrowThresholds, ...rest } = input;
    this.settings = {
      ...this.settings,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      escrowThresholds: { ...this.settings.escrowThresholds, ...(escrowThresholds ?? {}) },
    };
  }

  // ---- on demand ----------------------------------------------------------------------------------------------------

  /** Provisions one user, or one group with its (≤ 5) members, now; writes the provisioning logs. */
  async provisionOnDemand(sp: ServicePrincipalRecord, record: JobRecord, ruleId: string, subject: OnDemandSubject): Promise<ObjectOutcome> {
    const ctx: ProcessContext = {
      tenant: this.tenant,
      sp,
      record,
      client: this.clientFor(sp),
      links: this.links.of(record.job.id),
      ruleId,
      mode: 'onDemand',
      newId: randomUUID,
    };
    let outcome: ObjectOutcome;
    if (subject.kind === 'User') {
      outcome = await processUser(ctx, this.tenant.user(subject.objectId)!);
    } else {
      outcome = await processGroup(ctx, this.tenant.group(subject.objectId)!, subject.memberIds, true);
    }
    // On demand runs outside any cycle: its log lines share a cycle id of their own.
    const cycleId = randomUUID();
    const logContext = {
      tenantId: this.tenant.tenantId,
      jobId: record.job.id,
      cycleId,
      servicePrincipal: { id: sp.resource.id, displayName: sp.resource.displayName, appId: sp.resource.appId, applicationObjectId: sp.applicationObjectId },
    };
    this.tenant.addProvisioningLogs([...outcome.related, outcome].map((o) => logEntry(o, { ...logContext, id: randomUUID() })));
    return outcome;
  }

  // ---- cycles -------------------------------------------------------------------------------------------------------

  /** Runs a cycle of the job now (after any cycle already running), whatever the timers say; the job must be Active. */
  async runCycleNow(sp: ServicePrincipalRecord, record: JobRecord): Promise<EngineCycleReport> {
    await this.running.get(keyOf(record))?.catch(() => undefined);
    return this.startCycle(sp, record);
  }

  /** Resolves when no cycle is running (tests: wait for a started job's cycle). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Whether a cycle is scheduled or running for the job. */
  isScheduled(record: JobRecord): boolean {
    return this.timers.has(keyOf(record)) || this.running.has(keyOf(record));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private schedule(sp: ServicePrincipalRecord, record: JobRecord, delayMs: number): void {
    if (this.closed) return;
    this.cancel(record);
    const key = keyOf(record);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.runScheduled(sp, record);
    }, delayMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  private cancel(record: JobRecord): void {
    const key = keyOf(record);
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private async runScheduled(sp: ServicePrincipalRecord, record: JobRecord): Promise<void> {
    await this.running.get(keyOf(record))?.catch(() => undefined);
    if (!this.isActive(sp, record)) return;
    await this.startCycle(sp, record).catch(() => undefined);
    if (!this.isActive(sp, record) || this.timers.has(keyOf(record))) return;
    const quarantined = record.job.status.quarantine !== null;
    this.schedule(sp, record, quarantined ? this.settings.quarantineIntervalMs : this.settings.cycleIntervalMs);
  }

  private startCycle(sp: ServicePrincipalRecord, record: JobRecord): Promise<EngineCycleReport> {
    const key = keyOf(record);
    const run = this.cycle(sp, record).finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    this.running.set(key, run);
    return run;
  }

  private async cycle(sp: ServicePrincipalRecord, record: JobRecord): Promise<EngineCycleReport> {
    if (this.closed) return { kind: 'skipped', reason: 'The sandbox is closing.' };
    if (!this.isActive(sp, record)) return { kind: 'skipped', reason: `The job's schedule is ${record.job.schedule.state}, not Active.` };
    const baseAddress = secretValue(this.tenant, sp, 'BaseAddress');
    // The sandbox provisions only into SCIM endpoints on this machine (its own SCIM server); a job pointing elsewhere
    // (a real vendor's Tenant URL) or not configured at all keeps its status as it is.
    if (!isLocalTarget(baseAddress)) {
      return { kind: 'skipped', reason: baseAddress ? `The Tenant URL ${baseAddress} is not on this machine.` : 'The job has no Tenant URL.' };
    }
    return runCycle(
      {
        tenant: this.tenant,
        links: this.links.of(record.job.id),
        client: this.clientFor(sp),
        thresholds: this.settings.escrowThresholds,
        newId: randomUUID,
        shouldStop: () => !this.isActive(sp, record),
        checkConnection: this.connectionCheck,
      },
      sp,
      record,
    );
  }

  /** Entra's connection test at the start of every cycle; a failure quarantines the job (EncounteredQuarantineException). */
  private readonly connectionCheck: ConnectionCheck = async (sp, record) => {
    const result = await checkTargetConnection(this.tenant.secrets(sp), { signal: this.abort.signal });
    if (result.ok) return { ok: true };
    if (this.closed) return { ok: false, error: closingError };
    this.tenant.updateJob(record, (r) => quarantineForConnectionFailure(r, result, this.tenant.now()));
    return { ok: false, error: { code: result.code, message: result.message, tenantActionable: true } };
  };

  private isActive(sp: ServicePrincipalRecord, record: JobRecord): boolean {
    return !this.closed && record.job.schedule.state === 'Active' && sp.jobs.includes(record);
  }

  private clientFor(sp: ServicePrincipalRecord): ScimClient {
    const token = secretValue(this.tenant, sp, 'SecretToken') || secretValue(this.tenant, sp, 'Oauth2AccessToken') || secretValue(this.tenant, sp, 'ClientSecret');
    return new ScimClient({ baseAddress: secretValue(this.tenant, sp, 'BaseAddress'), secretToken: token }, { signal: this.abort.signal });
  }
}

const closingError: SynchronizationError = { code: 'SandboxClosing', message: 'The sandbox closed during the cycle.', tenantActionable: false };

function keyOf(record: JobRecord): string {
  return record.job.id.toLowerCase();
}
