// POST …/schema/parseExpression (jobs and templates; graph-synchronization.md §3.15): parses the expression with the
// shared engine (src/mapping/expression), answers its attributeMappingSource tree, and — when a testInputObject is
// given — evaluates it against those properties. A parse error is not an HTTP error: Graph answers 200 with
// parsingSucceeded false and the error. Documented example: `Replace([preferredLanguage], "-", , , "_", ,  )` with
// preferredLanguage "EN-US" → evaluationResult ["EN_US"], omitted optional arguments absent from `parameters`.
import type { AttributeMappingSource, ParseExpressionResponse } from '../../graph/model';
import { EvaluationError, IGNORE_FLOW, MappingSourceError, evaluate, parse, toMappingSource, type SourceValue } from '../../mapping/expression';
import type { SandboxRequest, SandboxResponse } from '../http/router';
import { GraphErrors } from '../http/graphErrors';
import { jsonObjectBody, odataContext } from '../graph/context';

/** The body of parseExpression, answered as Graph does; 400 only for a body that is not a parseExpression request. */
export function parseExpressionRoute(req: SandboxRequest): SandboxResponse {
  const parsed = jsonObjectBody(req);
  if ('error' in parsed) return parsed.error;
  const { expression, testInputObject } = parsed.body;
  if (typeof expression !== 'string') return GraphErrors.badRequest(req, "The 'expression' parameter is required and must be a string.");
  const input = readTestInput(testInputObject);
  if ('error' in input) return GraphErrors.badRequest(req, input.error);
  return {
    status: 200,
    body: { '@odata.context': odataContext(req, 'microsoft.graph.parseExpressionResponse'), ...parseExpression(expression, input.source) },
  };
}

/** Parses and (with a source object) evaluates an expression; never throws. */
export function parseExpression(expression: string, source: Record<string, SourceValue> | undefined): ParseExpressionResponse {
  const parsed = parse(expression);
  const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
  let tree: AttributeMappingSource;
  try {
    if (syntax) throw new MappingSourceError(syntax.message, syntax.span);
    tree = toMappingSource(parsed);
  } catch (err) {
    const span = err instanceof MappingSourceError ? err.span : undefined;
    return {
      error: publicError('ExpressionParsingFailed', `${(err as Error).message}${span ? ` (at character ${span.start + 1})` : ''}`),
      evaluationResult: null,
      evaluationSucceeded: false,
      parsedExpression: null,
      parsingSucceeded: false,
    };
  }
  if (!source) return { error: null, evaluationResult: null, evaluationSucceeded: false, parsedExpression: tree, parsingSucceeded: true };
  try {
    const { value } = evaluate(parsed, { source });
    const evaluationResult = value === null || value === IGNORE_FLOW ? [] : typeof value === 'string' ? [value] : [...value];
    return { error: null, evaluationResult, evaluationSucceeded: true, parsedExpression: tree, parsingSucceeded: true };
  } catch (err) {
    const code = err instanceof EvaluationError ? `ExpressionEvaluationFailed` : 'InternalError';
    return { error: publicError(code, (err as Error).message), evaluationResult: null, evaluationSucceeded: false, parsedExpression: tree, parsingSucceeded: true };
  }
}

function publicError(code: string, message: string): ParseExpressionResponse['error'] {
  return { code, message, details: [] };
}

/**
 * testInputObject: `{ definition, properties: [{ key, value }] }`; multi-valued values are arrays (annotated
 * `"value@odata.type": "#Collection(String)"`). Booleans and numbers become their text, as the service reads them.
 */
function readTestInput(value: unknown): { source: Record<string, SourceValue> | undefined } | { error: string } {
  if (value === undefined || value === null) return { source: undefined };
  if (typeof value !== 'object' || Array.isArray(value)) return { error: "'testInputObject' must be an expressionInputObject: { definition, properties: [{ key, value }] }." };
  const properties = (value as { properties?: unknown }).properties ?? [];
  if (!Array.isArray(properties)) return { error: "'testInputObject.properties' must be a collection of { key, value } pairs." };
  const source: Record<string, SourceValue> = {};
  for (const [i, property] of (properties as unknown[]).entries()) {
    const p = property as { key?: unknown; value?: unknown } | null;
    if (!p || typeof p.key !== 'string') return { error: `testInputObject.properties[${i}] needs a string 'key'.` };
    source[p.key] = Array.isArray(p.value) ? p.value.map(text).filter((v): v is string => v !== null) : text(p.value);
  }
  return { source };
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
