// The read-only Schema branch of a job: synchronization rules → object mappings → attribute mappings, with the text
// an admin recognises from the portal's "Attribute mapping" page (target ← source expression, matching precedence,
// "apply this mapping" setting).
import type { AttributeMapping, AttributeMappingSource, ObjectMapping, SynchronizationSchema } from '../../graph/model';
import { escapeMarkdown, markdownCode } from '../format';
import type { AttributeMappingNode, ObjectMappingNode, RuleNode } from './nodes';

export function ruleNodes(schemaNodeId: string, accountId: string, schema: SynchronizationSchema): RuleNode[] {
  return [...schema.synchronizationRules]
    .sort((a, b) => a.priority - b.priority)
    .map((rule) => ({
      kind: 'rule',
      id: `${schemaNodeId}/rule/${rule.id}`,
      parentId: schemaNodeId,
      accountId,
      rule,
      label: rule.name || rule.id,
      description: `${rule.sourceDirectoryName} → ${rule.targetDirectoryName}`,
    }));
}

export function objectMappingNodes(rule: RuleNode): ObjectMappingNode[] {
  return rule.rule.objectMappings.map((mapping, index) => ({
    kind: 'objectMapping',
    id: `${rule.id}/object/${index}`,
    parentId: rule.id,
    accountId: rule.accountId,
    mapping,
    label: mapping.name || `${mapping.sourceObjectName} → ${mapping.targetObjectName}`,
    description: [`${mapping.sourceObjectName} → ${mapping.targetObjectName}`, mapping.enabled ? undefined : 'disabled']
      .filter(Boolean)
      .join(' · '),
    tooltipMarkdown: objectMappingTooltip(mapping),
  }));
}

export function attributeMappingNodes(object: ObjectMappingNode): AttributeMappingNode[] {
  return object.mapping.attributeMappings.map((mapping, index) => ({
    kind: 'attributeMapping',
    id: `${object.id}/attribute/${index}`,
    parentId: object.id,
    accountId: object.accountId,
    mapping,
    label: mapping.targetAttributeName,
    description: attributeMappingDescription(mapping),
    tooltipMarkdown: attributeMappingTooltip(mapping),
  }));
}

/** The source as the portal prints it: `[mail]`, `"constant"`, `Coalesce([mail], [userPrincipalName])`. */
export function describeMappingSource(source: AttributeMappingSource | null): string {
  if (!source) return '(no source)';
  if (source.expression) return source.expression;
  if (source.type === 'Attribute') return `[${source.name ?? ''}]`;
  if (source.type === 'Constant') return JSON.stringify(source.name ?? '');
  const args = source.parameters.map((p) => describeMappingSource(p.value));
  return `${source.name ?? ''}(${args.join(', ')})`;
}

function attributeMappingDescription(mapping: AttributeMapping): string {
  const parts = [`← ${describeMappingSource(mapping.source)}`];
  if (mapping.matchingPriority > 0) parts.push(`matching #${mapping.matchingPriority}`);
  if (mapping.flowType === 'ObjectAddOnly') parts.push('on create only');
  return parts.join(' · ');
}

const FLOW_TYPE_TEXT: Record<AttributeMapping['flowType'], string> = {
  Always: 'Always',
  ObjectAddOnly: 'Only during object creation',
  MultiValueAddOnly: 'Add values only (multi-valued)',
  ValueAddOnly: 'Only when the target has no value',
  AttributeAddOnly: 'Only when the target attribute is empty',
};

function attributeMappingTooltip(mapping: AttributeMapping): string {
  const lines = [
    `**${escapeMarkdown(mapping.targetAttributeName)}** ← ${markdownCode(describeMappingSource(mapping.source))}`,
    '',
    `- Mapping type: ${mapping.source?.type ?? 'none'}`,
    `- Apply this mapping: ${FLOW_TYPE_TEXT[mapping.flowType] ?? mapping.flowType}`,
    `- Match objects using this attribute: ${mapping.matchingPriority > 0 ? `yes (precedence ${mapping.matchingPriority})` : 'no'}`,
  ];
  if (mapping.defaultValue) lines.push(`- Default value if null: ${markdownCode(mapping.defaultValue)}`);
  return lines.join('\n');
}

function objectMappingTooltip(mapping: ObjectMapping): string {
  const scoped = (mapping.scope?.groups.length ?? 0) > 0;
  return [
    `**${escapeMarkdown(mapping.name)}**`,
    '',
    `- ${escapeMarkdown(mapping.sourceObjectName)} → ${escapeMarkdown(mapping.targetObjectName)}`,
    `- Enabled: ${mapping.enabled ? 'yes' : 'no'}`,
    `- Target object actions: ${escapeMarkdown(mapping.flowTypes)}`,
    `- Attribute mappings: ${mapping.attributeMappings.length}`,
    `- Scoping filter: ${scoped ? `${mapping.scope!.groups.length} group(s) of clauses` : 'none (all assigned objects)'}`,
  ].join('\n');
}

