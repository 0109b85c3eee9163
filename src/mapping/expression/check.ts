// Semantic checks of a parsed expression against the function catalogue — what can be known without evaluating:
// unknown functions, argument counts, required arguments left empty, bare words outside enum parameters, Cloud
// Sync-only functions, SelectUniqueValue nested, and literal arguments that can't work (regex, date formats,
// intervals). Lint and diagnostics build on these; each carries a code and the span of the offending node.
import { walk, type CallNode, type ExpressionNode, type ParsedExpression, type Span } from './ast';
import {
  acceptsArgumentCount,
  describeArity,
  findFunction,
  findFunctionIgnoringCase,
  parameterAt,
  signatureFor,
  type MappingFunctionInfo,
} from '../catalog/functions';
import { isDateInterval } from './dates';
import { DateFormatError, parseDateTimeStyles, tokenizeFormat } from './dotnetDateFormat';
import { compileDotNetRegex, RegexTranslationError } from './dotnetRegex';

export type SemanticDiagnosticCode =
  | 'unknown-function'
  | 'function-name-case'
  | 'wrong-argument-count'
  | 'missing-argument'
  | 'bare-word'
  | 'unknown-enum-value'
  | 'cloud-sync-function'
  | 'not-top-level'
  | 'invalid-regex'
  | 'invalid-date-format'
  | 'invalid-interval';

export interface SemanticDiagnostic {
  code: SemanticDiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  span: Span;
  /** For 'function-name-case': the correctly spelled name. */
  suggestion?: string;
}

/** Checks every call in the tree. Syntax errors are parse()'s business; ErrorNodes are skipped, their children not. */
export function checkExpression(input: ParsedExpression | ExpressionNode): SemanticDiagnostic[] {
  const root = 'root' in input ? input.root : input;
  const out: SemanticDiagnostic[] = [];
  walk(root, (node, parent) => {
    if (node.kind === 'Call' && node.name !== '') checkCall(node, node === root, out);
    if (node.kind === 'BareWord') {
      const enumParent = parent?.kind === 'Call' ? enumParameterOf(parent, node) : undefined;
      if (!enumParent) {
        out.push({
          code: 'bare-word',
          severity: 'error',
          message: `'${node.name}' is not a value here: write [${node.name}] for an attribute or "${node.name}" for text`,
          span: node.span,
        });
      } else if (enumParent.values && !enumParent.values.includes(node.name)) {
        out.push({
          code: 'unknown-enum-value',
          severity: 'error',
          message: `'${node.name}' is not one of ${enumParent.values.join(', ')}`,
          span: node.span,
        });
      }
    }
  });
  return out.sort((a, b) => a.span.start - b.span.start);
}

function enumParameterOf(call: CallNode, arg: ExpressionNode): { values: readonly string[] | undefined } | undefined {
  const info = findFunction(call.name);
  if (!info) return { values: undefined }; // the unknown function is reported instead
  const p = parameterAt(signatureFor(info, call.args.length), call.args.indexOf(arg));
  return p?.kind === 'Enum' ? { values: p.enumValues } : undefined;
}

function checkCall(node: CallNode, topLevel: boolean, out: SemanticDiagnostic[]): void {
  const info = findFunction(node.name);
  if (!info) {
    const other = findFunctionIgnoringCase(node.name);
    if (other) {
      out.push({
        code: 'function-name-case',
        severity: 'error',
        message: `Function names are case-sensitive: '${node.name}' should be '${other.name}'`,
        span: node.nameSpan,
        suggestion: other.name,
      });
    } else {
      out.push({ code: 'unknown-function', severity: 'error', message: `Unknown function '${node.name}'`, span: node.nameSpan });
    }
    return;
  }
  if (info.availability === 'cloudSync') {
    out.push({
      code: 'cloud-sync-function',
      severity: 'warning',
      message: `${info.name} exists only in Cloud Sync expressions; app provisioning doesn't offer it`,
      span: node.nameSpan,
    });
  }
  if (info.topLevelOnly && !topLevel) {
    out.push({ code: 'not-top-level', severity: 'error', message: `${info.name} must be the whole expression; it can't be nested`, span: node.nameSpan });
  }
  const count = node.args.length;
  if (!info.signatures.some((s) => acceptsArgumentCount(s, count))) {
    out.push({
      code: 'wrong-argument-count',
      severity: 'error',
      message: `${info.name} takes ${describeArity(info)} arguments, not ${count}`,
      span: node.closeParen ? { start: node.nameSpan.start, end: node.closeParen.end } : node.nameSpan,
    });
    return;
  }
  const signature = signatureFor(info, count);
  node.args.forEach((arg, i) => {
    const p = parameterAt(signature, i);
    if (arg.kind === 'Omitted' && p?.required) {
      out.push({
        code: 'missing-argument',
        severity: 'error',
        message: `${info.name}: ${p.label} is required and can't be left empty`,
        span: arg.span.start === arg.span.end ? node.commas[i - 1] ?? node.nameSpan : arg.span,
      });
    }
  });
  checkLiterals(node, info, out);
}

/** String literals that can be checked before evaluation. */
function checkLiterals(node: CallNode, info: MappingFunctionInfo, out: SemanticDiagnostic[]): void {
  const literal = (i: number): { value: string; span: Span } | undefined => {
    const arg = node.args[i];
    return arg?.kind === 'String' ? { value: arg.value, span: arg.span } : undefined;
  };
  const signature = signatureFor(info, node.args.length);
  if (info.name === 'Replace') {
    const regex = literal(2);
    if (regex) {
      try {
        compileDotNetRegex(regex.value);
      } catch (err) {
        if (!(err instanceof RegexTranslationError)) throw err;
        out.push({ code: 'invalid-regex', severity: 'error', message: `Invalid regular expression: ${err.message}`, span: regex.span });
      }
    }
  }
  if (info.name === 'FormatDateTime') {
    const withStyles = signature.parameters.length === 4;
    const formats = withStyles ? [2, 3] : [1, 2];
    for (const i of formats) {
      const format = literal(i);
      if (!format) continue;
      try {
        tokenizeFormat(format.value);
      } catch (err) {
        if (!(err instanceof DateFormatError)) throw err;
        out.push({ code: 'invalid-date-format', severity: 'error', message: err.message, span: format.span });
      }
    }
    const styles = withStyles ? literal(1) : undefined;
    if (styles) {
      try {
        parseDateTimeStyles(styles.value);
      } catch (err) {
        if (!(err instanceof DateFormatError)) throw err;
        out.push({ code: 'invalid-date-format', severity: 'error', message: err.message, span: styles.span });
      }
    }
  }
  if (info.name === 'DateAdd' || info.name === 'DateDiff') {
    const unit = literal(0);
    if (unit && !isDateInterval(unit.value)) {
      out.push({
        code: 'invalid-interval',
        severity: 'error',
        message: `"${unit.value}" is not an interval: use "yyyy", "m", "d", "ww", "h", "n" or "s"`,
        span: unit.span,
      });
    }
  }
}
