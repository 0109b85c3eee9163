// SCIM 1.x names, as the legacy Workplace connector (`FacebookAtWorkOutDelta`) sends them: `urn:scim:schemas:core:1.0`
// and extension URNs like `urn:scim:schemas:extension:enterprise:1.0`, with attribute paths in the dotted
// (`…:1.0.department`) or colon (`…:auth_method:1.0:auth_method`) form (scim-and-workplace.md §1). scimmy only accepts
// `urn:ietf:params:scim:schemas:` URNs, so requests in these names are translated to the 2.0 schemas on the way in,
// and resources created that way are shown in the 1.0 names on the way out (the client reads back what it wrote).
import {
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
  WORKPLACE_ACCOUNT_STATUS_SCHEMA,
  WORKPLACE_AUTH_METHOD_SCHEMA,
  WORKPLACE_FRONTLINE_SCHEMA,
  WORKPLACE_START_TERM_DATES_SCHEMA,
} from './schemas';

export const SCIM1_CORE_SCHEMA = 'urn:scim:schemas:core:1.0';

interface Translation {
  legacy: string;
  current: string;
  /** 1.0 attribute name → 2.0 attribute name, where they differ. */
  renames?: Record<string, string>;
}

const TRANSLATIONS: readonly Translation[] = [
  { legacy: 'urn:scim:schemas:extension:enterprise:1.0', current: ENTERPRISE_USER_SCHEMA },
  { legacy: 'urn:scim:schemas:extension:facebook:starttermdates:1.0', current: WORKPLACE_START_TERM_DATES_SCHEMA },
  { legacy: 'urn:scim:schemas:extension:facebook:accountstatusdetails:1.0', current: WORKPLACE_ACCOUNT_STATUS_SCHEMA },
  { legacy: 'urn:scim:schemas:extension:facebook:auth_method:1.0', current: WORKPLACE_AUTH_METHOD_SCHEMA, renames: { auth_method: 'authMethod' } },
  { legacy: 'urn:scim:schemas:extension:facebook:frontline:1.0', current: WORKPLACE_FRONTLINE_SCHEMA },
];

/** True when a request body uses SCIM 1.x schema names anywhere (schemas list, attribute keys, PATCH paths). */
export function usesScim1(body: unknown): boolean {
  return /"urn:scim:schemas:/i.test(JSON.stringify(body ?? null));
}

/** A create/replace body with 1.x names in 2.0 names. */
export function resourceToScim2(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'schemas' && Array.isArray(value)) {
      out.schemas = [...new Set(value.map((s) => (typeof s === 'string' ? schemaToScim2(s) : s)))];
      continue;
    }
    const translation = byLegacy(key);
    out[translation ? translation.current : key] = translation ? renameKeys(value, translation.renames ?? {}) : value;
  }
  return out;
}

/** A PatchOp with 1.x paths and value keys in 2.0 names. */
export function patchToScim2(message: unknown): unknown {
  if (!message || typeof message !== 'object' || !Array.isArray((message as { Operations?: unknown }).Operations)) return message;
  const body = message as { Operations: unknown[] };
  return {
    ...body,
    Operations: body.Operations.map((operation) => {
      if (!operation || typeof operation !== 'object') return operation;
      const { path, value, ...rest } = operation as { path?: unknown; value?: unknown };
      const out: Record<string, unknown> = { ...rest };
      if (path !== undefined) out.path = typeof path === 'string' ? pathToScim2(path) : path;
      if (value !== undefined) out.value = path === undefined || path === '' ? valueKeysToScim2(value) : value;
      return out;
    }),
  };
}

/** `urn:scim:schemas:extension:enterprise:1.0.department` (or `…:1.0:department`) → `urn:ietf:…:enterprise:2.0:User:department`. */
export function pathToScim2(path: string): string {
  const lower = path.toLowerCase();
  for (const t of TRANSLATIONS) {
    const prefix = t.legacy.toLowerCase();
    if (lower === prefix) return t.current;
    if (lower.startsWith(prefix) && (lower[prefix.length] === '.' || lower[prefix.length] === ':')) {
      const [attribute = '', ...sub] = path.slice(prefix.length + 1).split('.');
      return `${t.current}:${[t.renames?.[attribute] ?? attribute, ...sub].join('.')}`;
    }
  }
  return path;
}

/** A resource in 2.0 names shown in the 1.x names its client used. */
export function resourceToScim1(resource: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas' && Array.isArray(value)) {
      out.schemas = value.map((s) => (s === USER_SCHEMA ? SCIM1_CORE_SCHEMA : (TRANSLATIONS.find((t) => t.current === s)?.legacy ?? s)));
      continue;
    }
    const translation = TRANSLATIONS.find((t) => t.current === key);
    out[translation ? translation.legacy : key] = translation ? renameKeys(value, invert(translation.renames ?? {})) : value;
  }
  return out;
}

function schemaToScim2(schema: string): string {
  if (schema.toLowerCase() === SCIM1_CORE_SCHEMA) return USER_SCHEMA;
  return byLegacy(schema)?.current ?? schema;
}

function byLegacy(urn: string): Translation | undefined {
  return TRANSLATIONS.find((t) => t.legacy.toLowerCase() === urn.toLowerCase());
}

/** Keys of a no-path PATCH value: dotted/colon 1.x paths and 1.x extension objects. */
function valueKeysToScim2(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const translation = byLegacy(key);
    if (translation) out[translation.current] = renameKeys(v, translation.renames ?? {});
    else out[pathToScim2(key)] = v;
  }
  return out;
}

function renameKeys(value: unknown, renames: Record<string, string>): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [renames[k] ?? k, v]));
}

function invert(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k]));
}
