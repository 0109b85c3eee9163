// A migration plan as a read-only Markdown document, and the two JSON documents of its schema diff (the job's schema
// now ↔ the schema the migration writes). They are virtual documents of the `entra-provisioning-migration` scheme,
// served from the plans made in this window; nothing is written to disk until the migration runs.
import * as vscode from 'vscode';
import type { SynchronizationSchema } from '../../graph/model';
import { APPLY_STEPS, STEP_LABELS } from '../../migration/journal';
import type { MigrationPlan } from '../../migration/plan';
import type { JobRef } from '../../provisioning/tree/nodes';

/** Kept equal to register.ts's MIGRATION_SCHEME (not imported, so register.ts stays free of this module). */
export const MIGRATION_SCHEME = 'entra-provisioning-migration';

export interface PlanEntry {
  id: string;
  ref: JobRef;
  plan: MigrationPlan;
  /** The job's schema when planned (left side of the schema diff). */
  currentSchema: SynchronizationSchema;
  /** Planned, being applied, or applied (a plan is used once: the old job is gone afterwards). */
  state: 'planned' | 'applying' | 'applied';
  uri: vscode.Uri;
}

/** The plans of this window by id; the content provider reads them. */
export class PlanDocuments {
  private readonly entries = new Map<string, PlanEntry>();
  private counter = 0;

  add(ref: JobRef, plan: MigrationPlan, currentSchema: SynchronizationSchema): PlanEntry {
    const id = `${Date.now().toString(36)}${(this.counter++).toString(36)}`;
    const name = `Migration plan – ${ref.appName.replace(/[\\/:*?"<>|]/g, '_')}.md`;
    const entry: PlanEntry = { id, ref, plan, currentSchema, state: 'planned', uri: vscode.Uri.from({ scheme: MIGRATION_SCHEME, path: `/${id}/${name}` }) };
    this.entries.set(id, entry);
    return entry;
  }

  /** The entry a plan or schema document belongs to. */
  entryOf(uri: vscode.Uri | undefined): PlanEntry | undefined {
    if (!uri || uri.scheme !== MIGRATION_SCHEME) return undefined;
    return this.entries.get(uri.path.split('/')[1] ?? '');
  }

  schemaUris(entry: PlanEntry): { current: vscode.Uri; merged: vscode.Uri } {
    const at = (file: string) => vscode.Uri.from({ scheme: MIGRATION_SCHEME, path: `/${entry.id}/${file}` });
    return { current: at(`current ${entry.plan.source.templateId} schema.json`), merged: at(`new ${entry.plan.target.templateId} schema.json`) };
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.entryOf(uri);
    if (!entry) return vscode.l10n.t('This migration plan is no longer available (plans live only as long as the window). Run “Migrate Job to Another Template…” again.');
    const file = decodeURIComponent(uri.path.split('/').pop() ?? '');
    const uris = this.schemaUris(entry);
    if (uri.path === uris.current.path) return pretty({ ...entry.currentSchema, id: undefined });
    if (uri.path === uris.merged.path) return pretty({ ...entry.plan.mergedSchema, id: undefined });
    return file.endsWith('.md') ? planMarkdown(entry) : '';
  }
}

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The plan in words: what happens, what is carried over (with renamed attributes), what is not and why. */
export function planMarkdown(entry: PlanEntry): string {
  const { plan, ref } = entry;
  const t = vscode.l10n.t;
  const out: string[] = [];
  out.push(`# ${t('Migration plan: {0}', plan.servicePrincipal.displayName)}`, '');
  out.push(`**${plan.source.templateId} → ${plan.target.templateId}** · ${t('planned {0}', new Date(plan.createdAt).toLocaleString())} · ${t('nothing has been changed yet')}`, '');
  out.push(`> ${plan.summary}`, '');
  // A list rather than a table: it reads as well in the editor as in the Markdown preview.
  out.push(`- **${t('Tenant')}:** ${ref.tenantLabel}`);
  out.push(`- **${t('App')}:** ${plan.servicePrincipal.displayName} (${plan.servicePrincipal.appId})`);
  out.push(`- **${t('Job now')}:** ${plan.source.jobId} (${plan.source.templateId}, ${plan.source.scheduleState})`);
  out.push(`- **${t('Target template')}:** ${plan.target.templateId}${plan.target.profile === 'workplace-scim1-to-scim2' ? ` — ${t('the Workplace SCIM 1.0 → 2.0 upgrade: 1.0 attribute names become their 2.0 URNs')}` : ''}`);
  out.push(`- **${t('Tenant URL of the new job')}:** ${plan.target.tenantUrl ?? t('(none)')}`);
  out.push(`- **${t('Write access')}:** ${plan.writeAccess === 'confirmed' ? t('confirmed (Test Connection answered)') : t('not confirmed')}`);
  out.push('');

  if (plan.warnings.length > 0) {
    out.push(`## ${t('Warnings')}`, '');
    for (const warning of plan.warnings) out.push(`- ⚠ ${warning}`);
    out.push('');
  }

  out.push(`## ${t('Customizations carried over ({0})', plan.translated.length)}`, '');
  if (plan.noCustomizations) out.push(t('None: the job uses its template’s default schema, so the new job keeps the {0} default.', plan.target.templateId));
  for (const item of plan.translated) {
    out.push(`- ${item.description}`);
    for (const rename of item.renames) out.push(`  - ${t('renamed')}: \`${rename.from}\` → \`${rename.to}\``);
  }
  out.push('');

  out.push(`## ${t('Not transferable ({0})', plan.notTransferable.length)}`, '');
  if (plan.notTransferable.length === 0) out.push(t('Every customization can be carried over.'));
  for (const item of plan.notTransferable) out.push(`- ✗ ${item.description}`, `  - **${t('why')}:** ${item.reason}`);
  out.push('');

  out.push(`## ${t('Credentials to enter again')}`, '');
  out.push(t('Microsoft Graph never reveals saved credentials, so they are not in the backup and cannot be copied.'), '');
  for (const key of plan.credentialsToReenter) {
    out.push(`- \`${key}\`${key === 'SecretToken' ? ` — ${t('asked for when you migrate (a password box); sent to Graph only, never stored')}` : ` — ${t('enter it with “Set Provisioning Credentials” after the migration')}`}`);
  }
  out.push('');

  if (plan.settingsCarried.length > 0) {
    out.push(`## ${t('Settings carried over')}`, '');
    for (const setting of plan.settingsCarried) out.push(`- \`${setting.key}\` = \`${setting.value ?? ''}\``);
    out.push('');
  }

  out.push(`## ${t('Steps')}`, '');
  out.push(t('Each step is journaled before and after; after an interruption, “Resume Migration…” finishes and “Roll Back Migration…” undoes.'), '');
  APPLY_STEPS.forEach((step, index) => {
    const note = step === 'startNew' && !plan.source.running ? ` (${t('skipped: the old job is not running')})` : step === 'startNew' ? ` (${t('you are asked first')})` : '';
    out.push(`${index + 1}. ${STEP_LABELS[step]}${note}`);
  });
  out.push('');

  out.push(`## ${t('Schema to write')}`, '');
  out.push(t('Unified diff against the {0} default schema. “Show Schema Diff” (editor title) compares the job’s current schema with the schema to write.', plan.target.templateId), '');
  if (plan.schemaDiff) out.push('```diff', plan.schemaDiff.trimEnd(), '```');
  else out.push(t('Identical to the {0} default schema.', plan.target.templateId));
  out.push('');
  return out.join('\n');
}

