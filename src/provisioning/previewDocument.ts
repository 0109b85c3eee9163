// The mapping preview as a read-only JSON document (issue 5, "Preview a mapping"): the SCIM request the provisioning
// service would send for one source object, the scoping verdict and matching filter that decide whether and how it is
// sent, and one entry per attribute mapping with its expression and value. Records where each attribute entry sits in
// the text so a hover there can show that attribute's evaluation trace. Pure: the VS Code preview only displays it.
import type { EvaluationValue } from '../mapping/expression';
import type { PreviewAttribute, PreviewResult } from '../mapping/preview';
import { escapeMarkdown } from './format';

export interface PreviewDocumentInput {
  result: PreviewResult;
  /** Who was previewed, e.g. "Adele Vance (adele@contoso.example)". */
  subject: string;
  /** Which mapping, e.g. "workplace.provisioning.json" or "Slack · Slack.1234…". */
  mapping: string;
  /** Extra sentences shown at the top (e.g. the mapping document has JSON errors: the last valid preview is shown). */
  notes?: string[];
}

export interface PreviewDocument {
  text: string;
  /** Offsets of each attribute entry (index into result.attributes), in text order. */
  attributeRanges: { index: number; start: number; end: number }[];
}

export function renderPreviewDocument(input: PreviewDocumentInput): PreviewDocument {
  const { result } = input;
  let text = '{\n';
  const property = (key: string, value: unknown) => {
    text += `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')},\n`;
  };
  property('preview', 'What the provisioning service would send (read-only; hover an attribute below for its evaluation trace).');
  if (input.notes && input.notes.length > 0) property('notes', input.notes);
  property('subject', input.subject);
  property('mapping', input.mapping);
  property('rule', `${result.rule.name} (${result.rule.id})`);
  property('objectMapping', `${result.objectMapping.name}: ${result.objectMapping.sourceObjectName} → ${result.objectMapping.targetObjectName}`);
  property('scoping', {
    inScope: result.scoping.inScope,
    reason: result.scoping.reason,
    assigned: result.scoping.assigned,
    ...(result.scoping.groups.length > 0
      ? {
          filters: result.scoping.groups.map((g) => ({
            ...(g.title ? { title: g.title } : {}),
            passed: g.passed,
            clauses: g.clauses.map((c) => `${c.passed ? '✓' : '✗'} ${c.sourceAttributeName} ${c.operatorName}${c.targetOperand.length ? ` ${c.targetOperand.map((o) => JSON.stringify(o)).join(', ')}` : ''} (actual: ${JSON.stringify(c.actual ?? null)})${c.error ? ` — ${c.error}` : ''}`),
          })),
        }
      : {}),
  });
  property(
    'matching',
    result.matching.map((m) => ({ targetAttributeName: m.targetAttributeName, matchingPriority: m.matchingPriority, value: m.value, filter: m.filter })),
  );
  property('request', result.request);

  const attributeRanges: PreviewDocument['attributeRanges'] = [];
  text += '  "attributes": [\n';
  result.attributes.forEach((attribute, index) => {
    const start = text.length + 4;
    text += `    ${indent(JSON.stringify(attributeEntry(attribute), null, 2), '    ')}`;
    attributeRanges.push({ index, start, end: text.length });
    text += index < result.attributes.length - 1 ? ',\n' : '\n';
  });
  text += '  ]\n}\n';
  return { text, attributeRanges };
}

function attributeEntry(attribute: PreviewAttribute): Record<string, unknown> {
  return {
    targetAttributeName: attribute.targetAttributeName,
    value: attribute.value,
    sent: attribute.sent,
    ...(attribute.reason ? { notSentBecause: REASONS[attribute.reason] } : {}),
    expression: attribute.expression,
    flowType: attribute.flowType,
    ...(attribute.matchingPriority > 0 ? { matchingPriority: attribute.matchingPriority } : {}),
    ...(attribute.usedDefault ? { usedDefaultValue: true } : {}),
    ...(attribute.error ? { error: `${attribute.error.code}: ${attribute.error.message}` } : {}),
    ...(attribute.note ? { note: attribute.note } : {}),
  };
}

const REASONS: Record<NonNullable<PreviewAttribute['reason']>, string> = {
  null: 'the value is null',
  ignoreFlow: 'IgnoreFlowIfNullOrEmpty: the value is empty',
  notOnUpdate: 'the flow type does not apply to this operation',
  error: 'the expression failed',
  unchanged: 'the target already has this value',
};

/** The attribute entry (index into result.attributes) at an offset of the rendered text. */
export function attributeAt(doc: PreviewDocument, offset: number): number | undefined {
  return doc.attributeRanges.find((r) => offset >= r.start && offset <= r.end)?.index;
}

/** Hover text for one attribute: its expression, its value, and the evaluation trace step by step. */
export function attributeHoverMarkdown(attribute: PreviewAttribute): string {
  const lines: string[] = [];
  const verdict = attribute.sent ? 'sent' : `not sent (${attribute.reason ? REASONS[attribute.reason] : 'not part of this request'})`;
  lines.push(`**${escapeMarkdown(attribute.targetAttributeName)}** — ${verdict}`, '');
  lines.push('```entra-expression', attribute.expression || '(no source)', '```', '');
  lines.push(`Value: \`${printValue(attribute.value)}\``);
  if (attribute.error) lines.push('', `Error ${escapeMarkdown(attribute.error.code)}: ${escapeMarkdown(attribute.error.message)}`);
  if (attribute.note) lines.push('', escapeMarkdown(attribute.note));
  if (attribute.trace.length > 0) {
    lines.push('', '**Evaluation**', '');
    for (const step of attribute.trace.slice(0, MAX_TRACE_LINES)) {
      const source = attribute.expression.slice(step.span.start, step.span.end) || step.name;
      const outcome = step.error !== undefined ? `error: ${step.error}` : printValue(step.result);
      lines.push(`${'  '.repeat(step.depth)}- \`${clip(source)}\` → \`${clip(outcome)}\``);
    }
    if (attribute.trace.length > MAX_TRACE_LINES) lines.push(`- … ${attribute.trace.length - MAX_TRACE_LINES} more steps`);
  }
  return lines.join('\n');
}

const MAX_TRACE_LINES = 40;

function printValue(value: EvaluationValue | string | string[] | undefined): string {
  if (value === undefined) return '(not evaluated)';
  if (typeof value === 'symbol') return '(ignored: IgnoreFlowIfNullOrEmpty)';
  return JSON.stringify(value);
}

/** Keeps hover lines readable; backticks would end the inline code. */
function clip(text: string): string {
  const flat = text.replace(/`/g, 'ˋ').replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
}

function indent(json: string, prefix: string): string {
  return json.replace(/\n/g, `\n${prefix}`);
}
