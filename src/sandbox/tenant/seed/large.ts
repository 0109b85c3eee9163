// The `large` seed: a tenant with 5,000 service principals of which exactly 200 have a provisioning job — the scale
// the tree view, search and paging have to cope with. The default seed's apps (and their special jobs) are kept; the
// rest are generated with a realistic mix of templates and job states.
import type { SynchronizationJob } from '../../../graph/model';
import type { Random } from '../../random';
import { WORKPLACE_BASE_ADDRESS } from '../templates';
import type { SeedServicePrincipal } from './types';
import type { Groups } from './groups';
import { configuredSecrets, jobIdFor, jobSchema, legacyWorkplaceJobId, servicePrincipal } from './apps';
import { activeJob, initialCycleJob, notConfiguredJob, pausedJob, quarantinedJob } from './jobStatus';
import { stream } from './tenant';

export const LARGE_SERVICE_PRINCIPAL_COUNT = 5000;
export const LARGE_JOB_COUNT = 200;

const ORGS = [
  'Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Woodgrove', 'Litware', 'Adventure Works', 'Proseware', 'Wingtip',
  'Alpine Ski House', 'Coho', 'Fourth Coffee', 'Lamna', 'Relecloud', 'Trey Research', 'Wide World Importers',
];
const PRODUCTS = [
  'Portal', 'Analytics', 'CRM', 'Intranet', 'Wiki', 'Payroll', 'Expenses', 'Travel', 'Helpdesk', 'Inventory', 'Billing',
  'Docs', 'Forms', 'Reports', 'API', 'Mobile', 'Scheduler', 'Learning', 'Procurement', 'Recruiting',
];
const VARIANTS = ['', 'Dev', 'Test', 'Staging', 'EU', 'US', 'APAC', 'Legacy'];

type JobState = 'active' | 'activeWithErrors' | 'paused' | 'quarantined' | 'notConfigured' | 'initialCycle';

const TEMPLATE_MIX: [string, number][] = [
  ['scim', 45],
  ['customappsso', 10],
  ['Slack', 12],
  ['Zoom', 15],
  ['FacebookWorkplace', 10],
  ['FacebookAtWorkOutDelta', 8],
];
const STATE_MIX: [JobState, number][] = [
  ['active', 62],
  ['activeWithErrors', 10],
  ['paused', 8],
  ['quarantined', 8],
  ['notConfigured', 7],
  ['initialCycle', 5],
];
const QUARANTINE_REASONS = [
  { reason: 'EncounteredQuarantineException', code: 'SystemForCrossDomainIdentityManagementInvalidCredentials', message: 'Please provide a valid tenant URL for your application.', state: 'Failed' },
  // Escrow-threshold quarantines carry the most common per-object error of the failing cycles.
  { reason: 'EncounteredEscrowProportionThreshold', code: 'UnprocessableEntity', message: 'More than 40% of the operations in the last cycles failed. Most failures: the application answered 422 Unprocessable Entity.', state: 'EntryLevelErrors' },
  { reason: 'EncounteredTotalEscrowThreshold', code: 'EntryConflict', message: 'More than 40,000 operations failed. Most failures: a matching object already exists in the application.', state: 'EntryLevelErrors' },
  { reason: 'TooManyDeletes', code: 'None', message: 'The number of deletes and disables in this cycle exceeded the accidental-deletions threshold (500).', state: 'EntryLevelErrors' },
] as const;

function nameGenerator(rng: Random, taken: Set<string>): () => string {
  return () => {
    for (;;) {
      const name = [rng.pick(ORGS), rng.pick(PRODUCTS), rng.pick(VARIANTS)].filter(Boolean).join(' ');
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
      if (rng.chance(0.3)) {
        const numbered = `${name} ${rng.int(2, 99)}`;
        if (!taken.has(numbered)) {
          taken.add(numbered);
          return numbered;
        }
      }
    }
  };
}

function generatedJob(rng: Random, now: Date, sp: SeedServicePrincipal, templateId: string, state: JobState): SynchronizationJob {
  const id = templateId === 'FacebookAtWorkOutDelta' ? legacyWorkplaceJobId(rng) : jobIdFor(templateId, sp.appId);
  const users = rng.int(5, 4000);
  const groups = templateId === 'Zoom' || templateId.startsWith('Facebook') ? undefined : rng.int(0, 25);
  const counts = groups === undefined ? { users } : { users, groups };
  const common = { id, templateId, counts, runningForDays: rng.int(10, 1800), lastCycleMinutesAgo: rng.int(1, 39) };
  switch (state) {
    case 'active':
      return activeJob(rng, now, { ...common, exported: rng.int(0, 12) });
    case 'activeWithErrors':
      return activeJob(rng, now, { ...common, lastState: 'EntryLevelErrors', exported: rng.int(0, 12), escrowed: rng.int(1, 40) });
    case 'paused':
      return pausedJob(rng, now, { ...common, exported: rng.int(0, 5), pausedDaysAgo: rng.int(1, 90) });
    case 'quarantined': {
      const q = rng.pick(QUARANTINE_REASONS);
      return quarantinedJob(rng, now, {
        ...common,
        reason: q.reason,
        error: { code: q.code, message: q.message, tenantActionable: true },
        seriesBeganHoursAgo: rng.int(2, 600),
        seriesCount: rng.int(1, 20),
        lastState: q.state,
        exported: q.state === 'Failed' ? 0 : rng.int(0, 30),
        escrowed: q.state === 'Failed' ? 0 : rng.int(10, 5000),
      });
    }
    case 'notConfigured':
      return notConfiguredJob(id, templateId);
    case 'initialCycle':
      return initialCycleJob(rng, now, { id, templateId, entitled: users, completedPages: rng.int(0, 9), totalPages: 10 });
  }
}

/** Adds generated apps to `base` until there are 5,000 service principals, exactly 200 of them with a job. */
export function growToLargeTenant(base: SeedServicePrincipal[], groups: Groups, now: Date): SeedServicePrincipal[] {
  const rng = stream('large');
  const ids = stream('large/ids');
  const nextName = nameGenerator(rng, new Set(base.map((sp) => sp.displayName)));
  const out = base.slice();
  const everyone = [groups.byKey.allEmployees.id];

  const toGenerate = LARGE_SERVICE_PRINCIPAL_COUNT - base.length;
  const jobsToAdd = LARGE_JOB_COUNT - base.filter((sp) => sp.jobs.length > 0).length;
  // Spread the job-carrying apps evenly through the generated ones rather than bunching them at the end.
  const jobPositions = new Set(Array.from({ length: jobsToAdd }, (_, k) => Math.floor((k * toGenerate) / jobsToAdd)));
  for (let i = 0; i < toGenerate; i++) {
    if (!jobPositions.has(i)) {
      const gallery = rng.chance(0.5);
      out.push(servicePrincipal(ids, { displayName: nextName(), gallery, registration: !gallery && rng.chance(0.3), sso: gallery ? 'saml' : null, assigned: everyone }));
      continue;
    }
    const templateId = rng.weighted(TEMPLATE_MIX);
    const templateIds = templateId === 'FacebookAtWorkOutDelta' ? ['FacebookAtWorkOutDelta', 'FacebookWorkplace'] : [templateId];
    const gallery = templateId !== 'scim' && templateId !== 'customappsso';
    const displayName = gallery ? `${templateId.startsWith('Facebook') ? 'Workplace from Meta' : templateId} (${nextName()})` : `${nextName()} (SCIM)`;
    const sp = servicePrincipal(ids, { displayName, gallery, templateIds, sso: 'saml', assigned: everyone });
    const state = rng.weighted(STATE_MIX);
    const job = generatedJob(rng, now, sp, templateId, state);
    sp.jobs.push({ job, schema: jobSchema(templateId, job.id) });
    if (state !== 'notConfigured') {
      sp.secrets = configuredSecrets(rng, templateId.startsWith('Facebook') ? WORKPLACE_BASE_ADDRESS : templateId === 'Slack' ? null : `https://scim.${sp.appId.slice(0, 8)}.example/scim/v2/`);
    }
    out.push(sp);
  }
  return out;
}
