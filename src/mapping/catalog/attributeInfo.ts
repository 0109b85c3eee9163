// What the editor knows about an attribute, whether it comes from a catalogue (Entra source attributes, SCIM / Workplace
// target attributes) or from the document's own `directories`. Shapes follow Graph's attributeDefinition
// (graph-synchronization.md §4.2) plus what completion and lint need: a description and whether the attribute can be
// filtered on (a matching attribute is looked up with `GET /Users?filter=<attribute> eq "…"`; a scoping filter
// evaluates it).
import type { AttributeType, Mutability } from '../../graph/model';

export interface AttributeInfo {
  name: string;
  type: AttributeType;
  multivalued: boolean;
  mutability: Mutability;
  required: boolean;
  anchor: boolean;
  caseExact: boolean;
  /**
   * Target attributes: the target can filter on it, so it can be a matching attribute. Source attributes: it can be
   * used in a scoping filter clause.
   */
  filterable: boolean;
  /** Markdown, one or two sentences. */
  description: string;
  /** Where the definition comes from, shown in completion details: "SCIM 2.0 core User", "this document", … */
  origin: string;
  /** Reference attributes: the objects they point to. */
  references?: readonly string[];
}

export interface AttributeSpec {
  type?: AttributeType;
  multivalued?: boolean;
  mutability?: Mutability;
  required?: boolean;
  anchor?: boolean;
  caseExact?: boolean;
  filterable?: boolean;
  references?: readonly string[];
}

/**
 * Filterability when nothing more specific is known: single-valued, not a reference, not binary, readable. (Graph's
 * attributeDefinition has no such flag; these are the attributes a SCIM `eq` filter or a scoping clause can compare.)
 */
export function defaultFilterable(spec: Pick<AttributeInfo, 'type' | 'multivalued' | 'mutability'>): boolean {
  return !spec.multivalued && spec.type !== 'Reference' && spec.type !== 'Binary' && spec.mutability !== 'WriteOnly';
}

export function attributeInfo(name: string, description: string, origin: string, spec: AttributeSpec = {}): AttributeInfo {
  const type = spec.type ?? 'String';
  const multivalued = spec.multivalued ?? false;
  const mutability = spec.mutability ?? 'ReadWrite';
  return {
    name,
    type,
    multivalued,
    mutability,
    required: spec.required ?? false,
    anchor: spec.anchor ?? false,
    caseExact: spec.caseExact ?? false,
    filterable: spec.filterable ?? defaultFilterable({ type, multivalued, mutability }),
    description,
    origin,
    ...(spec.references ? { references: spec.references } : {}),
  };
}

/** "String · ReadWrite · multi-valued · required" — the completion detail line. */
export function describeAttributeShape(info: AttributeInfo): string {
  const parts: string[] = [info.type, info.mutability, info.multivalued ? 'multi-valued' : 'single-valued'];
  if (info.required) parts.push('required');
  if (info.anchor) parts.push('anchor');
  return parts.join(' · ');
}

/** Hover / completion documentation for an attribute. */
export function attributeMarkdown(info: AttributeInfo): string {
  const lines = [`**${info.name}** — ${describeAttributeShape(info)}`, ''];
  if (info.description) lines.push(info.description, '');
  if (info.references?.length) lines.push(`References: ${info.references.map((r) => `\`${r}\``).join(', ')}`, '');
  lines.push(`_${info.origin}_`);
  return lines.join('\n');
}
