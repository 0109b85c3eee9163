// Compiles one object mapping of a synchronizationSchema for preview: resolves the rule and object mapping, parses every
// expression once, and looks up where and as what type each target attribute is sent. The result is immutable and
// can preview any number of source objects (compilePreview); previewObject compiles afresh on every call, so a schema
// edited in place is never previewed stale.
import type {
  AttributeDefinition,
  AttributeMapping,
  AttributeType,
  ObjectMapping,
  SynchronizationRule,
  SynchronizationSchema,
} from '../../graph/model';
import { findFunction } from '../catalog/functions';
import { anyTargetAttribute } from '../catalog/targetAttributes';
import { fromMappingSource, parse, type ParsedExpression } from '../expression';
import { fastCall, type FastCall } from './fastCall';
import { coreSchemaFor, parseTargetPath, scimResourceType, type TargetPath } from './scimBody';
import { PreviewError, type PreviewOptions } from './types';

export interface TargetShape {
  type: AttributeType;
  multivalued: boolean;
  caseExact: boolean;
}

export interface CompiledMapping {
  mapping: AttributeMapping;
  targetAttributeName: string;
  flowType: string;
  matchingPriority: number;
  expression: string;
  /** How the value is computed: a constant, one source attribute, or a parsed expression; 'none' without a source. */
  kind: 'none' | 'constant' | 'attribute' | 'expression';
  /** constant: the value; attribute: the source attribute name. */
  name: string;
  parsed: ParsedExpression | undefined;
  /** The evaluator shortcut for a flat call (trace-free previews only), see fastCall.ts. */
  fast: FastCall | undefined;
  /** The first syntax error, reported on every object. */
  syntaxError: { code: string; message: string; span: { start: number; end: number } } | undefined;
  path: TargetPath;
  shape: TargetShape;
  /** A multi-valued reference (group members): flows with a PATCH after the object exists, never in the POST. */
  deferred: boolean;
  /** The mapping's defaultValue ("Default value if null"), null when it has none. */
  defaultValue: string | null;
  /** A single-valued String target: a string value is sent as it is (toScimValue's common case, skipped per object). */
  plainText: boolean;
  /**
   * Index of the object holding the value in a POST body (one per distinct TargetPath.containerKey of the object
   * mapping, see PostBody.addAt); -1 when the value sits in the body itself.
   */
  containerSlot: number;
}

export interface CompiledObjectMapping {
  rule: SynchronizationRule;
  objectMapping: ObjectMapping;
  resourceType: 'Users' | 'Groups';
  /** The core schema URN of a POST body (SCIM 1.0 when the targets use legacy `urn:scim:` names). */
  coreSchema: string;
  mappings: CompiledMapping[];
  /** Some mapping has an evaluator shortcut (so a resolved context is worth building). */
  hasFastCalls: boolean;
  /** How many distinct containers (CompiledMapping.containerSlot) a POST body of this object mapping can have. */
  containerSlots: number;
}

/** Parsed expressions by text: the same expressions recur across mappings, schemas and previews. */
const parseCache = new Map<string, ParsedExpression>();

function parsedExpression(text: string): ParsedExpression {
  let parsed = parseCache.get(text);
  if (!parsed) {
    parsed = parse(text);
    if (parseCache.size > 5_000) parseCache.clear();
    parseCache.set(text, parsed);
  }
  return parsed;
}

export function findRule(schema: SynchronizationSchema, ruleId: string | undefined): SynchronizationRule {
  const rules = schema.synchronizationRules ?? [];
  if (rules.length === 0) throw new PreviewError('The schema has no synchronizationRules.', 'no-rule');
  if (ruleId === undefined) return rules[0]!;
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) {
    const ids = rules.map((r) => r.id);
    throw new PreviewError(`The schema has no rule with id '${ruleId}'; its rules: ${ids.join(', ')}.`, 'unknown-rule', ids);
  }
  return rule;
}

/** The enabled object mapping for the source object (exact name, then ignoring case); a disabled one as a last resort. */
export function findObjectMapping(rule: SynchronizationRule, sourceObjectName: string): ObjectMapping {
  const all = rule.objectMappings ?? [];
  const lower = sourceObjectName.toLowerCase();
  const found =
    all.find((m) => m.enabled && m.sourceObjectName === sourceObjectName) ??
    all.find((m) => m.enabled && m.sourceObjectName?.toLowerCase() === lower) ??
    all.find((m) => m.sourceObjectName?.toLowerCase() === lower);
  if (!found) {
    const names = [...new Set(all.map((m) => m.sourceObjectName))];
    throw new PreviewError(
      `Rule '${rule.id}' has no object mapping for source object '${sourceObjectName}'${names.length ? ` (it maps: ${names.join(', ')})` : ''}.`,
      'no-object-mapping',
    );
  }
  return found;
}

function targetDefinitions(schema: SynchronizationSchema, rule: SynchronizationRule, objectMapping: ObjectMapping): Map<string, AttributeDefinition> {
  const directory = (schema.directories ?? []).find((d) => d.name === rule.targetDirectoryName);
  const object = directory?.objects?.find((o) => o.name === objectMapping.targetObjectName);
  return new Map((object?.attributes ?? []).map((a) => [a.name, a]));
}

/** Type of a target attribute: the schema's definition, else the SCIM / Workplace catalogue, else inferred from the expression. */
function shapeOf(name: string, definitions: Map<string, AttributeDefinition>, parsed: ParsedExpression | undefined): TargetShape {
  const defined = definitions.get(name) ?? anyTargetAttribute(name);
  if (defined) return { type: defined.type, multivalued: defined.multivalued, caseExact: defined.caseExact };
  // Undeclared target (e.g. Salesforce's IsActive ← Not([IsSoftDeleted])): a Boolean-valued expression is sent as one.
  const root = parsed?.root;
  const boolean = root?.kind === 'Comparison' || (root?.kind === 'Call' && findFunction(root.name)?.returns === 'Boolean');
  return { type: boolean ? 'Boolean' : 'String', multivalued: false, caseExact: false };
}

function compileMapping(mapping: AttributeMapping, definitions: Map<string, AttributeDefinition>): CompiledMapping {
  const source = mapping.source;
  let kind: CompiledMapping['kind'] = 'none';
  let name = '';
  let expression = '';
  let parsed: ParsedExpression | undefined;
  let syntaxError: CompiledMapping['syntaxError'];
  if (source) {
    if (source.type === 'Constant' && source.name !== null) {
      kind = 'constant';
      name = source.name;
      expression = source.expression ?? JSON.stringify(name);
    } else {
      try {
        expression = fromMappingSource(source);
      } catch (err) {
        expression = source.expression ?? '';
        syntaxError = { code: 'syntax', message: `The source tree has no expression form: ${(err as Error).message}`, span: { start: 0, end: expression.length } };
      }
      parsed = parsedExpression(expression);
      const first = parsed.diagnostics.find((d) => d.severity === 'error');
      if (first && !syntaxError) syntaxError = { code: 'syntax', message: first.message, span: { start: first.span.start, end: first.span.end } };
      if (!syntaxError && parsed.root.kind === 'Attribute') {
        kind = 'attribute';
        name = parsed.root.name;
      } else {
        kind = 'expression';
      }
    }
  }
  const shape = shapeOf(mapping.targetAttributeName, definitions, parsed);
  const path = parseTargetPath(mapping.targetAttributeName);
  return {
    mapping,
    targetAttributeName: mapping.targetAttributeName,
    flowType: mapping.flowType ?? 'Always',
    matchingPriority: mapping.matchingPriority ?? 0,
    expression,
    kind,
    name,
    parsed,
    fast: kind === 'expression' && parsed ? fastCall(parsed) : undefined,
    syntaxError,
    path,
    shape,
    deferred: shape.type === 'Reference' && shape.multivalued,
    defaultValue: mapping.defaultValue ?? null,
    plainText: !shape.multivalued && shape.type !== 'Boolean' && shape.type !== 'Integer' && shape.type !== 'Reference',
    containerSlot: -1,
  };
}

/** Numbers the distinct containers of the mappings' target paths (see CompiledMapping.containerSlot); returns how many. */
function assignContainerSlots(mappings: CompiledMapping[]): number {
  const slots = new Map<string, number>();
  for (const m of mappings) {
    if (m.path.containerKey === '') continue;
    let slot = slots.get(m.path.containerKey);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(m.path.containerKey, slot);
    }
    m.containerSlot = slot;
  }
  return slots.size;
}

export function compileObjectMapping(schema: SynchronizationSchema, options: Pick<PreviewOptions, 'ruleId' | 'sourceObjectName'> = {}): CompiledObjectMapping {
  const rule = findRule(schema, options.ruleId);
  const objectMapping = findObjectMapping(rule, options.sourceObjectName ?? 'User');
  const definitions = targetDefinitions(schema, rule, objectMapping);
  const resourceType = scimResourceType(objectMapping.targetObjectName ?? '');
  const mappings = (objectMapping.attributeMappings ?? []).map((m) => compileMapping(m, definitions));
  const containerSlots = assignContainerSlots(mappings);
  return {
    rule,
    objectMapping,
    resourceType,
    coreSchema: coreSchemaFor(resourceType, mappings.map((m) => m.path)),
    mappings,
    hasFastCalls: mappings.some((m) => m.fast !== undefined),
    containerSlots,
  };
}
