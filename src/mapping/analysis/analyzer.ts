// One MappingAnalyzer per open mapping document. update() is incremental, so typing in a 2,000-mapping document
// stays cheap:
//  * the JSON tree is re-parsed only inside the innermost container around the edit (jsonTree.reparseIncrementally;
//    the whole text only when that fails, e.g. the edit breaks the JSON),
//  * only the edited attribute mapping's model is rebuilt,
//  * each attribute mapping's diagnostics are cached by (mapping text, context) with offsets relative to the mapping,
//    so unchanged mappings cost a lookup — also after a full re-parse,
//  * parsed expressions are cached by text (expressionAnalysis.parseCached),
//  * everything is computed lazily: update() itself does only the parse; diagnostics() and the rest on demand.
import { diffTexts, parseJsonTree, pathOf, reparseIncrementally, type JsonNode, type JsonTree } from '../document/jsonTree';
import { buildAttributeMapping, buildDocument, type AttributeMappingModel, type MappingDocument, type ObjectMappingModel } from '../document/model';
import { GenerationalCache } from './cache';
import { buildContexts, type MappingContext } from './context';
import { completions, type AnalysisState } from './completion';
import { checkObjectMapping, checkReferences, checkScope } from './documentChecks';
import { formatJsonLike, lineIndent, removeArrayElement } from './edits';
import { hover } from './hover';
import { checkAttributeMapping } from './mappingChecks';
import { foldingRanges, signatureHelp, symbols } from './outline';
import type { Fix, FoldingRange, MappingCompletion, MappingDiagnostic, MappingHover, MappingSignatureHelp, MappingSymbol, TextEdit } from './types';

/** Per-mapping results per cache generation (at least: grown to twice the document's mappings). */
const RESULT_CACHE_GENERATION = 4096;

const REMOVE_MAPPING = 'Remove this mapping';

interface MappingMemo {
  contextKey: string;
  /** Offsets relative to the mapping node's offset. */
  diagnostics: MappingDiagnostic[];
}

function shiftDiagnostic(d: MappingDiagnostic, delta: number): MappingDiagnostic {
  const shifted: MappingDiagnostic = { code: d.code, severity: d.severity, message: d.message, start: d.start + delta, end: d.end + delta };
  if (d.fixes) shifted.fixes = d.fixes.map((f) => shiftFix(f, delta));
  return shifted;
}

function shiftFix(f: Fix, delta: number): Fix {
  const fix: Fix = { title: f.title, edits: f.edits.map((e): TextEdit => ({ start: e.start + delta, end: e.end + delta, newText: e.newText })) };
  if (f.isPreferred) fix.isPreferred = true;
  return fix;
}

export class MappingAnalyzer {
  private text = '';
  private tree: JsonTree = { root: undefined, errors: [], tooDeep: [] };
  private doc: MappingDocument = buildDocument(this.tree);
  private directoriesText = '';
  private directoriesVersion = 0;
  private contexts: Map<ObjectMappingModel, MappingContext> | undefined;
  private readonly memos = new WeakMap<AttributeMappingModel, MappingMemo>();
  private readonly resultCache = new GenerationalCache<string, MappingDiagnostic[]>(RESULT_CACHE_GENERATION);
  private diagnosticsMemo: MappingDiagnostic[] | undefined;
  /** How the last update() was done (for tests and benchmarks). */
  lastUpdate: 'none' | 'incremental' | 'full' = 'none';

  constructor(text?: string) {
    if (text !== undefined) this.update(text);
  }

  /** The text the analysis is of. */
  getText(): string {
    return this.text;
  }

  /** The document model (JSON nodes and the synchronizationSchema parts they form). */
  getDocument(): MappingDocument {
    return this.doc;
  }

  update(text: string): void {
    if (text === this.text && this.lastUpdate !== 'none') return;
    this.diagnosticsMemo = undefined;
    const previousRoot = this.tree.root;
    if (previousRoot && this.tree.errors.length === 0 && this.tree.tooDeep.length === 0) {
      const change = diffTexts(this.text, text);
      const container = change ? reparseIncrementally(previousRoot, text, change) : undefined;
      if (container) {
        this.text = text;
        this.lastUpdate = 'incremental';
        this.afterLocalChange(container);
        return;
      }
    }
    this.text = text;
    this.tree = parseJsonTree(text);
    this.lastUpdate = 'full';
    this.rebuildModel();
  }

  /** Rebuilds only what a change inside `container` can affect. */
  private afterLocalChange(container: JsonNode): void {
    const path = pathOf(container);
    // Inside one attribute mapping: rebuild that mapping's model, nothing else changes.
    if (path[0] === 'synchronizationRules' && path[2] === 'objectMappings' && path[4] === 'attributeMappings' && path.length >= 6) {
      const objectMapping = this.doc.rules[path[1] as number]?.objectMappings[path[3] as number];
      const index = path[5] as number;
      const mappingNode = objectMapping?.attributeMappingsNode?.children?.[index];
      if (objectMapping && mappingNode && objectMapping.attributeMappings[index]) {
        objectMapping.attributeMappings[index] = buildAttributeMapping(mappingNode);
        return;
      }
    }
    this.rebuildModel();
  }

  private rebuildModel(): void {
    this.doc = buildDocument(this.tree);
    const directories = this.doc.directoriesNode;
    const directoriesText = directories ? this.text.slice(directories.offset, directories.offset + directories.length) : '';
    if (directoriesText !== this.directoriesText) {
      this.directoriesText = directoriesText;
      this.directoriesVersion++;
    }
    this.contexts = undefined;
  }

  private state(): AnalysisState {
    return { text: this.text, doc: this.doc, contextOf: (om) => this.contextOf(om) };
  }

  private contextOf(objectMapping: ObjectMappingModel): MappingContext {
    if (!this.contexts) this.contexts = buildContexts(this.doc, this.directoriesVersion);
    let context = this.contexts.get(objectMapping);
    if (!context) {
      // An object mapping rebuilt since the contexts were made (same rule, same names): rebuild them.
      this.contexts = buildContexts(this.doc, this.directoriesVersion);
      context = this.contexts.get(objectMapping)!;
    }
    return context;
  }

  private mappingDiagnostics(mapping: AttributeMappingModel, context: MappingContext): MappingDiagnostic[] {
    const memo = this.memos.get(mapping);
    if (memo && memo.contextKey === context.key) return memo.diagnostics;
    const node = mapping.node;
    const raw = this.text.slice(node.offset, node.offset + node.length);
    const cacheKey = `${context.key}\u0001${raw}`;
    let relative = this.resultCache.get(cacheKey);
    if (!relative) {
      relative = checkAttributeMapping(this.text, mapping, context).map((d) => shiftDiagnostic(d, -node.offset));
      this.resultCache.set(cacheKey, relative);
    }
    this.memos.set(mapping, { contextKey: context.key, diagnostics: relative });
    return relative;
  }

  diagnostics(): MappingDiagnostic[] {
    if (this.diagnosticsMemo) return this.diagnosticsMemo;
    const out: MappingDiagnostic[] = [];
    for (const deep of this.tree.tooDeep) {
      out.push({ code: 'json-nesting-too-deep', severity: 'error', message: `${deep.message}; this part is not analyzed`, start: deep.offset, end: deep.offset + Math.min(deep.length, 1) });
    }
    for (const rule of this.doc.rules) {
      for (const om of rule.objectMappings) {
        const context = this.contextOf(om);
        this.resultCache.ensureCapacity(2 * om.attributeMappings.length);
        for (const mapping of om.attributeMappings) {
          if (mapping.node.type !== 'object') continue;
          const relative = this.mappingDiagnostics(mapping, context);
          for (const d of relative) {
            const absolute = shiftDiagnostic(d, mapping.node.offset);
            this.resolveFixes(absolute, mapping, context);
            out.push(absolute);
          }
        }
        checkObjectMapping(this.text, om, out);
        checkScope(om, context, out);
      }
    }
    checkReferences(this.doc, out);
    out.sort((a, b) => a.start - b.start || a.end - b.end);
    this.diagnosticsMemo = out;
    return out;
  }

  /** Fixes whose edits reach outside their mapping are made here, against the current text (never cached). */
  private resolveFixes(d: MappingDiagnostic, mapping: AttributeMappingModel, context: MappingContext): void {
    if (d.fixes) {
      for (const fix of d.fixes) if (fix.title === REMOVE_MAPPING) fix.edits = [removeArrayElement(this.text, mapping.node)];
    }
    if (d.code === 'unknown-target-attribute' && context.target.isDeclared && mapping.targetAttributeName) {
      const object = context.target.objectDefinition;
      const attributes = object?.attributesNode;
      if (!attributes) return;
      const name = mapping.targetAttributeName.value;
      (d.fixes ??= []).push({ title: `Add '${name}' to the attributes of ${context.target.label}`, edits: [appendAttributeDefinition(this.text, attributes, name)] });
    }
  }

  completions(offset: number): MappingCompletion[] {
    return completions(this.state(), offset);
  }

  hover(offset: number): MappingHover | undefined {
    return hover(this.state(), offset);
  }

  signatureHelp(offset: number): MappingSignatureHelp | undefined {
    return signatureHelp(this.state(), offset);
  }

  symbols(): MappingSymbol[] {
    return symbols(this.state());
  }

  foldingRanges(): FoldingRange[] {
    return foldingRanges(this.state());
  }
}

/** An edit appending a String attribute definition named `name` to an `attributes` array. */
function appendAttributeDefinition(text: string, attributes: JsonNode, name: string): TextEdit {
  const definition = {
    anchor: false,
    caseExact: false,
    defaultValue: null,
    flowNullValues: false,
    metadata: [],
    multivalued: false,
    mutability: 'ReadWrite',
    name,
    referencedObjects: [],
    required: false,
    type: 'String',
  };
  const children = attributes.children ?? [];
  const last = children[children.length - 1];
  if (!last) {
    return { start: attributes.offset + 1, end: attributes.offset + attributes.length - 1, newText: JSON.stringify([definition]).slice(1, -1) };
  }
  const formatted = formatJsonLike(text, last, definition);
  // Separate it from the last definition the way the previous two are separated (or by a line break).
  const previous = children[children.length - 2];
  const separator = previous
    ? text.slice(previous.offset + previous.length, last.offset)
    : text.slice(attributes.offset, last.offset).includes('\n')
      ? `,\n${lineIndent(text, last.offset)}`
      : ', ';
  return { start: last.offset + last.length, end: last.offset + last.length, newText: `${separator}${formatted}` };
}
