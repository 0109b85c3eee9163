// Shared helpers of the analysis tests: documents from the sandbox templates with a change applied, cursor markers,
// applying fixes and completions to text.
import type { AttributeMapping, AttributeMappingSource, SynchronizationSchema } from '../../../../src/graph/model';
import { MappingAnalyzer } from '../../../../src/mapping/analysis/analyzer';
import type { Fix, MappingCompletion, MappingDiagnostic, TextEdit } from '../../../../src/mapping/analysis/types';
import { toMappingSource } from '../../../../src/mapping/expression';
import { pretty, templateSchema } from './documents';

/** The source object for `expression`: Graph's parsed form, or the bare text when it has none (unknown function). */
export function sourceFor(expression: string): AttributeMappingSource {
  try {
    return { ...toMappingSource(expression), expression };
  } catch {
    return { expression, name: '', parameters: [], type: 'Function' };
  }
}

/** A mapping of `expression` (parsed tree included, as the portal writes it) to `target`. */
export function mappingOf(target: string, expression: string, extra: Partial<AttributeMapping> = {}): AttributeMapping {
  return {
    defaultValue: null,
    exportMissingReferences: false,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    source: sourceFor(expression),
    targetAttributeName: target,
    ...extra,
  };
}

/** A template's schema (default scim) after `change`, pretty-printed. */
export function documentWith(change: (schema: SynchronizationSchema) => void, template = 'scim'): string {
  const schema = templateSchema(template);
  change(schema);
  return pretty(schema);
}

/** The user object mapping of a schema. */
export function users(schema: SynchronizationSchema) {
  return schema.synchronizationRules[0]!.objectMappings[0]!;
}

/** Adds one mapping to the scim template's users (or replaces the one with the same target). */
export function withMapping(mapping: AttributeMapping, template = 'scim'): string {
  return documentWith((schema) => {
    const list = users(schema).attributeMappings;
    const index = list.findIndex((m) => m.targetAttributeName === mapping.targetAttributeName);
    if (index >= 0) list[index] = mapping;
    else list.push(mapping);
  }, template);
}

export function analyze(text: string): MappingDiagnostic[] {
  return new MappingAnalyzer(text).diagnostics();
}

/** Diagnostics with `code`, each with the document text it covers. */
export function withCode(text: string, code: string): (MappingDiagnostic & { covered: string })[] {
  return analyze(text)
    .filter((d) => d.code === code)
    .map((d) => ({ ...d, covered: text.slice(d.start, d.end) }));
}

/** Applies edits (non-overlapping) to text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** `text` without its `|` marker and the marker's offset. */
export function cursor(textWithMarker: string, marker = '|'): { text: string; offset: number } {
  const offset = textWithMarker.indexOf(marker);
  if (offset < 0) throw new Error('no cursor marker');
  return { text: textWithMarker.slice(0, offset) + textWithMarker.slice(offset + marker.length), offset };
}

/** The document offset just after the first occurrence of `needle` (after `from`). */
export function offsetAfter(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not found`);
  return at + needle.length;
}

/** What VS Code inserts for a snippet when every placeholder is accepted as offered. */
export function expandSnippet(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}])*)\}/g, (_m, inner: string) => inner).replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

export function applyCompletion(text: string, item: MappingCompletion): string {
  const insert = item.isSnippet ? expandSnippet(item.insertText) : item.insertText;
  return text.slice(0, item.start) + insert + text.slice(item.end);
}

/** The expression text of the mapping to `target` in a document (JSON.parse, the reference). */
export function expressionOf(text: string, target: string): string | undefined {
  const schema = JSON.parse(text) as SynchronizationSchema;
  for (const rule of schema.synchronizationRules) {
    for (const om of rule.objectMappings) {
      const m = om.attributeMappings.find((a) => a.targetAttributeName === target);
      if (m) return m.source?.expression ?? undefined;
    }
  }
  return undefined;
}

export function sourceOf(text: string, target: string) {
  const schema = JSON.parse(text) as SynchronizationSchema;
  return schema.synchronizationRules[0]!.objectMappings.flatMap((om) => om.attributeMappings).find((m) => m.targetAttributeName === target)?.source;
}
