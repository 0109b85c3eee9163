// Completion in mapping documents, by what the cursor is in: target attribute names (the document's declared target
// attributes, then the catalogue), source attribute names, expressions (functions as snippets, `[attribute]`s, enum
// words, DateAdd intervals), and the enum-valued properties.
import { completionContextAt, type Span } from '../expression';
import { findFunction, MAPPING_FUNCTION_CATALOG } from '../catalog/functions';
import { attributeMarkdown, describeAttributeShape, type AttributeInfo } from '../catalog/attributeInfo';
import { ATTRIBUTE_TYPES, FLOW_BEHAVIORS, FLOW_TYPES, MUTABILITIES, OBJECT_FLOW_TYPES, SCOPE_OPERATORS, SOURCE_TYPES, type EnumValue } from '../catalog/enums';
import { findDirectory, type MappingDocument, type ObjectMappingModel } from '../document/model';
import { locate, type DocumentLocation, type EnumProperty } from '../document/locate';
import type { MappingContext } from './context';
import { jsonStringContent } from './edits';
import { parseCached } from './expressionAnalysis';
import { functionMarkdown, functionSnippet } from './functionDocs';
import type { MappingCompletion } from './types';

export interface AnalysisState {
  text: string;
  doc: MappingDocument;
  contextOf(objectMapping: ObjectMappingModel): MappingContext;
}

export const ENUM_VALUES: Readonly<Record<EnumProperty, readonly EnumValue[]>> = {
  flowType: FLOW_TYPES,
  flowBehavior: FLOW_BEHAVIORS,
  sourceType: SOURCE_TYPES,
  attributeType: ATTRIBUTE_TYPES,
  mutability: MUTABILITIES,
  operatorName: SCOPE_OPERATORS,
  flowTypes: OBJECT_FLOW_TYPES,
};

const DATE_INTERVALS: readonly EnumValue[] = [
  { value: 'yyyy', description: 'Year' },
  { value: 'm', description: 'Month' },
  { value: 'd', description: 'Day' },
  { value: 'ww', description: 'Week' },
  { value: 'h', description: 'Hour' },
  { value: 'n', description: 'Minute' },
  { value: 's', description: 'Second' },
];

const pad = (n: number) => String(n).padStart(5, '0');

/** The range of a string literal's content (inside the quotes; to the end when the closing quote is missing). */
function contentRange(text: string, location: DocumentLocation): { start: number; end: number } {
  const node = location.node;
  const end = node.offset + node.length;
  const closed = node.length >= 2 && text.charCodeAt(end - 1) === 0x22;
  return { start: node.offset + 1, end: closed ? end - 1 : end };
}

function attributeItems(
  infos: readonly AttributeInfo[],
  range: { start: number; end: number },
  mapped?: ReadonlySet<string>,
  declaredObject = false,
): MappingCompletion[] {
  return infos.map((info, i) => {
    const already = mapped?.has(info.name) ?? false;
    const undeclared = declaredObject && !info.origin.startsWith('declared');
    const insertText = jsonStringContent(info.name);
    return {
      label: info.name,
      kind: 'attribute',
      detail: `${describeAttributeShape(info)}${already ? ' · already mapped' : ''}${undeclared ? ' · not declared in this document yet' : ''}`,
      documentation: attributeMarkdown(info),
      insertText,
      filterText: insertText,
      start: range.start,
      end: range.end,
      sortText: `${already ? '2' : info.origin.startsWith('declared') ? '0' : '1'}${pad(i)}`,
    };
  });
}

function enumItems(values: readonly EnumValue[], range: { start: number; end: number }, escape = true): MappingCompletion[] {
  return values.map((v, i) => ({
    label: v.value,
    kind: 'enumMember',
    documentation: v.description,
    insertText: escape ? jsonStringContent(v.value) : v.value,
    start: range.start,
    end: range.end,
    sortText: pad(i),
  }));
}

const CUSTOM_EXTENSION_SNIPPET = 'urn:ietf:params:scim:schemas:extension:${1:CustomExtensionName}:2.0:User:${2:attributeName}';

export function completions(state: AnalysisState, offset: number): MappingCompletion[] {
  const location = locate(state.doc, state.text, offset);
  if (!location) return [];
  const range = contentRange(state.text, location);
  switch (location.kind) {
    case 'targetAttributeName': {
      const context = state.contextOf(location.objectMapping);
      const mapped = new Set<string>();
      for (const m of location.objectMapping.attributeMappings) {
        if (m !== location.mapping && m.targetAttributeName) mapped.add(m.targetAttributeName.value);
      }
      const items = attributeItems(context.target.all(), range, mapped, context.target.isDeclared);
      items.push({
        label: 'urn:ietf:params:scim:schemas:extension:…:2.0:User:…',
        kind: 'snippet',
        detail: 'Custom SCIM extension attribute',
        documentation: 'A custom extension attribute of a non-gallery SCIM app: `urn:ietf:params:scim:schemas:extension:<name>:2.0:User:<attribute>`. Add it to the target object\'s attributes too.',
        insertText: CUSTOM_EXTENSION_SNIPPET,
        isSnippet: true,
        filterText: 'urn:ietf:params:scim:schemas:extension:',
        start: range.start,
        end: range.end,
        sortText: '3',
      });
      return items;
    }
    case 'sourceName': {
      const type = location.mapping.source?.type?.value ?? 'Attribute';
      if (type === 'Function') return functionItems(range, false);
      if (type === 'Constant') return [];
      return attributeItems(state.contextOf(location.objectMapping).source.all(), range);
    }
    case 'sourceOperandName':
      return attributeItems(
        state.contextOf(location.objectMapping).source.all().filter((a) => a.filterable),
        range,
      );
    case 'enum':
      return enumItems(ENUM_VALUES[location.property], range);
    case 'objectName': {
      const rule = location.objectMapping.rule;
      const directory = findDirectory(state.doc, (location.side === 'source' ? rule.sourceDirectoryName : rule.targetDirectoryName)?.value);
      return (directory?.objects ?? [])
        .filter((o) => o.name)
        .map((o, i) => ({
          label: o.name!.value,
          kind: 'value' as const,
          detail: `${o.attributes.length} attributes`,
          insertText: jsonStringContent(o.name!.value),
          start: range.start,
          end: range.end,
          sortText: pad(i),
        }));
    }
    case 'directoryName':
      return state.doc.directories
        .filter((d) => d.name)
        .map((d, i) => ({
          label: d.name!.value,
          kind: 'value' as const,
          detail: `${d.objects.length} objects`,
          insertText: jsonStringContent(d.name!.value),
          start: range.start,
          end: range.end,
          sortText: pad(i),
        }));
    case 'expression':
      return expressionCompletions(state, location as Extract<DocumentLocation, { kind: 'expression' }>);
    default:
      return [];
  }
}

function functionItems(range: { start: number; end: number }, asSnippet: boolean): MappingCompletion[] {
  return MAPPING_FUNCTION_CATALOG.map((info, i) => ({
    label: info.name,
    kind: 'function' as const,
    detail: `${info.signatures[0]!.label} → ${info.returns}`,
    documentation: functionMarkdown(info),
    insertText: asSnippet ? functionSnippet(info) : jsonStringContent(info.name),
    ...(asSnippet ? { isSnippet: true } : {}),
    start: range.start,
    end: range.end,
    // Cloud Sync-only functions last.
    sortText: `${info.availability === 'cloudSync' ? '8' : '5'}${pad(i)}`,
  }));
}

function expressionCompletions(state: AnalysisState, location: Extract<DocumentLocation, { kind: 'expression' }>): MappingCompletion[] {
  const { offsets, node } = location;
  const exprText = offsets.value;
  const parsed = parseCached(exprText).parsed;
  const context = completionContextAt(parsed, location.valueOffset);
  const toDoc = (span: Span) => ({ start: node.offset + offsets.toRaw(span.start), end: node.offset + offsets.toRaw(span.end) });
  const source = state.contextOf(location.objectMapping).source;
  const call = context.call;
  const parameter = call?.parameter;
  const enumWords = parameter?.kind === 'Enum' && parameter.enumValues ? parameter.enumValues : undefined;

  switch (context.kind) {
    case 'attribute': {
      const range = toDoc(context.replace);
      return source.all().map((info, i) => {
        const insertText = jsonStringContent(info.name) + (context.node.closed ? '' : ']');
        return {
          label: info.name,
          kind: 'attribute' as const,
          detail: describeAttributeShape(info),
          documentation: attributeMarkdown(info),
          insertText,
          filterText: jsonStringContent(info.name),
          start: range.start,
          end: range.end,
          sortText: `${info.origin.startsWith('declared') ? '0' : '1'}${pad(i)}`,
        };
      });
    }
    case 'name': {
      const range = toDoc(context.replace);
      // Typing the name of an existing call (`Coal|(…)`): complete the name only.
      const existingCall = exprText.slice(context.replace.end).trimStart().startsWith('(');
      const items = functionItems(range, !existingCall);
      if (enumWords) items.unshift(...enumItems(enumWords.map((value) => ({ value, description: parameter!.description })), range));
      return items;
    }
    case 'value': {
      const range = toDoc(context.replace);
      const items = functionItems(range, true);
      items.push(
        ...source.all().map((info, i) => ({
          label: `[${info.name}]`,
          kind: 'attribute' as const,
          detail: describeAttributeShape(info),
          documentation: attributeMarkdown(info),
          insertText: jsonStringContent(`[${info.name}]`),
          filterText: jsonStringContent(`[${info.name}]`),
          start: range.start,
          end: range.end,
          sortText: `${info.origin.startsWith('declared') ? '0' : '1'}${pad(i)}`,
        })),
      );
      if (enumWords) items.unshift(...enumItems(enumWords.map((value) => ({ value, description: parameter!.description })), range));
      if (parameter?.kind === 'Boolean' || parameter?.kind === 'Condition') {
        items.unshift(...['True', 'False'].map((v) => ({ label: `"${v}"`, kind: 'value' as const, insertText: jsonStringContent(`"${v}"`), start: range.start, end: range.end, sortText: '00' })));
      }
      return items;
    }
    case 'string': {
      // Inside a string constant: DateAdd / DateDiff intervals.
      const fn = call && findFunction(call.call.name);
      if (!fn || !(fn.name === 'DateAdd' || fn.name === 'DateDiff') || call.argumentIndex !== 0 || call.argument?.kind !== 'String') return [];
      const literal = call.argument;
      const inner = { start: literal.span.start + 1, end: literal.closed ? literal.span.end - 1 : literal.span.end };
      const range = toDoc(inner);
      return DATE_INTERVALS.map((v, i) => ({
        label: v.value,
        kind: 'enumMember' as const,
        documentation: v.description,
        insertText: jsonStringContent(v.value),
        start: range.start,
        end: range.end,
        sortText: pad(i),
      }));
    }
    default:
      return [];
  }
}
