import assert from 'node:assert/strict';
import type { AttributeMapping, SynchronizationSchema } from '../../../src/graph/model';
import {
  LARGE_JOB_COUNT,
  LARGE_SERVICE_PRINCIPAL_COUNT,
  TENANT_ID,
  WORKPLACE_LEGACY_CUSTOMIZATIONS,
  buildSeed,
  type SeedData,
  type SeedServicePrincipal,
} from '../../../src/sandbox/tenant/seed';
import { TEMPLATES } from '../../../src/sandbox/tenant/templates';
import { Random } from '../../../src/sandbox/random';

const NOW = new Date('2026-11-20T09:30:00.000Z');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TENANT_HEX = TENANT_ID.replace(/-/g, '');

function spNamed(seed: SeedData, name: string): SeedServicePrincipal {
  const sp = seed.servicePrincipals.find((s) => s.displayName === name);
  assert.ok(sp, `no service principal "${name}"`);
  return sp;
}
function jobsOf(seed: SeedData) {
  return seed.servicePrincipals.flatMap((sp) => sp.jobs.map((j) => ({ sp, ...j })));
}
function userMappings(schema: SynchronizationSchema): AttributeMapping[] {
  return schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User')!.attributeMappings;
}

describe('sandbox seed', () => {
  let seed: SeedData;
  before(() => {
    seed = buildSeed('default', NOW);
  });

  describe('random', () => {
    it('is deterministic per seed and produces well-formed GUIDs', () => {
      const a = new Random('x');
      const b = new Random('x');
      const drawsA = Array.from({ length: 5 }, () => a.uuid());
      assert.deepEqual(drawsA, Array.from({ length: 5 }, () => b.uuid()));
      for (const id of drawsA) assert.match(id, GUID);
      assert.notEqual(new Random('y').uuid(), drawsA[0]);
      const r = new Random(42);
      for (let i = 0; i < 200; i++) {
        const n = r.int(3, 7);
        assert.ok(n >= 3 && n <= 7);
      }
      assert.match(r.hex(15), /^[0-9a-f]{15}$/);
    });
  });

  it('is deterministic: same kind and now give the same tenant', () => {
    assert.equal(JSON.stringify(buildSeed('default', NOW)), JSON.stringify(seed));
    const later = buildSeed('default', new Date(NOW.getTime() + 3_600_000));
    assert.deepEqual(later.users.map((u) => u.id), seed.users.map((u) => u.id));
    assert.equal(later.now, new Date(NOW.getTime() + 3_600_000).toISOString());
    assert.equal(seed.now, NOW.toISOString());
  });

  it('describes the Contoso (sandbox) tenant', () => {
    assert.equal(seed.tenantId, TENANT_ID);
    assert.match(seed.tenantId, GUID);
    assert.equal(seed.tenantDisplayName, 'Contoso (sandbox)');
    assert.ok(seed.verifiedDomains.includes(seed.defaultDomain));
    assert.ok(seed.verifiedDomains.every((d) => d.includes('contoso')));
    const admin = seed.users.find((u) => u.id === seed.adminUser.id)!;
    assert.equal(admin.userPrincipalName, `admin@${seed.defaultDomain}`);
    assert.deepEqual(seed.adminUser.roles, ['Application Administrator']);
  });

  describe('users and groups', () => {
    it('has about 300 unique users with realistic attributes', () => {
      assert.ok(seed.users.length >= 280 && seed.users.length <= 320, String(seed.users.length));
      assert.equal(new Set(seed.users.map((u) => u.id)).size, seed.users.length);
      assert.equal(new Set(seed.users.map((u) => u.userPrincipalName.toLowerCase())).size, seed.users.length);
      const members = seed.users.filter((u) => u.userType === 'Member');
      for (const u of members) {
        assert.match(u.id, GUID);
        assert.ok(u.displayName && u.givenName && u.surname, u.userPrincipalName);
        assert.match(u.preferredLanguage ?? '', /^[a-z]{2}-[A-Z]{2}$/);
        assert.match(u.usageLocation ?? '', /^[A-Z]{2}$/);
      }
      const withDept = members.filter((u) => u.department && u.jobTitle && u.employeeId && u.city && u.country);
      assert.ok(withDept.length > 250);
      assert.ok(seed.users.filter((u) => u.mobilePhone).length > 100);
      assert.ok(seed.users.filter((u) => u.manager).length > 250, 'reporting lines');
      const ids = new Set(seed.users.map((u) => u.id));
      assert.ok(seed.users.every((u) => !u.manager || ids.has(u.manager.id)));
    });

    it('includes the problem users the diagnostics are about', () => {
      const noMail = seed.users.filter((u) => u.mail === null);
      assert.ok(noMail.length >= 5, 'users without mail');
      const unverified = seed.users.filter((u) => !seed.verifiedDomains.includes(u.userPrincipalName.split('@')[1]!) && u.userType === 'Member');
      assert.ok(unverified.length >= 5, 'users on an unverified domain');
      assert.ok(unverified.every((u) => u.userPrincipalName.endsWith('@fabrikam-unverified.example') && u.mail?.endsWith('@fabrikam-unverified.example')));
      assert.ok(seed.users.filter((u) => !u.accountEnabled).length >= 5, 'disabled users');
      assert.ok(seed.users.some((u) => u.userType === 'Guest' && u.userPrincipalName.includes('#EXT#')), 'guests');
    });

    it('has about 15 groups whose members are real users', () => {
      assert.ok(seed.groups.length >= 12 && seed.groups.length <= 20);
      const ids = new Set(seed.users.map((u) => u.id));
      for (const g of seed.groups) {
        assert.match(g.id, GUID);
        assert.ok(g.members.length > 0, g.displayName);
        assert.ok(g.members.every((m) => ids.has(m)), g.displayName);
        assert.equal(new Set(g.members).size, g.members.length, `${g.displayName} duplicate members`);
      }
    });
  });

  describe('service principals and jobs', () => {
    it('has a few dozen apps, most without provisioning', () => {
      const sps = seed.servicePrincipals;
      assert.ok(sps.length >= 24 && sps.length <= 60, String(sps.length));
      const withJobs = sps.filter((s) => s.jobs.length > 0);
      assert.ok(withJobs.length >= 8 && withJobs.length < sps.length / 2);
      assert.equal(new Set(sps.map((s) => s.id)).size, sps.length);
      assert.equal(new Set(sps.map((s) => s.appId)).size, sps.length);
      for (const sp of sps) {
        assert.ok(sp.tags.includes('WindowsAzureActiveDirectoryIntegratedApp'), sp.displayName);
        assert.match(sp.applicationObjectId, GUID);
        for (const t of sp.templateIds) assert.ok(TEMPLATES.has(t), `${sp.displayName}: ${t}`);
      }
      const groupAndUserIds = new Set([...seed.users.map((u) => u.id), ...seed.groups.map((g) => g.id)]);
      assert.ok(sps.every((sp) => sp.assignedPrincipalIds.every((id) => groupAndUserIds.has(id))));
    });

    it('names jobs as Graph does and keeps each job consistent with its template', () => {
      for (const { sp, job, schema } of jobsOf(seed)) {
        assert.ok(sp.templateIds.includes(job.templateId), job.id);
        if (job.templateId === 'FacebookAtWorkOutDelta') assert.match(job.id, /^FacebookAtWorkOutDelta\.[0-9a-f]{15}\.[0-9a-f]{15}$/);
        else assert.equal(job.id, `${job.templateId}.${TENANT_HEX}.${sp.appId}`);
        assert.equal(schema.id, job.id);
        assert.equal(schema.synchronizationRules[0]!.id, TEMPLATES.get(job.templateId)!.userRuleId);
        assert.deepEqual(job.synchronizationJobSettings.find((s) => s.name === 'QuarantineTooManyDeletesThreshold'), { name: 'QuarantineTooManyDeletesThreshold', value: '500' });
        if (job.status.code === 'Active') {
          assert.equal(job.schedule.interval, 'PT40M');
          assert.ok(job.status.lastExecution && job.status.synchronizedEntryCountByType.length > 0 && job.status.progress.length > 0, job.id);
          assert.ok(new Date(job.status.lastExecution.timeEnded) <= NOW, `${job.id} ends in the future`);
        }
      }
    });

    it('has the legacy Workplace SCIM 1.0 job, active, with secrets', () => {
      const sp = spNamed(seed, 'Workplace from Meta');
      assert.deepEqual(sp.templateIds, ['FacebookAtWorkOutDelta', 'FacebookWorkplace']);
      assert.equal(sp.jobs.length, 1);
      const { job } = sp.jobs[0]!;
      assert.equal(job.templateId, 'FacebookAtWorkOutDelta');
      assert.equal(job.schedule.state, 'Active');
      assert.equal(job.status.code, 'Active');
      assert.equal(job.status.lastExecution?.state, 'EntryLevelErrors');
      assert.ok(job.status.lastExecution!.countEscrowed > 0);
      assert.ok(job.status.lastSuccessfulExecution);
      assert.notEqual(job.status.steadyStateFirstAchievedTime, '0001-01-01T00:00:00Z');
      const secrets = Object.fromEntries(sp.secrets.map((s) => [s.key, s.value]));
      assert.equal(secrets.BaseAddress, 'https://scim.workplace.com/');
      assert.ok(secrets.SecretToken);
    });

    it('customizes the legacy Workplace schema exactly as documented', () => {
      const actual = spNamed(seed, 'Workplace from Meta').jobs[0]!.schema;
      const template = TEMPLATES.get('FacebookAtWorkOutDelta')!.defaultSchema();
      assert.equal(WORKPLACE_LEGACY_CUSTOMIZATIONS.length, 5);
      // Directories untouched.
      assert.deepEqual(actual.directories, template.directories);
      const userObject = actual.synchronizationRules[0]!.objectMappings[0]!;
      // 1. scoping filter
      assert.deepEqual(userObject.scope, {
        categoryFilterGroups: [],
        groups: [
          {
            name: 'Employees only',
            clauses: [
              { operatorName: 'IS NOT NULL', sourceOperandName: 'department', targetOperand: null },
              { operatorName: 'NOT REGEX MATCH', sourceOperandName: 'userPrincipalName', targetOperand: { values: ['.*#EXT#.*'] } },
            ],
          },
        ],
        inputFilterGroups: [],
      });
      const before = new Map(userMappings(template).map((m) => [m.targetAttributeName, m]));
      const after = new Map(userMappings(actual).map((m) => [m.targetAttributeName, m]));
      // 2. one added mapping
      assert.deepEqual([...after.keys()].filter((k) => !before.has(k)), ['urn:scim:schemas:extension:enterprise:1.0.costCenter']);
      assert.deepEqual([...before.keys()].filter((k) => !after.has(k)), []);
      assert.equal(after.get('urn:scim:schemas:extension:enterprise:1.0.costCenter')!.source!.expression, '[extensionAttribute2]');
      // 3.–5. changed mappings, and nothing else changed
      const changed = [...before.keys()].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
      assert.deepEqual(changed.sort(), ['externalId', 'name.formatted', 'userName']);
      assert.equal(after.get('name.formatted')!.source!.expression, '[displayName]');
      assert.equal(before.get('name.formatted')!.source!.expression, 'Join(" ", [givenName], [surname])');
      assert.deepEqual([after.get('externalId')!.source!.expression, after.get('externalId')!.matchingPriority], ['[employeeId]', 1]);
      assert.deepEqual([before.get('externalId')!.source!.expression, before.get('externalId')!.matchingPriority], ['[mailNickname]', 0]);
      assert.deepEqual([after.get('userName')!.source!.expression, after.get('userName')!.matchingPriority], ['[userPrincipalName]', 2]);
      // Still 1.0 names only; email still from plain [mail].
      assert.ok([...after.keys()].every((k) => !k.startsWith('urn:ietf:')));
      assert.equal(after.get('emails[type eq "work"].value')!.source!.expression, '[mail]');
    });

    it('has a SCIM 2.0 Workplace job and an active custom SCIM job', () => {
      const emea = spNamed(seed, 'Workplace from Meta (EMEA)');
      assert.equal(emea.jobs[0]!.job.templateId, 'FacebookWorkplace');
      assert.ok(emea.jobs[0]!.job.id.startsWith(`FacebookWorkplace.${TENANT_HEX}.`));
      assert.equal(emea.jobs[0]!.job.status.code, 'Active');
      const hr = spNamed(seed, 'Contoso HR SCIM (custom)');
      assert.deepEqual(hr.templateIds, ['scim']);
      assert.equal(hr.jobs[0]!.job.id, `scim.${TENANT_HEX}.${hr.appId}`);
      assert.equal(hr.jobs[0]!.job.status.code, 'Active');
      assert.equal(hr.jobs[0]!.job.schedule.state, 'Active');
    });

    it('has Slack quarantined for EncounteredEscrowProportionThreshold', () => {
      const { job } = spNamed(seed, 'Slack').jobs[0]!;
      assert.equal(job.status.code, 'Quarantine');
      const q = job.status.quarantine!;
      assert.equal(q.reason, 'EncounteredEscrowProportionThreshold');
      for (const field of ['currentBegan', 'nextAttempt', 'seriesBegan'] as const) assert.ok(!Number.isNaN(Date.parse(q[field])), field);
      assert.ok(new Date(q.nextAttempt) > new Date(q.currentBegan));
      assert.ok(new Date(q.seriesBegan) <= new Date(q.currentBegan));
      assert.ok(q.seriesCount > 0);
      assert.ok(q.error && q.error.code && q.error.message);
      assert.ok(job.status.countSuccessiveCompleteFailures > 0);
      assert.ok(['Failed', 'EntryLevelErrors'].includes(job.status.lastExecution!.state));
      assert.ok(job.status.troubleshootingUrl);
    });

    it('has Zoom paused', () => {
      const { job } = spNamed(seed, 'Zoom').jobs[0]!;
      assert.equal(job.schedule.state, 'Paused');
      assert.equal(job.status.code, 'Paused');
      assert.ok(job.status.lastExecution);
    });

    it('has a never-configured job', () => {
      const notConfigured = jobsOf(seed).filter((j) => j.job.status.code === 'NotConfigured');
      assert.equal(notConfigured.length, 1);
      const { job, sp } = notConfigured[0]!;
      assert.equal(sp.displayName, 'Contoso Learning Portal (SCIM)');
      assert.deepEqual(job.schedule, { expiration: null, interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' });
      assert.equal(job.status.lastExecution, null);
      assert.equal(job.status.quarantine, null);
      assert.equal(job.status.steadyStateFirstAchievedTime, '0001-01-01T00:00:00Z');
      assert.deepEqual(sp.secrets, []);
    });

    it('covers every job status code', () => {
      const codes = new Set(jobsOf(seed).map((j) => j.job.status.code));
      assert.deepEqual([...codes].sort(), ['Active', 'NotConfigured', 'NotRun', 'Paused', 'Quarantine']);
    });
  });

  describe('provisioning logs', () => {
    it('has 100+ well-formed entries tied to the jobs', () => {
      const logs = seed.provisioningLogs;
      assert.ok(logs.length >= 100, String(logs.length));
      const jobs = new Map(jobsOf(seed).map((j) => [j.job.id, j.sp]));
      assert.equal(new Set(logs.map((l) => l.id)).size, logs.length);
      for (const l of logs) {
        assert.equal(l.tenantId, TENANT_ID);
        const sp = jobs.get(l.jobId);
        assert.ok(sp, `unknown job ${l.jobId}`);
        assert.equal(l.servicePrincipal.id, sp.id);
        assert.ok(new Date(l.activityDateTime) <= NOW);
        assert.ok(new Date(l.activityDateTime) > new Date(NOW.getTime() - 14 * 86_400_000));
        assert.ok(l.provisioningSteps.length >= 2);
        for (const step of l.provisioningSteps) {
          assert.ok(['import', 'scoping', 'matching', 'processing', 'referenceResolution', 'export'].includes(step.provisioningStepType));
          assert.ok(['success', 'failure', 'skipped', 'warning'].includes(step.status));
        }
        assert.equal(l.initiatedBy.displayName, 'Azure AD Provisioning Service');
        assert.equal(l.provisioningStatusInfo.errorInformation === null, l.provisioningStatusInfo.status === 'success');
      }
      const kinds = new Set(logs.map((l) => `${l.provisioningAction}/${l.provisioningStatusInfo.status}`));
      for (const k of ['create/success', 'update/success', 'disable/success', 'create/failure', 'other/skipped']) assert.ok(kinds.has(k), k);
    });

    it('records the documented Workplace failures', () => {
      const users = new Map(seed.users.map((u) => [u.id, u]));
      const unverified = seed.provisioningLogs.filter((l) => l.provisioningStatusInfo.errorInformation?.errorCode === '1789003');
      assert.ok(unverified.length > 0);
      for (const l of unverified) {
        const user = users.get(l.sourceIdentity.id)!;
        assert.ok(!seed.verifiedDomains.includes(user.userPrincipalName.split('@')[1]!));
        assert.ok(l.jobId.startsWith('FacebookAtWorkOutDelta.'));
      }
      const missingEmail = seed.provisioningLogs.filter((l) => l.provisioningStatusInfo.errorInformation?.reason === 'Missing Email field: You must provide an email');
      assert.ok(missingEmail.length > 0);
      for (const l of missingEmail) assert.equal(users.get(l.sourceIdentity.id)!.mail, null);
    });

    it('explains scoping skips with ScopeEvaluationResult', () => {
      const skipped = seed.provisioningLogs.filter((l) => l.provisioningStatusInfo.status === 'skipped');
      assert.ok(skipped.length > 0);
      for (const l of skipped) {
        const scoping = l.provisioningSteps.find((s) => s.provisioningStepType === 'scoping')!;
        const result = JSON.parse(scoping.details.ScopeEvaluationResult!) as Record<string, boolean>;
        assert.ok(Object.keys(result).every((k) => k.startsWith('Employees only.')));
        assert.ok(Object.values(result).includes(false));
      }
      const ok = seed.provisioningLogs.find((l) => l.jobId.startsWith('FacebookAtWorkOutDelta.') && l.provisioningStatusInfo.status === 'success')!;
      const okResult = JSON.parse(ok.provisioningSteps.find((s) => s.provisioningStepType === 'scoping')!.details.ScopeEvaluationResult!);
      assert.deepEqual(okResult, { 'Employees only.department IS NOT NULL': true, "Employees only.userPrincipalName NOT REGEX MATCH '.*#EXT#.*'": true });
    });
  });

  describe('large', () => {
    it(`has ${LARGE_SERVICE_PRINCIPAL_COUNT} service principals, exactly ${LARGE_JOB_COUNT} with jobs, built fast and deterministically`, () => {
      const started = Date.now();
      const large = buildSeed('large', NOW);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1000, `large seed took ${elapsed} ms`);
      assert.equal(large.servicePrincipals.length, 5000);
      assert.equal(large.servicePrincipals.filter((sp) => sp.jobs.length > 0).length, 200);
      assert.equal(new Set(large.servicePrincipals.map((sp) => sp.id)).size, 5000);
      assert.equal(new Set(jobsOf(large).map((j) => j.job.id)).size, jobsOf(large).length);
      assert.equal(large.users.length, seed.users.length);
      assert.ok(large.servicePrincipals.some((sp) => sp.displayName === 'Workplace from Meta'), 'keeps the special jobs');
      const codes = new Set(jobsOf(large).map((j) => j.job.status.code));
      assert.deepEqual([...codes].sort(), ['Active', 'NotConfigured', 'NotRun', 'Paused', 'Quarantine']);
      const templates = new Set(jobsOf(large).map((j) => j.job.templateId));
      assert.ok(templates.size >= 5);
      assert.equal(JSON.stringify(buildSeed('large', NOW).servicePrincipals.map((sp) => sp.jobs.map((j) => j.job))), JSON.stringify(large.servicePrincipals.map((sp) => sp.jobs.map((j) => j.job))));
    });
  });
});
