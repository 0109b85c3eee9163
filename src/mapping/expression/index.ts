// The expression engine of Entra attribute mappings: parse (exact offsets, error recovery), print, navigate
// (completion / signature help), check (catalogue-based diagnostics), evaluate (every documented function) and convert
// to and from Graph's attributeMappingSource trees. Pure TypeScript, shared by the extension, the CLI and the sandbox.
// Semantics decisions: docs/expression-semantics.md. Function catalogue: ../catalog/functions.ts.
export * from './ast';
export { parse, MAX_NESTING_DEPTH } from './parser';
export { print, quoteString } from './print';
export { mapJsonStringOffsets, type JsonStringOffsets } from './jsonOffsets';
export {
  nodeAt,
  nodePathAt,
  callContextAt,
  completionContextAt,
  type CallContext,
  type CompletionContext,
} from './navigate';
export { checkExpression, type SemanticDiagnostic, type SemanticDiagnosticCode } from './check';
export { evaluate, type EvaluationContext, type EvaluationResult } from './evaluator';
export { seededRandom } from './builtins';
export {
  EvaluationError,
  IGNORE_FLOW,
  REDACTED,
  describeValue,
  type EvaluationErrorCode,
  type EvaluationValue,
  type ExpressionValue,
  type IgnoreFlow,
  type SourceValue,
  type TraceArgument,
  type TraceStep,
} from './values';
export { toMappingSource, fromMappingSource, MappingSourceError, type FromMappingSourceOptions } from './mappingSource';
export { printDateTime, parseDateTimeText, type DateTimeValue } from './dates';
export { diacriticsTable, normalizeDiacritics } from './text';
