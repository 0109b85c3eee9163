// The sandbox tenant's store: directory objects (users, groups, service principals), each service principal's
// provisioning configuration (templates, jobs with their schema and engine state, secrets) and the provisioning logs.
// The Graph routes (../graph) read and change it only through these methods, which announce every change so the
// lead's StateFile can persist it. toJSON/fromJSON carry everything; the persisted form is versioned.
import type {
  DirectoryDefinition,
  Group,
  ProvisioningObjectSummary,
  ServicePrincipal,
  StringKeyStringValuePair,
  SynchronizationSchema,
  SynchronizationTemplate,
  User,
} from '../../graph/model';
import { buildSeed, type ScimTargetLink, type SeedData, type SeedKind, type SeedServicePrincipal } from './seed';
import { TEMPLATES, entraSourceDirectory, synchronizationTemplate, ENTRA_DIRECTORY_ID, ENTRA_DIRECTORY_NAME } from './templates';
import {
  jobIdFor,
  newJobRecord,
  pauseJob,
  replaceSchema,
  restartJob,
  runtimeFromStatus,
  startJob,
  type JobRecord,
  type RestartFlag,
} from './jobs';

export type { SeedKind, ScimTargetLink } from './seed';
export type { JobRecord, JobRuntime, RestartFlag } from './jobs';
export { parseRestartScope } from './jobs';

/** Identifies the persisted tenant format; bump TENANT_STATE_VERSION whenever its shape changes incompatibly. */
export const TENANT_STATE_FORMAT = 'entra-provisioning-sandbox-tenant';
export const TENANT_STATE_VERSION = 1;

export interface DirectoryUserRef {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

/** Fields of a template an application may override (PATCH/PUT …/applications/{id}/synchronization/templates/{id}). */
export type TemplateFields = Pick<SynchronizationTemplate, 'default' | 'description' | 'discoverable' | 'factoryTag' | 'metadata'>;

export interface TemplateOverride {
  template?: TemplateFields;
  schema?: SynchronizationSchema;
}

/** A service principal with its application's provisioning configuration. */
export interface ServicePrincipalRecord {
  /** The Graph servicePrincipal resource as GET /servicePrincipals/{id} returns it. */
  resource: ServicePrincipal;
  /** Object id of the application (what /applications/{id} addresses). */
  applicationObjectId: string;
  /** Provisioning templates the application offers. */
  templateIds: string[];
  /** Template customisations made on the application object, by template id. */
  templateOverrides: Record<string, TemplateOverride>;
  jobs: JobRecord[];
  /** Saved credentials and settings; shared by the service principal's jobs. */
  secrets: StringKeyStringValuePair[];
  /** Users and groups assigned to the app (the provisioning scope with SyncAll=false). */
  assignedPrincipalIds: string[];
  /** Set for apps that provision into the sandbox's SCIM server (see connectScimTarget). */
  scimTarget?: ScimTargetLink;
}

export interface StoredGroup extends Group {
  members: string[];
}

export type DirectoryObject =
  | { type: 'user'; resource: User }
  | { type: 'group'; resource: Group }
  | { type: 'servicePrincipal'; resource: ServicePrincipal };

interface TenantState {
  format: typeof TENANT_STATE_FORMAT;
  version: typeof TENANT_STATE_VERSION;
  seededAt: string;
  tenantId: string;
  tenantDisplayName: string;
  verifiedDomains: string[];
  defaultDomain: string;
  adminUser: DirectoryUserRef;
  users: User[];
  groups: StoredGroup[];
  servicePrincipals: ServicePrincipalRecord[];
  provisioningLogs: ProvisioningObjectSummary[];
}

/** What happened to a job, for the provisioning engine's scheduler (start/restart/schema changes begin a cycle). */
export type JobChange = 'started' | 'paused' | 'restarted' | 'schemaChanged' | 'deleted';
export type JobChangeListener = (sp: ServicePrincipalRecord, record: JobRecord, change: JobChange) => void;

export type CreateJobResult =
  | { record: JobRecord }
  | { error: 'unknownTemplate'; templateId: string }
  | { error: 'conflict'; jobId: string };

export class Tenant {
  private readonly listeners: (() => void)[] = [];
  private readonly jobListeners: JobChangeListener[] = [];
  private clock: () => Date = () => new Date();
  private readonly usersById = new Map<string, User>();
  private readonly usersByUpn = new Map<string, User>();
  private readonly groupsById = new Map<string, StoredGroup>();
  private readonly spsById = new Map<string, ServicePrincipalRecord>();
  private readonly spsByAppId = new Map<string, ServicePrincipalRecord>();
  private readonly spsByApplicationObjectId = new Map<string, ServicePrincipalRecord>();
  private servicePrincipalResources: ServicePrincipal[] = [];
  private groupResources: Group[] = [];

  private constructor(private readonly state: TenantState) {
    this.reindex();
  }

  /** A fresh tenant from the seed data (`now` anchors the seed's timestamps; the clock stays real time). */
  static seed(kind: SeedKind, now: Date = new Date()): Tenant {
    return new Tenant(stateFromSeed(buildSeed(kind, now)));
  }

  /** Restores a tenant persisted by toJSON; a file of another format or version is refused with a clear message. */
  static fromJSON(json: unknown): Tenant {
    if (!json || typeof json !== 'object') throw new Error('Sandbox tenant state is missing or not an object.');
    const state = json as Partial<TenantState>;
    if (state.format !== TENANT_STATE_FORMAT) {
      throw new Error(`Sandbox tenant state has format '${String(state.format)}', expected '${TENANT_STATE_FORMAT}'.`);
    }
    if (state.version !== TENANT_STATE_VERSION) {
      throw new Error(
        `Sandbox tenant state is version ${String(state.version)}; this build reads version ${TENANT_STATE_VERSION}. ` +
          'Delete or move the state file to start again from the seed.',
      );
    }
    for (const key of ['users', 'groups', 'servicePrincipals', 'provisioningLogs'] as const) {
      if (!Array.isArray(state[key])) throw new Error(`Sandbox tenant state is damaged: '${key}' is not a list.`);
    }
    if (typeof state.tenantId !== 'string' || !state.adminUser) {
      throw new Error('Sandbox tenant state is damaged: tenantId or adminUser is missing.');
    }
    for (const [i, sp] of (state.servicePrincipals as unknown[]).entries()) {
      const record = sp as Partial<ServicePrincipalRecord> | null;
      if (!record?.resource?.id || !record.resource.appId || typeof record.applicationObjectId !== 'string' || !Array.isArray(record.jobs)) {
        throw new Error(`Sandbox tenant state is damaged: servicePrincipals[${i}] is not a service principal record.`);
      }
    }
    // The parsed file is taken over as is (no copy: the large tenant's state is megabytes).
    return new Tenant(state as TenantState);
  }

  /** Everything, as plain JSON (the live state: callers serialise it, they must not change it). */
  toJSON(): unknown {
    return this.state;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Job lifecycle events (after the change is applied and announced through onChange). */
  onJobChange(listener: JobChangeListener): () => void {
    this.jobListeners.push(listener);
    return () => {
      const i = this.jobListeners.indexOf(listener);
      if (i >= 0) this.jobListeners.splice(i, 1);
    };
  }

  /** The service principal a job belongs to. */
  servicePrincipalOfJob(record: JobRecord): ServicePrincipalRecord | undefined {
    return this.state.servicePrincipals.find((sp) => sp.jobs.includes(record));
  }

  /** Tests control time through this; timestamps the routes write (discoveryDateTime, …) come from it. */
  setClock(clock: () => Date): void {
    this.clock = clock;
  }

  now(): Date {
    return this.clock();
  }

  get tenantId(): string {
    return this.state.tenantId;
  }
  get tenantDisplayName(): string {
    return this.state.tenantDisplayName;
  }
  get defaultDomain(): string {
    return this.state.defaultDomain;
  }
  get verifiedDomains(): readonly string[] {
    return this.state.verifiedDomains;
  }
  get adminUser(): DirectoryUserRef {
    return this.state.adminUser;
  }

  // ---- directory objects -----------------------------------------------------------------------------------------

  /** For the token endpoints: a user by object id or UPN (case-insensitive), with just what a sign-in needs. */
  findUser(idOrUpn: string): DirectoryUserRef | undefined {
    const user = this.user(idOrUpn);
    if (user) return { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName };
    const admin = this.state.adminUser;
    if (admin.id === idOrUpn || admin.userPrincipalName.toLowerCase() === idOrUpn.toLowerCase()) return { ...admin };
    return undefined;
  }

  users(): readonly User[] {
    return this.state.users;
  }

  user(idOrUpn: string): User | undefined {
    return this.usersById.get(idOrUpn) ?? this.usersByUpn.get(idOrUpn.toLowerCase());
  }

  /** Groups as Graph returns them (without the member list). */
  groups(): readonly Group[] {
    return this.groupResources;
  }

  group(id: string): Group | undefined {
    const stored = this.groupsById.get(id);
    return stored ? withoutMembers(stored) : undefined;
  }

  /** Direct members (users, groups, service principals) of a group, or undefined for an unknown group. */
  groupMembers(id: string): DirectoryObject[] | undefined {
    const stored = this.groupsById.get(id);
    if (!stored) return undefined;
    return stored.members.map((memberId) => this.directoryObject(memberId)).filter((m): m is DirectoryObject => !!m);
  }

  directoryObject(id: string): DirectoryObject | undefined {
    const user = this.usersById.get(id);
    if (user) return { type: 'user', resource: user };
    const group = this.groupsById.get(id);
    if (group) return { type: 'group', resource: withoutMembers(group) };
    const sp = this.spsById.get(id);
    if (sp) return { type: 'servicePrincipal', resource: sp.resource };
    return undefined;
  }

  servicePrincipals(): readonly ServicePrincipal[] {
    return this.servicePrincipalResources;
  }

  /** A service principal by object id or appId (`/servicePrincipals(appId='…')` arrives rewritten to the appId). */
  servicePrincipal(idOrAppId: string): ServicePrincipalRecord | undefined {
    const key = idOrAppId.toLowerCase();
    return this.spsById.get(key) ?? this.spsByAppId.get(key);
  }

  /** The service principal of the application with this object id (`/applications/{id}`). */
  servicePrincipalOfApplication(applicationObjectId: string): ServicePrincipalRecord | undefined {
    return this.spsByApplicationObjectId.get(applicationObjectId.toLowerCase());
  }

  // ---- templates -------------------------------------------------------------------------------------------------

  /** The application's templates, with any customisation made on the application object. */
  templates(sp: ServicePrincipalRecord): SynchronizationTemplate[] {
    return sp.templateIds.map((id) => this.template(sp, id)).filter((t): t is SynchronizationTemplate => !!t);
  }

  template(sp: ServicePrincipalRecord, templateId: string): SynchronizationTemplate | undefined {
    const id = sp.templateIds.find((t) => t.toLowerCase() === templateId.toLowerCase());
    const definition = id ? TEMPLATES.get(id) : undefined;
    if (!id || !definition) return undefined;
    const template = synchronizationTemplate(definition, sp.resource.appId);
    const override = sp.templateOverrides[id]?.template;
    return override ? { ...template, ...structuredClone(override) } : template;
  }

  /** The template's schema: the application's customised one, else the factory default. */
  templateSchema(sp: ServicePrincipalRecord, templateId: string): SynchronizationSchema | undefined {
    const template = this.template(sp, templateId);
    if (!template) return undefined;
    const custom = sp.templateOverrides[template.id]?.schema;
    return custom ? structuredClone(custom) : TEMPLATES.get(template.id)!.defaultSchema();
  }

  updateTemplate(sp: ServicePrincipalRecord, templateId: string, fields: TemplateFields): void {
    const id = this.template(sp, templateId)!.id;
    sp.templateOverrides[id] = { ...sp.templateOverrides[id], template: structuredClone(fields) };
    this.changed();
  }

  replaceTemplateSchema(sp: ServicePrincipalRecord, templateId: string, schema: SynchronizationSchema): void {
    const id = this.template(sp, templateId)!.id;
    sp.templateOverrides[id] = { ...sp.templateOverrides[id], schema: structuredClone(schema) };
    this.changed();
  }

  /** DELETE …/templates/{id}/schema: back to the default for the template's factoryTag. */
  resetTemplateSchema(sp: ServicePrincipalRecord, templateId: string): void {
    const id = this.template(sp, templateId)!.id;
    const override = sp.templateOverrides[id];
    if (override) {
      delete override.schema;
      if (!override.template) delete sp.templateOverrides[id];
    }
    this.changed();
  }

  // ---- jobs ------------------------------------------------------------------------------------------------------

  job(sp: ServicePrincipalRecord, jobId: string): JobRecord | undefined {
    return sp.jobs.find((j) => j.job.id.toLowerCase() === jobId.toLowerCase());
  }

  /**
   * POST …/jobs: a Disabled job from one of the application's templates, with the template's schema. The job id is
   * derived from template, tenant and app, so a second job from the same template is a conflict.
   */
  createJob(sp: ServicePrincipalRecord, templateId: string): CreateJobResult {
    const template = this.template(sp, templateId);
    if (!template) return { error: 'unknownTemplate', templateId };
    const jobId = jobIdFor(template.id, this.tenantId, sp.resource.appId);
    if (this.job(sp, jobId)) return { error: 'conflict', jobId };
    const record = newJobRecord(jobId, template.id, this.templateSchema(sp, template.id)!);
    sp.jobs.push(record);
    this.changed();
    return { record };
  }

  /**
   * DELETE …/jobs/{id}: the job, its schema and engine state go. Secrets are stored on the service principal and
   * shared by its jobs, so they are deleted with the last job (what the Workplace migration doc describes: deleting
   * the only job loses the authentication details) and kept while another job still uses them.
   */
  deleteJob(sp: ServicePrincipalRecord, record: JobRecord): void {
    sp.jobs = sp.jobs.filter((j) => j !== record);
    if (sp.jobs.length === 0) sp.secrets = [];
    this.changed();
    this.jobChanged(sp, record, 'deleted');
  }

  startJob(record: JobRecord): void {
    startJob(record);
    this.changed();
    this.jobChanged(undefined, record, 'started');
  }

  pauseJob(record: JobRecord): void {
    pauseJob(record);
    this.changed();
    this.jobChanged(undefined, record, 'paused');
  }

  restartJob(record: JobRecord, flags: ReadonlySet<RestartFlag>): void {
    restartJob(record, flags);
    this.changed();
    this.jobChanged(undefined, record, 'restarted');
  }

  /** For the provisioning engine: change a job's status or engine state (a cycle's progress and results) and announce it. */
  updateJob(record: JobRecord, change: (record: JobRecord) => void): void {
    change(record);
    this.changed();
  }

  /** PUT …/jobs/{id}/schema. Returns whether the change forces a new initial cycle. */
  replaceJobSchema(record: JobRecord, schema: SynchronizationSchema): boolean {
    const resync = replaceSchema(record, structuredClone(schema), 'schemaChanged');
    this.changed();
    if (resync) this.jobChanged(undefined, record, 'schemaChanged');
    return resync;
  }

  /** DELETE …/jobs/{id}/schema: back to the template's (possibly application-customised) schema. */
  resetJobSchema(sp: ServicePrincipalRecord, record: JobRecord): void {
    const schema = this.templateSchema(sp, record.job.templateId) ?? { directories: [], synchronizationRules: [] };
    replaceSchema(record, { ...schema, id: record.job.id }, 'schemaReset');
    this.changed();
    this.jobChanged(sp, record, 'schemaChanged');
  }

  /**
   * POST …/schema/directories/{id}/discover: refreshes the directory definition. Discovery only ever adds
   * attributes; for the Entra directory the attributes come from the tenant's own schema.
   */
  discoverDirectory(record: JobRecord, directoryId: string): DirectoryDefinition | undefined {
    const directory = record.schema.directories.find((d) => d.id === directoryId || d.name === directoryId);
    if (!directory) return undefined;
    if (directory.id === ENTRA_DIRECTORY_ID || directory.name === ENTRA_DIRECTORY_NAME) {
      const discovered = entraSourceDirectory();
      for (const object of discovered.objects) {
        const existing = directory.objects.find((o) => o.name === object.name);
        if (!existing) {
          directory.objects.push(object);
          continue;
        }
        for (const attribute of object.attributes) {
          if (!existing.attributes.some((a) => a.name === attribute.name)) existing.attributes.push(attribute);
        }
      }
    }
    directory.discoverabilities = directory.discoverabilities ?? 'AttributeNames, AttributeDataTypes';
    directory.discoveryDateTime = this.now().toISOString();
    this.changed();
    return directory;
  }

  // ---- secrets ---------------------------------------------------------------------------------------------------

  secrets(sp: ServicePrincipalRecord): readonly StringKeyStringValuePair[] {
    return sp.secrets;
  }

  /** PUT …/synchronization/secrets replaces the whole set. */
  replaceSecrets(sp: ServicePrincipalRecord, secrets: StringKeyStringValuePair[]): void {
    sp.secrets = secrets.map((s) => ({ key: s.key, value: s.value }));
    this.changed();
  }

  /**
   * Points the apps linked to the sandbox's SCIM server (seed `scimTarget`) at the running server: BaseAddress = `url`,
   * SecretToken = `token` (or a token the server refuses, for the app kept misconfigured on purpose). Called on every
   * start, because the port and token change between runs. An app whose saved BaseAddress is no longer the one the
   * link last wrote was re-pointed by someone and keeps its secrets. Returns the service principals changed.
   */
  connectScimTarget(url: string, token: string): ServicePrincipalRecord[] {
    const changed: ServicePrincipalRecord[] = [];
    for (const sp of this.state.servicePrincipals) {
      const link = sp.scimTarget;
      if (!link) continue;
      const current = sp.secrets.find((s) => s.key === 'BaseAddress')?.value ?? null;
      if (current !== link.baseAddress) continue;
      setSecret(sp.secrets, 'BaseAddress', url, true);
      setSecret(sp.secrets, 'SecretToken', link.credentials === 'token' ? token : SCIM_WRONG_TOKEN, false);
      link.baseAddress = url;
      changed.push(sp);
    }
    if (changed.length > 0) this.changed();
    return changed;
  }

  // ---- provisioning logs -----------------------------------------------------------------------------------------

  provisioningLogs(): readonly ProvisioningObjectSummary[] {
    return this.state.provisioningLogs;
  }

  /** For the provisioning engine (later): record what a cycle did. */
  addProvisioningLogs(entries: readonly ProvisioningObjectSummary[]): void {
    this.state.provisioningLogs.push(...structuredClone(entries));
    this.changed();
  }

  // ---- internals -------------------------------------------------------------------------------------------------

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private jobChanged(sp: ServicePrincipalRecord | undefined, record: JobRecord, change: JobChange): void {
    const owner = sp ?? this.servicePrincipalOfJob(record);
    if (!owner) return;
    for (const listener of this.jobListeners) listener(owner, record, change);
  }

  private reindex(): void {
    for (const user of this.state.users) {
      this.usersById.set(user.id, user);
      this.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
    }
    for (const group of this.state.groups) this.groupsById.set(group.id, group);
    this.groupResources = this.state.groups.map(withoutMembers);
    for (const sp of this.state.servicePrincipals) {
      this.spsById.set(sp.resource.id.toLowerCase(), sp);
      this.spsByAppId.set(sp.resource.appId.toLowerCase(), sp);
      this.spsByApplicationObjectId.set(sp.applicationObjectId.toLowerCase(), sp);
    }
    this.servicePrincipalResources = this.state.servicePrincipals.map((sp) => sp.resource);
  }
}

/** The SecretToken of the app kept misconfigured on purpose: the sandbox SCIM server answers it with 401. */
export const SCIM_WRONG_TOKEN = 'expired-token-the-sandbox-scim-server-refuses';

function setSecret(secrets: StringKeyStringValuePair[], key: string, value: string, first: boolean): void {
  const existing = secrets.find((s) => s.key === key);
  if (existing) existing.value = value;
  else if (first) secrets.unshift({ key, value });
  else secrets.push({ key, value });
}

function withoutMembers(group: StoredGroup): Group {
  const { members: _members, ...resource } = group;
  return resource;
}

function stateFromSeed(seed: SeedData): TenantState {
  return {
    format: TENANT_STATE_FORMAT,
    version: TENANT_STATE_VERSION,
    seededAt: seed.now,
    tenantId: seed.tenantId,
    tenantDisplayName: seed.tenantDisplayName,
    verifiedDomains: [...seed.verifiedDomains],
    defaultDomain: seed.defaultDomain,
    adminUser: { ...seed.adminUser },
    users: seed.users,
    groups: seed.groups,
    servicePrincipals: seed.servicePrincipals.map(recordFromSeed),
    provisioningLogs: seed.provisioningLogs,
  };
}

function recordFromSeed(seed: SeedServicePrincipal): ServicePrincipalRecord {
  const { applicationObjectId, templateIds, jobs, secrets, assignedPrincipalIds, scimTarget, ...resource } = seed;
  return {
    resource,
    applicationObjectId,
    templateIds: [...templateIds],
    templateOverrides: {},
    jobs: jobs.map(({ job, schema }) => ({ job, schema, runtime: runtimeFromStatus(job) })),
    secrets: secrets.map((s) => ({ ...s })),
    assignedPrincipalIds: [...assignedPrincipalIds],
    ...(scimTarget ? { scimTarget: { ...scimTarget } } : {}),
  };
}
