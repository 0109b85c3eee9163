// `entra-provisioning migrate`: move a provisioning job to another template (the Workplace SCIM 1.0 → 2.0 upgrade)
// with the same core as the extension (src/migration): plan, backup, journaled apply, resume, rollback.
// Output contract: --plan prints the plan as one JSON document on stdout; --apply/--resume/--rollback print one JSON
// line with the outcome on stdout; progress, prompts and the device-code message go to stderr.
// Exit codes: 0 done, 1 refused or failed (the message says whether --resume continues), 2 bad options.
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { CliError, parseCommandArgs } from '../command';
import type { SynchronizationApi } from '../../graph/synchronization';
import type { MigrationHost, StepEvent } from '../../migration/apply';
import type { MigrationPlan } from '../../migration/plan';
import { signInForCli, type CliSignIn } from '../signIn';
import { askHidden, askYesNo } from '../prompt';

const HELP = `Usage: entra-provisioning migrate --sp ID --job ID --template TEMPLATE (--plan | --apply) [options]
       entra-provisioning migrate (--resume | --rollback) JOURNAL [options]

Moves a provisioning job to another template without losing its customizations — e.g. the Workplace from Meta
SCIM 1.0 job (FacebookAtWorkOutDelta) to the SCIM 2.0 connector (FacebookWorkplace). The plan reads everything and
changes nothing; apply backs up the job, schema and settings (read back and verified), then pauses and deletes the
old job, creates the new one, sets its credentials, writes the merged schema, tests the connection and starts it
if the old job was running. Every step is journaled: after any interruption --resume finishes the migration and
--rollback recreates the old job from the backup. Both can be run again safely.

Modes:
  --plan                print the plan as JSON (customizations, what is carried over, what is not transferable,
                        the schema to write and its diff against the template default); changes nothing
  --apply               run the plan (asks for confirmation naming tenant, app and both templates unless --yes)
  --resume JOURNAL      continue an interrupted migration from its journal.json
  --rollback JOURNAL    undo a migration: delete the new job, recreate the old one with the backed-up schema

Options:
  --tenant T            tenant id or domain (not needed with --sandbox, or with a journal that records it)
  --sp ID               service principal (enterprise app) object id
  --job ID              the job to migrate
  --template T          target template id, e.g. FacebookWorkplace
  --tenant-url URL      Tenant URL for the new job (default: https://scim.workplace.com/ for Workplace, otherwise
                        the old job's; with --sandbox: the sandbox SCIM server)
  --token-file F        file holding the SCIM token for the new job (otherwise asked for, hidden, on a terminal);
                        never given on the command line, never stored
  --backup-dir D        where backups and journals go (default: ./entra-migrations)
  --yes                 do not ask: confirm the migration and start the new job if the old one was running
  --sandbox READY.json  target the sandbox: the file holds its ready line (Graph, authority, client credentials)
  -h, --help            show this help

Sign-in: app-only with ENTRA_CLIENT_ID + ENTRA_CLIENT_SECRET (or ENTRA_CLIENT_CERTIFICATE_PATH: a PEM file with the
certificate and its private key); otherwise a device code is shown here to sign in as a user. Tokens stay in memory.
`;

interface Options {
  tenant?: string;
  sp?: string;
  job?: string;
  template?: string;
  plan: boolean;
  apply: boolean;
  resume?: string;
  rollback?: string;
  yes: boolean;
  tokenFile?: string;
  backupDir: string;
  sandbox?: string;
  tenantUrl?: string;
}

export async function run(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (!options) {
    process.stdout.write(HELP);
    return 0;
  }
  const modes = [options.plan, options.apply, options.resume !== undefined, options.rollback !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new CliError('Choose exactly one of --plan, --apply, --resume JOURNAL, --rollback JOURNAL.');

  const { MigrationError } = await import('../../migration/errors');
  try {
    if (options.plan || options.apply) return await planOrApply(options);
    return await fromJournal(options);
  } catch (error) {
    if (error instanceof MigrationError) {
      throw new CliError(error.message, 1);
    }
    const { GraphError } = await import('../../graph/errors');
    const { SignInError } = await import('../../auth/signInError');
    if (error instanceof GraphError || error instanceof SignInError) throw new CliError(error instanceof GraphError ? error.describe() : error.message, 1);
    throw error;
  }
}

async function planOrApply(options: Options): Promise<number> {
  for (const flag of ['sp', 'job', 'template'] as const) {
    if (!options[flag]) throw new CliError(`--${flag} is required with ${options.plan ? '--plan' : '--apply'}.`);
  }
  // Read the token before signing in or changing anything: a missing file should stop us, not the secrets step.
  const token = options.apply ? await readToken(options, true) : undefined;
  const session = await signIn(options);
  const { planMigration } = await import('../../migration/plan');
  const tenantUrl = options.tenantUrl ?? session.defaultTenantUrl;
  const plan = await planMigration(session.api, {
    spId: options.sp!,
    jobId: options.job!,
    targetTemplateId: options.template!,
    tenantId: session.tenantId,
    ...(tenantUrl ? { tenantUrl } : {}),
  });
  if (options.plan) {
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  }
  printPlanSummary(plan);
  if (!options.yes) {
    const question =
      `Migrate the provisioning job of "${plan.servicePrincipal.displayName}" in tenant ${session.tenantId} ` +
      `from ${plan.source.templateId} to ${plan.target.templateId}? The old job is deleted (after a verified backup).`;
    if (!(await askYesNo(question))) {
      process.stderr.write('Nothing was changed.\n');
      return 1;
    }
  }
  const { DirectoryStorage, migrationFolderName } = await import('../../migration/storage');
  const { startMigration } = await import('../../migration/apply');
  const directory = join(resolve(options.backupDir), migrationFolderName(plan.source.templateId));
  const storage = new DirectoryStorage(directory);
  process.stderr.write(`Journal: ${storage.locate('journal.json')}\n`);
  const outcome = await startMigration(session.api, storage, plan, cliHost(options, token));
  return report(outcome.journal.data, outcome.journal.location);
}

async function fromJournal(options: Options): Promise<number> {
  const journalPath = resolve((options.resume ?? options.rollback)!);
  const { DirectoryStorage } = await import('../../migration/storage');
  const { MigrationJournal } = await import('../../migration/journal');
  const storage = new DirectoryStorage(dirname(journalPath));
  const journal = await MigrationJournal.load(storage);
  options.tenant ??= journal.data.tenantId ?? undefined;
  if (options.resume) {
    const { needsToken, resumeMigration } = await import('../../migration/apply');
    const token = needsToken(journal) ? await readToken(options, true) : undefined;
    const session = await signIn(options);
    process.stderr.write(`Resuming the migration of "${journal.data.appDisplayName}" (${journal.data.oldTemplateId} → ${journal.data.targetTemplateId}).\n`);
    const outcome = await resumeMigration(session.api, storage, cliHost(options, token));
    return report(outcome.journal.data, outcome.journal.location);
  }
  const { rollbackMigration } = await import('../../migration/rollback');
  const token = await readToken(options, false);
  const session = await signIn(options);
  process.stderr.write(`Rolling back the migration of "${journal.data.appDisplayName}" (${journal.data.targetTemplateId} → ${journal.data.oldTemplateId}).\n`);
  const outcome = await rollbackMigration(session.api, storage, cliHost(options, token));
  return report(outcome.journal.data, outcome.journal.location);
}

function cliHost(options: Options, token: string | undefined): MigrationHost {
  return {
    secretToken: async () => token,
    confirmStart: async (jobId) => (options.yes ? true : askYesNo(`The old job was running. Start ${jobId} now?`)),
    onStep: (event: StepEvent) => {
      if (event.state === 'started') return;
      process.stderr.write(`  ${event.state === 'failed' ? '✗' : event.state === 'skipped' ? '–' : '✓'} ${event.label}${event.note ? `: ${event.note}` : ''}\n`);
    },
  };
}

function report(data: { migrationId: string; status: string; newJobId: string | null; recreatedJobId: string | null; backup: { location: string } | null }, journal: string): number {
  process.stdout.write(
    `${JSON.stringify({ migrationId: data.migrationId, status: data.status, newJobId: data.newJobId, recreatedJobId: data.recreatedJobId, journal, backup: data.backup?.location ?? null })}\n`,
  );
  return data.status === 'completed' || data.status === 'rolledBack' ? 0 : 1;
}

function printPlanSummary(plan: MigrationPlan): void {
  const lines = [plan.summary];
  if (plan.customizations.length > 0) lines.push('Customizations:', ...plan.customizations.map((c) => `  • ${c}`));
  if (plan.notTransferable.length > 0) lines.push('Not transferable:', ...plan.notTransferable.map((n) => `  ✗ ${n.description} — ${n.reason}`));
  lines.push(`Credentials to enter again: ${plan.credentialsToReenter.join(', ')}`);
  for (const warning of plan.warnings) lines.push(`Warning: ${warning}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

async function readToken(options: Options, required: boolean): Promise<string | undefined> {
  if (options.tokenFile) {
    let text: string;
    try {
      text = readFileSync(options.tokenFile, 'utf8').trim();
    } catch (error) {
      throw new CliError(`Can't read the token file ${options.tokenFile}: ${(error as Error).message}`);
    }
    if (!text) throw new CliError(`The token file ${options.tokenFile} is empty.`);
    return text;
  }
  if (!process.stdin.isTTY) {
    if (required) throw new CliError('The SCIM token for the new job is needed: give --token-file F (it is never taken from the command line).');
    return undefined;
  }
  const token = (await askHidden(required ? 'SCIM token for the new job (hidden): ' : 'SCIM token to restore (hidden; Enter to skip): ')).trim();
  if (!token && required) throw new CliError('No token entered; nothing was changed.');
  return token || undefined;
}

async function signIn(options: Options): Promise<CliSignIn & { api: SynchronizationApi }> {
  const session = await signInForCli({ tenant: options.tenant, sandboxFile: options.sandbox });
  const { SynchronizationApi } = await import('../../graph/synchronization');
  return { ...session, api: new SynchronizationApi(session.graph) };
}

function parseOptions(args: string[]): Options | undefined {
  const { values } = parseCommandArgs('migrate', {
    args,
    options: {
      tenant: { type: 'string' },
      sp: { type: 'string' },
      job: { type: 'string' },
      template: { type: 'string' },
      plan: { type: 'boolean', default: false },
      apply: { type: 'boolean', default: false },
      resume: { type: 'string' },
      rollback: { type: 'string' },
      yes: { type: 'boolean', default: false },
      'token-file': { type: 'string' },
      'backup-dir': { type: 'string' },
      'tenant-url': { type: 'string' },
      sandbox: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (values.token !== undefined) throw new CliError('Tokens are never taken from the command line (they end up in shell history): use --token-file F or the prompt.');
  return {
    plan: values.plan ?? false,
    apply: values.apply ?? false,
    yes: values.yes ?? false,
    backupDir: values['backup-dir'] ?? 'entra-migrations',
    ...(values.tenant ? { tenant: values.tenant } : {}),
    ...(values.sp ? { sp: values.sp } : {}),
    ...(values.job ? { job: values.job } : {}),
    ...(values.template ? { template: values.template } : {}),
    ...(values.resume ? { resume: values.resume } : {}),
    ...(values.rollback ? { rollback: values.rollback } : {}),
    ...(values['token-file'] ? { tokenFile: values['token-file'] } : {}),
    ...(values['tenant-url'] ? { tenantUrl: values['tenant-url'] } : {}),
    ...(values.sandbox ? { sandbox: values.sandbox } : {}),
  };
}
