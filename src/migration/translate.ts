// Carrying customizations from one template to another. Source-side names (Entra attributes, scoping clauses) stay as
// they are; target attribute names are renamed where the target template spells them differently. The Workplace
// profile (legacy SCIM 1.0 `FacebookAtWorkOutDelta` → SCIM 2.0 `FacebookWorkplace`) renames the enterprise 1.0 and
// Facebook 1.0 extension attributes to their 2.0 URNs (scim-and-workplace.md §1) using the catalogue's table; an
// attribute without a 2.0 counterpart (is_frontline) is reported as not transferable, never silently dropped.
import type { AttributeDefinition, ObjectMapping, SynchronizationSchema } from '../graph/model';
import { WORKPLACE_1_IS_FRONTLINE, WORKPLACE_1_TO_2 } from '../mapping/catalog/targetAttributes';
import { describeCustomization, matchObjectMapping, type Customization, type ObjectMappingRef } from './customizations';

export const WORKPLACE_LEGACY_TEMPLATE = 'FacebookAtWorkOutDelta';
export const WORKPLACE_SCIM2_TEMPLATE = 'FacebookWorkplace';

export type TranslationProfile = 'workplace-scim1-to-scim2' | 'same-names';

/** A customization as it will be applied to the target schema. */
export interface TranslatedCustomization {
  customization: Customization;
  /** The object mapping in the target schema it applies to (absent for directory attributes). */
  targetObject?: ObjectMappingRef;
  /** Target attribute names: source-template name → target-template name, when any was renamed. */
  renames: { from: string; to: string }[];
  /** `customization` with its target names already renamed (what merge applies). */
  renamed: Customization;
  description: string;
}

export interface NotTransferable {
  customization: Customization;
  description: string;
  reason: string;
}

export interface Translation {
  profile: TranslationProfile;
  translated: TranslatedCustomization[];
  notTransferable: NotTransferable[];
}

export function profileFor(sourceTemplateId: string, targetTemplateId: string): TranslationProfile {
  return sourceTemplateId.toLowerCase() === WORKPLACE_LEGACY_TEMPLATE.toLowerCase() && targetTemplateId.toLowerCase() === WORKPLACE_SCIM2_TEMPLATE.toLowerCase()
    ? 'workplace-scim1-to-scim2'
    : 'same-names';
}

type Rename = { name: string } | { reason: string };

/**
 * The target-template name of a target attribute. `targetHas` says whether the target object defines a name; a name
 * added by the customizations themselves (attributeAdded) counts as defined.
 */
function renameAttribute(name: string, profile: TranslationProfile, targetHas: (name: string) => boolean): Rename {
  const table = WORKPLACE_1_TO_2.get(name);
  if (profile === 'workplace-scim1-to-scim2' && table !== undefined) {
    if (table === null) {
      return {
        reason:
          name === WORKPLACE_1_IS_FRONTLINE
            ? 'Workplace SCIM 2.0 has no frontline attribute (no 2.0 URN is known); set frontline status in Workplace instead.'
            : `Workplace SCIM 2.0 has no counterpart of ${name}.`,
      };
    }
    return targetHas(table) ? { name: table } : { reason: `The target template has no attribute ${table} (the 2.0 name of ${name}).` };
  }
  if (targetHas(name)) return { name };
  // Enterprise 1.0 → 2.0 is the same attribute under the standard URN on any SCIM 2.0 target.
  if (table && targetHas(table)) return { name: table };
  return { reason: `The target template has no target attribute ${name}.` };
}

export function translateCustomizations(
  customizations: readonly Customization[],
  targetSchema: SynchronizationSchema,
  profile: TranslationProfile,
): Translation {
  const translated: TranslatedCustomization[] = [];
  const notTransferable: NotTransferable[] = [];
  const refuse = (customization: Customization, reason: string) => notTransferable.push({ customization, description: describeCustomization(customization), reason });

  // Attributes added to the app's directory come first: mappings to them are only transferable if they are.
  const addedNames = new Map<string, string>();
  for (const c of customizations) {
    if (c.kind !== 'attributeAdded') continue;
    const object = targetDirectoryObject(targetSchema, c.objectName);
    if (!object) {
      refuse(c, `The target template has no ${c.objectName} object to add ${c.attribute.name} to.`);
      continue;
    }
    const renamed = renameAttribute(c.attribute.name, profile, () => true);
    if ('reason' in renamed) {
      refuse(c, renamed.reason);
      continue;
    }
    addedNames.set(renamed.name.toLowerCase(), renamed.name);
    const attribute: AttributeDefinition = { ...c.attribute, name: renamed.name };
    translated.push({
      customization: c,
      renames: renamed.name !== c.attribute.name ? [{ from: c.attribute.name, to: renamed.name }] : [],
      renamed: { ...c, directory: object.directory, attribute },
      description: describeCustomization(c),
    });
  }

  for (const c of customizations) {
    if (c.kind === 'attributeAdded') continue;
    const target = targetObjectMapping(targetSchema, c.object);
    if (!target) {
      refuse(c, `The target template has no object mapping from ${c.object.sourceObjectName} to ${c.object.targetObjectName}.`);
      continue;
    }
    const definitions = targetDirectoryObject(targetSchema, target.mapping.targetObjectName)?.attributes ?? [];
    const known = new Set(definitions.map((a) => a.name.toLowerCase()));
    // Mapping targets that are not in the directory's attribute list still exist for the engine when the template
    // maps them by default, so those count as defined too.
    for (const m of target.mapping.attributeMappings ?? []) known.add(m.targetAttributeName.toLowerCase());
    const targetHas = (name: string) => known.has(name.toLowerCase()) || addedNames.has(name.toLowerCase());
    const result = translateOne(c, target.ref, profile, targetHas);
    if ('reason' in result) refuse(c, result.reason);
    else translated.push({ customization: c, targetObject: target.ref, renames: result.renames, renamed: result.renamed, description: describeCustomization(c) });
  }
  return { profile, translated, notTransferable };
}

function translateOne(
  c: Exclude<Customization, { kind: 'attributeAdded' }>,
  targetRef: ObjectMappingRef,
  profile: TranslationProfile,
  targetHas: (name: string) => boolean,
): { renamed: Customization; renames: { from: string; to: string }[] } | { reason: string } {
  const renames: { from: string; to: string }[] = [];
  const rename = (name: string): Rename => {
    const r = renameAttribute(name, profile, targetHas);
    if ('name' in r && r.name !== name) renames.push({ from: name, to: r.name });
    return r;
  };
  switch (c.kind) {
    case 'mappingAdded':
    case 'mappingChanged': {
      const r = rename(c.target);
      if ('reason' in r) return r;
      return { renamed: { ...c, object: targetRef, target: r.name, mapping: { ...c.mapping, targetAttributeName: r.name } }, renames };
    }
    case 'mappingRemoved': {
      const r = rename(c.target);
      // Removing something the target does not have is already done.
      const name = 'name' in r ? r.name : c.target;
      return { renamed: { ...c, object: targetRef, target: name }, renames };
    }
    case 'matching': {
      const after = [];
      for (const entry of c.after) {
        const r = rename(entry.target);
        if ('reason' in r) return { reason: `Matching attribute ${entry.target}: ${r.reason}` };
        after.push({ target: r.name, priority: entry.priority });
      }
      const before = c.before.map((e) => {
        const r = renameAttribute(e.target, profile, targetHas);
        return { target: 'name' in r ? r.name : e.target, priority: e.priority };
      });
      return { renamed: { ...c, object: targetRef, before, after }, renames };
    }
    case 'objectMappingAdded':
      return { reason: 'A whole object mapping the template does not have cannot be carried over automatically; add it again after the migration.' };
    case 'objectMappingRemoved':
      return { renamed: { ...c, object: targetRef }, renames };
    case 'scope':
    case 'enabled':
    case 'flowTypes':
      return { renamed: { ...c, object: targetRef }, renames };
  }
}

function targetObjectMapping(schema: SynchronizationSchema, ref: ObjectMappingRef): { mapping: ObjectMapping; ref: ObjectMappingRef } | undefined {
  const rules = schema.synchronizationRules ?? [];
  // Templates name their target directory differently ("Workplace by Facebook" → "Workplace from Meta"); with one
  // outbound rule each (the usual case) the rules correspond regardless.
  const rule = rules.find((r) => r.targetDirectoryName === ref.targetDirectory) ?? (rules.length === 1 ? rules[0] : undefined);
  if (!rule) return undefined;
  const mapping = matchObjectMapping(ref, rule.objectMappings ?? []);
  if (!mapping) return undefined;
  return {
    mapping,
    ref: { targetDirectory: rule.targetDirectoryName, sourceObjectName: mapping.sourceObjectName, targetObjectName: mapping.targetObjectName, name: mapping.name },
  };
}

/** The target directory object of that name (the directory a rule writes to). */
export function targetDirectoryObject(schema: SynchronizationSchema, objectName: string): { directory: string; attributes: AttributeDefinition[] } | undefined {
  const targetDirectories = new Set((schema.synchronizationRules ?? []).map((r) => r.targetDirectoryName));
  for (const directory of schema.directories ?? []) {
    if (!targetDirectories.has(directory.name)) continue;
    const object = directory.objects?.find((o) => o.name === objectName);
    if (object) return { directory: directory.name, attributes: object.attributes ?? [] };
  }
  return undefined;
}
