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

/** One outline entry: it spans `node`, and its name (`nameNode`, else the whole node) is what the editor selects. */
function symbol(
  kind: MappingSymbol['kind'],
  name: string,
  detail: string,
  node: JsonNode,
  nameNode: JsonNode | undefined,
  children: MappingSymbol[] = [],
): MappingSymbol {
  const selection = nameNode ?? node;
  return {
    name,
    detail,
    kind,
    start: node.offset,
    end: node.offset + node.length,
    selectionStart: selection.offset,
    selectionEnd: selection.offset + selection.length,
    children,
  };
}

export function symbols(state: AnalysisState): MappingSymbol[] {
  const out: MappingSymbol[] = [];
  for (const directory of state.doc.directories) {
    const objects = directory.objects.map((object) =>
      symbol('object', object.name?.value ?? '(object)', `${object.attributes.length} attributes`, object.node, object.name?.node),
    );
    out.push(symbol('directory', directory.name?.value ?? '(directory)', `${directory.objects.length} objects`, directory.node, directory.name?.node, objects));
  }
  for (const rule of state.doc.rules) {
    const objectMappings = rule.objectMappings.map((om) => {
      const attributeMappings = om.attributeMappings
        .filter((m) => m.node.type === 'object')
        .map((m) => {
          const source = m.source;
          const from = source?.expression?.value ?? source?.name?.value ?? (m.defaultValue !== undefined ? `default "${m.defaultValue}"` : 'no source');
          const matching = m.matchingPriority ? ` · matching ${m.matchingPriority}` : '';
          return symbol('attributeMapping', m.targetAttributeName?.value ?? '(attribute mapping)', `← ${truncate(from, 80)}${matching}`, m.node, m.targetAttributeName?.node);
        });
      const detail = `${om.sourceObjectName?.value ?? '?'} → ${om.targetObjectName?.value ?? '?'}${om.enabled ? '' : ' (disabled)'}`;
      return symbol('objectMapping', om.name?.value ?? '(object mapping)', detail, om.node, om.name?.node, attributeMappings);
    });
    const detail = `${rule.sourceDirectoryName?.value ?? '?'} → ${rule.targetDirectoryName?.value ?? '?'}`;
    out.push(symbol('rule', rule.name?.value ?? '(rule)', detail, rule.node, rule.name?.node, objectMappings));
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

