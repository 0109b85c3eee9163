// Migrating the seed's Workplace SCIM 1.0 job (FacebookAtWorkOutDelta, customized) to FacebookWorkplace through the
// VS Code commands, driven with argument objects (`confirmed: true` stands for the modal, as in the other suites;
// the token and Tenant URL are what a user types into the boxes). Every effect is read back over HTTP with a token of
// our own: the new job's schema, scoping filter and secrets, the backup in globalStorageUri, and a user provisioned on
// demand reaching the sandbox's SCIM server with the SCIM 2.0 enterprise extension. Then a rollback, an apply
// interrupted by a sandbox fault, "Resume Migration", and a final rollback.
//
// The suite changes the shared seed's Workplace app for good (a rolled-back job is a new job without the seed's
// history), so test/integration/index.ts runs it after the suites that read that app.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SynchronizationSchema } from '../../src/graph/model';
import { sameJson } from '../../src/migration/customizations';
import type { MigrationPlan } from '../../src/migration/plan';
import type { EntraProvisioningApi } from '../../src/extension';
import type { JobNode } from '../../src/provisioning/tree/nodes';
import { EMPLOYEES_ONLY_FILTER_NAME, employeesOnlyScope } from '../../src/sandbox/tenant/seed/workplaceCustomizations';
import { comparable, expectedWorkplaceSchema } from '../unit/migration/helpers';
import { api, clearFaults, graphGet, injectFault, jobArgs, jobRow, readSecrets, sandbox, signInApp, token } from './treeSupport';

interface Outcome {
  status: 'done' | 'cancelled' | 'notAllowed' | 'failed';
  message?: string;
  code?: string;
  phase?: string;
  planUri?: string;
  plan?: MigrationPlan;
  folder?: string;
  journalStatus?: string;
  journal?: string;
  backup?: string | null;
  newJobId?: string | null;
  recreatedJobId?: string | null;
  resumable?: boolean;
}

const APP = 'Workplace from Meta';
const run = (command: string, arg: unknown) => vscode.commands.executeCommand<Outcome>(`entraProvisioning.${command}`, arg);

interface GraphJob {
  id: string;
  templateId: string;
  schedule: { state: string };
}

async function graphPost<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(`v1.0${path}`, sandbox().graph), {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `POST ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

describe('Migrating a job to another template (Workplace SCIM 1.0 → 2.0)', function () {
  this.timeout(90_000);
  let ext: EntraProvisioningApi;
  let accountId: string;
  let spId: string;
  const listJobs = async () => (await graphGet<{ value: GraphJob[] }>(`/servicePrincipals/${spId}/synchronization/jobs`)).value;
  const jobSchema = (jobId: string) => graphGet<SynchronizationSchema>(`/servicePrincipals/${spId}/synchronization/jobs/${encodeURIComponent(jobId)}/schema`);
  /** The app's job row, read again (the migration replaces the job). */
  const workplaceJob = async (): Promise<JobNode> => {
    await ext.jobsTree.refresh();
    return jobRow(ext.jobsTree, accountId, APP);
  };
  const migrateArgs = (job: JobNode, extra: Record<string, unknown> = {}) =>
    jobArgs(job, { targetTemplateId: 'FacebookWorkplace', tenantUrl: sandbox().scim, secretToken: sandbox().scimToken, confirmed: true, ...extra });
  let firstMigration: Outcome | undefined;
  let lastMigration: Outcome | undefined;

  before(async () => {
    ext = await api();
    accountId = (await signInApp()).id;
    spId = (await workplaceJob()).job.servicePrincipalId;
  });

  after(async () => {
    await clearFaults();
    // Leave the app with a Workplace 1.0 job again (the seed's schema, from the backup).
    const open = lastMigration?.folder ?? firstMigration?.folder;
    if (open) await run('rollbackMigration', { folder: open, confirmed: true, secretToken: sandbox().scimToken });
  });

  it('refuses to migrate to the job\'s own template, with a clear message, changing nothing', async () => {
    const job = await workplaceJob();
    assert.equal(job.job.templateId, 'FacebookAtWorkOutDelta');
    const outcome = await run('migrateJob', migrateArgs(job, { targetTemplateId: 'FacebookAtWorkOutDelta' }));
    assert.equal(outcome?.status, 'notAllowed', outcome?.message);
    assert.equal(outcome.code, 'sameTemplate');
    assert.match(String(outcome.message), /already uses the template FacebookAtWorkOutDelta.*Choose a different target template/);
    assert.deepEqual((await listJobs()).map((j) => j.id), [job.job.jobId]);
  });

  it('plans without writing: the plan document lists the seed\'s customizations translated to SCIM 2.0 names', async () => {
    const job = await workplaceJob();
    const outcome = await run('migrateJob', migrateArgs(job, { planOnly: true }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const plan = outcome.plan!;
    assert.equal(plan.target.profile, 'workplace-scim1-to-scim2');
    assert.equal(plan.customizations.length, 5, plan.customizations.join('\n'));
    assert.deepEqual(plan.notTransferable, []);

    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === outcome.planUri);
    assert.ok(document, 'the plan document is open');
    assert.equal(document.languageId, 'markdown');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), outcome.planUri, 'and shown');
    const text = document.getText();
    assert.match(text, /# Migration plan: Workplace from Meta/);
    assert.match(text, /FacebookAtWorkOutDelta → FacebookWorkplace/);
    assert.match(text, new RegExp(`scoping filter none → "${EMPLOYEES_ONLY_FILTER_NAME}"`));
    assert.match(text, /renamed: `urn:scim:schemas:extension:enterprise:1\.0\.costCenter` → `urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:costCenter`/);
    assert.match(text, /externalId: source \[mailNickname\] → \[employeeId\]/);
    assert.match(text, /matching precedence userName \(1\) → externalId \(1\), userName \(2\)/);
    assert.match(text, /## Not transferable \(0\)/);
    assert.match(text, /`SecretToken`/);
    assert.match(text, /```diff\n--- FacebookWorkplace default schema/);

    // The schema diff: the job's schema now ↔ the schema the migration writes.
    await run('showMigrationSchemaDiff', vscode.Uri.parse(outcome.planUri!));
    const diff = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(diff instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    const merged = JSON.parse((await vscode.workspace.openTextDocument(diff.modified)).getText()) as SynchronizationSchema;
    assert.deepEqual(comparable(merged), comparable(expectedWorkplaceSchema()));
    const current = (await vscode.workspace.openTextDocument(diff.original)).getText();
    assert.match(current, /urn:scim:schemas:extension:enterprise:1\.0\.costCenter/);

    assert.deepEqual((await listJobs()).map((j) => j.templateId), ['FacebookAtWorkOutDelta'], 'planning changed nothing');
  });

  it('applies: a FacebookWorkplace job with the merged schema, the same scoping filter, secrets set, a backup in globalStorageUri', async () => {
    const job = await workplaceJob();
    const copy = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'workplace-migration-backup.json');
    const outcome = await run('migrateJob', migrateArgs(job, { startNewJob: false, backupCopyTo: copy.fsPath }));
    firstMigration = outcome;
    assert.equal(outcome?.status, 'done', outcome?.message);
    assert.equal(outcome.journalStatus, 'completed');
    assert.match(String(outcome.newJobId), /^FacebookWorkplace\./);

    const jobs = await listJobs();
    assert.deepEqual(jobs.map((j) => j.id), [outcome.newJobId], 'the old job is gone, the new one is there');
    assert.equal(jobs[0]!.schedule.state, 'Disabled', 'not started: startNewJob was false');
    const schema = await jobSchema(outcome.newJobId!);
    assert.deepEqual(comparable(schema), comparable(expectedWorkplaceSchema()));
    const users = schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User')!;
    assert.ok(sameJson(users.scope, employeesOnlyScope()), 'same scoping filter');

    const secrets = await readSecrets((await workplaceJob()));
    assert.equal(secrets.BaseAddress, sandbox().scim);
    assert.equal(secrets.SecretToken, '*****', 'the token is set (Graph masks it on read)');
    assert.equal(secrets.SyncAll, 'false', 'settings carried over');

    // The backup: in the extension's global storage, verified, without any credential; the copy in the workspace.
    const storage = ext.globalStorageUri.fsPath;
    assert.ok(outcome.backup?.startsWith(storage), `${outcome.backup} is under ${storage}`);
    assert.ok(existsSync(outcome.backup!), 'backup file present');
    const backup = readFileSync(outcome.backup!, 'utf8');
    assert.match(backup, /"format": "entra-provisioning.migration-backup"/);
    assert.ok(!backup.includes(sandbox().scimToken), 'no token in the backup');
    assert.ok(!readFileSync(outcome.journal!, 'utf8').includes(sandbox().scimToken), 'no token in the journal');
    assert.equal(readFileSync(copy.fsPath, 'utf8'), backup, 'the workspace copy is the backup');

    // The tree shows the new job.
    assert.equal((await workplaceJob()).job.templateId, 'FacebookWorkplace');
  });

  it('the migrated job provisions a user on demand to the sandbox SCIM server with the SCIM 2.0 enterprise extension', async () => {
    const jobId = firstMigration!.newJobId!;
    const group = (await graphGet<{ value: { id: string }[] }>(`/groups?$filter=${encodeURIComponent("displayName eq 'Workplace Users'")}`)).value[0]!;
    const members = (await graphGet<{ value: { id: string; '@odata.type': string }[] }>(`/groups/${group.id}/members?$top=999`)).value;
    let person: { id: string; userPrincipalName: string; department: string | null } | undefined;
    for (const member of members.filter((m) => m['@odata.type'] === '#microsoft.graph.user')) {
      const user = await graphGet<{ id: string; userPrincipalName: string; department: string | null; mail: string | null; accountEnabled: boolean }>(
        `/users/${member.id}?$select=id,userPrincipalName,department,mail,accountEnabled`,
      );
      if (user.accountEnabled && user.department && user.mail && !user.userPrincipalName.includes('#EXT#')) {
        person = user;
        break;
      }
    }
    assert.ok(person, 'an assigned user inside the scoping filter');
    const ruleId = (await jobSchema(jobId)).synchronizationRules[0]!.id;
    const answer = await graphPost<{ key: string; value: string }>(`/servicePrincipals/${spId}/synchronization/jobs/${encodeURIComponent(jobId)}/provisionOnDemand`, {
      parameters: [{ ruleId, subjects: [{ objectId: person.id, objectTypeName: 'User' }] }],
    });
    const filter = encodeURIComponent(`userName eq "${person.userPrincipalName}"`);
    const response = await fetch(new URL(`Users?filter=${filter}`, sandbox().scim), { headers: { Authorization: `Bearer ${sandbox().scimToken}` } });
    assert.equal(response.status, 200);
    const found = ((await response.json()) as { Resources: Record<string, unknown>[] }).Resources[0];
    assert.ok(found, `${person.userPrincipalName} reached the SCIM server; provisionOnDemand answered ${answer.key} ${answer.value.slice(0, 400)}`);
    const enterprise = found['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as { department?: string } | undefined;
    assert.equal(enterprise?.department, person.department);
    assert.ok(!JSON.stringify(found).includes('urn:scim:schemas:extension:enterprise:1.0'), 'no SCIM 1.0 names');
  });

  it('rolls back: a FacebookAtWorkOutDelta job again, with the backed-up schema', async () => {
    const outcome = await run('rollbackMigration', { folder: firstMigration!.folder, confirmed: true, secretToken: sandbox().scimToken });
    assert.equal(outcome?.status, 'done', outcome?.message);
    assert.equal(outcome.journalStatus, 'rolledBack');
    const jobs = await listJobs();
    assert.deepEqual(jobs.map((j) => j.templateId), ['FacebookAtWorkOutDelta']);
    const backup = JSON.parse(readFileSync(firstMigration!.backup!, 'utf8')) as { schema: SynchronizationSchema };
    assert.deepEqual(comparable(await jobSchema(jobs[0]!.id)), comparable(backup.schema));
    assert.equal((await readSecrets(await workplaceJob())).BaseAddress, sandbox().scim);
    const again = await run('rollbackMigration', { folder: firstMigration!.folder, confirmed: true });
    assert.equal(again?.status, 'notAllowed', 'a rolled-back migration is not rolled back twice');
    firstMigration = undefined;
  });

  it('an apply interrupted by a fault says a resume is possible, and "Resume Migration" completes it', async () => {
    const job = await workplaceJob();
    assert.equal(job.job.templateId, 'FacebookAtWorkOutDelta');
    // The old job is deleted, then creating the new one fails (HTTP 500 is not retried).
    await injectFault({ kind: 'error', status: 500, method: 'POST', path: '/synchronization/jobs$', count: 1 });
    const failed = await run('migrateJob', migrateArgs(job, { startNewJob: false }));
    lastMigration = failed;
    assert.equal(failed?.status, 'failed', failed?.message);
    assert.equal(failed.resumable, true);
    assert.match(String(failed.message), /Create the new job/);
    assert.match(String(failed.message), /a resume is possible/);
    assert.deepEqual(await listJobs(), [], 'stopped between deleting the old job and creating the new one');
    await clearFaults();

    const resumed = await run('resumeMigration', { folder: failed.folder, confirmed: true, secretToken: sandbox().scimToken, startNewJob: false });
    assert.equal(resumed?.status, 'done', resumed?.message);
    assert.equal(resumed.journalStatus, 'completed');
    assert.match(String(resumed.newJobId), /^FacebookWorkplace\./);
    assert.deepEqual((await listJobs()).map((j) => j.id), [resumed.newJobId]);
    assert.deepEqual(comparable(await jobSchema(resumed.newJobId!)), comparable(expectedWorkplaceSchema()));
    assert.equal((await readSecrets(await workplaceJob())).SecretToken, '*****');

    const twice = await run('resumeMigration', { folder: failed.folder, confirmed: true });
    assert.equal(twice?.status, 'notAllowed', 'a finished migration is not resumed again');
    assert.match(String(twice.message), /already finished/);
  });
});
