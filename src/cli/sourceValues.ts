// Attribute values given on the command line as JSON (eval --input, preview --input with a flat object) in the
// engine's value model: numbers as their text, Booleans as "True"/"False", lists as multi-valued attributes, objects
// inside lists (app role assignments) as their JSON text.
import type { SourceValue } from '../mapping/expression';

/** The engine's value for one JSON attribute value; undefined when JSON has no such value (an object, a nested list). */
export function sourceValueFromJson(value: unknown): SourceValue | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) items.push(JSON.stringify(item));
      else {
        const one = sourceValueFromJson(item);
        if (typeof one !== 'string') return undefined;
        items.push(one);
      }
    }
    return items;
  }
  return undefined;
}
