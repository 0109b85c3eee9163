// Applies one object mapping to one Entra source object and returns what the provisioning service would do: scoping,
// matching candidates, every attribute's value (with its evaluation trace or error) and the SCIM request (POST on
// create, PatchOp on update). One engine for the sandbox's provisioning cycles, the VS Code preview and the CLI.
// Decisions the reference leaves open: docs/expression-semantics.md "Preview".
import type { SynchronizationSchema } from '../../graph/model';
import { evaluate, type EvaluationContext } from '../expression/evaluator';
import { EvaluationError, IGNORE_FLOW, type EvaluationValue, type ExpressionValue, type TraceStep } from '../expression/values';
import { compileObjectMapping, type CompiledMapping, type CompiledObjectMapping } from './compile';
import { matchingCandidate, sortCandidates } from './matching';
import { evaluateScope } from './scoping';
import { PostBody, buildPatchBody, readValue, sameValue, type PatchOperation } from './scimBody';
import type { ResolvedContext } from '../expression/builtins';
import type { MatchingCandidate, PreviewAttribute, PreviewOptions, PreviewResult, ScimRequest, ScopingResult, SourceObject } from './types';

/** A preview bound to one schema's object mapping; call it once per source object. */
export type CompiledPreview = (source: SourceObject, options?: PreviewOptions) => PreviewResult;

/**
 * Compiles the object mapping picked by `options.ruleId` / `options.sourceObjectName` once (expressions parsed, target
 * paths and types resolved) and returns a function that previews a source object. Per-call options override `options`
 * (except ruleId / sourceObjectName, fixed at compile time). Throws PreviewError when the rule or object mapping
 * doesn't exist. The schema must not change while the function is in use.
 */
export function compilePreview(schema: SynchronizationSchema, options: PreviewOptions = {}): CompiledPreview {
  const compiled = compileObjectMapping(schema, options);
  return (source, overrides) => run(compiled, source, overrides ? { ...options, ...overrides } : options);
}

/** Previews one source object (see compilePreview; this compiles on every call, so it always sees the current schema). */
export function previewObject(schema: SynchronizationSchema, source: SourceObject, options: PreviewOptions = {}): PreviewResult {
  return run(compileObjectMapping(schema, options), source, options);
}

/** The trace of every attribute of a trace-free preview: empty and frozen (shared, so it must not be modified). */
const NO_TRACE = Object.freeze([]) as unknown as TraceStep[];

// Module-level copies: the per-file test build reaches imports through getters, which the hot loop would pay per use.
const NOT_SENT: typeof IGNORE_FLOW = IGNORE_FLOW;
const evaluateExpression = evaluate;
const EvaluationFailure = EvaluationError;
const NewPostBody = PostBody;
const scopeOf = evaluateScope;
const candidateOf = matchingCandidate;

/** The evaluation context shared by every mapping of one object. */
function evaluationContext(source: SourceObject, options: PreviewOptions): EvaluationContext {
  const context: EvaluationContext = { source };
  if (options.now) context.now = options.now;
  if (options.random) context.random = options.random;
  if (options.isUnique) context.isUnique = options.isUnique;
  if (options.defaultDomain !== undefined) context.defaultDomain = options.defaultDomain;
  return context;
}

/** A source attribute's value in the engine's model (absent and empty lists are NULL). */
function attributeValue(source: SourceObject, name: string): ExpressionValue {
  const raw: unknown = source[name];
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && Object.prototype.hasOwnProperty.call(source, name)) return raw.length === 0 ? null : (raw as string[]).slice();
  return null;
}

const alwaysUnique = (): boolean => true;

/**
 * The context evaluate() would resolve, for the evaluator shortcut. `now` is read when a function first asks for it
 * (then fixed for the object): the common shortcuts (Switch, Join, …) never do, and a Date per object is measurable.
 */
class ResolvedOptions implements ResolvedContext {
  readonly random: () => number;
  readonly isUnique: (value: string) => boolean;
  readonly defaultDomain: string | undefined;
  private fixedNow: Date | undefined;

  constructor(options: PreviewOptions) {
    this.fixedNow = options.now;
    this.random = options.random ?? Math.random;
    this.isUnique = options.isUnique ?? alwaysUnique;
    this.defaultDomain = options.defaultDomain;
  }

  get now(): Date {
    return (this.fixedNow ??= new Date());
  }
}

/** What evaluating one mapping produced, besides its value (module-level: set by evaluateMapping, read right after). */
let evaluatedTrace: TraceStep[] = NO_TRACE;
let evaluatedError: PreviewAttribute['error'];

/** Evaluates an expression mapping (kind 'expression'); sets evaluatedTrace / evaluatedError; returns the raw value. */
function evaluateMapping(m: CompiledMapping, source: SourceObject, options: PreviewOptions, traced: boolean, resolved: ResolvedContext | undefined): EvaluationValue {
  try {
    if (!traced && m.fast && resolved) {
      const value = m.fast(source, resolved);
      if (value !== undefined) return value;
    }
    const result = evaluateExpression(m.parsed!, evaluationContext(source, options));
    if (traced) evaluatedTrace = result.trace;
    return result.value;
  } catch (err) {
    if (!(err instanceof EvaluationFailure)) throw err;
    if (traced) evaluatedTrace = [...(err.details.trace ?? [])];
    evaluatedError = { code: err.code, message: err.message, span: { start: err.span.start, end: err.span.end } };
    return null;
  }
}

/** Why a typed value can't be sent: the mapping is multi-valued into a single-valued target, or the reference is unknown. */
const UNRESOLVED = Symbol('unresolved reference');
class TooManyValues {
  constructor(readonly message: string) {}
}

const TRUE_TEXT = /^true$/i;
const FALSE_TEXT = /^false$/i;
const INTEGER_TEXT = /^[+-]?\d+$/;

/** The JSON value a target attribute receives for an expression value (never called with NULL). */
function toScimValue(value: string | string[], m: CompiledMapping, options: PreviewOptions): unknown {
  const shape = m.shape;
  if (shape.multivalued) return (typeof value === 'string' ? [value] : value).map(jsonItem);
  let single: string;
  if (typeof value === 'string') single = value;
  else if (value.length === 1) single = value[0]!;
  else return new TooManyValues(`${m.targetAttributeName} is single-valued, but the expression returned ${value.length} values`);
  switch (shape.type) {
    case 'Boolean':
      return TRUE_TEXT.test(single) ? true : FALSE_TEXT.test(single) ? false : single;
    case 'Integer':
      return INTEGER_TEXT.test(single) && Number.isSafeInteger(Number(single)) ? Number(single) : single;
    case 'Reference': {
      const resolved = options.resolveReference ? options.resolveReference(single, m.targetAttributeName) : single;
      return resolved === null ? UNRESOLVED : { value: resolved };
    }
    default:
      return single;
  }
}

/** An element of a multi-valued value: JSON objects (app role assignments) are sent as objects, the rest as text. */
function jsonItem(item: string): unknown {
  if (item.startsWith('{')) {
    try {
      return JSON.parse(item) as unknown;
    } catch {
      return item;
    }
  }
  return item;
}

const DEFERRED_NOTE = 'Members are added with a PATCH after the group exists in the target; they are never part of the create request.';

/** An attribute's entry before its outcome is known (outcome fields are added in the order the outcome is decided). */
function pendingAttribute(m: CompiledMapping, value: ExpressionValue, trace: TraceStep[]): PreviewAttribute {
  return {
    targetAttributeName: m.targetAttributeName,
    expression: m.expression,
    value,
    sent: false,
    flowType: m.flowType,
    matchingPriority: m.matchingPriority,
    trace,
  };
}

function run(compiled: CompiledObjectMapping, source: SourceObject, options: PreviewOptions): PreviewResult {
  const { rule, objectMapping } = compiled;
  const action = options.action ?? 'create';
  const creating = action === 'create';
  const traced = options.trace ?? true;
  const current = creating ? undefined : options.current;
  let resolved: ResolvedContext | undefined;
  const scoping: ScopingResult = objectMapping.enabled
    ? scopeOf(objectMapping.scope, source, options.isAssigned ?? true)
    : { inScope: false, assigned: options.isAssigned ?? true, groups: [], reason: `Not provisioned: the object mapping "${objectMapping.name}" is disabled.` };

  const mappings = compiled.mappings;
  // One entry per mapping, filled in mapping order (sized once: growing it 23 times is measurable in bulk previews).
  const attributes = new Array<PreviewAttribute>(mappings.length);
  const candidates: MatchingCandidate[] = [];
  const body = creating ? new NewPostBody(compiled.coreSchema, compiled.containerSlots) : undefined;
  const operations: PatchOperation[] = [];

  for (let i = 0; i < mappings.length; i++) {
    const m = mappings[i]!;
    // The value, without building anything else for the common kinds (a source attribute, a constant).
    let raw: EvaluationValue;
    let error: PreviewAttribute['error'];
    let trace = traced ? [] : NO_TRACE;
    if (m.syntaxError) {
      raw = null;
      error = m.syntaxError;
    } else if (m.kind === 'attribute' && !traced) raw = attributeValue(source, m.name);
    else if (m.kind === 'constant') raw = m.name;
    else if (m.kind === 'none') raw = null;
    else {
      evaluatedTrace = trace;
      evaluatedError = undefined;
      if (!traced && m.fast) resolved ??= new ResolvedOptions(options);
      raw = evaluateMapping(m, source, options, traced, resolved);
      trace = evaluatedTrace;
      error = evaluatedError;
      evaluatedTrace = NO_TRACE;
      evaluatedError = undefined;
    }
    let value = raw === NOT_SENT ? null : raw;
    if (m.matchingPriority >= 1) candidates.push(candidateOf(m.targetAttributeName, m.matchingPriority, value));

    if (error) {
      const attribute = pendingAttribute(m, value, trace);
      attribute.error = error;
      attribute.reason = 'error';
      attributes[i] = attribute;
      continue;
    }
    if (raw === NOT_SENT) {
      const attribute = pendingAttribute(m, value, trace);
      attribute.reason = 'ignoreFlow';
      attributes[i] = attribute;
      continue;
    }
    // "Default value if null" applies when the object is created, not on updates (mapping-expressions.md §1).
    const usedDefault = value === null && creating && m.defaultValue !== null;
    if (usedDefault) value = m.defaultValue;
    if (!usedDefault && body && !m.deferred && m.plainText && typeof value === 'string') {
      // The common outcome of a create, built in its final shape: a text value placed in the body as it is.
      attributes[i] = {
        targetAttributeName: m.targetAttributeName,
        expression: m.expression,
        value,
        sent: true,
        flowType: m.flowType,
        matchingPriority: m.matchingPriority,
        trace,
        sentValue: value,
      };
      body.addAt(m.path, m.containerSlot, value);
      continue;
    }
    if (value === null) {
      attributes[i] = {
        targetAttributeName: m.targetAttributeName,
        expression: m.expression,
        value,
        sent: false,
        flowType: m.flowType,
        matchingPriority: m.matchingPriority,
        trace,
        reason: 'null',
      };
      continue;
    }
    const attribute = pendingAttribute(m, value, trace);
    attributes[i] = attribute;
    if (usedDefault) attribute.usedDefault = true;
    if (m.deferred) {
      attribute.deferred = true;
      attribute.note = DEFERRED_NOTE;
      continue;
    }
    const typed = m.plainText && typeof value === 'string' ? value : toScimValue(value, m, options);
    if (typed === UNRESOLVED) {
      attribute.reason = 'null';
      attribute.note = `The referenced object ${JSON.stringify(value)} is not provisioned in the target, so ${m.targetAttributeName} is not sent.`;
      continue;
    }
    if (typed instanceof TooManyValues) {
      attribute.reason = 'error';
      attribute.error = { code: 'multi-valued', message: typed.message };
      continue;
    }
    if (body) {
      attribute.sent = true;
      attribute.sentValue = typed;
      body.addAt(m.path, m.containerSlot, typed);
      continue;
    }
    const operation = updateOperation(m, typed, current);
    if (typeof operation === 'string') {
      attribute.reason = operation;
      continue;
    }
    attribute.sent = true;
    attribute.sentValue = operation.value;
    operations.push(operation);
  }

  let request: ScimRequest | null = null;
  if (scoping.inScope) {
    request = body
      ? { method: 'POST', path: `/${compiled.resourceType}`, body: body.finish() }
      : {
          method: 'PATCH',
          path: `/${compiled.resourceType}/${options.targetId !== undefined ? encodeURIComponent(options.targetId) : '{id}'}`,
          body: buildPatchBody(operations),
        };
  }
  return {
    rule: { id: rule.id, name: rule.name },
    objectMapping: {
      name: objectMapping.name,
      sourceObjectName: objectMapping.sourceObjectName,
      targetObjectName: objectMapping.targetObjectName,
      enabled: objectMapping.enabled,
    },
    scoping,
    matching: candidates.length > 1 ? sortCandidates(candidates) : candidates,
    attributes,
    request,
  };
}

function isEmptyTarget(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The PATCH operation for an attribute on update, or why there is none. flowType: ObjectAddOnly never updates;
 * ValueAddOnly / AttributeAddOnly only fill an empty target attribute; MultiValueAddOnly only adds values the target
 * lacks. flowBehavior FlowWhenChanged (default) skips values the target already has; FlowAlways sends them anyway.
 * Without the current resource nothing is known about the target: every applicable attribute is sent as "Replace".
 */
function updateOperation(m: CompiledMapping, value: unknown, current: Record<string, unknown> | undefined): PatchOperation | 'notOnUpdate' | 'unchanged' {
  const flowType = m.mapping.flowType ?? 'Always';
  if (flowType === 'ObjectAddOnly') return 'notOnUpdate';
  if (current === undefined) return { op: 'Replace', path: m.targetAttributeName, value };
  const existing = readValue(current, m.path);
  const empty = isEmptyTarget(existing);
  if ((flowType === 'ValueAddOnly' || flowType === 'AttributeAddOnly') && !empty) return 'notOnUpdate';
  if (flowType === 'MultiValueAddOnly' && Array.isArray(value) && Array.isArray(existing)) {
    const missing = value.filter((v) => !existing.some((e) => sameValue(e, v, m.shape.caseExact)));
    return missing.length === 0 ? 'unchanged' : { op: 'Add', path: m.targetAttributeName, value: missing };
  }
  if (m.mapping.flowBehavior !== 'FlowAlways' && !empty && sameValue(existing, value, m.shape.caseExact)) return 'unchanged';
  return { op: empty ? 'Add' : 'Replace', path: m.targetAttributeName, value };
}
