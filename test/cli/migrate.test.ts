import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli, startSandboxProcess, type SandboxProcess } from './cliProcess';
import type { SynchronizationJob, SynchronizationSchema } from '../../src/graph/model';
import type { MigrationJournalData } from '../../src/migration/journal';
import type { MigrationPlan } from '../../src/migration/plan';

describe('entra-provisioning migrate', function () {
  this.timeout(60_000);
  let sandbox: SandboxProcess;
  let dir: string;
  let readyFile: string;
  let tokenFile: string;
  let spId: string;
  let jobId: string;
  let accessToken: string;

  const graph = async <T>(path: string): Promise<T> => {
    const response = await fetch(new URL(`v1.0${path}`, sandbox.info.graph), { headers: { Authorization: `Bearer ${accessToken}` } });
    return (await response.json()) as T;
  };

  before(async () => {
    sandbox = await startSandboxProcess();
    dir = mkdtempSync(join(tmpdir(), 'cli-migrate-'));
    readyFile = join(dir, 'ready.json');
    writeFileSync(readyFile, `${JSON.stringify(sandbox.info)}\n`);
    tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, (sandbox.info as unknown as { scimToken: string }).scimToken);
    const response = await fetch(sandbox.info.tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.info.clientId, client_secret: sandbox.info.clientSecret, scope: `${sandbox.info.graph}.default` }),
    });
    accessToken = ((await response.json()) as { access_token: string }).access_token;
    const sps = await graph<{ value: { id: string }[] }>(`/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'Workplace from Meta'")}`);
    spId = sps.value[0]!.id;
    jobId = (await graph<{ value: SynchronizationJob[] }>(`/servicePrincipals/${spId}/synchronization/jobs`)).value[0]!.id;
  });

  after(async () => {
    await sandbox?.stop();
  });

  it('documents itself and refuses tokens on the command line', async () => {
    const help = await runCli(['migrate', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--resume JOURNAL/);
    const refused = await runCli(['migrate', '--apply', '--sp', 'x', '--job', 'y', '--template', 'z', '--token', 'secret']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /never taken from the command line/);
    const noMode = await runCli(['migrate', '--sp', 'x']);
    assert.equal(noMode.code, 2);
    assert.match(noMode.stderr, /exactly one of --plan, --apply/);
  });

  it('--plan prints the plan as JSON with the not-transferable list, and same-template is refused', async () => {
    const planned = await runCli(['migrate', '--sandbox', readyFile, '--sp', spId, '--job', jobId, '--template', 'FacebookWorkplace', '--plan']);
    assert.equal(planned.code, 0, planned.stderr);
    const plan = JSON.parse(planned.stdout) as MigrationPlan;
    assert.equal(plan.target.templateId, 'FacebookWorkplace');
    assert.deepEqual(plan.notTransferable, []);
    assert.equal(plan.customizations.length, 5);
    const same = await runCli(['migrate', '--sandbox', readyFile, '--sp', spId, '--job', jobId, '--template', 'FacebookAtWorkOutDelta', '--plan']);
    assert.equal(same.code, 1);
    assert.match(same.stderr, /already uses the template FacebookAtWorkOutDelta/);
  });

  it('survives SIGKILL in the middle of --apply: --resume completes the migration', async () => {
    // The secrets PUT hangs: the process is killed while that step is in flight (old job already deleted).
    await fetch(`${new URL(sandbox.info.graph).origin}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'PUT', path: '/synchronization/secrets$', kind: 'hang', count: 1 }),
    });
    const backupDir = join(dir, 'migrations');
    const child = spawn(
      process.execPath,
      [CLI, 'migrate', '--sandbox', readyFile, '--sp', spId, '--job', jobId, '--template', 'FacebookWorkplace', '--apply', '--yes', '--token-file', tokenFile, '--backup-dir', backupDir],
      { stdio: 'pipe' },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    const journalPath = await waitFor(() => /Journal: (.+journal\.json)/.exec(stderr)?.[1], 15_000, () => `no journal path in: ${stderr}`);
    await waitFor(() => {
      if (!existsSync(journalPath)) return undefined;
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as MigrationJournalData;
      return journal.steps.find((s) => s.name === 'putSecrets')?.state === 'started' ? true : undefined;
    }, 15_000, () => `putSecrets never started: ${stderr}`);
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const killed = JSON.parse(readFileSync(journalPath, 'utf8')) as MigrationJournalData;
    assert.equal(killed.status, 'applying', 'the journal shows the run was interrupted');
    assert.equal(killed.steps.find((s) => s.name === 'deleteOld')?.state, 'done');
    assert.ok(existsSync(killed.backup!.location), 'the backup exists');

    const resumed = await runCli(['migrate', '--sandbox', readyFile, '--resume', journalPath, '--token-file', tokenFile, '--yes']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const outcome = JSON.parse(resumed.stdout) as { status: string; newJobId: string };
    assert.equal(outcome.status, 'completed');
    const jobs = (await graph<{ value: SynchronizationJob[] }>(`/servicePrincipals/${spId}/synchronization/jobs`)).value;
    assert.deepEqual(jobs.map((j) => j.id), [outcome.newJobId]);
    assert.equal(jobs[0]!.schedule.state, 'Active');
    const schema = await graph<SynchronizationSchema>(`/servicePrincipals/${spId}/synchronization/jobs/${outcome.newJobId}/schema`);
    const users = schema.synchronizationRules[0]!.objectMappings[0]!;
    assert.ok(users.attributeMappings.some((m) => m.targetAttributeName === 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter'));
    assert.equal(users.scope?.groups[0]?.name, 'Employees only');

    // Resuming again does nothing harmful.
    const again = await runCli(['migrate', '--sandbox', readyFile, '--resume', journalPath, '--yes']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual((await graph<{ value: SynchronizationJob[] }>(`/servicePrincipals/${spId}/synchronization/jobs`)).value.map((j) => j.id), [outcome.newJobId]);
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, explain: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((r) => setTimeout(r, 50));
  }
}
