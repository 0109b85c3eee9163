// Hover in mapping documents: functions, attributes and enum words inside expressions; target and source attribute
// names; enum-valued properties; directory and object names.
import { callContextAt, nodeAt } from '../expression';
import { findFunction, findFunctionIgnoringCase } from '../catalog/functions';
import { attributeMarkdown } from '../catalog/attributeInfo';
import { anyTargetAttribute } from '../catalog/targetAttributes';
import { findDirectory, findObject } from '../document/model';
import { locate, type DocumentLocation } from '../document/locate';
import { ENUM_VALUES, type AnalysisState } from './completion';
import { parseCached } from './expressionAnalysis';
import { functionMarkdown } from './functionDocs';
import type { MappingHover } from './types';

function stringRange(location: DocumentLocation): { start: number; end: number } {
  return { start: location.node.offset, end: location.node.offset + location.node.length };
}

export function hover(state: AnalysisState, offset: number): MappingHover | undefined {
  const location = locate(state.doc, state.text, offset);
  if (!location) return undefined;
  const value = location.offsets.value;
  switch (location.kind) {
    case 'expression':
      return expressionHover(state, location as Extract<DocumentLocation, { kind: 'expression' }>);
    case 'targetAttributeName': {
      const context = state.contextOf(location.objectMapping);
      const info = context.target.knowledge(value) ?? anyTargetAttribute(value);
      const markdown = info ? attributeMarkdown(info) : `**${value}** — not a known attribute of ${context.target.label}`;
      return { markdown, ...stringRange(location) };
    }
    case 'sourceName':
    case 'sourceOperandName': {
      if (location.kind === 'sourceName' && location.mapping.source?.type?.value === 'Function') {
        const info = findFunction(value);
        return info ? { markdown: functionMarkdown(info), ...stringRange(location) } : undefined;
      }
      if (location.kind === 'sourceName' && location.mapping.source?.type?.value === 'Constant') return undefined;
      const context = state.contextOf(location.objectMapping);
      const info = context.source.knowledge(value);
      const markdown = info ? attributeMarkdown(info) : `**${value}** — not a known attribute of ${context.source.label}`;
      return { markdown, ...stringRange(location) };
    }
    case 'enum': {
      const entry = ENUM_VALUES[location.property].find((v) => v.value === value);
      if (!entry) return undefined;
      const extra = location.property === 'operatorName' && 'arity' in entry ? ` _(${String(entry.arity).toLowerCase()})_` : '';
      return { markdown: `**${entry.value}**${extra} — ${entry.description}`, ...stringRange(location) };
    }
    case 'objectName': {
      const rule = location.objectMapping.rule;
      const directory = findDirectory(state.doc, (location.side === 'source' ? rule.sourceDirectoryName : rule.targetDirectoryName)?.value);
      const object = findObject(directory, value);
      if (!object) return undefined;
      return { markdown: `**${value}** — ${location.side} object in ${directory?.name?.value ?? '?'}, ${object.attributes.length} attributes`, ...stringRange(location) };
    }
    case 'directoryName': {
      const directory = findDirectory(state.doc, value);
      if (!directory) return undefined;
      return {
        markdown: `**${value}** — ${location.side} directory with objects ${directory.objects.map((o) => `\`${o.name?.value ?? '?'}\``).join(', ')}`,
        ...stringRange(location),
      };
    }
    default:
      return undefined;
  }
}

function expressionHover(state: AnalysisState, location: Extract<DocumentLocation, { kind: 'expression' }>): MappingHover | undefined {
  const { offsets, node } = location;
  const parsed = parseCached(offsets.value).parsed;
  const target = nodeAt(parsed.root, location.valueOffset);
  if (!target) return undefined;
  const range = (start: number, end: number) => ({ start: node.offset + offsets.toRaw(start), end: node.offset + offsets.toRaw(end) });
  switch (target.kind) {
    case 'Call': {
      if (location.valueOffset > target.nameSpan.end) return undefined;
      const info = findFunction(target.name) ?? findFunctionIgnoringCase(target.name);
      if (!info) return { markdown: `**${target.name}** — unknown function`, ...range(target.nameSpan.start, target.nameSpan.end) };
      return { markdown: functionMarkdown(info), ...range(target.nameSpan.start, target.nameSpan.end) };
    }
    case 'Attribute': {
      const context = state.contextOf(location.objectMapping);
      const info = context.source.knowledge(target.name);
      const markdown = info ? attributeMarkdown(info) : `**[${target.name}]** — not a known attribute of ${context.source.label}`;
      return { markdown, ...range(target.span.start, target.span.end) };
    }
    case 'BareWord': {
      const call = callContextAt(parsed.root, target.span.start);
      const parameter = call?.parameter;
      if (parameter?.kind !== 'Enum') return undefined;
      return { markdown: `**${target.name}** — ${call!.function!.name} \`${parameter.label}\`: ${parameter.description}`, ...range(target.span.start, target.span.end) };
    }
    default:
      return undefined;
  }
}
