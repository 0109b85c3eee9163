// attributeDefinition / objectDefinition builders. The emitted shape is exactly that of the docs' schema JSON
// (example-schema.json): anchor, caseExact, defaultValue, metadata, multivalued, mutability, name, referencedObjects,
// required, type — with the optional apiExpressions / flowNullValues left out, as Graph's examples do.
import type { AttributeDefinition, AttributeType, MetadataEntry, Mutability, ObjectDefinition } from '../../../graph/model';

export interface AttributeOptions {
  type?: AttributeType;
  multivalued?: boolean;
  mutability?: Mutability;
  required?: boolean;
  anchor?: boolean;
  caseExact?: boolean;
  /** Object names a Reference attribute points to (manager → User; members → User, Group). */
  references?: string[];
  metadata?: MetadataEntry[];
}

export function attr(name: string, options: AttributeOptions = {}): AttributeDefinition {
  return {
    anchor: options.anchor ?? false,
    caseExact: options.caseExact ?? false,
    defaultValue: null,
    metadata: options.metadata ?? [],
    multivalued: options.multivalued ?? false,
    mutability: options.mutability ?? 'ReadWrite',
    name,
    // referencedProperty is "not supported" and always null (graph-synchronization.md §4.2).
    referencedObjects: (options.references ?? []).map((referencedObjectName) => ({ referencedObjectName, referencedProperty: null })),
    required: options.required ?? false,
    type: options.type ?? 'String',
  };
}

/** Shorthands for the common cases. */
export const str = (name: string, options: Omit<AttributeOptions, 'type'> = {}) => attr(name, { ...options, type: 'String' });
export const bool = (name: string, options: Omit<AttributeOptions, 'type'> = {}) => attr(name, { ...options, type: 'Boolean' });
export const int = (name: string, options: Omit<AttributeOptions, 'type'> = {}) => attr(name, { ...options, type: 'Integer' });
export const ref = (name: string, references: string[], options: Omit<AttributeOptions, 'type' | 'references'> = {}) =>
  attr(name, { ...options, type: 'Reference', references });

export function objectDefinition(
  name: string,
  attributes: AttributeDefinition[],
  metadata: MetadataEntry[] = [],
  supportedApis: string[] = [],
): ObjectDefinition {
  return { name, attributes, metadata, supportedApis };
}

export function meta(entries: Record<string, string>): MetadataEntry[] {
  return Object.entries(entries).map(([key, value]) => ({ key, value }));
}
