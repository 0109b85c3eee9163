// Shared by the migration suites and the migration-faults bench: a sandbox with the seed's customized Workplace 1.0
// job, a Graph client on it with short timeouts (so a hung request fails in a fraction of a second), a scratch
// directory for the backup and journal, and a host that answers the token and start prompts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphClient } from '../../../src/graph/client';
import type { SynchronizationSchema } from '../../../src/graph/model';
import { SynchronizationApi } from '../../../src/graph/synchronization';
import type { MigrationHost, StepEvent } from '../../../src/migration/apply';
import { cleanSchema } from '../../../src/migration/merge';
import { DirectoryStorage } from '../../../src/migration/storage';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { employeesOnlyScope } from '../../../src/sandbox/tenant/seed';
import { TEMPLATES, attribute, enterprise2, mapping } from '../../../src/sandbox/tenant/templates';
import { appToken } from '../../support/sandbox';

export const WORKPLACE_APP = 'Workplace from Meta';

export interface MigrationFixture {
  sandbox: RunningSandbox;
  api: SynchronizationApi;
  spId: string;
  jobId: string;
  /** The sandbox SCIM server: the Tenant URL and token the new job gets (Workplace's real URL is unreachable here). */
  scimUrl: string;
  scimToken: string;
  host(options?: { token?: string | undefined; start?: boolean; events?: StepEvent[] }): MigrationHost;
  close(): Promise<void>;
}

export async function workplaceFixture(options: { timeoutMs?: number; maxRetries?: number; token?: () => Promise<string> } = {}): Promise<MigrationFixture> {
  const sandbox = await startSandbox();
  const token = await appToken(sandbox);
  const graph = new GraphClient({
    root: sandbox.info.graph,
    getAccessToken: options.token ?? (async () => token),
    timeoutMs: options.timeoutMs ?? 400,
    maxRetries: options.maxRetries ?? 3,
    backoffBaseMs: 5,
    maxDelayMs: 20,
  });
  const api = new SynchronizationApi(graph);
  const { spId, jobId } = findWorkplace(sandbox);
  const scimToken = sandbox.info.scimToken;
  return {
    sandbox,
    api,
    spId,
    jobId,
    scimUrl: sandbox.info.scim,
    scimToken,
    host: (hostOptions = {}) => testHost({ token: scimToken, ...hostOptions }),
    close: () => sandbox.close(),
  };
}

export function findWorkplace(sandbox: RunningSandbox): { spId: string; jobId: string } {
  const sp = sandbox.tenant.servicePrincipals().find((s) => s.displayName === WORKPLACE_APP);
  if (!sp) throw new Error('no Workplace app in the seed');
  const record = sandbox.tenant.servicePrincipal(sp.id)!;
  return { spId: sp.id, jobId: record.jobs[0]!.job.id };
}

export function scratchStorage(): DirectoryStorage {
  return new DirectoryStorage(mkdtempSync(join(tmpdir(), 'migration-')));
}

export function testHost(options: { token?: string | undefined; start?: boolean; events?: StepEvent[] }): MigrationHost {
  return {
    secretToken: async () => options.token,
    confirmStart: async () => options.start ?? true,
    onStep: (event) => options.events?.push(event),
  };
}

/**
 * The schema the migration must write, built independently of the migration code: the FacebookWorkplace default with
 * the seed's customizations (workplaceCustomizations.ts) spelled in SCIM 2.0 names.
 */
export function expectedWorkplaceSchema(): SynchronizationSchema {
  const schema = TEMPLATES.get('FacebookWorkplace')!.defaultSchema();
  const users = schema.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User')!;
  users.scope = employeesOnlyScope();
  users.attributeMappings.push(mapping(enterprise2('costCenter'), attribute('extensionAttribute2')));
  const byTarget = (target: string) => users.attributeMappings.find((m) => m.targetAttributeName === target)!;
  byTarget('name.formatted').source = attribute('displayName');
  byTarget('externalId').source = attribute('employeeId');
  byTarget('externalId').matchingPriority = 1;
  byTarget('userName').matchingPriority = 2;
  return schema;
}

/** A schema without its id and Graph annotations, for comparisons. */
export function comparable(schema: SynchronizationSchema): Omit<SynchronizationSchema, 'id'> {
  const { id: _id, ...rest } = cleanSchema(schema);
  return rest;
}
