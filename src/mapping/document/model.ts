// The synchronizationSchema document as the editor sees it (graph-synchronization.md §4.2): directories → objects →
// attributes, and rules → object mappings → attribute mappings / scoping clauses, every part holding the JSON nodes it
// came from, so offsets are always current (an incremental re-parse moves nodes, not models). Built from a JsonTree;
// tolerant of anything (missing or mistyped properties are simply undefined).
import { arrayProperty, propertyValue, type JsonNode, type JsonTree } from './jsonTree';

/** A string-valued property: its decoded value and the string literal node (quotes included). */
export interface StringProp {
  value: string;
  node: JsonNode;
}

function stringProp(object: JsonNode | undefined, key: string): StringProp | undefined {
  const node = propertyValue(object, key);
  return node?.type === 'string' ? { value: node.value as string, node } : undefined;
}

function booleanProp(object: JsonNode | undefined, key: string): boolean | undefined {
  const node = propertyValue(object, key);
  return node?.type === 'boolean' ? (node.value as boolean) : undefined;
}

export interface AttributeDefinitionModel {
  node: JsonNode;
  name: StringProp | undefined;
  type: StringProp | undefined;
  mutability: StringProp | undefined;
  multivalued: boolean | undefined;
  required: boolean | undefined;
  anchor: boolean | undefined;
  caseExact: boolean | undefined;
}

export interface ObjectDefinitionModel {
  node: JsonNode;
  name: StringProp | undefined;
  /** The `attributes` array node, when present. */
  attributesNode: JsonNode | undefined;
  attributes: AttributeDefinitionModel[];
}

export interface DirectoryModel {
  node: JsonNode;
  name: StringProp | undefined;
  objects: ObjectDefinitionModel[];
}

export interface MappingSourceModel {
  node: JsonNode;
  type: StringProp | undefined;
  name: StringProp | undefined;
  expression: StringProp | undefined;
  /** The `parameters` array node (nested sources), when present. */
  parametersNode: JsonNode | undefined;
}

export interface AttributeMappingModel {
  node: JsonNode;
  targetAttributeName: StringProp | undefined;
  /** The `source` value node: an object, `null`, or anything else the user typed. */
  sourceNode: JsonNode | undefined;
  source: MappingSourceModel | undefined;
  flowType: StringProp | undefined;
  flowBehavior: StringProp | undefined;
  /** The number, when `matchingPriority` is a number. */
  matchingPriority: number | undefined;
  matchingPriorityNode: JsonNode | undefined;
  /** `defaultValue` when it is a non-empty string. */
  defaultValue: string | undefined;
}

export interface ScopeClauseModel {
  node: JsonNode;
  operatorName: StringProp | undefined;
  sourceOperandName: StringProp | undefined;
  /** The `targetOperand` value node (object or null), when present. */
  targetOperandNode: JsonNode | undefined;
  /** `targetOperand.values`, when it is an array. */
  values: JsonNode[] | undefined;
  valuesNode: JsonNode | undefined;
}

export type FilterGroupSet = 'groups' | 'inputFilterGroups' | 'categoryFilterGroups';

export interface ScopeGroupModel {
  node: JsonNode;
  set: FilterGroupSet;
  name: StringProp | undefined;
  clauses: ScopeClauseModel[];
}

export interface ObjectMappingModel {
  node: JsonNode;
  rule: RuleModel;
  name: StringProp | undefined;
  sourceObjectName: StringProp | undefined;
  targetObjectName: StringProp | undefined;
  /** `enabled` unless it is literally false. */
  enabled: boolean;
  attributeMappingsNode: JsonNode | undefined;
  /** One per element of `attributeMappings` (same indices), objects or not. */
  attributeMappings: AttributeMappingModel[];
  scopeGroups: ScopeGroupModel[];
}

export interface RuleModel {
  node: JsonNode;
  name: StringProp | undefined;
  id: StringProp | undefined;
  sourceDirectoryName: StringProp | undefined;
  targetDirectoryName: StringProp | undefined;
  objectMappings: ObjectMappingModel[];
}

export interface MappingDocument {
  root: JsonNode | undefined;
  /** Schema `id` (job schemas carry the job id, e.g. `FacebookWorkplace.…`). */
  id: string | undefined;
  version: string | undefined;
  directoriesNode: JsonNode | undefined;
  directories: DirectoryModel[];
  rulesNode: JsonNode | undefined;
  rules: RuleModel[];
}

// ---- building -------------------------------------------------------------------------------------------------------

export function buildAttributeDefinition(node: JsonNode): AttributeDefinitionModel {
  return {
    node,
    name: stringProp(node, 'name'),
    type: stringProp(node, 'type'),
    mutability: stringProp(node, 'mutability'),
    multivalued: booleanProp(node, 'multivalued'),
    required: booleanProp(node, 'required'),
    anchor: booleanProp(node, 'anchor'),
    caseExact: booleanProp(node, 'caseExact'),
  };
}

function buildDirectory(node: JsonNode): DirectoryModel {
  return {
    node,
    name: stringProp(node, 'name'),
    objects: arrayProperty(node, 'objects').map((object) => {
      const attributesNode = propertyValue(object, 'attributes');
      return {
        node: object,
        name: stringProp(object, 'name'),
        attributesNode: attributesNode?.type === 'array' ? attributesNode : undefined,
        attributes: arrayProperty(object, 'attributes').map(buildAttributeDefinition),
      };
    }),
  };
}

export function buildAttributeMapping(node: JsonNode): AttributeMappingModel {
  const sourceNode = propertyValue(node, 'source');
  const source: MappingSourceModel | undefined =
    sourceNode?.type === 'object'
      ? {
          node: sourceNode,
          type: stringProp(sourceNode, 'type'),
          name: stringProp(sourceNode, 'name'),
          expression: stringProp(sourceNode, 'expression'),
          parametersNode: propertyValue(sourceNode, 'parameters'),
        }
      : undefined;
  const priorityNode = propertyValue(node, 'matchingPriority');
  const defaultNode = propertyValue(node, 'defaultValue');
  return {
    node,
    targetAttributeName: stringProp(node, 'targetAttributeName'),
    sourceNode,
    source,
    flowType: stringProp(node, 'flowType'),
    flowBehavior: stringProp(node, 'flowBehavior'),
    matchingPriority: priorityNode?.type === 'number' ? (priorityNode.value as number) : undefined,
    matchingPriorityNode: priorityNode,
    defaultValue: defaultNode?.type === 'string' && defaultNode.value !== '' ? (defaultNode.value as string) : undefined,
  };
}

function buildScopeGroups(scope: JsonNode | undefined): ScopeGroupModel[] {
  if (scope?.type !== 'object') return [];
  const groups: ScopeGroupModel[] = [];
  for (const set of ['groups', 'inputFilterGroups', 'categoryFilterGroups'] as const) {
    for (const group of arrayProperty(scope, set)) {
      groups.push({
        node: group,
        set,
        name: stringProp(group, 'name'),
        clauses: arrayProperty(group, 'clauses').map((clause) => {
          const targetOperandNode = propertyValue(clause, 'targetOperand');
          const valuesNode = propertyValue(targetOperandNode, 'values');
          return {
            node: clause,
            operatorName: stringProp(clause, 'operatorName'),
            sourceOperandName: stringProp(clause, 'sourceOperandName'),
            targetOperandNode,
            values: valuesNode?.type === 'array' ? valuesNode.children! : undefined,
            valuesNode: valuesNode?.type === 'array' ? valuesNode : undefined,
          };
        }),
      });
    }
  }
  return groups;
}

export function buildObjectMapping(node: JsonNode, rule: RuleModel): ObjectMappingModel {
  const attributeMappingsNode = propertyValue(node, 'attributeMappings');
  return {
    node,
    rule,
    name: stringProp(node, 'name'),
    sourceObjectName: stringProp(node, 'sourceObjectName'),
    targetObjectName: stringProp(node, 'targetObjectName'),
    enabled: booleanProp(node, 'enabled') !== false,
    attributeMappingsNode: attributeMappingsNode?.type === 'array' ? attributeMappingsNode : undefined,
    attributeMappings: arrayProperty(node, 'attributeMappings').map(buildAttributeMapping),
    scopeGroups: buildScopeGroups(propertyValue(node, 'scope')),
  };
}

function buildRule(node: JsonNode): RuleModel {
  const rule: RuleModel = {
    node,
    name: stringProp(node, 'name'),
    id: stringProp(node, 'id'),
    sourceDirectoryName: stringProp(node, 'sourceDirectoryName'),
    targetDirectoryName: stringProp(node, 'targetDirectoryName'),
    objectMappings: [],
  };
  rule.objectMappings = arrayProperty(node, 'objectMappings').map((om) => buildObjectMapping(om, rule));
  return rule;
}

export function buildDocument(tree: JsonTree): MappingDocument {
  const root = tree.root?.type === 'object' ? tree.root : undefined;
  const directoriesNode = propertyValue(root, 'directories');
  const rulesNode = propertyValue(root, 'synchronizationRules');
  return {
    root: tree.root,
    id: stringProp(root, 'id')?.value,
    version: stringProp(root, 'version')?.value,
    directoriesNode,
    directories: arrayProperty(root, 'directories').map(buildDirectory),
    rulesNode,
    rules: arrayProperty(root, 'synchronizationRules').map(buildRule),
  };
}

// ---- lookups --------------------------------------------------------------------------------------------------------

export function findDirectory(doc: MappingDocument, name: string | undefined): DirectoryModel | undefined {
  if (name === undefined) return undefined;
  return doc.directories.find((d) => d.name?.value === name);
}

export function findObject(directory: DirectoryModel | undefined, name: string | undefined): ObjectDefinitionModel | undefined {
  if (!directory || name === undefined) return undefined;
  return directory.objects.find((o) => o.name?.value === name);
}

/** The attribute mapping model whose object node is `node`, found through the model's arrays. */
export function attributeMappingAt(
  doc: MappingDocument,
  ruleIndex: number,
  objectMappingIndex: number,
  mappingIndex: number,
): { objectMapping: ObjectMappingModel; mapping: AttributeMappingModel } | undefined {
  const objectMapping = doc.rules[ruleIndex]?.objectMappings[objectMappingIndex];
  const mapping = objectMapping?.attributeMappings[mappingIndex];
  return objectMapping && mapping ? { objectMapping, mapping } : undefined;
}
