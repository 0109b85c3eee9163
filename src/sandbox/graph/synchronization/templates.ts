// Synchronization templates, on the service principal and on the application object: list, get, the template's
// schema (GET everywhere; PUT/DELETE on the application, which owns template customisations), template update
// (documented as PATCH, example uses PUT: both accepted), the schema helper lists and parseExpression (the shared
// expression engine). acquireAccessToken answers 501 (no OAuth target in the sandbox).
// Facts: graph-synchronization.md §2 rows 11–22, §3.10.
import type { MetadataEntry } from '../../../graph/model';
import type { Router, SandboxRequest, SandboxResponse } from '../../http/router';
import { GraphErrors } from '../../http/graphErrors';
import type { ServicePrincipalRecord, TemplateFields, Tenant } from '../../tenant';
import { collection, entity, jsonObjectBody, noContent } from '../context';
import { parseExpressionRoute } from '../../provisioning/parseExpression';
import { SYNC_READ, SYNC_WRITE } from '../permissions';
import { applicationSyncContext, findApplication, findServicePrincipal, spSyncContext, type Found } from './lookup';
import { filterOperators, findDirectory, functions, readSchemaBody, templateSchemaContext } from './schema';

type Owner = 'servicePrincipal' | 'application';

const BASES: Record<Owner, string> = {
  servicePrincipal: '/servicePrincipals/{spId}/synchronization',
  application: '/applications/{appObjectId}/synchronization',
};

export function registerTemplateRoutes(router: Router, tenant: Tenant): void {
  const read = { anyOf: SYNC_READ };
  const write = { anyOf: SYNC_WRITE };

  for (const owner of ['servicePrincipal', 'application'] as const) {
    const base = BASES[owner];
    const find = (req: SandboxRequest): Found<ServicePrincipalRecord> =>
      owner === 'application' ? findApplication(req, tenant) : findServicePrincipal(req, tenant);
    const context = (sp: ServicePrincipalRecord): string =>
      owner === 'application' ? applicationSyncContext(sp) : spSyncContext(sp);
    const TEMPLATE = `${base}/templates/{templateId}`;

    /** Runs `answer` with the service principal and template the path names, or answers 404. */
    const withTemplate =
      (answer: (req: SandboxRequest, sp: ServicePrincipalRecord, templateId: string) => SandboxResponse) =>
      (req: SandboxRequest): SandboxResponse => {
        const sp = find(req);
        if (!sp.ok) return sp.response;
        const template = tenant.template(sp.value, req.params.templateId!);
        if (!template) return GraphErrors.notFound(req, req.params.templateId!);
        return answer(req, sp.value, template.id);
      };

    router.get(
      `${base}/templates`,
      (req) => {
        const sp = find(req);
        if (!sp.ok) return sp.response;
        return collection(req, `${context(sp.value)}/templates`, tenant.templates(sp.value));
      },
      read,
    );

    router.get(
      TEMPLATE,
      withTemplate((req, sp, id) => entity(req, `${context(sp)}/templates/$entity`, tenant.template(sp, id)!)),
      read,
    );

    router.get(
      `${TEMPLATE}/schema`,
      withTemplate((req, sp, id) =>
        entity(req, `${templateSchemaContext(context(sp), id)}/$entity`, tenant.templateSchema(sp, id)!),
      ),
      read,
    );

    router.get(
      `${TEMPLATE}/schema/directories`,
      withTemplate((req, sp, id) =>
        collection(req, `${templateSchemaContext(context(sp), id)}/directories`, tenant.templateSchema(sp, id)!.directories),
      ),
      read,
    );

    router.get(
      `${TEMPLATE}/schema/directories/{directoryId}`,
      withTemplate((req, sp, id) => {
        const directory = findDirectory(tenant.templateSchema(sp, id)!, req.params.directoryId!);
        if (!directory) return GraphErrors.notFound(req, req.params.directoryId!);
        return entity(req, `${templateSchemaContext(context(sp), id)}/directories/$entity`, directory);
      }),
      read,
    );

    router.get(`${TEMPLATE}/schema/filterOperators`, withTemplate((req) => filterOperators(req)), read);
    router.get(`${TEMPLATE}/schema/functions`, withTemplate((req) => functions(req)), write);
    router.post(`${base}/acquireAccessToken`, (req) => {
      const sp = find(req);
      return sp.ok ? GraphErrors.notImplemented(req) : sp.response;
    }, write);

    if (owner === 'servicePrincipal') {
      router.post(`${TEMPLATE}/schema/parseExpression`, withTemplate((req) => parseExpressionRoute(req)), write);
      continue;
    }

    // Application-only: customising the template and its schema.
    const updateTemplate = withTemplate((req, sp, id) => {
      const parsed = jsonObjectBody(req);
      if ('error' in parsed) return parsed.error;
      const fields = readTemplateFields(parsed.body, tenant.template(sp, id)!.factoryTag);
      if (typeof fields === 'string') return GraphErrors.badRequest(req, fields);
      tenant.updateTemplate(sp, id, fields);
      return noContent();
    });
    router.patch(TEMPLATE, updateTemplate, write);
    router.put(TEMPLATE, updateTemplate, write);

    router.put(
      `${TEMPLATE}/schema`,
      withTemplate((req, sp, id) => {
        const schema = readSchemaBody(req);
        if ('error' in schema) return schema.error;
        tenant.replaceTemplateSchema(sp, id, schema.schema);
        return noContent();
      }),
      write,
    );

    router.delete(
      `${TEMPLATE}/schema`,
      withTemplate((_req, sp, id) => {
        tenant.resetTemplateSchema(sp, id);
        return noContent();
      }),
      write,
    );
  }
}

/**
 * A template update sends the whole template: properties it leaves out are erased (§2 row 14), except factoryTag,
 * which names the engine that runs the jobs and is kept when absent. Returns the fields or a 400 message.
 */
function readTemplateFields(body: Record<string, unknown>, currentFactoryTag: string): TemplateFields | string {
  const { description, discoverable, factoryTag, metadata } = body;
  const isDefault = body.default;
  if (description !== undefined && description !== null && typeof description !== 'string') return "'description' must be a string.";
  if (discoverable !== undefined && typeof discoverable !== 'boolean') return "'discoverable' must be a Boolean.";
  if (isDefault !== undefined && typeof isDefault !== 'boolean') return "'default' must be a Boolean.";
  if (factoryTag !== undefined && typeof factoryTag !== 'string') return "'factoryTag' must be a string.";
  if (metadata !== undefined && !Array.isArray(metadata)) return "'metadata' must be a collection of key/value entries.";
  const entries: MetadataEntry[] = [];
  for (const entry of (metadata as unknown[] | undefined) ?? []) {
    const e = entry as { key?: unknown; value?: unknown } | null;
    if (!e || typeof e.key !== 'string' || (e.value !== null && e.value !== undefined && typeof e.value !== 'string')) {
      return "Each 'metadata' entry needs a string 'key' and a string 'value'.";
    }
    entries.push({ key: e.key, value: (e.value as string | null | undefined) ?? null });
  }
  return {
    default: isDefault ?? false,
    description: (description as string | null | undefined) ?? null,
    discoverable: discoverable ?? false,
    factoryTag: factoryTag ?? currentFactoryTag,
    metadata: entries,
  };
}
