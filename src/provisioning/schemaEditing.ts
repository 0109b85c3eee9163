// Editing a job's schema in place: the decisions behind open / save / reset / pull / push / compare, as plain data.
// The VS Code adapter (src/vscode/fs) asks these and only shows the answers.
//  - where a job's schema lives as a document (the `entra-provisioning:` URI path and query: ids only, no secrets),
//  - the text a schema is shown as (Graph's JSON without OData annotations, 2-space indented),
//  - whether two schemas are the same (normalised JSON: key order and annotations do not count),
//  - what a save does (nothing, a conflict, or a PUT), what changed (the confirmation's summary), what blocks a save,
//  - the file name a pulled schema gets.
// Facts: graph-synchronization.md §3.11 (PUT fully replaces, a mapping change means a new initial cycle, DELETE
// resets to the template default).
import { createHash } from 'node:crypto';
import type { AttributeMapping, ObjectMapping, SynchronizationRule, SynchronizationSchema } from '../graph/model';

export const SCHEMA_FILE_NAME = 'schema.provisioning.json';

/** Which job a schema document belongs to. `accountId` (a digest, not a secret) picks the signed-in account. */
export interface SchemaLocation {
  tenantId: string;
  servicePrincipalId: string;
  jobId: string;
  accountId?: string;
}

/** Ids as Graph spells them: GUIDs and job ids such as `Slack.e3b0….7f1a`. Nothing else goes into a path. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** `/<tenantId>/<servicePrincipalId>/<jobId>/schema.provisioning.json` (the URI path). */
export function schemaPath(location: Pick<SchemaLocation, 'tenantId' | 'servicePrincipalId' | 'jobId'>): string {
  for (const id of [location.tenantId, location.servicePrincipalId, location.jobId]) {
    if (!ID.test(id)) throw new Error(`Not an id that fits a schema document path: ${JSON.stringify(id)}`);
  }
  return `/${location.tenantId}/${location.servicePrincipalId}/${location.jobId}/${SCHEMA_FILE_NAME}`;
}

/** The URI query: the account to use (never a token, never a secret). */
export function schemaQuery(location: Pick<SchemaLocation, 'accountId'>): string {
  return location.accountId ? new URLSearchParams({ account: location.accountId }).toString() : '';
}

/** The job of a schema document's URI path and query, or undefined when the path is not a job's schema. */
export function parseSchemaLocation(path: string, query = ''): SchemaLocation | undefined {
  const parts = path.split('/');
  if (parts.length !== 5 || parts[0] !== '' || parts[4] !== SCHEMA_FILE_NAME) return undefined;
  const [, tenantId, servicePrincipalId, jobId] = parts as [string, string, string, string, string];
  if (![tenantId, servicePrincipalId, jobId].every((id) => ID.test(id))) return undefined;
  const accountId = new URLSearchParams(query).get('account') ?? undefined;
  return { tenantId, servicePrincipalId, jobId, ...(accountId ? { accountId } : {}) };
}

/** One key for a job across accounts (several accounts may open the same tenant). */
export function locationKey(location: Pick<SchemaLocation, 'tenantId' | 'servicePrincipalId' | 'jobId'>): string {
  return `${location.tenantId}/${location.servicePrincipalId}/${location.jobId}`.toLowerCase();
}

// ---- text and equality ----------------------------------------------------------------------------------------------

/** Graph's response without `@odata.*` annotations (they are about the response, not the schema; PUT does not take them). */
export function withoutAnnotations<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutAnnotations(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!key.startsWith('@odata.')) out[key] = withoutAnnotations(item);
    }
    return out as T;
  }
  return value;
}

/** The document text of a schema: annotations removed, 2-space JSON, a final newline. */
export function schemaDocumentText(schema: unknown): string {
  return `${JSON.stringify(withoutAnnotations(schema), null, 2)}\n`;
}

/** JSON with object keys sorted at every level and annotations removed: equal schemas give equal text. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).filter((k) => !k.startsWith('@odata.')).sort()) out[key] = sort((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/**
 * A short fingerprint of a schema (SHA-256 of its canonical JSON): what a pulled file remembers of the remote it came
 * from, so a later push can tell whether Entra changed meanwhile. Text that is not JSON is fingerprinted as is.
 */
export function schemaFingerprint(schema: string | object): string {
  let canonical: string;
  if (typeof schema === 'string') {
    try {
      canonical = canonicalJson(JSON.parse(schema));
    } catch {
      canonical = schema;
    }
  } else {
    canonical = canonicalJson(schema);
  }
  return createHash('sha256').update(canonical).digest('hex');
}

// ---- what a save does -------------------------------------------------------------------------------------------------

export type SaveDecision =
  /** The edited text is not a schema that can be PUT. */
  | { kind: 'invalid'; message: string }
  /** The edit says what Entra already has: nothing to write. */
  | { kind: 'unchanged' }
  /** Entra's schema changed since the edit started from it (another window, the portal, a script). */
  | { kind: 'conflict'; schema: SynchronizationSchema }
  | { kind: 'write'; schema: SynchronizationSchema };

export interface SaveInputs {
  /** Fingerprint of the remote the edit started from (undefined: unknown, e.g. a file not pulled by us). */
  baseFingerprint: string | undefined;
  /** What Entra has now (just read again). */
  remote: unknown;
  /** The text to write. */
  edited: string;
}

export function decideSave(inputs: SaveInputs): SaveDecision {
  const parsed = parseSchemaText(inputs.edited);
  if ('message' in parsed) return { kind: 'invalid', message: parsed.message };
  const remoteFingerprint = schemaFingerprint(inputs.remote as object);
  if (schemaFingerprint(parsed.schema) === remoteFingerprint) return { kind: 'unchanged' };
  if (inputs.baseFingerprint !== undefined && inputs.baseFingerprint !== remoteFingerprint) return { kind: 'conflict', schema: parsed.schema };
  return { kind: 'write', schema: parsed.schema };
}

/** The schema in a text, or why it cannot be PUT (PUT fully replaces: a partial document would drop the rest). */
export function parseSchemaText(text: string): { schema: SynchronizationSchema } | { message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { message: `The document is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { message: 'The document is not a JSON object.' };
  const schema = value as Partial<SynchronizationSchema>;
  if (!Array.isArray(schema.synchronizationRules)) {
    return { message: 'The document has no "synchronizationRules" array; PUT replaces the whole schema, so it must hold all of it.' };
  }
  if (!Array.isArray(schema.directories)) {
    return { message: 'The document has no "directories" array; PUT replaces the whole schema, so it must hold all of it.' };
  }
  return { schema: withoutAnnotations(value as SynchronizationSchema) };
}

// ---- what changed (the confirmation's summary) ------------------------------------------------------------------------

const MAX_NAMES = 3;

function names(list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function objectMappingKey(rule: SynchronizationRule, mapping: ObjectMapping): string {
  return `${rule.id ?? ''}\u0000${mapping.sourceObjectName}\u0000${mapping.targetObjectName}`;
}

function objectMappingLabel(mapping: ObjectMapping): string {
  return mapping.name || `${mapping.sourceObjectName} → ${mapping.targetObjectName}`;
}

/** Attribute mappings by target name; a second mapping of one target gets `name#2`. */
function byTarget(mappings: readonly AttributeMapping[] | undefined): Map<string, AttributeMapping> {
  const out = new Map<string, AttributeMapping>();
  for (const mapping of mappings ?? []) {
    let key = mapping.targetAttributeName;
    for (let n = 2; out.has(key); n++) key = `${mapping.targetAttributeName}#${n}`;
    out.set(key, mapping);
  }
  return out;
}

/**
 * One line per thing that differs between the schema Entra has and the one to write: attribute mappings added,
 * removed or changed per object mapping, scoping filters, object mappings switched on or off, rules and directory
 * (attribute list) changes. Empty when the two are equal.
 */
export function summarizeSchemaChanges(before: SynchronizationSchema, after: SynchronizationSchema): string[] {
  const lines: string[] = [];
  const mappingsOf = (schema: SynchronizationSchema) => {
    const out = new Map<string, ObjectMapping>();
    for (const rule of schema.synchronizationRules ?? []) for (const om of rule.objectMappings ?? []) out.set(objectMappingKey(rule, om), om);
    return out;
  };
  const oldMappings = mappingsOf(before);
  const newMappings = mappingsOf(after);
  for (const [key, next] of newMappings) {
    const previous = oldMappings.get(key);
    const label = objectMappingLabel(next);
    if (!previous) {
      lines.push(`${label}: new object mapping`);
      continue;
    }
    const parts: string[] = [];
    if (previous.enabled !== next.enabled) parts.push(next.enabled ? 'switched on' : 'switched off');
    const oldAttributes = byTarget(previous.attributeMappings);
    const newAttributes = byTarget(next.attributeMappings);
    const added = [...newAttributes.keys()].filter((k) => !oldAttributes.has(k));
    const removed = [...oldAttributes.keys()].filter((k) => !newAttributes.has(k));
    const changed = [...newAttributes.keys()].filter((k) => oldAttributes.has(k) && canonicalJson(oldAttributes.get(k)) !== canonicalJson(newAttributes.get(k)));
    if (added.length) parts.push(`${plural(added.length, 'attribute mapping', 'attribute mappings')} added (${names(added)})`);
    if (removed.length) parts.push(`${plural(removed.length, 'attribute mapping', 'attribute mappings')} removed (${names(removed)})`);
    if (changed.length) parts.push(`${plural(changed.length, 'attribute mapping', 'attribute mappings')} changed (${names(changed)})`);
    if (canonicalJson(previous.scope ?? null) !== canonicalJson(next.scope ?? null)) parts.push('scoping filter changed');
    const { attributeMappings: _a, scope: _s, enabled: _e, ...restBefore } = previous;
    const { attributeMappings: _b, scope: _t, enabled: _f, ...restAfter } = next;
    if (canonicalJson(restBefore) !== canonicalJson(restAfter)) parts.push('object mapping settings changed');
    if (parts.length) lines.push(`${label}: ${parts.join('; ')}`);
  }
  for (const [key, previous] of oldMappings) {
    if (!newMappings.has(key)) lines.push(`${objectMappingLabel(previous)}: object mapping removed`);
  }
  const ruleIds = (schema: SynchronizationSchema) => (schema.synchronizationRules ?? []).map((r) => r.id ?? r.name ?? '').sort();
  if (canonicalJson(ruleIds(before)) !== canonicalJson(ruleIds(after))) lines.push('Synchronization rules added or removed');
  if (canonicalJson(before.directories ?? []) !== canonicalJson(after.directories ?? [])) lines.push('Directories changed (attribute lists of the source or the app)');
  if (lines.length === 0 && canonicalJson(before) !== canonicalJson(after)) lines.push('Other schema properties changed');
  return lines;
}

/** Whether a change touches what a provisioning cycle does (mappings, scoping, rules): Entra then runs an initial cycle. */
export function changesMappings(before: SynchronizationSchema, after: SynchronizationSchema): boolean {
  return canonicalJson(before.synchronizationRules ?? []) !== canonicalJson(after.synchronizationRules ?? []);
}

// ---- what blocks a save -------------------------------------------------------------------------------------------------

export interface BlockingProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/** "2 errors — line 14, column 9: …; line 30, column 5: …" (the first few, in document order). */
export function describeBlockingProblems(problems: readonly BlockingProblem[], max = 3): string {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const shown = sorted.slice(0, max).map((p) => `line ${p.line}, column ${p.column}: ${p.message.replace(/\s+/g, ' ').trim()}`);
  const more = sorted.length > max ? `; and ${sorted.length - max} more` : '';
  return `${plural(sorted.length, 'error', 'errors')} — ${shown.join('; ')}${more}`;
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

// ---- pulled files -------------------------------------------------------------------------------------------------------

/** `Slack (Sandbox workspace) - Slack.provisioning.json`: app and job template, without characters file systems refuse. */
export function pulledFileName(appName: string, templateId: string): string {
  const clean = (s: string) =>
    s
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+|\.+$/g, '');
  const app = clean(appName).slice(0, 80) || 'schema';
  const template = clean(templateId).slice(0, 60);
  return `${template && template !== app ? `${app} - ${template}` : app}.provisioning.json`;
}
