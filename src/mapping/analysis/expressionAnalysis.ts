// Checks of one expression in its mapping's context, in expression-text offsets: the engine's syntax and semantic
// diagnostics plus what needs the document — source attributes that don't exist, arguments of the wrong kind.
// Quick fixes are expressed as a whole new expression text; mappingChecks.ts turns that into document edits (and keeps
// the parsed source tree in step).
import {
  checkExpression,
  parse,
  walk,
  type CallNode,
  type ExpressionNode,
  type ParsedExpression,
  type SemanticDiagnostic,
  type Span,
} from '../expression';
import { findFunction, parameterAt, signatureFor, acceptsArgumentCount, MAPPING_FUNCTION_CATALOG, type ValueKind } from '../catalog/functions';
import { isDirectoryExtension } from '../catalog/entraAttributes';
import type { MappingDiagnosticSeverity } from './types';
import { GenerationalCache } from './cache';
import type { AttributeScope } from './context';
import { suggestNames } from './edits';

export interface ExpressionFix {
  title: string;
  /** The whole expression after the fix. */
  newExpression: string;
  isPreferred?: boolean;
}

export interface ExpressionFinding {
  code: string;
  severity: MappingDiagnosticSeverity;
  message: string;
  span: Span;
  fixes?: ExpressionFix[];
}

interface CachedParse {
  parsed: ParsedExpression;
  semantic: SemanticDiagnostic[];
}

/** Parsed expressions per generation; the working set of a 2,000-mapping document fits. */
const parseCache = new GenerationalCache<string, CachedParse>(8192);

/** parse() + checkExpression(), memoised by text (shared by every analyzer: the result depends on the text alone). */
export function parseCached(text: string): CachedParse {
  let entry = parseCache.get(text);
  if (!entry) {
    const parsed = parse(text);
    entry = { parsed, semantic: checkExpression(parsed) };
    parseCache.set(text, entry);
  }
  return entry;
}

/** Forgets every parsed expression (benchmarks measure cold analyses with it). */
export function clearExpressionCache(): void {
  parseCache.clear();
}

/** `text` with `span` replaced by `replacement`. */
export function spliceText(text: string, span: Span, replacement: string): string {
  return text.slice(0, span.start) + replacement + text.slice(span.end);
}

const FUNCTION_NAMES = MAPPING_FUNCTION_CATALOG.map((f) => f.name);

/** The kind of value a node produces, as far as it can be told without evaluating. */
function kindOf(node: ExpressionNode, source: AttributeScope): ValueKind | 'Comparison' | 'Number' | undefined {
  switch (node.kind) {
    case 'String':
      return 'String';
    case 'Number':
    case 'Hex':
      return 'Number';
    case 'Comparison':
      return 'Comparison';
    case 'Call':
      return findFunction(node.name)?.returns;
    case 'Attribute': {
      const info = source.lookup(node.name);
      if (!info) return undefined;
      if (info.multivalued) return 'MultiValued';
      if (info.type === 'Boolean') return 'Boolean';
      if (info.type === 'DateTime') return 'DateTime';
      if (info.type === 'Integer') return 'Integer';
      return 'String';
    }
    default:
      return undefined;
  }
}

const BOOLEAN_TEXT = new Set(['True', 'False', 'true', 'false']);

function checkArguments(call: CallNode, source: AttributeScope, text: string, out: ExpressionFinding[]): void {
  const info = findFunction(call.name);
  if (!info || !info.signatures.some((s) => acceptsArgumentCount(s, call.args.length))) return;
  const signature = signatureFor(info, call.args.length);
  call.args.forEach((arg, i) => {
    const parameter = parameterAt(signature, i);
    if (!parameter || arg.kind === 'Omitted' || arg.kind === 'Error') return;
    const actual = kindOf(arg, source);
    const where = `${info.name}: ${parameter.label}`;
    const report = (severity: MappingDiagnosticSeverity, message: string, fixes?: ExpressionFix[]): void => {
      out.push({ code: 'argument-type', severity, message, span: arg.span, ...(fixes ? { fixes } : {}) });
    };
    switch (parameter.kind) {
      case 'Integer':
        if (arg.kind === 'String' && !/^\s*-?\d+\s*$/.test(arg.value)) report('error', `${where} expects a whole number, not "${arg.value}"`);
        else if (actual === 'Boolean' || actual === 'DateTime' || actual === 'MultiValued' || actual === 'Comparison') {
          report('warning', `${where} expects a whole number, but this gives ${describeKind(actual)}`);
        }
        break;
      case 'MultiValued':
        if (arg.kind === 'Attribute' && actual !== undefined && actual !== 'MultiValued') {
          report('warning', `${where} expects a multi-valued attribute; [${arg.name}] has a single value`);
        } else if (arg.kind === 'String' || arg.kind === 'Number' || arg.kind === 'Hex' || actual === 'Comparison') {
          report('warning', `${where} expects a multi-valued attribute such as [proxyAddresses]`);
        }
        break;
      case 'AppRoleAssignments':
        if (!(arg.kind === 'Attribute' && arg.name === 'appRoleAssignments')) {
          report('error', `${where} must be the [appRoleAssignments] attribute`, [
            { title: 'Use [appRoleAssignments]', newExpression: spliceText(text, arg.span, '[appRoleAssignments]'), isPreferred: true },
          ]);
        }
        break;
      case 'DateTime':
        // A date string has to be parsed first (mapping-expressions.md §4 DateAdd: "wrap strings with CDate()").
        if (info.name !== 'NumFromDate' && (actual === 'String' || arg.kind === 'String')) {
          const wrapped = `CDate(${text.slice(arg.span.start, arg.span.end)})`;
          report('warning', `${where} expects a date/time: wrap text in CDate()`, [
            { title: `Wrap in CDate(): ${truncate(wrapped)}`, newExpression: spliceText(text, arg.span, wrapped), isPreferred: true },
          ]);
        }
        break;
      case 'Boolean':
        if (arg.kind === 'String' && !BOOLEAN_TEXT.has(arg.value)) report('warning', `${where} expects "True" or "False", not "${arg.value}"`);
        else if (actual === 'MultiValued' || actual === 'DateTime') report('warning', `${where} expects a Boolean, but this gives ${describeKind(actual)}`);
        break;
      case 'Condition':
        if (arg.kind === 'String' && !BOOLEAN_TEXT.has(arg.value)) {
          report('warning', `${where} is always false: "${arg.value}" is not a condition; compare with = or use a Boolean function`);
        } else if (actual === 'MultiValued' || actual === 'DateTime' || actual === 'Number' || actual === 'Integer') {
          report('warning', `${where} expects a comparison or a Boolean, but this gives ${describeKind(actual)}`);
        }
        break;
      default:
        break;
    }
  });
}

function describeKind(kind: ValueKind | 'Comparison' | 'Number'): string {
  switch (kind) {
    case 'MultiValued':
      return 'several values';
    case 'DateTime':
      return 'a date/time';
    case 'Boolean':
    case 'Comparison':
      return '"True"/"False"';
    case 'Number':
    case 'Integer':
      return 'a number';
    default:
      return `a ${kind}`;
  }
}

export function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function checkAttribute(node: Extract<ExpressionNode, { kind: 'Attribute' }>, source: AttributeScope, text: string, out: ExpressionFinding[]): void {
  if (!node.closed || node.name.trim() === '') return; // the parser reports these
  const name = node.name;
  if (source.lookup(name)) return;
  const span = node.nameSpan;
  if (isDirectoryExtension(name)) {
    out.push({
      code: 'unknown-source-attribute',
      severity: 'warning',
      message: `Directory extension ${name} is not in ${source.label}'s attribute list; add it (Edit attribute list → directory extensions) before mapping it`,
      span,
    });
    return;
  }
  const confidence = source.confidence(name);
  if (!confidence) return;
  const candidates = source.isDeclared ? source.declared!.keys() : source.all().map((a) => a.name);
  const suggestions = suggestNames(name, candidates);
  const caseOnly = suggestions.find((s) => s.toLowerCase() === name.toLowerCase());
  const knownElsewhere = source.isDeclared && confidence === 'warning';
  const message = caseOnly
    ? `Attribute names are case-sensitive: [${name}] should be [${caseOnly}]`
    : knownElsewhere
      ? `'${name}' is not declared in ${source.label}'s attributes in this document; Graph rejects mappings of undeclared source attributes`
      : `${source.label} has no attribute '${name}'${suggestions.length ? ` — did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''}`;
  out.push({
    code: 'unknown-source-attribute',
    severity: caseOnly ? 'error' : confidence,
    message,
    span,
    fixes: suggestions.map((s, i) => ({ title: `Change to [${s}]`, newExpression: spliceText(text, span, s), isPreferred: i === 0 && (caseOnly !== undefined || suggestions.length === 1) })),
  });
}

/** All findings for expression `text` of a mapping whose source attributes are `source`. */
export function analyzeExpression(text: string, source: AttributeScope): { parsed: ParsedExpression; findings: ExpressionFinding[] } {
  const { parsed, semantic } = parseCached(text);
  const findings: ExpressionFinding[] = parsed.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, span: d.span }));
  for (const d of semantic) {
    const finding: ExpressionFinding = { code: d.code, severity: d.severity, message: d.message, span: d.span };
    if (d.code === 'function-name-case' && d.suggestion) {
      finding.fixes = [{ title: `Change to ${d.suggestion}`, newExpression: spliceText(text, d.span, d.suggestion), isPreferred: true }];
    } else if (d.code === 'unknown-function') {
      const name = text.slice(d.span.start, d.span.end);
      const suggestions = suggestNames(name, FUNCTION_NAMES);
      if (suggestions.length) {
        finding.message += ` — did you mean ${suggestions.join(', ')}?`;
        finding.fixes = suggestions.map((s, i) => ({ title: `Change to ${s}`, newExpression: spliceText(text, d.span, s), isPreferred: i === 0 && suggestions.length === 1 }));
      }
    }
    findings.push(finding);
  }
  walk(parsed.root, (node) => {
    if (node.kind === 'Attribute') checkAttribute(node, source, text, findings);
    else if (node.kind === 'Call') checkArguments(node, source, text, findings);
  });
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { parsed, findings };
}
