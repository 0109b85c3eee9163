// The schema a migration writes: the target template's default schema with the translated customizations applied.
// Changed mappings carry only the fields the admin changed, so everything else stays as the new template ships it.
import type { AttributeMapping, ObjectMapping, SynchronizationSchema } from '../graph/model';
import type { Customization, ObjectMappingRef } from './customizations';
import { matchObjectMapping } from './customizations';
import type { TranslatedCustomization } from './translate';

/** A copy of `schema` without Graph's `@odata.*` annotations (what GET adds and PUT does not want). */
export function cleanSchema(schema: SynchronizationSchema): SynchronizationSchema {
  const copy = structuredClone(schema) as SynchronizationSchema & Record<string, unknown>;
  for (const key of Object.keys(copy)) if (key.startsWith('@odata.')) delete copy[key];
  return copy;
}

/** `targetDefault` with every translated customization applied; `jobId` becomes the schema id when given. */
export function mergeSchema(targetDefault: SynchronizationSchema, translated: readonly TranslatedCustomization[], jobId?: string): SynchronizationSchema {
  const schema = cleanSchema(targetDefault);
  if (jobId) schema.id = jobId;
  // Definitions first (mappings may point at them), matching last (it needs the final list of mappings).
  const order = (c: Customization) => (c.kind === 'attributeAdded' ? 0 : c.kind === 'matching' ? 2 : 1);
  for (const item of [...translated].sort((a, b) => order(a.renamed) - order(b.renamed))) apply(schema, item.renamed);
  return schema;
}

function apply(schema: SynchronizationSchema, c: Customization): void {
  if (c.kind === 'attributeAdded') {
    const object = schema.directories.find((d) => d.name === c.directory)?.objects.find((o) => o.name === c.objectName);
    if (object && !object.attributes.some((a) => a.name.toLowerCase() === c.attribute.name.toLowerCase())) object.attributes.push(structuredClone(c.attribute));
    return;
  }
  const found = findObjectMapping(schema, c.object);
  if (!found) return;
  const { rule, mapping } = found;
  switch (c.kind) {
    case 'mappingAdded':
    case 'mappingChanged': {
      const existing = mapping.attributeMappings.find((m) => m.targetAttributeName === c.target);
      if (!existing) {
        mapping.attributeMappings.push({ ...structuredClone(c.mapping), targetAttributeName: c.target });
      } else if (c.kind === 'mappingAdded') {
        Object.assign(existing, { ...structuredClone(c.mapping), targetAttributeName: c.target, matchingPriority: existing.matchingPriority });
      } else {
        for (const field of c.fields) (existing as unknown as Record<string, unknown>)[field] = structuredClone((c.mapping as unknown as Record<string, unknown>)[field]);
      }
      return;
    }
    case 'mappingRemoved':
      mapping.attributeMappings = mapping.attributeMappings.filter((m) => m.targetAttributeName !== c.target);
      return;
    case 'scope':
      mapping.scope = structuredClone(c.after);
      return;
    case 'enabled':
      mapping.enabled = c.after;
      return;
    case 'flowTypes':
      mapping.flowTypes = c.after;
      return;
    case 'objectMappingRemoved':
      rule.objectMappings = rule.objectMappings.filter((m) => m !== mapping);
      return;
    case 'matching': {
      // The job's matching precedence as a whole: its attributes in its order, nothing else matches.
      const wanted = new Map(c.after.map((e) => [e.target, e.priority]));
      for (const m of mapping.attributeMappings as AttributeMapping[]) m.matchingPriority = wanted.get(m.targetAttributeName) ?? 0;
      return;
    }
    case 'objectMappingAdded':
      return; // reported as not transferable, never applied
  }
}

function findObjectMapping(schema: SynchronizationSchema, ref: ObjectMappingRef): { rule: SynchronizationSchema['synchronizationRules'][number]; mapping: ObjectMapping } | undefined {
  const rule = schema.synchronizationRules.find((r) => r.targetDirectoryName === ref.targetDirectory);
  const mapping = rule ? matchObjectMapping(ref, rule.objectMappings) : undefined;
  return rule && mapping ? { rule, mapping } : undefined;
}
