// "What is at this offset" in a mapping document: which value the cursor is in (a target attribute name, a source
// attribute, an expression — with the cursor's offset inside the expression text —, an enum-valued property, a
// scoping clause operand, a directory or object name), with the model parts around it.
import { mapJsonStringOffsets, type JsonStringOffsets } from '../expression/jsonOffsets';
import { nodeAtOffset, pathOf, type JsonNode } from './jsonTree';
import type {
  AttributeMappingModel,
  DirectoryModel,
  MappingDocument,
  ObjectDefinitionModel,
  ObjectMappingModel,
  RuleModel,
  ScopeClauseModel,
} from './model';

/** Properties whose values come from a fixed list. */
export type EnumProperty = 'flowType' | 'flowBehavior' | 'sourceType' | 'attributeType' | 'mutability' | 'operatorName' | 'flowTypes';

interface InString {
  /** The string literal (quotes included; the closing one may be missing). */
  node: JsonNode;
  /** The decoded value and offset conversions. */
  offsets: JsonStringOffsets;
  /** The cursor inside the decoded value. */
  valueOffset: number;
}

export type DocumentLocation =
  | ({ kind: 'targetAttributeName'; objectMapping: ObjectMappingModel; mapping: AttributeMappingModel } & InString)
  | ({ kind: 'sourceName'; objectMapping: ObjectMappingModel; mapping: AttributeMappingModel } & InString)
  | ({ kind: 'expression'; objectMapping: ObjectMappingModel; mapping: AttributeMappingModel } & InString)
  | ({ kind: 'enum'; property: EnumProperty; objectMapping: ObjectMappingModel | undefined; clause: ScopeClauseModel | undefined } & InString)
  | ({ kind: 'sourceOperandName'; objectMapping: ObjectMappingModel; clause: ScopeClauseModel } & InString)
  | ({ kind: 'objectName'; side: 'source' | 'target'; objectMapping: ObjectMappingModel } & InString)
  | ({ kind: 'directoryName'; side: 'source' | 'target'; rule: RuleModel } & InString)
  | ({ kind: 'definitionName'; directory: DirectoryModel; object: ObjectDefinitionModel | undefined } & InString);

/** Whether `offset` is inside the string literal `node` (after the opening quote, up to before the closing one). */
export function isInsideString(text: string, node: JsonNode, offset: number): boolean {
  if (node.type !== 'string' || offset <= node.offset) return false;
  const end = node.offset + node.length;
  const closed = node.length >= 2 && text.charCodeAt(end - 1) === 0x22 && !isEscapedQuote(text, end - 1, node.offset);
  return closed ? offset < end : offset <= end;
}

function isEscapedQuote(text: string, quoteOffset: number, literalStart: number): boolean {
  let backslashes = 0;
  for (let i = quoteOffset - 1; i > literalStart && text.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** The string value the cursor is in, classified; undefined anywhere else. */
export function locate(doc: MappingDocument, text: string, offset: number): DocumentLocation | undefined {
  const node = nodeAtOffset(doc.root, offset);
  if (!node || node.type !== 'string' || !isInsideString(text, node, offset)) return undefined;
  const property = node.parent;
  // Only property values (not keys) carry meaning here.
  if (property?.type !== 'property' || property.children![1] !== node) return undefined;
  const path = pathOf(node);
  const offsets = mapJsonStringOffsets(text.slice(node.offset, node.offset + node.length));
  const inString: InString = { node, offsets, valueOffset: offsets.toValue(offset - node.offset) };
  const key = path[path.length - 1];

  if (path[0] === 'directories' && typeof path[1] === 'number') {
    const directory = doc.directories[path[1]];
    if (!directory) return undefined;
    const object = path[2] === 'objects' && typeof path[3] === 'number' ? directory.objects[path[3]] : undefined;
    if (path.length === 7 && path[4] === 'attributes' && typeof path[5] === 'number') {
      if (key === 'type') return { kind: 'enum', property: 'attributeType', objectMapping: undefined, clause: undefined, ...inString };
      if (key === 'mutability') return { kind: 'enum', property: 'mutability', objectMapping: undefined, clause: undefined, ...inString };
      if (key === 'name') return { kind: 'definitionName', directory, object, ...inString };
    }
    return undefined;
  }

  if (path[0] !== 'synchronizationRules' || typeof path[1] !== 'number') return undefined;
  const rule = doc.rules[path[1]];
  if (!rule) return undefined;
  if (path.length === 3) {
    if (key === 'sourceDirectoryName') return { kind: 'directoryName', side: 'source', rule, ...inString };
    if (key === 'targetDirectoryName') return { kind: 'directoryName', side: 'target', rule, ...inString };
    return undefined;
  }
  if (path[2] !== 'objectMappings' || typeof path[3] !== 'number') return undefined;
  const objectMapping = rule.objectMappings[path[3]];
  if (!objectMapping) return undefined;
  if (path.length === 5) {
    if (key === 'sourceObjectName') return { kind: 'objectName', side: 'source', objectMapping, ...inString };
    if (key === 'targetObjectName') return { kind: 'objectName', side: 'target', objectMapping, ...inString };
    if (key === 'flowTypes') return { kind: 'enum', property: 'flowTypes', objectMapping, clause: undefined, ...inString };
    return undefined;
  }
  if (path[4] === 'attributeMappings' && typeof path[5] === 'number') {
    const mapping = objectMapping.attributeMappings[path[5]];
    if (!mapping) return undefined;
    if (path.length === 7) {
      if (key === 'targetAttributeName') return { kind: 'targetAttributeName', objectMapping, mapping, ...inString };
      if (key === 'flowType') return { kind: 'enum', property: 'flowType', objectMapping, clause: undefined, ...inString };
      if (key === 'flowBehavior') return { kind: 'enum', property: 'flowBehavior', objectMapping, clause: undefined, ...inString };
      return undefined;
    }
    if (path[6] === 'source') {
      // Nested parameter sources carry `type` too; only the root source's name and expression are edited by hand.
      if (key === 'type') return { kind: 'enum', property: 'sourceType', objectMapping, clause: undefined, ...inString };
      if (path.length !== 8) return undefined;
      if (key === 'expression') return { kind: 'expression', objectMapping, mapping, ...inString };
      if (key === 'name') return { kind: 'sourceName', objectMapping, mapping, ...inString };
    }
    return undefined;
  }
  if (path[4] === 'scope' && typeof path[6] === 'number' && path[7] === 'clauses' && typeof path[8] === 'number' && path.length === 10) {
    const group = objectMapping.scopeGroups.find((g) => g.set === path[5] && g.node === nodeOfIndex(objectMapping, g, path[6] as number));
    const clause = group?.clauses[path[8]];
    if (!clause) return undefined;
    if (key === 'operatorName') return { kind: 'enum', property: 'operatorName', objectMapping, clause, ...inString };
    if (key === 'sourceOperandName') return { kind: 'sourceOperandName', objectMapping, clause, ...inString };
  }
  return undefined;
}

/** The group node at `index` of the group's own set (groups of different sets share one list in the model). */
function nodeOfIndex(objectMapping: ObjectMappingModel, group: { set: string }, index: number): JsonNode | undefined {
  return objectMapping.scopeGroups.filter((g) => g.set === group.set)[index]?.node;
}
