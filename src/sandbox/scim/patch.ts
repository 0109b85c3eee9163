// Entra's PATCH dialect, normalised before scimmy applies it (scim-and-workplace.md §2, §4).
// - Ops arrive capitalised (`Add`/`Replace`/`Remove`) from the default job; RFC 7644 ops are lower case. Lowered here.
// - Booleans arrive as the strings "True"/"False" from a job without the `aadOptscim062020` flag (the default job,
//   which is what the sandbox's seeded jobs are). scimmy rejects them with 400 invalidValue; a real target that did
//   that would fail every disable. The sandbox converts "true"/"false" (any case) to JSON booleans for attributes the
//   schema declares boolean, so both spellings work, as they do against the SCIM targets Entra is tested with. The same
//   goes for create/replace bodies (normalizeResource).
// - A single-valued complex attribute (enterprise `manager`) arrives as a bare id string or a one-element list
//   (`[{"value":"id"}]`) in older Entra requests; it becomes `{ "value": id }`.
// Everything else (no-path ops with dotted keys, URN paths, value filters) scimmy handles itself.
import { attributeInfo, type AttributeInfo } from './schemas';

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** A normalised copy of a PatchOp message; anything that is not one is returned as is for scimmy to reject. */
export function normalizePatch(message: unknown, resource: 'User' | 'Group'): unknown {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return message;
  const body = message as { Operations?: unknown };
  if (!Array.isArray(body.Operations)) return message;
  return {
    ...body,
    Operations: body.Operations.map((operation: unknown) => {
      if (!operation || typeof operation !== 'object') return operation;
      const { op, path, value, ...rest } = operation as PatchOperation & Record<string, unknown>;
      const normalized: Record<string, unknown> = { ...rest, op: typeof op === 'string' ? op.toLowerCase() : op };
      if (path !== undefined) normalized.path = path;
      if (value !== undefined) {
        normalized.value = typeof path === 'string' && path.trim() !== '' ? normalizeValue(resource, path, value) : normalizeObject(resource, '', value);
      }
      return normalized;
    }),
  };
}

/** A create/replace body with Entra's boolean strings as booleans (see the file comment). */
export function normalizeResource(body: unknown, resource: 'User' | 'Group'): unknown {
  return normalizeObject(resource, '', body);
}

/** A value addressed by `path`: coerce it for that attribute. */
function normalizeValue(resource: 'User' | 'Group', path: string, value: unknown): unknown {
  const info = attributeInfo(resource, path);
  if (!info) return value;
  if (info.type === 'boolean') return toBoolean(value);
  if (info.type === 'complex') {
    if (info.multiValued) return Array.isArray(value) ? value.map((v) => normalizeObject(resource, path, v)) : normalizeObject(resource, path, value);
    return normalizeSingleComplex(resource, path, value);
  }
  return value;
}

/** Entra's legacy manager value: a bare id, or a list holding one `{ value }`. */
function normalizeSingleComplex(resource: 'User' | 'Group', path: string, value: unknown): unknown {
  if (typeof value === 'string' && attributeInfo(resource, `${path}.value`)) return { value };
  if (Array.isArray(value) && value.length === 1 && value[0] && typeof value[0] === 'object') return normalizeObject(resource, path, value[0]);
  return normalizeObject(resource, path, value);
}

/** An object of attributes (no-path op value, complex value): coerce each key that names a known attribute. */
function normalizeObject(resource: 'User' | 'Group', prefix: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const path = childPath(prefix, key);
    const info: AttributeInfo | undefined = attributeInfo(resource, path);
    if (/^urn:/i.test(key) && !info && v && typeof v === 'object' && !Array.isArray(v)) {
      // An extension object (`{ "urn:…:enterprise:2.0:User": { "department": … } }`).
      out[key] = normalizeObject(resource, key, v);
    } else {
      out[key] = info ? normalizeValue(resource, path, v) : v;
    }
  }
  return out;
}

function childPath(prefix: string, key: string): string {
  if (!prefix || /^urn:/i.test(key)) return key;
  // Under an extension URN the child is `urn:…:User:attr`; under a core attribute it is `attr.sub`.
  return /^urn:.*:(User|Group)$/i.test(prefix) ? `${prefix}:${key}` : `${prefix}.${key}`;
}

function toBoolean(value: unknown): unknown {
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return value;
}
