// The plan of a migration, made without changing anything: read the job, its schema, settings and schedule, the
// default schema of its own template and of the target template; find the customizations, translate them, and build
// the schema that will be written. Everything that would stop the migration half-way is checked here instead:
// the target template must differ and be offered for the app, no job from it may exist yet, and the identity must be
// allowed to read and change the job (a harmless validateCredentials call proves write access without writing).
import type { GraphError } from '../graph/errors';
import type { ServicePrincipal, StringKeyStringValuePair, SynchronizationJob, SynchronizationSchema } from '../graph/model';
import type { SynchronizationApi } from '../graph/synchronization';
import { WORKPLACE_TENANT_URL, isMaskedValue, isWorkplaceTemplate, secretValue, workplaceTenantUrlWarning } from '../provisioning/credentials';
import { createHash } from 'node:crypto';
import { canonicalJson, describeCustomization, findCustomizations } from './customizations';
import { MigrationError, describeError, isAccessDenied, isNotFound } from './errors';
import { cleanSchema, mergeSchema } from './merge';
import { unifiedDiff } from './textDiff';
import { profileFor, translateCustomizations, type TranslationProfile } from './translate';

export interface PlanRequest {
  spId: string;
  jobId: string;
  targetTemplateId: string;
  /** For messages and the backup only (Graph calls do not need it). */
  tenantId?: string;
  /**
   * Tenant URL (BaseAddress) for the new job. Default: https://scim.workplace.com/ for Workplace (the only one it
   * accepts, §8), otherwise the old job's.
   */
  tenantUrl?: string;
  signal?: AbortSignal;
}

export interface MigrationPlan {
  format: 'entra-provisioning.migration-plan';
  version: 1;
  createdAt: string;
  tenantId: string | null;
  servicePrincipal: { id: string; appId: string; displayName: string };
  source: { jobId: string; templateId: string; scheduleState: string; running: boolean };
  target: { templateId: string; profile: TranslationProfile; tenantUrl: string | null };
  noCustomizations: boolean;
  /** One paragraph saying what the migration does (and "no customizations" when there are none). */
  summary: string;
  /** Every customization of the job against its template default, one line each. */
  customizations: string[];
  translated: { description: string; renames: { from: string; to: string }[] }[];
  notTransferable: { description: string; reason: string }[];
  /** Credential keys whose values Graph does not reveal: they must be entered again for the new job. */
  credentialsToReenter: string[];
  /** Non-secret provisioning settings (SyncAll, notification settings, …) carried to the new job. */
  settingsCarried: StringKeyStringValuePair[];
  /** Jobs of the app when the plan was made (a job from the target template appearing later is the migration's). */
  existingJobIds: string[];
  writeAccess: 'confirmed' | 'unconfirmed';
  warnings: string[];
  /** SHA-256 of the job's schema as planned (canonical JSON): apply refuses when the job changed since. */
  sourceSchemaSha256: string;
  /** The schema to PUT on the new job (its `id` is replaced by the new job's id). */
  mergedSchema: SynchronizationSchema;
  /** Unified diff: target template default → mergedSchema. */
  schemaDiff: string;
}

/** Secret keys that are credentials: never written to a backup, re-entered by the admin. */
const CREDENTIAL_KEYS = new Set(
  [
    'UserName', 'Password', 'SecretToken', 'ClientSecret', 'ConsumerKey', 'ConsumerSecret', 'TokenKey', 'Oauth2AccessToken',
    'Oauth2RefreshToken', 'Oauth2ClientSecret', 'Oauth2AuthorizationCode', 'ConnectionString', 'AppKey',
  ].map((k) => k.toLowerCase()),
);

export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEYS.has(key.toLowerCase());
}

/** The secrets list split into what may be written to a backup and the keys that must be re-entered. */
export function splitSecrets(secrets: readonly StringKeyStringValuePair[]): { settings: StringKeyStringValuePair[]; credentials: string[] } {
  const settings: StringKeyStringValuePair[] = [];
  const credentials: string[] = [];
  for (const pair of secrets) {
    if (isCredentialKey(pair.key) || isMaskedValue(pair.value)) credentials.push(pair.key);
    else settings.push({ key: pair.key, value: pair.value });
  }
  return { settings, credentials };
}

export async function planMigration(api: SynchronizationApi, request: PlanRequest): Promise<MigrationPlan> {
  const { spId, jobId, targetTemplateId } = request;
  const options = request.signal ? { signal: request.signal } : {};
  const read = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw explainReadError(error, what, request);
    }
  };

  const sp: ServicePrincipal = await read('the application', () => api.getServicePrincipal(spId, options));
  const job = await read('the provisioning job', () => api.getJob(spId, jobId, options));
  if (job.templateId.toLowerCase() === targetTemplateId.toLowerCase()) {
    throw new MigrationError(
      'sameTemplate',
      `The job ${job.id} already uses the template ${job.templateId}: migrating to the same template would only reset its customizations. Choose a different target template.`,
    );
  }
  const templates = await read('the templates of the application', () => api.listTemplates(spId, options));
  const target = templates.find((t) => t.id.toLowerCase() === targetTemplateId.toLowerCase());
  if (!target) {
    throw new MigrationError(
      'unknownTemplate',
      `The template '${targetTemplateId}' is not offered for ${sp.displayName}. Available: ${templates.map((t) => t.id).join(', ') || 'none'}.`,
    );
  }
  const schema = cleanSchema(await read('the job schema', () => api.getJobSchema(spId, jobId, options)));
  const sourceDefault = cleanSchema(await read(`the default schema of ${job.templateId}`, () => api.getTemplateSchema(spId, job.templateId, options)));
  const targetDefault = cleanSchema(await read(`the default schema of ${target.id}`, () => api.getTemplateSchema(spId, target.id, options)));
  const secrets = await read('the provisioning credentials and settings', () => api.getSecrets(spId, options));
  const jobs = await read('the jobs of the application', () => api.listJobs(spId, options));
  const clash = jobs.find((j) => j.templateId.toLowerCase() === target.id.toLowerCase());
  if (clash) {
    throw new MigrationError(
      'targetExists',
      `${sp.displayName} already has a job from the template ${target.id} (${clash.id}). Delete it or use it instead of migrating.`,
    );
  }
  const writeAccess = await probeWriteAccess(api, spId, jobId, sp.displayName, options);

  const customizations = findCustomizations(schema, sourceDefault);
  const profile = profileFor(job.templateId, target.id);
  const translation = translateCustomizations(customizations, targetDefault, profile);
  const mergedSchema = mergeSchema(targetDefault, translation.translated);
  const schemaDiff = unifiedDiff(pretty(targetDefault), pretty(mergedSchema), {
    before: `${target.id} default schema`,
    after: `schema to write on the new ${target.id} job`,
  });

  const { settings, credentials } = splitSecrets(secrets);
  const workplaceTarget = isWorkplaceTemplate(target.id);
  const oldTenantUrl = secretValue(settings, 'BaseAddress') ?? null;
  const tenantUrl = request.tenantUrl?.trim() || (workplaceTarget ? WORKPLACE_TENANT_URL : oldTenantUrl);
  const credentialsToReenter = credentials.length > 0 ? credentials : ['SecretToken'];
  const warnings: string[] = [];
  if (writeAccess === 'unconfirmed') warnings.push('Write access could not be confirmed in advance (Test Connection did not answer); the migration stops at the first refused step.');
  const urlWarning = workplaceTenantUrlWarning(target.id, tenantUrl);
  if (urlWarning) warnings.push(urlWarning);
  if (tenantUrl && oldTenantUrl && oldTenantUrl !== tenantUrl) warnings.push(`The Tenant URL changes from ${oldTenantUrl} to ${tenantUrl}.`);
  if (translation.notTransferable.length > 0) {
    warnings.push(`${translation.notTransferable.length} customization(s) cannot be carried over; see notTransferable.`);
  }
  const running = job.schedule?.state === 'Active';
  const plan: MigrationPlan = {
    format: 'entra-provisioning.migration-plan',
    version: 1,
    createdAt: new Date().toISOString(),
    tenantId: request.tenantId ?? null,
    servicePrincipal: { id: sp.id, appId: sp.appId, displayName: sp.displayName },
    source: { jobId: job.id, templateId: job.templateId, scheduleState: job.schedule?.state ?? 'Disabled', running },
    target: { templateId: target.id, profile, tenantUrl },
    noCustomizations: customizations.length === 0,
    summary: summarize(job, target.id, customizations.length, translation.translated.length, translation.notTransferable.length, running, tenantUrl),
    customizations: customizations.map(describeCustomization),
    translated: translation.translated.map((t) => ({ description: t.description, renames: t.renames })),
    notTransferable: translation.notTransferable.map((n) => ({ description: n.description, reason: n.reason })),
    credentialsToReenter,
    settingsCarried: settings.filter((s) => s.key.toLowerCase() !== 'baseaddress'),
    existingJobIds: jobs.map((j) => j.id),
    writeAccess,
    warnings,
    sourceSchemaSha256: schemaFingerprint(schema),
    mergedSchema,
    schemaDiff,
  };
  return plan;
}

/** The fingerprint apply compares to notice a job that changed after it was planned. */
export function schemaFingerprint(schema: SynchronizationSchema): string {
  const { id: _id, ...rest } = cleanSchema(schema);
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function summarize(job: SynchronizationJob, targetTemplateId: string, customizations: number, translated: number, lost: number, running: boolean, tenantUrl: string | null): string {
  const parts = [
    `Replace the ${job.templateId} job ${job.id} with a new ${targetTemplateId} job: back up, pause and delete the old job, create the new one, set its credentials, write its schema, test the connection${running ? ', and start it (the old job was running)' : ''}.`,
  ];
  if (customizations === 0) {
    parts.push(`The job has no customizations: its schema is the ${job.templateId} default, so the new job keeps the ${targetTemplateId} default schema and nothing needs to be carried over.`);
  } else {
    parts.push(`${customizations} customization(s) found; ${translated} carried over${lost > 0 ? `, ${lost} cannot be (listed as not transferable)` : ''}.`);
  }
  if (tenantUrl) parts.push(`Tenant URL of the new job: ${tenantUrl}.`);
  return parts.join(' ');
}

/**
 * validateCredentials with the saved credentials changes nothing, but needs the write permission: a 401/403 here
 * means the migration would fail at its first write, so the plan fails instead. Any other answer (the target
 * rejecting the old credentials, a fault) says nothing about rights and only leaves write access unconfirmed.
 */
async function probeWriteAccess(api: SynchronizationApi, spId: string, jobId: string, app: string, options: { signal?: AbortSignal }): Promise<'confirmed' | 'unconfirmed'> {
  try {
    await api.validateCredentials(spId, jobId, { useSavedCredentials: true }, options);
    return 'confirmed';
  } catch (error) {
    if (isAccessDenied(error)) {
      throw new MigrationError(
        'noAccess',
        `You can read but not change the provisioning job of ${app}: Microsoft Graph refused a write (${(error as GraphError).status} ${(error as GraphError).code ?? ''}). ` +
          'Migrating needs Synchronization.ReadWrite.All (or Application.ReadWrite.OwnedBy as an owner). Nothing was changed.',
        { cause: error },
      );
    }
    if (error instanceof Error && 'kind' in error && (error as GraphError).kind === 'cancelled') throw error;
    return (error as GraphError).status !== undefined && (error as GraphError).status! < 500 && (error as GraphError).status !== 429 ? 'confirmed' : 'unconfirmed';
  }
}

function explainReadError(error: unknown, what: string, request: PlanRequest): unknown {
  if (isAccessDenied(error)) {
    return new MigrationError(
      'noAccess',
      `You lack the rights to read ${what} (service principal ${request.spId}, job ${request.jobId}): Microsoft Graph answered ${error.status} ${error.code ?? ''}. ` +
        'Migrating needs Synchronization.ReadWrite.All (or Application.ReadWrite.OwnedBy as an owner). Nothing was changed.',
      { cause: error },
    );
  }
  if (isNotFound(error)) {
    return new MigrationError('notFound', `Could not find ${what} (service principal ${request.spId}, job ${request.jobId}): ${describeError(error)}`, { cause: error });
  }
  return error;
}

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
