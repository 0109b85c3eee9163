// The SCIM requests the provisioning service sends (scim-and-workplace.md §2, RFC 7643/7644): where a flattened target
// attribute name lands in a resource, the POST body of a create and the PatchOp body of an update.
//  * `name.givenName` → { name: { givenName } }
//  * `emails[type eq "work"].value` → { emails: [{ type: "work", value, primary: true }] } (the work email — else the
//    first — is marked primary, as Entra's documented POST shows; other multi-valued entries carry type + values)
//  * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department` → { "urn:…:2.0:User": { department } };
//    legacy 1.0 names work the same with their dotted form (`urn:scim:schemas:extension:enterprise:1.0.department`)
//  * `schemas`: the core schema plus every extension URN used, in first-use order.
// PATCH: `urn:ietf:params:scim:api:messages:2.0:PatchOp`, one operation per attribute, `op` "Add" (the target has no
// value) or "Replace", `path` = the target attribute name — Entra's default (non-aadOptscim062020) style.
import { isGroupObject } from '../catalog/targetAttributes';

export const SCIM_CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_CORE_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_CORE_1_SCHEMA = 'urn:scim:schemas:core:1.0';
export const SCIM_PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** The schema Entra adds to every group it creates (scim-and-workplace.md §2). */
export const ADSCIM_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

/** The SCIM endpoint for a target object: `Groups` for group objects (`Group`, `urn:…:core:2.0:Group`), else `Users`. */
export function scimResourceType(targetObjectName: string): 'Users' | 'Groups' {
  return isGroupObject(targetObjectName) ? 'Groups' : 'Users';
}

export interface PathSegment {
  name: string;
  /**
   * A value filter `[attribute eq "value"]` selecting one element of a multi-valued attribute; `stored` is the value
   * as the element holds it (`primary eq "True"` → true).
   */
  filter?: { attribute: string; value: string; stored: unknown };
}

export interface TargetPath {
  /** The target attribute name as written. */
  text: string;
  /** The extension schema URN the attribute lives under; null for core attributes. */
  schema: string | null;
  segments: PathSegment[];
  /** Identifies the object the value is stored in (schema + every segment but the last), for PostBody's cache. */
  containerKey: string;
}

const URN_ATTRIBUTE = /^(urn:.*?:\d+\.\d+(?::[A-Za-z][A-Za-z0-9_]*)?)[:.](.+)$/i;
const CORE_SCHEMAS = new Set([SCIM_CORE_USER_SCHEMA, SCIM_CORE_GROUP_SCHEMA, SCIM_CORE_1_SCHEMA].map((s) => s.toLowerCase()));
const FILTER = /^\s*([A-Za-z$][\w$.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

const pathCache = new Map<string, TargetPath>();

/** Splits a target attribute name into its schema URN and path segments (cached: names repeat across objects). */
export function parseTargetPath(text: string): TargetPath {
  let parsed = pathCache.get(text);
  if (!parsed) {
    parsed = parseUncached(text);
    if (pathCache.size > 10_000) pathCache.clear();
    pathCache.set(text, parsed);
  }
  return parsed;
}

function parseUncached(text: string): TargetPath {
  let schema: string | null = null;
  let rest = text;
  const urn = URN_ATTRIBUTE.exec(text);
  if (urn) {
    schema = CORE_SCHEMAS.has(urn[1]!.toLowerCase()) ? null : urn[1]!;
    rest = urn[2]!;
  }
  const segments = splitSegments(rest);
  const containerKey = [schema ?? '', ...segments.slice(0, -1).map((g) => (g.filter ? `${g.name}[${g.filter.attribute}=${g.filter.value}]` : g.name))].join('\u0000');
  return { text, schema, segments, containerKey };
}

/** `a[type eq "x.y"].b` → [a + filter, b]: dots inside brackets and quotes don't split. */
function splitSegments(path: string): PathSegment[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === '.' && depth === 0) {
      parts.push(path.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(path.slice(start));
  return parts.map((part) => {
    const open = part.indexOf('[');
    if (open > 0 && part.endsWith(']')) {
      const filter = FILTER.exec(part.slice(open + 1, -1));
      if (filter) {
        const value = filter[2]!.replace(/\\(.)/g, '$1');
        return { name: part.slice(0, open), filter: { attribute: filter[1]!, value, stored: filterValue(filter[1]!, value) } };
      }
    }
    return { name: part };
  });
}

/** A filter's value as the element stores it: `primary eq "True"` means the Boolean true. */
function filterValue(attribute: string, value: string): unknown {
  if (attribute.toLowerCase() === 'primary' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object that holds `path`'s last segment, created as needed (the walk of placeValue without the final store). */
function containerOf(resource: JsonObject, path: TargetPath): JsonObject {
  let container: JsonObject = resource;
  if (path.schema) {
    const existing = resource[path.schema];
    container = isObject(existing) ? existing : (resource[path.schema] = {});
  }
  const segments = path.segments;
  for (let i = 0; i < segments.length - 1; i++) container = child(container, segments[i]!);
  return container;
}

/** The object segment `segment` names inside `container` (the filtered list element for `emails[type eq "work"]`). */
function child(container: JsonObject, segment: PathSegment): JsonObject {
  if (!segment.filter) {
    const existing = container[segment.name];
    return isObject(existing) ? existing : (container[segment.name] = {});
  }
  const name = segment.name;
  const existing = container[name];
  const list: unknown[] = Array.isArray(existing) ? existing : (container[name] = []);
  const { attribute, stored } = segment.filter;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (isObject(e) && e[attribute] === stored) return e;
  }
  const element: JsonObject = {};
  element[attribute] = stored;
  list.push(element);
  return element;
}

/** Places `value` at `path` inside a resource being built. */
export function placeValue(resource: JsonObject, path: TargetPath, value: unknown): void {
  const container = containerOf(resource, path);
  const last = path.segments[path.segments.length - 1]!;
  if (!last.filter) {
    container[last.name] = value;
    return;
  }
  // `roles[primary eq "True"]` itself: an object value merges into the element, anything else is its value.
  const element = child(container, last);
  if (isObject(value)) Object.assign(element, value);
  else element['value'] = value;
}

/** Case-insensitive own-property lookup (SCIM attribute names are case-insensitive, RFC 7643 §2.1). */
function property(object: JsonObject, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
  return undefined;
}

/** The value at `path` in an existing SCIM resource (undefined when absent). */
export function readValue(resource: JsonObject, path: TargetPath): unknown {
  let current: unknown = path.schema ? property(resource, path.schema) : resource;
  for (const segment of path.segments) {
    if (!isObject(current)) return undefined;
    current = property(current, segment.name);
    if (segment.filter) {
      if (!Array.isArray(current)) return undefined;
      const { attribute, value } = segment.filter;
      current = current.find((e) => isObject(e) && String(property(e, attribute)).toLowerCase() === value.toLowerCase());
    }
  }
  return current;
}

/** Marks the work email (else the first) primary when none is, as Entra's POST bodies do. */
function markPrimaryEmail(resource: JsonObject): void {
  const emails = resource['emails'];
  if (!Array.isArray(emails) || emails.length === 0) return;
  let work: unknown;
  for (let i = 0; i < emails.length; i++) {
    const e: unknown = emails[i];
    if (!isObject(e)) continue;
    if (e['primary'] === true) return;
    if (work === undefined && e['type'] === 'work') work = e;
  }
  work ??= emails[0];
  if (isObject(work)) work['primary'] = true;
}

/** The core schema of a POST body: SCIM 1.0 when the targets use legacy `urn:scim:` extension names. */
export function coreSchemaFor(resourceType: 'Users' | 'Groups', paths: readonly TargetPath[]): string {
  if (resourceType === 'Groups') return SCIM_CORE_GROUP_SCHEMA;
  return paths.some((p) => p.schema?.toLowerCase().startsWith('urn:scim:')) ? SCIM_CORE_1_SCHEMA : SCIM_CORE_USER_SCHEMA;
}

/** A POST body being built: `schemas` first, then attributes in mapping order (see addAt / finish). */
export class PostBody {
  readonly body: JsonObject;
  private readonly schemas: string[];
  /**
   * Objects already created inside the body, by container slot (CompiledMapping.containerSlot: one per distinct
   * TargetPath.containerKey): saves re-walking `name`, `emails[…]`, URNs for every attribute that lands in them.
   */
  private readonly containers: (JsonObject | undefined)[];

  constructor(coreSchema: string, containerSlots: number) {
    this.schemas = coreSchema === SCIM_CORE_GROUP_SCHEMA ? [coreSchema, ADSCIM_GROUP_SCHEMA] : [coreSchema];
    this.body = { schemas: this.schemas };
    this.containers = new Array<JsonObject | undefined>(containerSlots);
  }

  /** Places `value` at `path`, whose container has the slot `slot` (-1: the body itself). */
  addAt(path: TargetPath, slot: number, value: unknown): void {
    const schema = path.schema;
    if (schema !== null && !this.schemas.includes(schema)) this.schemas.push(schema);
    const segments = path.segments;
    const last = segments[segments.length - 1]!;
    if (last.filter) {
      placeValue(this.body, path, value);
      return;
    }
    let container: JsonObject | undefined;
    if (slot < 0) container = this.body;
    else {
      container = this.containers[slot];
      if (container === undefined) container = this.containers[slot] = containerOf(this.body, path);
    }
    container[last.name] = value;
  }

  finish(): JsonObject {
    markPrimaryEmail(this.body);
    return this.body;
  }
}

export interface PlacedValue {
  path: TargetPath;
  value: unknown;
}

/** The POST body of a create for values in mapping order. */
export function buildPostBody(resourceType: 'Users' | 'Groups', values: readonly PlacedValue[]): JsonObject {
  const body = new PostBody(coreSchemaFor(resourceType, values.map((v) => v.path)), values.length);
  const slots = new Map<string, number>();
  for (const { path, value } of values) {
    let slot = -1;
    if (path.containerKey !== '') {
      slot = slots.get(path.containerKey) ?? slots.size;
      slots.set(path.containerKey, slot);
    }
    body.addAt(path, slot, value);
  }
  return body.finish();
}

export interface PatchOperation {
  op: 'Add' | 'Replace' | 'Remove';
  path: string;
  value?: unknown;
}

export function buildPatchBody(operations: readonly PatchOperation[]): JsonObject {
  return { schemas: [SCIM_PATCH_OP_SCHEMA], Operations: operations.map((o) => ({ ...o })) };
}

/** Whether a value already in the target equals the one about to be sent (text compares ignoring case unless caseExact). */
export function sameValue(current: unknown, next: unknown, caseExact: boolean): boolean {
  return comparable(current, caseExact) === comparable(next, caseExact);
}

function comparable(value: unknown, caseExact: boolean): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (isObject(value) && 'value' in value && Object.keys(value).every((k) => k === 'value' || k === '$ref' || k === 'displayName')) {
    return comparable(value['value'], caseExact);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.length === 1 && !isObject(value[0])) return comparable(value[0], caseExact);
    return JSON.stringify(value.map((v) => (isObject(v) ? v : comparable(v, caseExact))));
  }
  if (isObject(value)) return JSON.stringify(value);
  const text = String(value);
  return caseExact ? text : text.toLowerCase();
}
