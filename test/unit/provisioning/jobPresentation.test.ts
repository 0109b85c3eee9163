import assert from 'node:assert/strict';
import type { SynchronizationJob } from '../../../src/graph/model';
import {
  QUARANTINE_REASON_TEXT,
  RESTART_SCOPE_CHOICES,
  durationInWords,
  jobHealth,
  portalUrl,
  presentJob,
  scheduleInWords,
  type JobHealth,
} from '../../../src/provisioning/jobPresentation';
import { Tenant } from '../../../src/sandbox/tenant';
import { newJobRecord } from '../../../src/sandbox/tenant/jobs';
import { RESTART_SCOPE_FLAGS } from '../../../src/graph/model';

const NOW = new Date('2026-11-03T12:00:00Z');

function seedJobs(): Map<string, SynchronizationJob> {
  const tenant = Tenant.seed('default', NOW);
  const jobs = new Map<string, SynchronizationJob>();
  for (const sp of tenant.servicePrincipals()) {
    const record = tenant.servicePrincipal(sp.id)!;
    if (record.jobs[0]) jobs.set(sp.displayName, record.jobs[0].job);
  }
  return jobs;
}

describe('presentJob', () => {
  const jobs = seedJobs();
  const job = (name: string) => {
    const found = jobs.get(name);
    if (!found) throw new Error(`no job for ${name}`);
    return structuredClone(found);
  };

  it('gives every seed job its health, icon and colour', () => {
    const expected: Record<string, [JobHealth, string, string]> = {
      'Workplace from Meta': ['failing', 'warning', 'problemsWarningIcon.foreground'],
      'Workplace from Meta (EMEA)': ['active', 'pass-filled', 'testing.iconPassed'],
      'Contoso HR SCIM (custom)': ['active', 'pass-filled', 'testing.iconPassed'],
      Slack: ['quarantine', 'error', 'errorForeground'],
      Zoom: ['paused', 'debug-pause', 'charts.yellow'],
      'Contoso Learning Portal (SCIM)': ['notConfigured', 'circle-outline', 'disabledForeground'],
      'Contoso Timesheets (legacy SCIM)': ['active', 'pass-filled', 'testing.iconPassed'],
      'Contoso Benefits Portal': ['active', 'pass-filled', 'testing.iconPassed'],
      'Northwind Partner Directory (SCIM)': ['notRun', 'sync', 'charts.blue'],
      'Contoso Expense Reports (SCIM)': ['quarantine', 'error', 'errorForeground'],
      'Slack (Sandbox workspace)': ['active', 'pass-filled', 'testing.iconPassed'],
    };
    assert.deepEqual([...jobs.keys()].sort(), Object.keys(expected).sort());
    for (const [name, [health, icon, color]] of Object.entries(expected)) {
      const p = presentJob(job(name), NOW);
      assert.deepEqual([p.health, p.icon, p.color], [health, icon, color], name);
    }
  });

  it('describes state · last cycle · counts', () => {
    const slack = job('Slack');
    const synced = slack.status.synchronizedEntryCountByType.reduce((n, e) => n + e.value, 0);
    assert.match(presentJob(slack, NOW).description, new RegExp(`^Quarantine · \\d+h ago · ${synced} synced · ${slack.status.lastExecution!.countEscrowed} failed$`));
    assert.match(presentJob(job('Workplace from Meta'), NOW).description, /^Active with errors · \d+ min ago · \d+ synced · \d+ failed$/);
    assert.match(presentJob(job('Contoso Benefits Portal'), NOW).description, /^Active · \d+ min ago · \d+ synced$/);
    assert.match(presentJob(job('Zoom'), NOW).description, /^Paused · 5d ago · \d+ synced$/);
    assert.equal(presentJob(job('Northwind Partner Directory (SCIM)'), NOW).description.split(' · ').slice(0, 2).join(' · '), 'Initial cycle · 33%');
    assert.equal(presentJob(job('Contoso Learning Portal (SCIM)'), NOW).description, 'Not configured');
  });

  it('groups thousands in counts', () => {
    const big = job('Contoso HR SCIM (custom)');
    big.status.synchronizedEntryCountByType = [{ key: 'user to User', value: 1204 }];
    assert.match(presentJob(big, NOW).description, /1,204 synced/);
  });

  it('explains a quarantine in the tooltip: reason and its meaning, since, next attempt, error, troubleshooting link', () => {
    const slack = job('Slack');
    const tip = presentJob(slack, NOW).tooltipMarkdown;
    assert.match(tip, /Template: `Slack`/);
    assert.match(tip, /Runs: every 40 minutes/);
    assert.match(tip, /\*\*Last cycle:\*\* `EntryLevelErrors`, ended 2026-11-0\d \d\d:\d\d UTC \(\d+h ago\)/);
    assert.match(tip, /\*\*Last successful cycle:\*\* `Succeeded`/);
    assert.match(tip, /\*\*Quarantine: Too large a share of operations failed\*\* \(`EncounteredEscrowProportionThreshold`\)/);
    assert.match(tip, /More than 40 % of the provisioning operations failed/);
    assert.match(tip, /Since 2026-11-02 05:00 UTC \(1d ago\) · re-evaluated 3 times · last evaluated \d+h ago · next attempt 2026-11-0\d \d\d:\d\d UTC \(in \d+h\)/);
    assert.match(tip, /Error `LicenseLimitExceeded`: More than 40% of the operations/);
    assert.equal(tip.match(/Error `LicenseLimitExceeded`/g)?.length, 1, 'the repeated error is shown once');
    assert.match(tip, /\*\*Escrows:\*\* \d+ failed operations queued for retry/);
    assert.match(tip, /\[Troubleshooting\]\(https:\/\/learn\.microsoft\.com\/entra\/identity\/app-provisioning\/application-provisioning-quarantine-status\)/);
    assert.match(tip, /after 4 weeks in quarantine it is disabled/);

    const expenses = presentJob(job('Contoso Expense Reports (SCIM)'), NOW).tooltipMarkdown;
    assert.match(expenses, /The app cannot be reached or refuses the credentials/);
    assert.match(expenses, /`SystemForCrossDomainIdentityManagementInvalidCredentials`/);
  });

  it('shows progress of an initial cycle and never-run jobs plainly', () => {
    const tip = presentJob(job('Northwind Partner Directory (SCIM)'), NOW).tooltipMarkdown;
    assert.match(tip, /\*\*Progress:\*\* 1 of 3 pages \(33%\)/);
    assert.match(tip, /\*\*Last cycle:\*\* never run/);
    const learning = presentJob(job('Contoso Learning Portal (SCIM)'), NOW);
    assert.match(learning.tooltipMarkdown, /Runs: never/);
    assert.deepEqual(learning.statusFigures.find((f) => f.label === 'Schedule'), { label: 'Schedule', value: 'never' });
  });

  it('lists the status figures for the Status child', () => {
    const figures = presentJob(job('Slack'), NOW).statusFigures;
    const labels = figures.map((f) => f.label);
    for (const label of ['State', 'Schedule', 'Template', 'Last cycle', 'Last successful cycle', 'Synchronized user to User', 'Escrows', 'Quarantine reason', 'Quarantined since', 'Next attempt', 'Quarantine error', 'Troubleshooting']) {
      assert.ok(labels.includes(label), `missing ${label} in ${labels.join(', ')}`);
    }
    assert.equal(figures.find((f) => f.label === 'Quarantine reason')!.value, 'Too large a share of operations failed (EncounteredEscrowProportionThreshold)');
  });

  it('tells failing apart from entry-level errors, and shows a created-but-stopped job as off', () => {
    const failed = job('Contoso Benefits Portal');
    failed.status.lastExecution!.state = 'Failed';
    failed.status.countSuccessiveCompleteFailures = 2;
    const p = presentJob(failed, NOW);
    assert.equal(p.health, 'failing');
    assert.equal(p.stateLabel, 'Failing');

    const created = newJobRecord('scim.x.y', 'scim', { directories: [], synchronizationRules: [] }).job;
    const off = presentJob(created, NOW);
    assert.equal(off.health, 'disabled');
    assert.equal(off.description, 'Off · never run');
    assert.deepEqual(off.actions, { start: true, pause: false, restart: true });
  });

  it('offers start only when paused, stopped or quarantined, and pause only on an active schedule', () => {
    assert.deepEqual(presentJob(job('Contoso Benefits Portal'), NOW).actions, { start: false, pause: true, restart: true });
    assert.deepEqual(presentJob(job('Zoom'), NOW).actions, { start: true, pause: false, restart: true });
    assert.deepEqual(presentJob(job('Slack'), NOW).actions, { start: true, pause: true, restart: true });
    assert.equal(jobHealth(job('Slack')), 'quarantine');
  });

  it('renders Graph text literally in Markdown', () => {
    const slack = job('Slack');
    slack.status.quarantine!.error!.message = 'see [here](https://evil.example) **now** <img src=x>';
    slack.status.troubleshootingUrl = 'javascript:alert(1)';
    const tip = presentJob(slack, NOW).tooltipMarkdown;
    assert.ok(!tip.includes('[here]('), 'no live link');
    assert.ok(tip.includes('\\[here\\](https://evil.example) \\*\\*now\\*\\* \\<img src=x\\>'), tip);
    assert.ok(!tip.includes('javascript:'));
  });

  it('has a meaning for every quarantine reason', () => {
    for (const reason of ['EncounteredBaseEscrowThreshold', 'EncounteredTotalEscrowThreshold', 'EncounteredEscrowProportionThreshold', 'EncounteredQuarantineException', 'Unknown', 'QuarantinedOnDemand', 'TooManyDeletes', 'IngestionInterrupted'] as const) {
      assert.ok(QUARANTINE_REASON_TEXT[reason].meaning.length > 20, reason);
    }
    assert.match(QUARANTINE_REASON_TEXT.TooManyDeletes.meaning, /ForceDeletes/);
  });
});

describe('durationInWords and scheduleInWords', () => {
  it('reads ISO 8601 durations', () => {
    assert.equal(durationInWords('PT40M'), '40 minutes');
    assert.equal(durationInWords('PT20M'), '20 minutes');
    assert.equal(durationInWords('PT1M'), '1 minute');
    assert.equal(durationInWords('PT1H30M'), '1 hour 30 minutes');
    assert.equal(durationInWords('P1D'), '1 day');
    assert.equal(durationInWords('P2DT3H'), '2 days 3 hours');
    assert.equal(durationInWords('PT45S'), '45 seconds');
    assert.equal(durationInWords('P10675199DT2H48M5.4775807S'), 'never');
    assert.equal(durationInWords('soon'), 'soon');
  });

  it('words a schedule', () => {
    assert.equal(scheduleInWords('PT40M'), 'every 40 minutes');
    assert.equal(scheduleInWords('P10675199DT2H48M5.4775807S'), 'never');
  });
});

describe('RESTART_SCOPE_CHOICES', () => {
  it('offers the portal default, QuarantineState, Escrows, Watermark, ForceDeletes and Full — never ConnectorDataStore', () => {
    assert.deepEqual(RESTART_SCOPE_CHOICES.map((c) => c.id), ['portalDefault', 'QuarantineState', 'Escrows', 'Watermark', 'ForceDeletes', 'Full']);
    assert.equal(RESTART_SCOPE_CHOICES[0]!.scopes, undefined);
    for (const choice of RESTART_SCOPE_CHOICES) {
      for (const scope of choice.scopes ?? []) assert.ok(scope in RESTART_SCOPE_FLAGS);
      assert.ok(!(choice.scopes ?? []).includes('ConnectorDataStore'));
      assert.ok(choice.detail.length > 40);
    }
    const full = RESTART_SCOPE_CHOICES.find((c) => c.id === 'Full')!;
    assert.match(full.detail, /breaks the links between source and target/);
    assert.match(full.detail, /portal's Restart does not/);
    assert.equal(full.destructive, true);
    assert.match(RESTART_SCOPE_CHOICES[0]!.detail, /Links between source and target accounts are kept/);
  });
});

describe('portalUrl', () => {
  it('links to the app\'s Provisioning blade in the cloud\'s portal', () => {
    assert.equal(
      portalUrl('https://portal.azure.us/', 'sp-1', 'app-2'),
      'https://portal.azure.us/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/ProvisioningManagement/appId/app-2/objectId/sp-1',
    );
    assert.ok(portalUrl('https://portal.azure.com', 'a', 'b').startsWith('https://portal.azure.com/#view/'));
  });
});
