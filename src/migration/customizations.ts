// What an admin changed on a job: its schema compared with the default schema of the job's own template. These are
// exactly the things a template switch (DELETE + POST, graph-synchronization.md §8) wipes: attribute mappings added,
// changed or removed, scoping filters, matching precedence, object mappings switched on or off, their flow types, and
// target attributes added to the app's directory. Nothing here talks to Graph.
import type {
  AttributeDefinition,
  AttributeMapping,
  Filter,
  ObjectMapping,
  SynchronizationRule,
  SynchronizationSchema,
} from '../graph/model';

/** Which object mapping a customization belongs to (names as the schema spells them). */
export interface ObjectMappingRef {
  /** The rule's target directory, e.g. "Workplace by Facebook". */
  targetDirectory: string;
  sourceObjectName: string;
  targetObjectName: string;
  name: string;
}

export interface MatchingEntry {
  target: string;
  priority: number;
}

export type Customization =
  | { kind: 'mappingAdded'; object: ObjectMappingRef; target: string; mapping: AttributeMapping }
  | { kind: 'mappingChanged'; object: ObjectMappingRef; target: string; before: AttributeMapping; mapping: AttributeMapping; fields: string[] }
  | { kind: 'mappingRemoved'; object: ObjectMappingRef; target: string; before: AttributeMapping }
  | { kind: 'scope'; object: ObjectMappingRef; before: Filter | null; after: Filter | null }
  /** Matching precedence: the attributes with matchingPriority > 0, lowest priority first. */
  | { kind: 'matching'; object: ObjectMappingRef; before: MatchingEntry[]; after: MatchingEntry[] }
  | { kind: 'enabled'; object: ObjectMappingRef; before: boolean; after: boolean }
  | { kind: 'flowTypes'; object: ObjectMappingRef; before: string; after: string }
  | { kind: 'objectMappingAdded'; object: ObjectMappingRef; mapping: ObjectMapping }
  | { kind: 'objectMappingRemoved'; object: ObjectMappingRef }
  | { kind: 'attributeAdded'; directory: string; objectName: string; attribute: AttributeDefinition };

/** Fields of an attribute mapping that count as a change (matchingPriority is reported as a `matching` change). */
const MAPPING_FIELDS = ['source', 'flowType', 'flowBehavior', 'defaultValue', 'exportMissingReferences'] as const;

/** Every customization of `current` against `templateDefault`, in schema order. */
export function findCustomizations(current: SynchronizationSchema, templateDefault: SynchronizationSchema): Customization[] {
  const out: Customization[] = [];
  for (const rule of current.synchronizationRules ?? []) {
    const baseRule = matchRule(rule, templateDefault.synchronizationRules ?? []);
    for (const objectMapping of rule.objectMappings ?? []) {
      const ref = refOf(rule, objectMapping);
      const base = baseRule ? matchObjectMapping(objectMapping, baseRule.objectMappings ?? []) : undefined;
      if (!base) {
        out.push({ kind: 'objectMappingAdded', object: ref, mapping: objectMapping });
        continue;
      }
      out.push(...objectMappingChanges(ref, base, objectMapping));
    }
    for (const baseMapping of baseRule?.objectMappings ?? []) {
      if (!matchObjectMapping(baseMapping, rule.objectMappings ?? [])) {
        out.push({ kind: 'objectMappingRemoved', object: refOf(rule, baseMapping) });
      }
    }
  }
  out.push(...addedAttributes(current, templateDefault));
  return out;
}

function objectMappingChanges(ref: ObjectMappingRef, base: ObjectMapping, current: ObjectMapping): Customization[] {
  const out: Customization[] = [];
  if (Boolean(base.enabled) !== Boolean(current.enabled)) out.push({ kind: 'enabled', object: ref, before: base.enabled, after: current.enabled });
  if (normalizeFlags(base.flowTypes) !== normalizeFlags(current.flowTypes)) {
    out.push({ kind: 'flowTypes', object: ref, before: base.flowTypes, after: current.flowTypes });
  }
  if (!sameJson(emptyScopeAsNull(base.scope), emptyScopeAsNull(current.scope))) {
    out.push({ kind: 'scope', object: ref, before: base.scope ?? null, after: current.scope ?? null });
  }
  const baseByTarget = byTarget(base.attributeMappings ?? []);
  const currentByTarget = byTarget(current.attributeMappings ?? []);
  for (const mapping of current.attributeMappings ?? []) {
    const before = baseByTarget.get(mapping.targetAttributeName);
    if (!before) {
      out.push({ kind: 'mappingAdded', object: ref, target: mapping.targetAttributeName, mapping });
      continue;
    }
    const fields = MAPPING_FIELDS.filter((field) => !sameJson(before[field] ?? null, mapping[field] ?? null));
    if (fields.length > 0) out.push({ kind: 'mappingChanged', object: ref, target: mapping.targetAttributeName, before, mapping, fields: [...fields] });
  }
  for (const before of base.attributeMappings ?? []) {
    if (!currentByTarget.has(before.targetAttributeName)) out.push({ kind: 'mappingRemoved', object: ref, target: before.targetAttributeName, before });
  }
  const matchingBefore = matchingOrder(base.attributeMappings ?? []);
  const matchingAfter = matchingOrder(current.attributeMappings ?? []);
  if (!sameJson(matchingBefore, matchingAfter)) out.push({ kind: 'matching', object: ref, before: matchingBefore, after: matchingAfter });
  return out;
}

/** Target attributes the job's directories define beyond the template's (custom attributes of the app). */
function addedAttributes(current: SynchronizationSchema, templateDefault: SynchronizationSchema): Customization[] {
  const out: Customization[] = [];
  for (const directory of current.directories ?? []) {
    const baseDirectory = (templateDefault.directories ?? []).find((d) => d.name === directory.name);
    for (const object of directory.objects ?? []) {
      const baseObject = baseDirectory?.objects?.find((o) => o.name === object.name);
      // A directory or object the template lacks entirely is the source side (Entra) or a discovered schema: only
      // attributes added to an object the template knows are an admin's customization.
      if (!baseObject) continue;
      const known = new Set(baseObject.attributes.map((a) => a.name.toLowerCase()));
      for (const attribute of object.attributes ?? []) {
        if (!known.has(attribute.name.toLowerCase())) out.push({ kind: 'attributeAdded', directory: directory.name, objectName: object.name, attribute });
      }
    }
  }
  return out;
}

/** The attributes used for matching, by ascending matchingPriority (1 = tried first). */
export function matchingOrder(mappings: readonly AttributeMapping[]): MatchingEntry[] {
  return mappings
    .filter((m) => (m.matchingPriority ?? 0) > 0)
    .map((m) => ({ target: m.targetAttributeName, priority: m.matchingPriority }))
    .sort((a, b) => a.priority - b.priority || a.target.localeCompare(b.target));
}

/** One line per customization, with exact target names. */
export function describeCustomization(c: Customization): string {
  const where = 'object' in c ? `${c.object.sourceObjectName} → ${c.object.targetObjectName}` : `${c.directory} ${c.objectName}`;
  switch (c.kind) {
    case 'mappingAdded':
      return `${where}: added mapping ${c.target} ← ${describeSource(c.mapping)}`;
    case 'mappingChanged':
      return `${where}: ${c.target}: ${c.fields.map((f) => `${f} ${describeField(c.before, f)} → ${describeField(c.mapping, f)}`).join('; ')}`;
    case 'mappingRemoved':
      return `${where}: removed mapping ${c.target} (was ← ${describeSource(c.before)})`;
    case 'scope':
      return `${where}: scoping filter ${describeScope(c.before)} → ${describeScope(c.after)}`;
    case 'matching':
      return `${where}: matching precedence ${describeMatching(c.before)} → ${describeMatching(c.after)}`;
    case 'enabled':
      return `${where}: object mapping ${c.after ? 'enabled' : 'disabled'} (template default: ${c.before ? 'enabled' : 'disabled'})`;
    case 'flowTypes':
      return `${where}: target object actions "${c.before}" → "${c.after}"`;
    case 'objectMappingAdded':
      return `${where}: added object mapping "${c.object.name}"`;
    case 'objectMappingRemoved':
      return `${where}: removed object mapping "${c.object.name}"`;
    case 'attributeAdded':
      return `${where}: added target attribute ${c.attribute.name} (${c.attribute.type})`;
  }
}

export function describeSource(mapping: AttributeMapping): string {
  const source = mapping.source;
  if (!source) return '(no source)';
  if (source.expression) return source.expression;
  if (source.type === 'Attribute') return `[${source.name ?? ''}]`;
  if (source.type === 'Constant') return JSON.stringify(source.name ?? '');
  return source.name ?? '(function)';
}

function describeField(mapping: AttributeMapping, field: string): string {
  if (field === 'source') return describeSource(mapping);
  return JSON.stringify((mapping as unknown as Record<string, unknown>)[field] ?? null);
}

export function describeScope(filter: Filter | null): string {
  const groups = emptyScopeAsNull(filter)?.groups ?? [];
  if (groups.length === 0) return 'none';
  return groups
    .map((g) => `"${g.name}" = ${g.clauses.map((c) => `${c.sourceOperandName} ${c.operatorName}${c.targetOperand ? ` ${JSON.stringify(c.targetOperand.values.join(','))}` : ''}`).join(' AND ')}`)
    .join(' OR ');
}

function describeMatching(entries: MatchingEntry[]): string {
  return entries.length === 0 ? 'none' : entries.map((e) => `${e.target} (${e.priority})`).join(', ');
}

// ---- matching rules and object mappings between two schemas ---------------------------------------------------------

function refOf(rule: SynchronizationRule, mapping: ObjectMapping): ObjectMappingRef {
  return { targetDirectory: rule.targetDirectoryName, sourceObjectName: mapping.sourceObjectName, targetObjectName: mapping.targetObjectName, name: mapping.name };
}

/** Rules line up by id, else by source and target directory, else (one rule each, the usual case) by position. */
export function matchRule(rule: SynchronizationRule, candidates: readonly SynchronizationRule[]): SynchronizationRule | undefined {
  return (
    candidates.find((c) => c.id === rule.id) ??
    candidates.find((c) => c.sourceDirectoryName === rule.sourceDirectoryName && c.targetDirectoryName === rule.targetDirectoryName) ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

/** Object mappings line up by source and target object, else by source object when that is unambiguous. */
export function matchObjectMapping(mapping: Pick<ObjectMapping, 'sourceObjectName' | 'targetObjectName'>, candidates: readonly ObjectMapping[]): ObjectMapping | undefined {
  const exact = candidates.find((c) => c.sourceObjectName === mapping.sourceObjectName && c.targetObjectName === mapping.targetObjectName);
  if (exact) return exact;
  const bySource = candidates.filter((c) => c.sourceObjectName === mapping.sourceObjectName);
  return bySource.length === 1 ? bySource[0] : undefined;
}

function byTarget(mappings: readonly AttributeMapping[]): Map<string, AttributeMapping> {
  return new Map(mappings.map((m) => [m.targetAttributeName, m]));
}

/** A scope with no groups filters nothing: the same as no scope at all. */
function emptyScopeAsNull(filter: Filter | null | undefined): Filter | null {
  if (!filter) return null;
  const empty = (filter.groups ?? []).length === 0 && (filter.categoryFilterGroups ?? []).length === 0 && (filter.inputFilterGroups ?? []).length === 0;
  return empty ? null : filter;
}

function normalizeFlags(flags: string | undefined): string {
  return (flags ?? '')
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean)
    .sort()
    .join(',');
}

/** Structural equality of JSON values, object key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
