// The preview's public shapes (the shared contract other features code against: the sandbox provisioning engine, the
// VS Code preview and on-demand views, the CLI). Fields may be added; none may be renamed or removed.
import type { SourceValue, TraceStep } from '../expression';

/** Entra (AAD directory) attribute names → values, as expressions read them. */
export type SourceObject = Readonly<Record<string, SourceValue>>;
export type PreviewAction = 'create' | 'update';

export interface PreviewOptions {
  /** Default: the first synchronizationRule. */
  ruleId?: string;
  /** 'User' (default) | 'Group': picks the enabled objectMapping with that sourceObjectName. */
  sourceObjectName?: string;
  /** Default 'create'. */
  action?: PreviewAction;
  /** For 'update': the target's current SCIM resource; the PATCH then only carries differences. */
  current?: Record<string, unknown>;
  /** For 'update': the SCIM id used in the PATCH path. */
  targetId?: string;
  now?: Date;
  random?: () => number;
  defaultDomain?: string;
  /** The assignment part of scoping (default true). */
  isAssigned?: boolean;
  isUnique?: (value: string) => boolean;
  /**
   * Reference attributes (manager): the target's id for a source object id, as the service resolves it after matching
   * the referenced object; null = not provisioned (the attribute is then not sent). Default: the source id itself.
   */
  resolveReference?: (sourceId: string, targetAttributeName: string) => string | null;
  /** Record evaluation traces (default true). False makes a compiled preview much cheaper (bulk use: the sandbox engine). */
  trace?: boolean;
}

export interface ScopingClauseResult {
  sourceAttributeName: string;
  operatorName: string;
  targetOperand: string[];
  actual: SourceValue;
  passed: boolean;
  /** Why the clause could not be evaluated (unknown operator, bad regular expression, non-integer operand). */
  error?: string;
}

export interface ScopingResult {
  inScope: boolean;
  assigned: boolean;
  groups: { title?: string; clauses: ScopingClauseResult[]; passed: boolean }[];
  /** One sentence: why the object is in or out of scope. */
  reason: string;
}

export interface MatchingCandidate {
  targetAttributeName: string;
  matchingPriority: number;
  value: string | null;
  /** `<targetAttributeName> eq "<value>"` with `"` and `\` escaped; null when the value is null. */
  filter: string | null;
}

export interface PreviewAttribute {
  targetAttributeName: string;
  /** Printed expression (source.expression, or built from the source tree); "" for a mapping without source. */
  expression: string;
  /** Evaluated value (null when not sent). */
  value: string | string[] | null;
  /** False: null value, IgnoreFlowIfNullOrEmpty, flowType not applicable to the action, unchanged, error or deferred. */
  sent: boolean;
  reason?: 'null' | 'ignoreFlow' | 'notOnUpdate' | 'error' | 'unchanged';
  error?: { code: string; message: string; span?: { start: number; end: number } };
  flowType: string;
  matchingPriority: number;
  trace: TraceStep[];
  /** The JSON value placed in the request (typed: Boolean → true/false, Integer → number, Reference → {value}). */
  sentValue?: unknown;
  /** The mapping's defaultValue was used because the source evaluated to null (create only). */
  usedDefault?: boolean;
  /** Not part of this request but flows in a later one (group members: PATCHed after the group exists). */
  deferred?: boolean;
  /** A sentence for the UI when the outcome needs explaining (deferred members, unresolved reference, …). */
  note?: string;
}

export interface ScimRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

export interface PreviewResult {
  rule: { id: string; name: string };
  objectMapping: { name: string; sourceObjectName: string; targetObjectName: string; enabled: boolean };
  scoping: ScopingResult;
  /** By matchingPriority ascending (priority >= 1 only). */
  matching: MatchingCandidate[];
  attributes: PreviewAttribute[];
  /** Null when out of scope. */
  request: ScimRequest | null;
}

/** A schema the preview can't work with: no rule with that id, no object mapping for the source object, … */
export class PreviewError extends Error {
  override readonly name = 'PreviewError';
  constructor(
    message: string,
    readonly code: 'no-rule' | 'unknown-rule' | 'no-object-mapping',
    /** For 'unknown-rule': the ids the schema has. */
    readonly ruleIds: string[] = [],
  ) {
    super(message);
  }
}
