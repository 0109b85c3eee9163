import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GraphClient } from '../../../src/graph/client';
import { SynchronizationApi } from '../../../src/graph/synchronization';
import { resumeMigration, startMigration, type StepEvent } from '../../../src/migration/apply';
import { sameJson } from '../../../src/migration/customizations';
import { MigrationError } from '../../../src/migration/errors';
import { MigrationJournal } from '../../../src/migration/journal';
import { planMigration } from '../../../src/migration/plan';
import { rollbackMigration } from '../../../src/migration/rollback';
import { BACKUP_FILE } from '../../../src/migration/storage';
import { WORKPLACE_LEGACY_CUSTOMIZATIONS, employeesOnlyScope } from '../../../src/sandbox/tenant/seed';
import { tokenWith } from '../../support/sandbox';
import { comparable, expectedWorkplaceSchema, scratchStorage, workplaceFixture, type MigrationFixture } from './helpers';

describe('migration: Workplace SCIM 1.0 → 2.0 against the sandbox', function () {
  this.timeout(20_000);
  let fx: MigrationFixture;

  beforeEach(async () => {
    fx = await workplaceFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  const plan = () => planMigration(fx.api, { spId: fx.spId, jobId: fx.jobId, targetTemplateId: 'FacebookWorkplace', tenantId: fx.sandbox.info.tenantId, tenantUrl: fx.scimUrl });

  it('plans the seed customizations translated to SCIM 2.0 names, changing nothing', async () => {
    const before = JSON.stringify(fx.sandbox.tenant.toJSON());
    const p = await plan();
    assert.equal(p.noCustomizations, false);
    assert.equal(p.source.templateId, 'FacebookAtWorkOutDelta');
    assert.equal(p.target.profile, 'workplace-scim1-to-scim2');
    assert.equal(p.target.tenantUrl, fx.scimUrl, 'the Tenant URL given overrides the Workplace preset');
    assert.ok(p.warnings.some((w) => w.includes('only accepts the Tenant URL https://scim.workplace.com/')));
    assert.equal(p.source.running, true);
    assert.equal(p.writeAccess, 'confirmed');
    // Every seed customization shows up (the seed documents five).
    assert.equal(p.customizations.length, WORKPLACE_LEGACY_CUSTOMIZATIONS.length, p.customizations.join('\n'));
    assert.ok(p.customizations.some((c) => c.includes('scoping filter none → "Employees only"')));
    assert.ok(p.customizations.some((c) => c.includes('added mapping urn:scim:schemas:extension:enterprise:1.0.costCenter ← [extensionAttribute2]')));
    assert.ok(p.customizations.some((c) => /name\.formatted: source Join\(" ", \[givenName\], \[surname\]\) → \[displayName\]/.test(c)));
    assert.ok(p.customizations.some((c) => /externalId: source \[mailNickname\] → \[employeeId\]/.test(c)));
    assert.ok(p.customizations.some((c) => /matching precedence userName \(1\) → externalId \(1\), userName \(2\)/.test(c)));
    const rename = p.translated.flatMap((t) => t.renames);
    assert.deepEqual(rename, [{ from: 'urn:scim:schemas:extension:enterprise:1.0.costCenter', to: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter' }]);
    assert.deepEqual(p.notTransferable, []);
    assert.deepEqual(comparable(p.mergedSchema), comparable(expectedWorkplaceSchema()));
    assert.match(p.schemaDiff, /^\+.*enterprise:2\.0:User:costCenter/m);
    assert.match(p.schemaDiff, /^\+.*Employees only/m);
    assert.deepEqual(p.credentialsToReenter, ['SecretToken']);
    assert.ok(!JSON.stringify(p).includes('*****'), 'no masked secret in the plan');
    assert.equal(JSON.stringify(fx.sandbox.tenant.toJSON()), before, 'planning wrote nothing');
  });

  it('applies: a FacebookWorkplace job with the merged schema, the scoping filter, secrets set, a verified backup', async () => {
    const p = await plan();
    const storage = scratchStorage();
    const events: StepEvent[] = [];
    const { journal, backup } = await startMigration(fx.api, storage, p, fx.host({ events }));
    assert.equal(journal.data.status, 'completed');
    assert.ok(journal.data.newJobId?.startsWith('FacebookWorkplace.'));
    const jobs = await fx.api.listJobs(fx.spId);
    assert.deepEqual(jobs.map((j) => j.templateId), ['FacebookWorkplace'], 'the old job is gone, the new one is there');
    const schema = await fx.api.getJobSchema(fx.spId, journal.data.newJobId!);
    assert.deepEqual(comparable(schema), comparable(expectedWorkplaceSchema()));
    const users = schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User')!;
    assert.ok(sameJson(users.scope, employeesOnlyScope()), 'same scoping filter');
    const sp = fx.sandbox.tenant.servicePrincipal(fx.spId)!;
    const secrets = Object.fromEntries(fx.sandbox.tenant.secrets(sp).map((s) => [s.key, s.value]));
    assert.equal(secrets.BaseAddress, fx.scimUrl);
    assert.equal(secrets.SecretToken, fx.scimToken);
    assert.equal(secrets.SyncAll, 'false', 'settings carried over');
    assert.equal(secrets.SyncNotificationSettings, '{"Enabled":true,"DeleteThresholdEnabled":true}');
    const job = await fx.api.getJob(fx.spId, journal.data.newJobId!);
    assert.equal(job.schedule.state, 'Active', 'started because the old job was running and the host confirmed');
    // Backup present, verified, complete, and without the token.
    assert.ok(backup);
    const text = readFileSync(storage.locate(BACKUP_FILE), 'utf8');
    assert.ok(!text.includes(fx.scimToken) && !text.includes('*****'), 'no credential in the backup');
    assert.equal(backup.job.id, fx.jobId);
    assert.equal(backup.schedule?.state, 'Active');
    assert.deepEqual(backup.credentialsNotBackedUp, ['SecretToken']);
    assert.equal(backup.plan.target.templateId, 'FacebookWorkplace');
    assert.ok(!readFileSync(journal.location, 'utf8').includes(fx.scimToken), 'no token in the journal');
    assert.deepEqual(
      events.filter((e) => e.state !== 'started').map((e) => `${e.step}:${e.state}`),
      ['backup:done', 'pauseOld:done', 'deleteOld:done', 'createNew:done', 'putSecrets:done', 'putSchema:done', 'validateCredentials:done', 'startNew:done'],
    );
  });

  it('the migrated job provisions a user to the sandbox SCIM server with the 2.0 enterprise extension', async () => {
    const { journal } = await startMigration(fx.api, scratchStorage(), await plan(), fx.host({ start: false }));
    const jobId = journal.data.newJobId!;
    const sp = fx.sandbox.tenant.servicePrincipal(fx.spId)!;
    const members = sp.assignedPrincipalIds.flatMap((id) => fx.sandbox.tenant.groupMembers(id) ?? []);
    const person = members
      .map((m) => (m.type === 'user' ? m.resource : undefined))
      .find((u) => u && u.accountEnabled && u.department && u.mail && !u.userPrincipalName.includes('#EXT#'))!;
    assert.ok(person, 'an assigned, in-scope user');
    const ruleId = (await fx.api.getJobSchema(fx.spId, jobId)).synchronizationRules[0]!.id;
    await fx.api.provisionOnDemand(fx.spId, jobId, { parameters: [{ ruleId, subjects: [{ objectId: person.id, objectTypeName: 'User' }] }] });
    const created = fx.sandbox.scim.store.findUserByUserName(person.userPrincipalName) as unknown as Record<string, unknown> | undefined;
    assert.ok(created, 'the user reached the SCIM server');
    const enterprise = created['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as { department?: string } | undefined;
    assert.equal(enterprise?.department, person.department);
    assert.ok(!JSON.stringify(created).includes('urn:scim:schemas:extension:enterprise:1.0'), 'no SCIM 1.0 names');
  });

  it('leaves the new job stopped when the host declines to start it', async () => {
    const { journal } = await startMigration(fx.api, scratchStorage(), await plan(), fx.host({ start: false }));
    assert.equal(journal.step('startNew').state, 'skipped');
    assert.equal((await fx.api.getJob(fx.spId, journal.data.newJobId!)).schedule.state, 'Disabled');
  });

  it('resuming a completed migration, and rolling back twice, do no harm', async () => {
    const storage = scratchStorage();
    const { journal } = await startMigration(fx.api, storage, await plan(), fx.host());
    const newJobId = journal.data.newJobId!;
    const again = await resumeMigration(fx.api, storage, fx.host());
    assert.equal(again.journal.data.status, 'completed');
    assert.deepEqual((await fx.api.listJobs(fx.spId)).map((j) => j.id), [newJobId]);

    const rolled = await rollbackMigration(fx.api, storage, fx.host());
    assert.equal(rolled.journal.data.status, 'rolledBack');
    const jobs = await fx.api.listJobs(fx.spId);
    assert.deepEqual(jobs.map((j) => j.templateId), ['FacebookAtWorkOutDelta']);
    const restored = await fx.api.getJobSchema(fx.spId, jobs[0]!.id);
    assert.deepEqual(comparable(restored), comparable(rolled.backup!.schema), 'the backed-up schema is back');
    assert.equal(jobs[0]!.schedule.state, 'Active');
    const twice = await rollbackMigration(fx.api, storage, fx.host());
    assert.equal(twice.journal.data.status, 'rolledBack');
    assert.deepEqual((await fx.api.listJobs(fx.spId)).map((j) => j.id), [jobs[0]!.id]);
    await assert.rejects(resumeMigration(fx.api, storage, fx.host()), (e: unknown) => e instanceof MigrationError && e.code === 'journal');
  });

  it('asks for the token again after a crash before the secrets step, and stops cleanly without one', async () => {
    const storage = scratchStorage();
    await assert.rejects(startMigration(fx.api, storage, await plan(), fx.host({ token: undefined })), (e: unknown) => e instanceof MigrationError && e.code === 'tokenRequired');
    const journal = await MigrationJournal.load(storage);
    assert.equal(journal.data.status, 'failed');
    assert.equal(journal.step('createNew').state, 'done');
    assert.equal(journal.step('putSecrets').state, 'failed');
    const { journal: done } = await resumeMigration(fx.api, storage, fx.host());
    assert.equal(done.data.status, 'completed');
  });

  it('says so when a job has no customizations, and migrates it to the default schema', async () => {
    const sp = fx.sandbox.tenant.servicePrincipal(fx.spId)!;
    // Reset the seed job to its template default (DELETE …/schema), then plan.
    await fx.api.resetJobSchema(fx.spId, fx.jobId);
    assert.ok(sp);
    const p = await plan();
    assert.equal(p.noCustomizations, true);
    assert.deepEqual(p.customizations, []);
    assert.match(p.summary, /no customizations/);
    const defaultSchema = await fx.api.getTemplateSchema(fx.spId, 'FacebookWorkplace');
    assert.deepEqual(comparable(p.mergedSchema), comparable(defaultSchema));
    assert.equal(p.schemaDiff, '');
  });

  it('refuses the same template with a clear message', async () => {
    await assert.rejects(
      planMigration(fx.api, { spId: fx.spId, jobId: fx.jobId, targetTemplateId: 'FacebookAtWorkOutDelta' }),
      (e: unknown) => e instanceof MigrationError && e.code === 'sameTemplate' && /already uses the template FacebookAtWorkOutDelta/.test(e.message),
    );
  });

  it('refuses a template the app does not offer', async () => {
    await assert.rejects(
      planMigration(fx.api, { spId: fx.spId, jobId: fx.jobId, targetTemplateId: 'Slack' }),
      (e: unknown) => e instanceof MigrationError && e.code === 'unknownTemplate' && /Available: FacebookAtWorkOutDelta, FacebookWorkplace/.test(e.message),
    );
  });

  for (const [label, permissions, pattern] of [
    ['no rights at all', [], /lack the rights to read/],
    ['read-only rights', ['Synchronization.Read.All', 'Application.Read.All'], /can read but not change/],
  ] as const) {
    it(`fails at plan time, before any write, with ${label}`, async () => {
      const token = await tokenWith(fx.sandbox, [...permissions]);
      const api = new SynchronizationApi(new GraphClient({ root: fx.sandbox.info.graph, getAccessToken: async () => token, maxRetries: 0 }));
      const before = JSON.stringify(fx.sandbox.tenant.toJSON());
      await assert.rejects(
        planMigration(api, { spId: fx.spId, jobId: fx.jobId, targetTemplateId: 'FacebookWorkplace' }),
        (e: unknown) => e instanceof MigrationError && e.code === 'noAccess' && pattern.test(e.message) && /Nothing was changed/.test(e.message),
      );
      assert.equal(JSON.stringify(fx.sandbox.tenant.toJSON()), before);
    });
  }

  it('refuses to apply a plan made before the job changed', async () => {
    const p = await plan();
    await fx.api.resetJobSchema(fx.spId, fx.jobId);
    const storage = scratchStorage();
    await assert.rejects(startMigration(fx.api, storage, p, fx.host()), (e: unknown) => e instanceof MigrationError && e.code === 'stalePlan');
    assert.equal((await fx.api.listJobs(fx.spId)).length, 1, 'the old job is untouched');
    assert.equal((await fx.api.getJob(fx.spId, fx.jobId)).schedule.state, 'Active');
  });
});
