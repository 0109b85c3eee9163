// A job's synchronization schema: GET (the effective schema), PUT (full replacement; a rules change forces a new
// initial cycle), DELETE (back to the template default), directory definitions and discover, and the helper lists
// filterOperators / functions, and parseExpression (the shared expression engine, ../../provisioning/parseExpression.ts).
// Facts: graph-synchronization.md §2 rows 15–22, §3.11–§3.15, §4.2. PATCH is deliberately absent: Graph answers
// 405 for it and so does the shell's router when only GET/PUT/DELETE exist on the path.
import type { DirectoryDefinition, SynchronizationSchema } from '../../../graph/model';
import type { Router, SandboxRequest, SandboxResponse } from '../../http/router';
import { GraphErrors } from '../../http/graphErrors';
import type { Tenant } from '../../tenant';
import { FILTER_OPERATORS, MAPPING_FUNCTIONS } from '../../tenant/templates';
import { collection, entity, jsonObjectBody, keySegment, noContent } from '../context';
import { DIRECTORY_DISCOVER, SYNC_READ, SYNC_WRITE } from '../permissions';
import { findJob, jobContext } from './lookup';
import { parseExpressionRoute } from '../../provisioning/parseExpression';

const JOB_SCHEMA = '/servicePrincipals/{spId}/synchronization/jobs/{jobId}/schema';

export function registerJobSchemaRoutes(router: Router, tenant: Tenant): void {
  const read = { anyOf: SYNC_READ };
  const write = { anyOf: SYNC_WRITE };

  router.get(
    JOB_SCHEMA,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      return entity(req, `${jobContext(found.value.sp, found.value.record)}/schema/$entity`, found.value.record.schema);
    },
    read,
  );

  router.put(
    JOB_SCHEMA,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      const schema = readSchemaBody(req);
      if ('error' in schema) return schema.error;
      tenant.replaceJobSchema(found.value.record, { ...schema.schema, id: schema.schema.id ?? found.value.record.job.id });
      return noContent();
    },
    write,
  );

  // The docs' text says "201 No Content"; their example (and Graph) answers 204.
  router.delete(
    JOB_SCHEMA,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      tenant.resetJobSchema(found.value.sp, found.value.record);
      return noContent();
    },
    write,
  );

  router.get(
    `${JOB_SCHEMA}/directories`,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      return collection(req, `${jobContext(found.value.sp, found.value.record)}/schema/directories`, found.value.record.schema.directories);
    },
    read,
  );

  router.get(
    `${JOB_SCHEMA}/directories/{directoryId}`,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      const directory = findDirectory(found.value.record.schema, req.params.directoryId!);
      if (!directory) return GraphErrors.notFound(req, req.params.directoryId!);
      return entity(req, `${jobContext(found.value.sp, found.value.record)}/schema/directories/$entity`, directory);
    },
    read,
  );

  router.post(
    `${JOB_SCHEMA}/directories/{directoryId}/discover`,
    (req) => {
      const found = findJob(req, tenant);
      if (!found.ok) return found.response;
      const discovered = tenant.discoverDirectory(found.value.record, req.params.directoryId!);
      if (!discovered) return GraphErrors.notFound(req, req.params.directoryId!);
      return entity(req, 'microsoft.graph.directoryDefinition', discovered);
    },
    { anyOf: DIRECTORY_DISCOVER },
  );

  router.get(`${JOB_SCHEMA}/filterOperators`, (req) => withJob(req, tenant, () => filterOperators(req)), read);
  router.get(`${JOB_SCHEMA}/functions`, (req) => withJob(req, tenant, () => functions(req)), write);
  router.post(`${JOB_SCHEMA}/parseExpression`, (req) => withJob(req, tenant, () => parseExpressionRoute(req)), write);
}

function withJob(req: SandboxRequest, tenant: Tenant, answer: () => SandboxResponse): SandboxResponse {
  const found = findJob(req, tenant);
  return found.ok ? answer() : found.response;
}

export function filterOperators(req: SandboxRequest): SandboxResponse {
  return collection(req, 'Collection(microsoft.graph.filterOperatorSchema)', FILTER_OPERATORS);
}

export function functions(req: SandboxRequest): SandboxResponse {
  return collection(req, 'Collection(microsoft.graph.attributeMappingFunctionSchema)', MAPPING_FUNCTIONS);
}

/** A directory of the schema by id, or by name (names are unique within a schema). */
export function findDirectory(schema: SynchronizationSchema, idOrName: string): DirectoryDefinition | undefined {
  return schema.directories.find((d) => d.id === idOrName) ?? schema.directories.find((d) => d.name === idOrName);
}

/** `…/schema/directories` fragment helper for template schemas. */
export function templateSchemaContext(prefix: string, templateId: string): string {
  return `${prefix}/templates(${keySegment(templateId)})/schema`;
}

/**
 * The body of a schema PUT: it must be a whole synchronizationSchema (PUT replaces; a partial document would wipe
 * what it leaves out, so Graph rejects shapes that are not a schema). Checked down to the attribute mappings.
 */
export function readSchemaBody(req: SandboxRequest): { schema: SynchronizationSchema } | { error: SandboxResponse } {
  const parsed = jsonObjectBody(req);
  if ('error' in parsed) return parsed;
  const problem = schemaProblem(parsed.body);
  if (problem) return { error: GraphErrors.badRequest(req, `The synchronization schema is not valid: ${problem}`) };
  return { schema: parsed.body as unknown as SynchronizationSchema };
}

function schemaProblem(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.directories)) return "'directories' must be an array (send the whole schema).";
  if (!Array.isArray(body.synchronizationRules)) return "'synchronizationRules' must be an array (send the whole schema).";
  const names = new Set<string>();
  for (const [i, directory] of (body.directories as unknown[]).entries()) {
    const d = directory as Record<string, unknown> | null;
    if (!d || typeof d !== 'object') return `directories[${i}] must be an object.`;
    if (typeof d.name !== 'string' || d.name === '') return `directories[${i}].name is required.`;
    if (names.has(d.name)) return `directories[${i}].name '${d.name}' is not unique.`;
    names.add(d.name);
    if (!Array.isArray(d.objects)) return `directories[${i}].objects must be an array.`;
    for (const [j, object] of (d.objects as unknown[]).entries()) {
      const o = object as Record<string, unknown> | null;
      if (!o || typeof o.name !== 'string') return `directories[${i}].objects[${j}].name is required.`;
      if (!Array.isArray(o.attributes)) return `directories[${i}].objects[${j}].attributes must be an array.`;
    }
  }
  for (const [i, rule] of (body.synchronizationRules as unknown[]).entries()) {
    const r = rule as Record<string, unknown> | null;
    if (!r || typeof r !== 'object') return `synchronizationRules[${i}] must be an object.`;
    if (typeof r.sourceDirectoryName !== 'string' || typeof r.targetDirectoryName !== 'string') {
      return `synchronizationRules[${i}] needs sourceDirectoryName and targetDirectoryName.`;
    }
    if (!Array.isArray(r.objectMappings)) return `synchronizationRules[${i}].objectMappings must be an array.`;
    for (const [j, mapping] of (r.objectMappings as unknown[]).entries()) {
      const m = mapping as Record<string, unknown> | null;
      if (!m || !Array.isArray(m.attributeMappings)) {
        return `synchronizationRules[${i}].objectMappings[${j}].attributeMappings must be an array.`;
      }
      for (const [k, attribute] of (m.attributeMappings as unknown[]).entries()) {
        const a = attribute as Record<string, unknown> | null;
        if (!a || typeof a.targetAttributeName !== 'string') {
          return `synchronizationRules[${i}].objectMappings[${j}].attributeMappings[${k}].targetAttributeName is required.`;
        }
      }
    }
  }
  return undefined;
}
