// Applies the OData query options of a list request ($filter, $search, $orderby, $top, $skiptoken, $select,
// $count) to an in-memory collection and builds Graph's collection response with `@odata.nextLink` and
// `@odata.count`. Each collection describes itself in a CollectionSpec so the rules (which properties filter, whether
// strings compare case-insensitively, page sizes, the ConsistencyLevel requirement) live next to its route.
import type { SandboxRequest, SandboxResponse } from '../../http/router';
import { graphError } from '../../http/graphErrors';
import { odataContext, serviceRoot } from '../context';
import { FilterSyntaxError, functionNames, parseFilter, propertyPaths, type FilterExpression } from './filter';
import { matchesFilter, readPath } from './evaluate';
import { parseSearch, matchesSearch, SearchSyntaxError, type SearchExpression } from './search';

export interface CollectionSpec {
  /** Entity set for `@odata.context`, e.g. `servicePrincipals` or `auditLogs/provisioning`. */
  contextFragment: string;
  /** OData type name for messages, e.g. `microsoft.graph.servicePrincipal`. */
  typeName: string;
  /** Resource name in directory-style messages, e.g. `ServicePrincipal`. */
  resourceName: string;
  /** Top-level properties known on the type ($select accepts these). */
  properties: readonly string[];
  /** Top-level properties `$filter` may read; defaults to `properties`. */
  filterable?: readonly string[];
  /** Functions (and lambda quantifiers `any`/`all`) `$filter` may use. */
  functions: readonly string[];
  /** Directory objects compare strings case-insensitively; provisioning logs case-sensitively. */
  caseInsensitive: boolean;
  /** Properties `$search="prop:term"` may name; absent = `$search` unsupported. */
  searchable?: readonly string[];
  /** Properties `$orderby` accepts. */
  orderable: readonly string[];
  /** Order when no `$orderby` is given (the collection's natural order otherwise). */
  defaultOrder?: { property: string; descending: boolean };
  /**
   * Navigation properties the items carry (e.g. a user's `manager`): never returned unless named in `$expand`
   * (optionally with a nested `$select`: `manager($select=id,displayName)`).
   */
  navigationProperties?: readonly string[];
  /** Properties returned when the request has no `$select` (v1.0 /users returns only a default set). */
  defaultSelect?: (req: SandboxRequest) => readonly string[] | undefined;
  defaultPageSize: number;
  maxPageSize: number;
  /** Directory objects need `ConsistencyLevel: eventual` for `$count` and `$search` (advanced queries). */
  advancedQueriesNeedConsistencyLevel: boolean;
}

/** A query option Graph rejects; becomes a Graph error envelope. */
export class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Skiptoken {
  offset: number;
}

/** Runs the list request over `items` and answers with one page. */
export function listResponse(req: SandboxRequest, items: readonly object[], spec: CollectionSpec): SandboxResponse {
  try {
    // Graph pages with $skiptoken only; a client that tries $skip must find out here, not in production.
    if (req.query.has('$skip')) throw new QueryError(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
    const matching = applyFilterAndSearch(req, items, spec);
    const ordered = applyOrder(req, matching, spec);
    const top = pageSize(req, spec);
    const offset = readSkiptoken(req);
    const page = ordered.slice(offset, offset + top);
    const shape = readShape(req, spec);
    const body: Record<string, unknown> = {
      '@odata.context': odataContext(req, shape.select ? `${spec.contextFragment}(${shape.select.join(',')})` : spec.contextFragment),
    };
    if (wantsCount(req, spec)) body['@odata.count'] = ordered.length;
    if (offset + top < ordered.length) body['@odata.nextLink'] = nextLink(req, { offset: offset + top });
    body.value = page.map((item) => shapeItem(item, shape, req, spec));
    return { status: 200, body };
  } catch (err) {
    if (err instanceof QueryError) return graphError(req, err.status, err.code, err.message);
    throw err;
  }
}

/** `GET …/$count`: the number of matching items as text/plain, like Graph. */
export function countResponse(req: SandboxRequest, items: readonly object[], spec: CollectionSpec): SandboxResponse {
  try {
    requireConsistencyLevel(req, spec, '$count');
    return { status: 200, text: String(applyFilterAndSearch(req, items, spec).length), contentType: 'text/plain' };
  } catch (err) {
    if (err instanceof QueryError) return graphError(req, err.status, err.code, err.message);
    throw err;
  }
}

/** A single resource (`GET /users/{id}`) with `$select` applied and the matching `@odata.context`. */
export function entityResponse(req: SandboxRequest, item: object, spec: CollectionSpec): SandboxResponse {
  try {
    const shape = readShape(req, spec);
    const fragment = shape.select ? `${spec.contextFragment}(${shape.select.join(',')})/$entity` : `${spec.contextFragment}/$entity`;
    return { status: 200, body: { '@odata.context': odataContext(req, fragment), ...shapeItem(item, shape, req, spec) } };
  } catch (err) {
    if (err instanceof QueryError) return graphError(req, err.status, err.code, err.message);
    throw err;
  }
}

/**
 * The selected properties of a resource (a copy), or all of them minus `omit` (navigation properties) without a
 * selection. An `@odata.type` annotation is always kept, like Graph does.
 */
export function project(
  item: object,
  select: readonly string[] | undefined,
  omit: readonly string[] = [],
): Record<string, unknown> {
  const record = item as Record<string, unknown>;
  if (!select) {
    const copy = structuredClone(record);
    for (const name of omit) delete copy[name];
    return copy;
  }
  const out: Record<string, unknown> = {};
  if (typeof record['@odata.type'] === 'string') out['@odata.type'] = record['@odata.type'];
  for (const name of select) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    out[key ?? name] = key === undefined ? null : structuredClone(record[key]);
  }
  return out;
}

/** What a response item looks like: `$select` (or the default set) and the `$expand`ed navigation properties. */
interface Shape {
  select: string[] | undefined;
  expand: Map<string, string[] | undefined>;
}

function readShape(req: SandboxRequest, spec: CollectionSpec): Shape {
  return { select: readSelect(req, spec), expand: readExpand(req, spec) };
}

function shapeItem(item: object, shape: Shape, req: SandboxRequest, spec: CollectionSpec): Record<string, unknown> {
  const navigation = spec.navigationProperties ?? [];
  const out = project(item, shape.select ?? spec.defaultSelect?.(req), navigation);
  const record = item as Record<string, unknown>;
  for (const [name, nestedSelect] of shape.expand) {
    const value = record[name];
    out[name] = value && typeof value === 'object' ? project(value, nestedSelect) : null;
  }
  return out;
}

/** `$expand=manager` or `$expand=manager($select=id,displayName)`; only the collection's navigation properties. */
function readExpand(req: SandboxRequest, spec: CollectionSpec): Map<string, string[] | undefined> {
  const expand = new Map<string, string[] | undefined>();
  const text = req.query.get('$expand');
  if (text === null) return expand;
  for (const clause of splitTopLevel(text)) {
    const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/.exec(clause);
    const navigation = match && spec.navigationProperties?.find((p) => p.toLowerCase() === match[1]!.toLowerCase());
    if (!match || !navigation) {
      throw new QueryError(
        400,
        'BadRequest',
        `Parsing OData Select and Expand failed: Could not find a navigation property named '${clause.trim()}' on type '${spec.typeName}'.`,
      );
    }
    const nested = match[2]?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    expand.set(navigation, nested && nested.length > 0 ? (nested.includes('id') ? nested : ['id', ...nested]) : undefined);
  }
  return expand;
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function applyFilterAndSearch(req: SandboxRequest, items: readonly object[], spec: CollectionSpec): readonly object[] {
  const filter = readFilter(req, spec);
  const search = readSearchOption(req, spec);
  if (!filter && !search) return items;
  return items.filter(
    (item) =>
      (!filter || matchesFilter(filter, item, { caseInsensitive: spec.caseInsensitive })) &&
      (!search || matchesSearch(search, item)),
  );
}

function readFilter(req: SandboxRequest, spec: CollectionSpec): FilterExpression | undefined {
  const text = req.query.get('$filter');
  if (text === null) return undefined;
  let expression: FilterExpression;
  try {
    expression = parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new QueryError(400, 'BadRequest', `Invalid filter clause: ${err.message}`);
    throw err;
  }
  const filterable = (spec.filterable ?? spec.properties).map((p) => p.toLowerCase());
  for (const path of propertyPaths(expression)) {
    if (!filterable.includes(path[0]!.toLowerCase())) {
      throw new QueryError(
        400,
        spec.caseInsensitive ? 'Request_UnsupportedQuery' : 'BadRequest',
        spec.caseInsensitive
          ? `Unsupported or invalid query filter clause specified for property '${path.join('/')}' of resource '${spec.resourceName}'.`
          : `Could not find a property named '${path[0]}' on type '${spec.typeName}'.`,
      );
    }
  }
  for (const name of functionNames(expression)) {
    if (!spec.functions.includes(name)) {
      throw new QueryError(400, 'Request_UnsupportedQuery', `Unsupported Query. The function '${name}' is not supported on ${spec.typeName} in $filter.`);
    }
  }
  return expression;
}

function readSearchOption(req: SandboxRequest, spec: CollectionSpec): SearchExpression | undefined {
  const text = req.query.get('$search');
  if (text === null) return undefined;
  if (!spec.searchable) {
    throw new QueryError(400, 'BadRequest', `$search is not supported on ${spec.typeName}.`);
  }
  requireConsistencyLevel(req, spec, '$search');
  try {
    return parseSearch(text, spec.searchable);
  } catch (err) {
    if (err instanceof SearchSyntaxError) throw new QueryError(400, 'Request_UnsupportedQuery', err.message);
    throw err;
  }
}

function requireConsistencyLevel(req: SandboxRequest, spec: CollectionSpec, option: '$count' | '$search'): void {
  if (!spec.advancedQueriesNeedConsistencyLevel) return;
  const header = req.headers['consistencylevel'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value?.toLowerCase() === 'eventual') return;
  throw new QueryError(
    400,
    'Request_BadRequest',
    option === '$search'
      ? "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
      : "Request with $count requires ConsistencyLevel header to be set to 'eventual' (advanced query).",
  );
}

function wantsCount(req: SandboxRequest, spec: CollectionSpec): boolean {
  const value = req.query.get('$count');
  if (value === null) return false;
  if (value !== 'true' && value !== 'false') {
    throw new QueryError(400, 'BadRequest', `Invalid value '${value}' for $count: expected true or false.`);
  }
  if (value === 'false') return false;
  requireConsistencyLevel(req, spec, '$count');
  return true;
}

function applyOrder(req: SandboxRequest, items: readonly object[], spec: CollectionSpec): readonly object[] {
  const text = req.query.get('$orderby');
  let keys: { property: string; descending: boolean }[];
  if (text === null) {
    if (!spec.defaultOrder) return items;
    keys = [spec.defaultOrder];
  } else {
    keys = text.split(',').map((clause) => {
      const match = /^\s*([A-Za-z][A-Za-z0-9/]*)(?:\s+(asc|desc))?\s*$/i.exec(clause);
      if (!match) throw new QueryError(400, 'BadRequest', `Invalid $orderby clause '${clause.trim()}'.`);
      const property = match[1]!;
      if (!spec.orderable.some((p) => p.toLowerCase() === property.toLowerCase())) {
        throw new QueryError(400, 'Request_UnsupportedQuery', `Sorting by '${property}' is not supported for ${spec.typeName}.`);
      }
      return { property, descending: match[2]?.toLowerCase() === 'desc' };
    });
  }
  const sorted = items.slice();
  sorted.sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(readPath(a, key.property.split('/')), readPath(b, key.property.split('/')));
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
  return sorted;
}

/** Nulls sort last; strings compare case-insensitively (Graph's directory collation). */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
}

function pageSize(req: SandboxRequest, spec: CollectionSpec): number {
  const text = req.query.get('$top');
  if (text === null) return spec.defaultPageSize;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > spec.maxPageSize) {
    throw new QueryError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${text}'. Must be between 1 and ${spec.maxPageSize} inclusive.`,
    );
  }
  return value;
}

function readSkiptoken(req: SandboxRequest): number {
  const token = req.query.get('$skiptoken');
  if (token === null) return 0;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Skiptoken;
    if (Number.isInteger(decoded.offset) && decoded.offset >= 0) return decoded.offset;
  } catch {
    // fall through to the error below
  }
  throw new QueryError(400, 'Request_BadRequest', `The specified page token value has expired or is invalid: '${token}'.`);
}

function readSelect(req: SandboxRequest, spec: CollectionSpec): string[] | undefined {
  const text = req.query.get('$select');
  if (text === null) return undefined;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const known = new Map(spec.properties.map((p) => [p.toLowerCase(), p]));
  const selected: string[] = [];
  for (const name of names) {
    const canonical = known.get(name.toLowerCase());
    if (!canonical) {
      throw new QueryError(400, 'BadRequest', `Could not find a property named '${name}' on type '${spec.typeName}'.`);
    }
    if (!selected.includes(canonical)) selected.push(canonical);
  }
  // Graph always returns the key of a selected entity.
  if (spec.properties.includes('id') && !selected.includes('id')) selected.unshift('id');
  return selected;
}

/** The absolute link to the next page: the same query with a new `$skiptoken`. */
function nextLink(req: SandboxRequest, token: Skiptoken): string {
  const parts: string[] = [];
  for (const [key, value] of req.query) {
    if (key === '$skiptoken') continue;
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${Buffer.from(JSON.stringify(token), 'utf8').toString('base64url')}`);
  return `${serviceRoot(req)}${req.path}?${parts.join('&')}`;
}
