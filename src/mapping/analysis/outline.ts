// Signature help inside expression calls, document symbols (directories → objects; rules → object mappings →
// attribute mappings) and folding ranges.
import { callContextAt } from '../expression';
import { signatureFor } from '../catalog/functions';
import { forEachNode, type JsonNode } from '../document/jsonTree';
import { locate, type DocumentLocation } from '../document/locate';
import type { AnalysisState } from './completion';
import { parseCached, truncate } from './expressionAnalysis';
import { parameterLabelOffsets } from './functionDocs';
import type { FoldingRange, MappingSignatureHelp, MappingSymbol } from './types';

export function signatureHelp(state: AnalysisState, offset: number): MappingSignatureHelp | undefined {
  const location = locate(state.doc, state.text, offset);
  if (location?.kind !== 'expression') return undefined;
  const { offsets } = location as Extract<DocumentLocation, { kind: 'expression' }>;
  const parsed = parseCached(offsets.value).parsed;
  const call = callContextAt(parsed.root, location.valueOffset);
  if (!call?.function) return undefined;
  const info = call.function;
  const signature = call.signature ?? signatureFor(info, call.call.args.length);
  const labelOffsets = parameterLabelOffsets(signature);
  const activeParameter = call.parameter ? signature.parameters.indexOf(call.parameter) : signature.parameters.length;
  return {
    label: signature.label,
    documentation: info.summary,
    parameters: signature.parameters.map((p, i) => ({
      ...labelOffsets[i]!,
      documentation: `\`${p.label}\` (${p.kind === 'Enum' && p.enumValues ? p.enumValues.join(' | ') : p.kind}${p.required ? '' : ', optional'}) — ${p.description}`,
    })),
    activeParameter: Math.max(0, activeParameter),
  };
}

const range = (node: JsonNode) => ({ start: node.offset, end: node.offset + node.length });

export function symbols(state: AnalysisState): MappingSymbol[] {
  const out: MappingSymbol[] = [];
  for (const directory of state.doc.directories) {
    const selection = directory.name?.node ?? directory.node;
    out.push({
      name: directory.name?.value ?? '(directory)',
      detail: `${directory.objects.length} objects`,
      kind: 'directory',
      ...range(directory.node),
      selectionStart: selection.offset,
      selectionEnd: selection.offset + selection.length,
      children: directory.objects.map((object) => {
        const sel = object.name?.node ?? object.node;
        return {
          name: object.name?.value ?? '(object)',
          detail: `${object.attributes.length} attributes`,
          kind: 'object' as const,
          ...range(object.node),
          selectionStart: sel.offset,
          selectionEnd: sel.offset + sel.length,
          children: [],
        };
      }),
    });
  }
  for (const rule of state.doc.rules) {
    const selection = rule.name?.node ?? rule.node;
    out.push({
      name: rule.name?.value ?? '(rule)',
      detail: `${rule.sourceDirectoryName?.value ?? '?'} → ${rule.targetDirectoryName?.value ?? '?'}`,
      kind: 'rule',
      ...range(rule.node),
      selectionStart: selection.offset,
      selectionEnd: selection.offset + selection.length,
      children: rule.objectMappings.map((om) => {
        const sel = om.name?.node ?? om.node;
        return {
          name: om.name?.value ?? '(object mapping)',
          detail: `${om.sourceObjectName?.value ?? '?'} → ${om.targetObjectName?.value ?? '?'}${om.enabled ? '' : ' (disabled)'}`,
          kind: 'objectMapping' as const,
          ...range(om.node),
          selectionStart: sel.offset,
          selectionEnd: sel.offset + sel.length,
          children: om.attributeMappings
            .filter((m) => m.node.type === 'object')
            .map((m) => {
              const s = m.targetAttributeName?.node ?? m.node;
              const source = m.source;
              const from = source?.expression?.value ?? source?.name?.value ?? (m.defaultValue !== undefined ? `default "${m.defaultValue}"` : 'no source');
              const matching = m.matchingPriority ? ` · matching ${m.matchingPriority}` : '';
              return {
                name: m.targetAttributeName?.value ?? '(attribute mapping)',
                detail: `← ${truncate(from, 80)}${matching}`,
                kind: 'attributeMapping' as const,
                ...range(m.node),
                selectionStart: s.offset,
                selectionEnd: s.offset + s.length,
                children: [],
              };
            }),
        };
      }),
    });
  }
  return out;
}

/** Objects and arrays that span more than one line: from the opening to the closing bracket. */
export function foldingRanges(state: AnalysisState): FoldingRange[] {
  const root = state.doc.root;
  if (!root) return [];
  const text = state.text;
  // Newline positions once, then a binary search per container (a minified document has none at all).
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const firstNewlineAtOrAfter = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < newlines.length ? newlines[lo]! : Infinity;
  };
  const out: FoldingRange[] = [];
  forEachNode(root, (node) => {
    if (node.type !== 'object' && node.type !== 'array') return;
    const end = node.offset + node.length - 1;
    if (firstNewlineAtOrAfter(node.offset) < end) out.push({ start: node.offset, end });
  });
  return out;
}

/** For tests and adapters: the expression location at an offset, if any (re-exported convenience). */
export function expressionAt(state: AnalysisState, offset: number): Extract<DocumentLocation, { kind: 'expression' }> | undefined {
  const location = locate(state.doc, state.text, offset);
  return location?.kind === 'expression' ? (location as Extract<DocumentLocation, { kind: 'expression' }>) : undefined;
}

