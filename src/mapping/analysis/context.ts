// What an object mapping's checks and completions need to know about its surroundings: the source and target
// attributes (the document's own `directories` first, then the catalogues), and what kind of app the target is
// (Workplace SCIM 1.0 / 2.0, a legacy SCIM 1.x connector, plain SCIM 2.0). One context per object mapping, shared by
// its attribute mappings; `key` identifies it for the analyzer's caches.
import type { AttributeType, Mutability } from '../../graph/model';
import { attributeInfo, defaultFilterable, type AttributeInfo } from '../catalog/attributeInfo';
import { directoryExtensionInfo, ENTRA_DIRECTORY_NAME, entraAttributesFor, isDirectoryExtension } from '../catalog/entraAttributes';
import { CUSTOM_EXTENSION_PATTERN, customExtensionInfo, targetCatalog, type TargetFlavor } from '../catalog/targetAttributes';
import { findDirectory, findObject, type MappingDocument, type ObjectDefinitionModel, type ObjectMappingModel } from '../document/model';

const ATTRIBUTE_TYPES = new Set<string>(['String', 'Integer', 'Reference', 'Binary', 'Boolean', 'DateTime']);
const MUTABILITIES = new Set<string>(['ReadWrite', 'ReadOnly', 'Immutable', 'WriteOnly']);

export type WorkplaceVersion = '1.0' | '2.0';

/** The attributes of one side (source or target) of an object mapping. */
export class AttributeScope {
  constructor(
    /** Attributes the document declares for this object; undefined when the document doesn't declare the object. */
    readonly declared: ReadonlyMap<string, AttributeInfo> | undefined,
    /** The catalogue for this kind of object, when there is one and it applies (Entra source, SCIM-like target). */
    readonly catalog: ReadonlyMap<string, AttributeInfo> | undefined,
    /** Whether the catalogue is known to describe this object (else it only feeds completion). */
    readonly catalogApplies: boolean,
    readonly side: 'source' | 'target',
    /** "Azure Active Directory / User" — for messages. */
    readonly label: string,
    /** The object definition in the document, for fixes that add an attribute to it. */
    readonly objectDefinition: ObjectDefinitionModel | undefined,
  ) {}

  /** Whether the document's declaration is the authority (Graph rejects mappings of attributes it doesn't declare). */
  get isDeclared(): boolean {
    return this.declared !== undefined && this.declared.size > 0;
  }

  /**
   * How sure the analysis can be that an attribute missing from lookup() doesn't exist: 'error' when the document
   * declares the object and no catalogue knows the name, 'warning' when only one of the two speaks (the document
   * doesn't declare the object, or declares it without an attribute a catalogue has — Microsoft's examples are often
   * shortened), undefined when nothing is known about the object (an unknown app: no check).
   */
  confidence(name: string): 'error' | 'warning' | undefined {
    if (this.isDeclared) return (this.catalogApplies && this.catalog?.has(name)) || this.patternInfo(name) ? 'warning' : 'error';
    return this.catalogApplies && this.catalog ? 'warning' : undefined;
  }

  /** The attribute called `name`: declared, catalogue, or a recognised pattern (directory / custom extensions). */
  lookup(name: string): AttributeInfo | undefined {
    const declared = this.declared?.get(name);
    if (declared) return declared;
    if (this.isDeclared) return undefined;
    return this.catalog?.get(name) ?? this.patternInfo(name);
  }

  /** Catalogue or pattern knowledge only (for hover of undeclared names). */
  knowledge(name: string): AttributeInfo | undefined {
    return this.declared?.get(name) ?? this.catalog?.get(name) ?? this.patternInfo(name);
  }

  private patternInfo(name: string): AttributeInfo | undefined {
    if (this.side === 'source') return isDirectoryExtension(name) ? directoryExtensionInfo(name) : undefined;
    return CUSTOM_EXTENSION_PATTERN.test(name) ? customExtensionInfo(name) : undefined;
  }

  /** Every known name: declared first, then catalogue entries not declared. */
  all(): AttributeInfo[] {
    const out: AttributeInfo[] = [];
    const seen = new Set<string>();
    for (const list of [this.declared, this.catalog]) {
      if (!list) continue;
      for (const info of list.values()) {
        if (seen.has(info.name)) continue;
        seen.add(info.name);
        out.push(info);
      }
    }
    return out;
  }
}

export interface MappingContext {
  /** Identity for caches: equal keys ⇒ equal checks for equal mapping text. */
  key: string;
  source: AttributeScope;
  target: AttributeScope;
  targetFlavor: TargetFlavor;
  workplace: WorkplaceVersion | undefined;
  sourceObjectName: string | undefined;
  targetObjectName: string | undefined;
}

function declaredAttributes(
  object: ObjectDefinitionModel | undefined,
  catalog: ReadonlyMap<string, AttributeInfo> | undefined,
  origin: string,
): Map<string, AttributeInfo> | undefined {
  if (!object) return undefined;
  const map = new Map<string, AttributeInfo>();
  for (const def of object.attributes) {
    const name = def.name?.value;
    if (name === undefined || map.has(name)) continue;
    const known = catalog?.get(name);
    const type = (def.type && ATTRIBUTE_TYPES.has(def.type.value) ? def.type.value : (known?.type ?? 'String')) as AttributeType;
    const mutability = (def.mutability && MUTABILITIES.has(def.mutability.value) ? def.mutability.value : (known?.mutability ?? 'ReadWrite')) as Mutability;
    const multivalued = def.multivalued ?? known?.multivalued ?? false;
    map.set(
      name,
      attributeInfo(name, known?.description ?? '', origin, {
        type,
        mutability,
        multivalued,
        required: def.required ?? known?.required ?? false,
        anchor: def.anchor ?? known?.anchor ?? false,
        caseExact: def.caseExact ?? known?.caseExact ?? false,
        // The declaration wins on shape; the catalogue knows about app-specific limits (roles[…] can't be filtered).
        filterable: defaultFilterable({ type, multivalued, mutability }) && (known?.filterable ?? true),
        ...(known?.references ? { references: known.references } : {}),
      }),
    );
  }
  return map;
}

/** Workplace SCIM version of a rule's target, from the job id, declared URNs or the directory name. */
export function detectWorkplace(doc: MappingDocument, targetDirectoryName: string | undefined): WorkplaceVersion | undefined {
  const id = doc.id ?? '';
  if (/^FacebookWorkplace(\.|$)/.test(id)) return '2.0';
  if (/^FacebookAtWorkOutDelta(\.|$)/.test(id)) return '1.0';
  const directory = findDirectory(doc, targetDirectoryName);
  let has2 = false;
  let has1 = false;
  for (const object of directory?.objects ?? []) {
    for (const attribute of object.attributes) {
      const name = attribute.name?.value ?? '';
      if (name.startsWith('urn:ietf:params:scim:schemas:extension:facebook:')) has2 = true;
      else if (name.startsWith('urn:scim:schemas:extension:facebook:')) has1 = true;
    }
  }
  if (has2) return '2.0';
  const name = targetDirectoryName ?? '';
  if (/workplace from meta/i.test(name)) return '2.0';
  if (has1 || /workplace|facebook/i.test(name)) return '1.0';
  return undefined;
}

/** The rule's source is Entra ID (the catalogue of source attributes applies). */
function isEntraDirectory(name: string | undefined): boolean {
  return name === undefined || name === ENTRA_DIRECTORY_NAME || /^(azure active directory|microsoft entra id|entra id)$/i.test(name);
}

/**
 * Whether the target speaks SCIM, so the SCIM catalogues apply: a SCIM URN object, a Workplace or customappsso/scim
 * target, or a target object that declares SCIM attribute names (userName, name.givenName, emails[…]). Salesforce-style
 * targets (`Username`, `IsActive`) are not checked against SCIM names.
 */
function looksLikeScim(doc: MappingDocument, directoryName: string | undefined, objectName: string | undefined, flavor: TargetFlavor): boolean {
  if (flavor !== 'scim2') return true;
  if (objectName?.startsWith('urn:ietf:params:scim:')) return true;
  if (/^(customappsso|scim)$/i.test(directoryName ?? '')) return true;
  const object = findObject(findDirectory(doc, directoryName), objectName);
  return (object?.attributes ?? []).some((a) => /^(userName|externalId|displayName|name\.givenName|emails\[)/.test(a.name?.value ?? ''));
}

function usesScim1Names(doc: MappingDocument, targetDirectoryName: string | undefined): boolean {
  const directory = findDirectory(doc, targetDirectoryName);
  return (directory?.objects ?? []).some((o) => o.attributes.some((a) => a.name?.value.startsWith('urn:scim:') ?? false));
}

/**
 * Builds the context of every object mapping of `doc`. `directoriesVersion` changes whenever the document's
 * directories change, so context keys stay valid across edits elsewhere.
 */
export function buildContexts(doc: MappingDocument, directoriesVersion: number): Map<ObjectMappingModel, MappingContext> {
  const contexts = new Map<ObjectMappingModel, MappingContext>();
  const scopes = new Map<string, AttributeScope>();
  const scopeFor = (side: 'source' | 'target', directoryName: string | undefined, objectName: string | undefined, flavor: TargetFlavor) => {
    const cacheKey = `${side}\u0000${directoryName}\u0000${objectName}\u0000${flavor}`;
    let scope = scopes.get(cacheKey);
    if (!scope) {
      const object = findObject(findDirectory(doc, directoryName), objectName);
      const catalog = side === 'source' ? (isEntraDirectory(directoryName) ? entraAttributesFor(objectName) : undefined) : targetCatalog(objectName, flavor);
      const catalogApplies = side === 'source' || looksLikeScim(doc, directoryName, objectName, flavor);
      const label = `${directoryName ?? '?'} / ${objectName ?? '?'}`;
      scope = new AttributeScope(declaredAttributes(object, catalog, `declared in this document (${label})`), catalog, catalogApplies, side, label, object);
      scopes.set(cacheKey, scope);
    }
    return scope;
  };
  for (const rule of doc.rules) {
    const workplace = detectWorkplace(doc, rule.targetDirectoryName?.value);
    const flavor: TargetFlavor =
      workplace === '2.0' ? 'workplace2' : workplace === '1.0' ? 'workplace1' : usesScim1Names(doc, rule.targetDirectoryName?.value) ? 'scim1' : 'scim2';
    for (const om of rule.objectMappings) {
      const sourceObjectName = om.sourceObjectName?.value;
      const targetObjectName = om.targetObjectName?.value;
      const source = scopeFor('source', rule.sourceDirectoryName?.value, sourceObjectName, flavor);
      const target = scopeFor('target', rule.targetDirectoryName?.value, targetObjectName, flavor);
      contexts.set(om, {
        key: [directoriesVersion, rule.sourceDirectoryName?.value, sourceObjectName, rule.targetDirectoryName?.value, targetObjectName, flavor, workplace].join('\u0000'),
        source,
        target,
        targetFlavor: flavor,
        workplace,
        sourceObjectName,
        targetObjectName,
      });
    }
  }
  return contexts;
}
