// The seed's enterprise applications (service principals). Most are single-sign-on-only apps without provisioning;
// a dozen provisioning apps cover every job state the product shows: running (clean and with entry-level errors),
// first cycle in progress, paused, quarantined for two different reasons, and never configured — plus the customized
// legacy Workplace SCIM 1.0 job the migration feature is built around. Every app with saved credentials provisions
// into the sandbox's own SCIM server (provisionIntoSandboxScim); Contoso Expense Reports keeps a token that server
// refuses, so its Test Connection fails and starting it quarantines it again.
import type { StringKeyStringValuePair, SynchronizationJob, SynchronizationSchema } from '../../../graph/model';
import type { Random } from '../../random';
import { NON_GALLERY_APPLICATION_TEMPLATE_ID, TEMPLATES, WORKPLACE_BASE_ADDRESS, type TemplateDefinition } from '../templates';
import type { ScimTargetLink, SeedServicePrincipal } from './types';
import type { Groups, GroupKey } from './groups';
import type { People, SeedPerson } from './people';
import { customizeWorkplaceLegacySchema } from './workplaceCustomizations';
import { activeJob, initialCycleJob, notConfiguredJob, pausedJob, quarantinedJob } from './jobStatus';
import { TENANT_ID, TENANT_ID_NO_DASHES, stream } from './tenant';

export const GALLERY_TAGS = ['WindowsAzureActiveDirectoryGalleryApplicationPrimaryV1', 'WindowsAzureActiveDirectoryIntegratedApp'];
export const CUSTOM_APP_TAGS = ['WindowsAzureActiveDirectoryCustomSingleSignOnApplication', 'WindowsAzureActiveDirectoryIntegratedApp'];
/** App registrations (APIs, daemons) that show up as service principals but aren't "enterprise apps" in the portal. */
export const REGISTRATION_TAGS = ['HideApp', 'WindowsAzureActiveDirectoryIntegratedApp'];

export interface AppSpec {
  displayName: string;
  gallery: boolean;
  /** An app registration (API / daemon) rather than an enterprise app. */
  registration?: boolean;
  /** Gallery template id; defaults to the galleryApplicationIdentifier of the first offered provisioning template. */
  applicationTemplateId?: string;
  templateIds?: string[];
  homepage?: string | null;
  sso?: string | null;
  assigned?: string[];
}

/** Builds a service principal; ids come from `ids` so every app is reproducible. */
export function servicePrincipal(ids: Random, spec: AppSpec): SeedServicePrincipal {
  const appId = ids.uuid();
  return {
    id: ids.uuid(),
    appId,
    displayName: spec.displayName,
    appDisplayName: spec.displayName,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    tags: (spec.registration ? REGISTRATION_TAGS : spec.gallery ? GALLERY_TAGS : CUSTOM_APP_TAGS).slice(),
    applicationTemplateId: spec.registration ? null : spec.gallery ? (spec.applicationTemplateId ?? galleryIdOf(spec.templateIds?.[0]) ?? ids.uuid()) : NON_GALLERY_APPLICATION_TEMPLATE_ID,
    // Gallery apps are multi-tenant apps owned by the vendor's tenant; custom ones by Contoso.
    appOwnerOrganizationId: spec.gallery ? ids.uuid() : TENANT_ID,
    homepage: spec.homepage ?? null,
    preferredSingleSignOnMode: spec.sso ?? null,
    applicationObjectId: ids.uuid(),
    templateIds: spec.templateIds ?? [],
    jobs: [],
    secrets: [],
    assignedPrincipalIds: spec.assigned ?? [],
  };
}

function galleryIdOf(templateId: string | undefined): string | undefined {
  const entry = templateId ? TEMPLATES.get(templateId)?.metadata.find((m) => m.key === 'galleryApplicationIdentifier') : undefined;
  return entry?.value ?? undefined;
}

/** New-style job ids: `{templateId}.{tenantIdNoDashes}.{appId}` (graph-synchronization.md §0). */
export function jobIdFor(templateId: string, appId: string): string {
  return `${templateId}.${TENANT_ID_NO_DASHES}.${appId}`;
}

/** Legacy Workplace job ids: `FacebookAtWorkOutDelta.xxxxxxxxxxxxxxx.xxxxxxxxxxxxxxx`. */
export function legacyWorkplaceJobId(rng: Random): string {
  return `FacebookAtWorkOutDelta.${rng.hex(15)}.${rng.hex(15)}`;
}

export function template(id: string): TemplateDefinition {
  const found = TEMPLATES.get(id);
  if (!found) throw new Error(`No template ${id}`);
  return found;
}

/** The job's schema: the template default, identified by the job id. */
export function jobSchema(templateId: string, jobId: string): SynchronizationSchema {
  const schema = template(templateId).defaultSchema();
  schema.id = jobId;
  return schema;
}

export function secrets(values: Record<string, string>): StringKeyStringValuePair[] {
  return Object.entries(values).map(([key, value]) => ({ key, value }));
}

/** Secrets of a configured job: Tenant URL, token, notification settings, "sync only assigned". */
export function configuredSecrets(rng: Random, baseAddress: string | null): StringKeyStringValuePair[] {
  return secrets({
    ...(baseAddress ? { BaseAddress: baseAddress } : {}),
    SecretToken: rng.hex(48),
    SyncNotificationSettings: JSON.stringify({ Enabled: true, DeleteThresholdEnabled: true }),
    SyncAll: 'false',
  });
}

/**
 * Marks an app as provisioning into the sandbox's SCIM server: on every start its BaseAddress and SecretToken are
 * pointed at the running server (Tenant.connectScimTarget). Call after setting the seed secrets.
 */
function provisionIntoSandboxScim(sp: SeedServicePrincipal, credentials: ScimTargetLink['credentials']): void {
  sp.scimTarget = { credentials, baseAddress: sp.secrets.find((s) => s.key === 'BaseAddress')?.value ?? null };
}

// ---- the provisioning apps of the default seed ------------------------------------------------------------------

export type ProvisioningAppKey =
  | 'workplaceLegacy'
  | 'workplaceEmea'
  | 'hrScim'
  | 'slack'
  | 'zoom'
  | 'learningPortal'
  | 'timesheets'
  | 'benefits'
  | 'partnerDirectory'
  | 'expenses'
  | 'slackSandbox'
  | 'travel';

export interface ProvisioningApp {
  key: ProvisioningAppKey;
  sp: SeedServicePrincipal;
  /** Template of the job (absent for 'travel', which offers a template but has no job yet). */
  template?: TemplateDefinition;
  job?: SynchronizationJob;
  /** Assigned users, resolved through group membership (what the job's cycles see). */
  population: SeedPerson[];
}

interface Context {
  now: Date;
  people: People;
  groups: Groups;
  ids: Random;
  rng: Random;
}

function assignedPeople(ctx: Context, groupKeys: GroupKey[]): SeedPerson[] {
  const ids = new Set(groupKeys.flatMap((k) => ctx.groups.byKey[k].members));
  return ctx.people.persons.filter((p) => ids.has(p.user.id));
}

/** Users the job would actually provision: assigned, and (for Workplace legacy) inside the scoping filter. */
function inScope(population: SeedPerson[], scoped: boolean): SeedPerson[] {
  return population.filter((p) => !scoped || (p.user.department !== null && !p.user.userPrincipalName.includes('#EXT#')));
}

function withJob(sp: SeedServicePrincipal, job: SynchronizationJob, schema: SynchronizationSchema): void {
  sp.jobs.push({ job, schema });
}

export function buildProvisioningApps(now: Date, people: People, groups: Groups): ProvisioningApp[] {
  const ctx: Context = { now, people, groups, ids: stream('apps/provisioning/ids'), rng: stream('apps/provisioning') };
  const { rng, ids } = ctx;
  const g = groups.byKey;
  const apps: ProvisioningApp[] = [];
  const add = (key: ProvisioningAppKey, sp: SeedServicePrincipal, groupKeys: GroupKey[], templateId?: string): ProvisioningApp => {
    sp.assignedPrincipalIds = groupKeys.map((k) => g[k].id);
    const app: ProvisioningApp = { key, sp, population: assignedPeople(ctx, groupKeys), ...(templateId ? { template: template(templateId) } : {}) };
    apps.push(app);
    return app;
  };

  // 1. Workplace from Meta — the legacy SCIM 1.0 job, customized, running with entry-level errors.
  {
    const sp = servicePrincipal(ids, { displayName: 'Workplace from Meta', gallery: true, templateIds: ['FacebookAtWorkOutDelta', 'FacebookWorkplace'], homepage: 'https://work.workplace.com/', sso: 'saml' });
    const app = add('workplaceLegacy', sp, ['workplace'], 'FacebookAtWorkOutDelta');
    const id = legacyWorkplaceJobId(rng);
    const scoped = inScope(app.population, true);
    const failing = scoped.filter((p) => p.user.accountEnabled && (p.user.mail === null || p.profile === 'unverifiedDomain')).length;
    app.job = activeJob(rng, now, { id, templateId: 'FacebookAtWorkOutDelta', counts: { users: scoped.length - failing }, lastCycleMinutesAgo: 17, runningForDays: 1290, lastState: 'EntryLevelErrors', exported: 4, escrowed: failing });
    const schema = customizeWorkplaceLegacySchema(jobSchema('FacebookAtWorkOutDelta', id));
    withJob(sp, app.job, schema);
    sp.secrets = configuredSecrets(rng, WORKPLACE_BASE_ADDRESS);
    provisionIntoSandboxScim(sp, 'token');
  }

  // 2. Workplace from Meta (EMEA) — a second instance already on the SCIM 2.0 connector.
  {
    const sp = servicePrincipal(ids, { displayName: 'Workplace from Meta (EMEA)', gallery: true, templateIds: ['FacebookWorkplace'], homepage: 'https://work.workplace.com/', sso: 'saml' });
    const app = add('workplaceEmea', sp, ['workplaceEmea'], 'FacebookWorkplace');
    const id = jobIdFor('FacebookWorkplace', sp.appId);
    app.job = activeJob(rng, now, { id, templateId: 'FacebookWorkplace', counts: { users: app.population.filter((p) => p.user.accountEnabled).length }, lastCycleMinutesAgo: 31, runningForDays: 410, exported: 2 });
    withJob(sp, app.job, jobSchema('FacebookWorkplace', id));
    sp.secrets = configuredSecrets(rng, WORKPLACE_BASE_ADDRESS);
    provisionIntoSandboxScim(sp, 'token');
  }

  // 3. Contoso HR SCIM (custom) — a non-gallery SCIM 2.0 app, users and groups, healthy.
  {
    const sp = servicePrincipal(ids, { displayName: 'Contoso HR SCIM (custom)', gallery: false, templateIds: ['scim'], homepage: 'https://hr.contoso-sandbox.example/', sso: 'oidc' });
    const app = add('hrScim', sp, ['hrPilot'], 'scim');
    const id = jobIdFor('scim', sp.appId);
    app.job = activeJob(rng, now, { id, templateId: 'scim', counts: { users: app.population.length, groups: 1 }, lastCycleMinutesAgo: 8, runningForDays: 96, exported: 1 });
    withJob(sp, app.job, jobSchema('scim', id));
    sp.secrets = configuredSecrets(rng, 'https://hr.contoso-sandbox.example/scim/v2/');
    provisionIntoSandboxScim(sp, 'token');
  }

  // 4. Slack — quarantined: the workspace ran out of seats, so > 40 % of the exports failed.
  {
    const sp = servicePrincipal(ids, { displayName: 'Slack', gallery: true, templateIds: ['Slack'], homepage: 'https://contoso-sandbox.slack.com/', sso: 'saml' });
    const app = add('slack', sp, ['slack'], 'Slack');
    const id = jobIdFor('Slack', sp.appId);
    const error = {
      code: 'LicenseLimitExceeded',
      message:
        'More than 40% of the operations in the last synchronization cycles failed. Most failures: Slack rejected new members because the workspace has no seats left. Add seats or unassign users, then restart the job.',
      tenantActionable: true,
    };
    app.job = quarantinedJob(rng, now, {
      id,
      templateId: 'Slack',
      counts: { users: Math.floor(app.population.length * 0.55), groups: 1 },
      reason: 'EncounteredEscrowProportionThreshold',
      error,
      seriesBeganHoursAgo: 31,
      seriesCount: 3,
      lastState: 'EntryLevelErrors',
      exported: 9,
      escrowed: Math.ceil(app.population.length * 0.45),
      runningForDays: 700,
    });
    withJob(sp, app.job, jobSchema('Slack', id));
    sp.secrets = configuredSecrets(rng, null);
    provisionIntoSandboxScim(sp, 'token');
  }

  // 5. Zoom — paused by an admin five days ago.
  {
    const sp = servicePrincipal(ids, { displayName: 'Zoom', gallery: true, templateIds: ['Zoom'], homepage: 'https://contoso-sandbox.zoom.us/', sso: 'saml' });
    const app = add('zoom', sp, ['zoom'], 'Zoom');
    const id = jobIdFor('Zoom', sp.appId);
    app.job = pausedJob(rng, now, { id, templateId: 'Zoom', counts: { users: app.population.length }, lastCycleMinutesAgo: 12, pausedDaysAgo: 5, runningForDays: 520, exported: 3 });
    withJob(sp, app.job, jobSchema('Zoom', id));
    sp.secrets = configuredSecrets(rng, 'https://api.zoom.us/scim');
    provisionIntoSandboxScim(sp, 'token');
  }

  // 6. Contoso Learning Portal — added yesterday, provisioning job created but never configured.
  {
    const sp = servicePrincipal(ids, { displayName: 'Contoso Learning Portal (SCIM)', gallery: false, templateIds: ['scim'], homepage: 'https://learn.contoso-sandbox.example/', sso: null });
    const app = add('learningPortal', sp, ['allEmployees'], 'scim');
    const id = jobIdFor('scim', sp.appId);
    app.job = notConfiguredJob(id, 'scim');
    withJob(sp, app.job, jobSchema('scim', id));
  }

  // 7. Contoso Timesheets — a 2018-era custom SCIM app still on the legacy customappsso connector.
  {
    const sp = servicePrincipal(ids, { displayName: 'Contoso Timesheets (legacy SCIM)', gallery: false, templateIds: ['customappsso'], homepage: 'https://timesheets.contoso-sandbox.example/', sso: 'password' });
    const app = add('timesheets', sp, ['timesheets'], 'customappsso');
    const id = jobIdFor('customappsso', sp.appId);
    app.job = activeJob(rng, now, { id, templateId: 'customappsso', counts: { users: app.population.length, groups: 1 }, lastCycleMinutesAgo: 26, runningForDays: 2100, exported: 0 });
    withJob(sp, app.job, jobSchema('customappsso', id));
    sp.secrets = configuredSecrets(rng, 'https://timesheets.contoso-sandbox.example/scim/');
    provisionIntoSandboxScim(sp, 'token');
  }

  // 8. Contoso Benefits Portal — healthy custom SCIM app.
  {
    const sp = servicePrincipal(ids, { displayName: 'Contoso Benefits Portal', gallery: false, templateIds: ['scim'], homepage: 'https://benefits.contoso-sandbox.example/', sso: 'saml' });
    const app = add('benefits', sp, ['benefits'], 'scim');
    const id = jobIdFor('scim', sp.appId);
    app.job = activeJob(rng, now, { id, templateId: 'scim', counts: { users: app.population.length, groups: 1 }, lastCycleMinutesAgo: 3, runningForDays: 240, exported: 2 });
    withJob(sp, app.job, jobSchema('scim', id));
    sp.secrets = configuredSecrets(rng, 'https://benefits.contoso-sandbox.example/api/scim/v2/');
    provisionIntoSandboxScim(sp, 'token');
  }

  // 9. Northwind Partner Directory — started 25 minutes ago, initial cycle in progress.
  {
    const sp = servicePrincipal(ids, { displayName: 'Northwind Partner Directory (SCIM)', gallery: false, templateIds: ['scim'], homepage: 'https://partners.northwind-partners.example/', sso: 'oidc' });
    const app = add('partnerDirectory', sp, ['partners'], 'scim');
    const id = jobIdFor('scim', sp.appId);
    app.job = initialCycleJob(rng, now, { id, templateId: 'scim', entitled: app.population.length + 1, completedPages: 1, totalPages: 3 });
    withJob(sp, app.job, jobSchema('scim', id));
    sp.secrets = configuredSecrets(rng, 'https://partners.northwind-partners.example/scim/v2/');
    provisionIntoSandboxScim(sp, 'token');
  }

  // 10. Contoso Expense Reports — quarantined because its token expired (every request answers 401).
  {
    const sp = servicePrincipal(ids, { displayName: 'Contoso Expense Reports (SCIM)', gallery: false, templateIds: ['scim'], homepage: 'https://expenses.contoso-sandbox.example/', sso: 'saml' });
    const app = add('expenses', sp, ['allEmployees'], 'scim');
    const id = jobIdFor('scim', sp.appId);
    const error = {
      code: 'SystemForCrossDomainIdentityManagementInvalidCredentials',
      message: 'The credentials provided are not authorized to access the application. Verify the secret token and tenant URL.',
      tenantActionable: true,
    };
    app.job = quarantinedJob(rng, now, {
      id,
      templateId: 'scim',
      counts: { users: app.population.length - 3, groups: 0 },
      reason: 'EncounteredQuarantineException',
      error,
      seriesBeganHoursAgo: 80,
      seriesCount: 4,
      lastState: 'Failed',
      exported: 0,
      escrowed: 0,
      runningForDays: 330,
    });
    withJob(sp, app.job, jobSchema('scim', id));
    sp.secrets = configuredSecrets(rng, 'https://expenses.contoso-sandbox.example/scim/v2/');
    provisionIntoSandboxScim(sp, 'wrongToken');
  }

  // 11. Slack (Sandbox workspace) — a healthy second Slack instance.
  {
    const sp = servicePrincipal(ids, { displayName: 'Slack (Sandbox workspace)', gallery: true, templateIds: ['Slack'], homepage: 'https://contoso-sandbox-dev.slack.com/', sso: 'saml' });
    const app = add('slackSandbox', sp, ['engineering'], 'Slack');
    const id = jobIdFor('Slack', sp.appId);
    app.job = activeJob(rng, now, { id, templateId: 'Slack', counts: { users: app.population.length, groups: 1 }, lastCycleMinutesAgo: 36, runningForDays: 150, exported: 0 });
    withJob(sp, app.job, jobSchema('Slack', id));
    sp.secrets = configuredSecrets(rng, null);
    provisionIntoSandboxScim(sp, 'token');
  }

  // 12. Contoso Travel — supports SCIM (template offered) but nobody has created a job yet.
  {
    const sp = servicePrincipal(ids, { displayName: 'Contoso Travel', gallery: false, templateIds: ['scim'], homepage: 'https://travel.contoso-sandbox.example/', sso: 'saml' });
    add('travel', sp, ['allEmployees']);
  }

  return apps;
}

// ---- apps without provisioning ----------------------------------------------------------------------------------

const SSO_ONLY_GALLERY_APPS = [
  'Salesforce', 'ServiceNow', 'DocuSign', 'Atlassian Cloud', 'GitHub Enterprise Cloud - Organization', 'Dropbox Business',
  'Box', 'Zendesk', 'Tableau Cloud', 'Miro', 'Figma', 'Asana', 'Workday', 'SAP Concur', 'Adobe Identity Management',
  'LinkedIn Learning', 'Cisco Webex Meetings', 'Smartsheet',
];
const CUSTOM_SSO_APPS = ['Contoso Intranet', 'Contoso Expense Approvals', 'Contoso Wiki', 'Fabrikam Legacy Portal'];
const APP_REGISTRATIONS = ['Contoso Orders API', 'Contoso Build Agent', 'Contoso Reporting Daemon'];

export function buildSsoOnlyApps(groups: Groups): SeedServicePrincipal[] {
  const ids = stream('apps/sso/ids');
  const everyone = [groups.byKey.allEmployees.id];
  return [
    ...SSO_ONLY_GALLERY_APPS.map((displayName) => servicePrincipal(ids, { displayName, gallery: true, sso: 'saml', assigned: everyone })),
    ...CUSTOM_SSO_APPS.map((displayName) => servicePrincipal(ids, { displayName, gallery: false, sso: 'saml', assigned: everyone })),
    ...APP_REGISTRATIONS.map((displayName) => servicePrincipal(ids, { displayName, gallery: false, registration: true })),
  ];
}
