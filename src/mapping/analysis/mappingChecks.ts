// Checks of one attribute mapping in its object mapping's context: the expression (syntax, functions, arguments,
// source attributes, length), the target attribute (exists, writable, filterable when matching, Workplace 1.0 names in
// a 2.0 job), the [mail]-without-fallback trap, SelectUniqueValue's rules and whether the parsed source tree still
// matches the expression text. Results are absolute document offsets; the analyzer caches them per mapping text.
import { MappingSourceError, toMappingSource, type ExpressionNode, type JsonStringOffsets } from '../expression';
import type { AttributeMappingSource } from '../../graph/model';
import { findFunction } from '../catalog/functions';
import { isEmailTarget, WORKPLACE_1_TO_2 } from '../catalog/targetAttributes';
import type { AttributeMappingModel, StringProp } from '../document/model';
import { nodeValue } from '../document/jsonTree';
import { mapJsonStringOffsets } from '../expression/jsonOffsets';
import { analyzeExpression, spliceText, truncate, type ExpressionFinding, type ExpressionFix } from './expressionAnalysis';
import type { MappingContext } from './context';
import { formatJsonLike, removeArrayElement, replaceStringContent, suggestNames } from './edits';
import type { Fix, MappingDiagnostic, TextEdit } from './types';

/** The service rejects longer expressions (mapping-expressions.md §0). */
export const MAX_EXPRESSION_LENGTH = 10_000;

/** The fallback Microsoft recommends for Workplace's "Missing Email field" (scim-and-workplace.md §1). */
export const MAIL_FALLBACK = 'Coalesce([mail],[userPrincipalName])';

/** Functions that pass a null through unchanged: `[mail]` under them is still `[mail]` for a user without one. */
const NULL_PRESERVING = new Set(['ToLower', 'ToUpper', 'StripSpaces', 'NormalizeDiacritics', 'Trim', 'Redact']);

/** The JSON-offset view of a string property (expression text ↔ document offsets). */
export function stringOffsets(text: string, prop: StringProp): JsonStringOffsets {
  return mapJsonStringOffsets(text.slice(prop.node.offset, prop.node.offset + prop.node.length));
}

export function checkAttributeMapping(text: string, mapping: AttributeMappingModel, context: MappingContext): MappingDiagnostic[] {
  const out: MappingDiagnostic[] = [];
  checkTarget(text, mapping, context, out);
  checkSource(text, mapping, context, out);
  return out;
}

// ---- target ---------------------------------------------------------------------------------------------------------

function checkTarget(text: string, mapping: AttributeMappingModel, context: MappingContext, out: MappingDiagnostic[]): void {
  const target = mapping.targetAttributeName;
  if (!target) return;
  const name = target.value;
  const range = { start: target.node.offset, end: target.node.offset + target.node.length };

  if (context.workplace === '2.0' && WORKPLACE_1_TO_2.has(name)) {
    const replacement = WORKPLACE_1_TO_2.get(name)!;
    out.push({
      code: 'workplace-legacy-attribute',
      severity: 'error',
      message: replacement
        ? `'${name}' is a Workplace SCIM 1.0 name; this SCIM 2.0 job calls it '${replacement}'`
        : `'${name}' is a Workplace SCIM 1.0 attribute with no SCIM 2.0 equivalent; remove the mapping`,
      ...range,
      fixes: replacement
        ? [{ title: `Change to ${replacement}`, edits: [replaceStringContent(target.node, replacement)], isPreferred: true }]
        : [{ title: 'Remove this mapping', edits: [removeArrayElement(text, mapping.node)] }],
    });
    return;
  }

  const info = context.target.lookup(name);
  if (!info) {
    const scope = context.target;
    const confidence = scope.confidence(name);
    if (!confidence) return;
    const candidates = scope.isDeclared ? [...scope.declared!.keys()] : scope.all().map((a) => a.name);
    const suggestions = suggestNames(name, candidates);
    out.push({
      code: 'unknown-target-attribute',
      severity: confidence,
      message:
        scope.isDeclared && confidence === 'warning'
          ? `'${name}' is not declared in ${scope.label}'s attributes in this document; Graph rejects mappings to undeclared target attributes`
          : `${scope.label} has no attribute '${name}'${suggestions.length ? ` — did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''}${
              scope.isDeclared ? '' : ' (not declared in this document and not a known SCIM attribute)'
            }`,
      ...range,
      fixes: suggestions.map((s, i) => ({
        title: `Change to ${s}`,
        edits: [replaceStringContent(target.node, s)],
        isPreferred: i === 0 && suggestions.length === 1,
      })),
    });
    return;
  }
  if (info.mutability === 'ReadOnly') {
    out.push({
      code: 'read-only-target',
      severity: 'warning',
      message: `${name} is read-only in the target (the app assigns it); a mapping can't write it`,
      ...range,
    });
  }
  const priority = mapping.matchingPriority ?? 0;
  if (priority > 0 && !info.filterable) {
    const node = mapping.matchingPriorityNode!;
    const why = info.multivalued ? 'multi-valued' : info.type === 'Reference' ? 'a reference' : info.mutability === 'WriteOnly' ? 'write-only' : 'not filterable';
    out.push({
      code: 'matching-not-filterable',
      severity: 'warning',
      message: `${name} can't be a matching attribute: it is ${why}, and Entra finds existing objects with GET …?filter=${name} eq "…"`,
      start: node.offset,
      end: node.offset + node.length,
      fixes: [{ title: 'Stop matching on this attribute (matchingPriority 0)', edits: [{ start: node.offset, end: node.offset + node.length, newText: '0' }] }],
    });
  }
}

// ---- source ---------------------------------------------------------------------------------------------------------

function checkSource(text: string, mapping: AttributeMappingModel, context: MappingContext, out: MappingDiagnostic[]): void {
  const source = mapping.source;
  if (!source) return;
  const expression = source.expression;
  if (!expression) {
    checkSourceWithoutExpression(text, mapping, context, out);
    return;
  }
  const offsets = stringOffsets(text, expression);
  const exprText = offsets.value;
  const base = expression.node.offset;
  const toDoc = (exprOffset: number): number => base + offsets.toRaw(exprOffset);
  const expressionFixes = (fixes: ExpressionFix[] | undefined): Fix[] | undefined =>
    fixes?.map((f) => ({ title: f.title, edits: expressionEdits(text, mapping, f.newExpression), ...(f.isPreferred ? { isPreferred: true } : {}) }));

  const sourceType = source.type?.value ?? 'Attribute';
  if (sourceType === 'Constant') return; // a constant's expression is a quoted string; nothing to check in it

  if (exprText.length > MAX_EXPRESSION_LENGTH) {
    out.push({
      code: 'expression-too-long',
      severity: 'error',
      message: `The expression is ${exprText.length.toLocaleString('en-US')} characters long; the service accepts at most ${MAX_EXPRESSION_LENGTH.toLocaleString('en-US')}`,
      start: toDoc(MAX_EXPRESSION_LENGTH),
      end: toDoc(exprText.length),
    });
  }

  const { parsed, findings } = analyzeExpression(exprText, context.source);
  for (const finding of findings) out.push(toDiagnostic(finding, toDoc, expressionFixes));
  if (!parsed.ok) return;

  checkEmail(mapping, context, parsed.root, exprText, (span, message, severity, newExpression) => {
    out.push({
      code: 'email-without-fallback',
      severity,
      message,
      start: toDoc(span.start),
      end: toDoc(span.end),
      fixes: [{ title: `Use ${MAIL_FALLBACK}`, edits: expressionEdits(text, mapping, newExpression), isPreferred: true }],
    });
  });
  checkSelectUniqueValue(mapping, parsed.root, toDoc, out);
  // An expression with errors has no parsed form to compare with (and the errors say what to fix first).
  if (!findings.some((f) => f.severity === 'error')) checkTreeInSync(text, mapping, exprText, expression, out);
}

function toDiagnostic(
  finding: ExpressionFinding,
  toDoc: (offset: number) => number,
  fixes: (fixes: ExpressionFix[] | undefined) => Fix[] | undefined,
): MappingDiagnostic {
  const converted = fixes(finding.fixes);
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    start: toDoc(finding.span.start),
    end: toDoc(finding.span.end),
    ...(converted && converted.length ? { fixes: converted } : {}),
  };
}

function checkSourceWithoutExpression(text: string, mapping: AttributeMappingModel, context: MappingContext, out: MappingDiagnostic[]): void {
  const source = mapping.source!;
  const type = source.type?.value ?? 'Attribute';
  const name = source.name;
  if (!name) return;
  const range = { start: name.node.offset, end: name.node.offset + name.node.length };
  if (type === 'Attribute') {
    const findings: ExpressionFinding[] = [];
    // Reuse the expression check on `[name]` and move its range onto the name string.
    const { findings: attributeFindings } = analyzeExpression(`[${name.value}]`, context.source);
    for (const f of attributeFindings) if (f.code === 'unknown-source-attribute') findings.push(f);
    for (const f of findings) {
      out.push({
        code: f.code,
        severity: f.severity,
        message: f.message,
        ...range,
        ...(f.fixes?.length
          ? { fixes: f.fixes.map((fix) => ({ title: fix.title, edits: expressionEdits(text, mapping, fix.newExpression), ...(fix.isPreferred ? { isPreferred: true } : {}) })) }
          : {}),
      });
    }
    checkEmail(mapping, context, { kind: 'Attribute', name: name.value, span: { start: 0, end: name.value.length + 2 }, nameSpan: { start: 1, end: name.value.length + 1 }, closed: true }, `[${name.value}]`, (_span, message, severity, newExpression) => {
      out.push({
        code: 'email-without-fallback',
        severity,
        message,
        ...range,
        fixes: [{ title: `Use ${MAIL_FALLBACK}`, edits: expressionEdits(text, mapping, newExpression), isPreferred: true }],
      });
    });
  } else if (type === 'Function' && !findFunction(name.value)) {
    out.push({ code: 'unknown-function-source', severity: 'error', message: `Unknown function '${name.value}'`, ...range });
  }
}

/** The email target is fed by [mail] alone (possibly lower-cased): null for users without a mailbox. */
function checkEmail(
  mapping: AttributeMappingModel,
  context: MappingContext,
  root: ExpressionNode,
  exprText: string,
  report: (span: { start: number; end: number }, message: string, severity: MappingDiagnostic['severity'], newExpression: string) => void,
): void {
  const target = mapping.targetAttributeName?.value;
  if (target === undefined || !isEmailTarget(target) || mapping.defaultValue !== undefined) return;
  let node = root;
  while (node.kind === 'Call' && NULL_PRESERVING.has(node.name) && node.args.length >= 1) node = node.args[0]!;
  if (node.kind !== 'Attribute' || node.name !== 'mail') return;
  const required = context.target.lookup(target)?.required ?? false;
  const severity = context.workplace || required ? 'warning' : 'hint';
  const message = context.workplace
    ? `Users without a mailbox have no [mail]: Workplace rejects them with "Missing Email field: You must provide an email". Map ${MAIL_FALLBACK} instead`
    : `Users without a mailbox have no [mail], so ${target} is left out for them; ${MAIL_FALLBACK} falls back to the sign-in name`;
  report(node.span, message, severity, spliceText(exprText, node.span, MAIL_FALLBACK));
}

function checkSelectUniqueValue(mapping: AttributeMappingModel, root: ExpressionNode, toDoc: (offset: number) => number, out: MappingDiagnostic[]): void {
  if (root.kind !== 'Call' || root.name !== 'SelectUniqueValue') return;
  const range = { start: toDoc(root.nameSpan.start), end: toDoc(root.nameSpan.end) };
  if ((mapping.matchingPriority ?? 0) > 0) {
    out.push({ code: 'select-unique-value-usage', severity: 'error', message: 'SelectUniqueValue cannot be used on a matching attribute', ...range });
  }
  const flowType = mapping.flowType;
  if (flowType && flowType.value !== 'ObjectAddOnly') {
    out.push({
      code: 'select-unique-value-usage',
      severity: 'warning',
      message: 'SelectUniqueValue only works when the mapping applies "Only during object creation" (flowType ObjectAddOnly)',
      ...range,
      fixes: [{ title: 'Set flowType to ObjectAddOnly', edits: [replaceStringContent(flowType.node, 'ObjectAddOnly')], isPreferred: true }],
    });
  }
}

// ---- the parsed tree next to the text ---------------------------------------------------------------------------------

interface NormalizedSource {
  type: string;
  name: string;
  parameters: { key: string; value: NormalizedSource }[];
}

function normalize(value: unknown, depth = 0): NormalizedSource | undefined {
  // Deeper than the expression parser nests (MAX_NESTING_DEPTH) is not a tree the check needs to compare.
  if (depth > 256 || typeof value !== 'object' || value === null) return undefined;
  const source = value as Partial<AttributeMappingSource>;
  const parameters: NormalizedSource['parameters'] = [];
  if (Array.isArray(source.parameters)) {
    for (const p of source.parameters as unknown[]) {
      const pair = p as { key?: unknown; value?: unknown } | null;
      const nested = normalize(pair?.value, depth + 1);
      if (!nested || typeof pair?.key !== 'string') return undefined;
      parameters.push({ key: pair.key, value: nested });
    }
  }
  return { type: typeof source.type === 'string' ? source.type : 'Attribute', name: typeof source.name === 'string' ? source.name : '', parameters };
}

function sameSource(a: NormalizedSource, b: NormalizedSource): boolean {
  if (a.type !== b.type || a.name !== b.name || a.parameters.length !== b.parameters.length) return false;
  return a.parameters.every((p, i) => p.key === b.parameters[i]!.key && sameSource(p.value, b.parameters[i]!.value));
}

function checkTreeInSync(text: string, mapping: AttributeMappingModel, exprText: string, expression: StringProp, out: MappingDiagnostic[]): void {
  const source = mapping.source!;
  // Only when the document carries a tree at all (name, or parameters): a bare {expression} is left to the service.
  if (!source.name && !source.parametersNode) return;
  let expected: AttributeMappingSource;
  try {
    expected = toMappingSource(exprText);
  } catch (err) {
    if (err instanceof MappingSourceError) return;
    throw err;
  }
  const actual = normalize(nodeValue(text, source.node));
  const wanted = normalize(expected);
  if (!wanted || (actual && sameSource(actual, wanted))) return;
  out.push({
    code: 'source-tree-mismatch',
    severity: 'warning',
    message: `The source's name/type/parameters don't match its expression (Graph stores both; expected ${wanted.type} '${truncate(wanted.name, 40)}'). Update them together`,
    start: expression.node.offset,
    end: expression.node.offset + expression.node.length,
    fixes: [{ title: 'Rebuild name, type and parameters from the expression', edits: expressionEdits(text, mapping, exprText), isPreferred: true }],
  });
}

/**
 * Edits that make the mapping's source say `newExpression`: the whole source object rebuilt (expression text and
 * parsed tree agree), or — when the new text doesn't convert — just the expression string.
 */
export function expressionEdits(text: string, mapping: AttributeMappingModel, newExpression: string): TextEdit[] {
  const source = mapping.source;
  if (!source) return [];
  try {
    const tree = toMappingSource(newExpression);
    const original = (nodeValue(text, source.node) ?? {}) as Record<string, unknown>;
    // The tree as Graph's parser builds it; the text as written (toMappingSource's `expression` is the canonical print).
    const merged = { ...original, ...tree, expression: newExpression };
    return [{ start: source.node.offset, end: source.node.offset + source.node.length, newText: formatJsonLike(text, source.node, merged) }];
  } catch (err) {
    if (!(err instanceof MappingSourceError)) throw err;
    return source.expression ? [replaceStringContent(source.expression.node, newExpression)] : [];
  }
}
