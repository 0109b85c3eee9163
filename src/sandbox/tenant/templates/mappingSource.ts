// Builders for attributeMappingSource trees. Graph stores every mapping twice — as expression text and as a parse
// tree — and both must agree (mapping-expressions.md §1, §2.2, §7). Writing trees by hand is error-prone, so the
// templates describe a source with attribute()/constant()/num()/fn() and get the text and the keyed tree together.
//
// Tree conventions copied from Graph's parseExpression output and the docs' schema JSON:
//  * Attribute  → { expression: "[name]", name, parameters: [], type: "Attribute" }
//  * Constant   → { expression: "\"value\"" (escaped), name: unescaped value, parameters: [], type: "Constant" };
//                 numbers are Constants too (`Mid([x], 1, 8)` → name "1", expression "\"1\"") but print bare in the
//                 parent's text.
//  * Function   → parameters keyed by the function schema's parameter names, by position; a parameter with
//                 allowMultipleOccurrences repeats its key for every remaining argument; omitted optional arguments
//                 are absent from the tree and print as an empty slot (`Switch([IsSoftDeleted], , "False", …)`).
import type { AttributeMappingSource } from '../../../graph/model';
import { mappingFunction } from './functions';

/** How a node prints inside its parent's argument list, when that differs from its own `expression` (bare numbers). */
const inlineText = new WeakMap<AttributeMappingSource, string>();

export function attribute(name: string): AttributeMappingSource {
  return { expression: `[${name}]`, name, parameters: [], type: 'Attribute' };
}

/** A string constant. */
export function constant(value: string): AttributeMappingSource {
  return { expression: quote(value), name: value, parameters: [], type: 'Constant' };
}

/** A numeric literal: a Constant node whose text in the parent expression is the bare number. */
export function num(value: number): AttributeMappingSource {
  const node = constant(String(value));
  inlineText.set(node, String(value));
  return node;
}

/**
 * A function call. Arguments are positional, exactly as in the expression text; pass `null` for an omitted optional
 * argument (it prints as an empty slot and is left out of the tree). Trailing nulls are kept in the text so forms like
 * `Replace([x], "-", , , "_", , )` can be reproduced verbatim.
 */
export function fn(name: string, ...args: (AttributeMappingSource | null)[]): AttributeMappingSource {
  const schema = mappingFunction(name);
  if (!schema) throw new Error(`Unknown mapping function ${name}`);
  const params = schema.parameters;
  // A repeating parameter swallows every argument from its position on (Join's sources, Switch's key/value pairs).
  const repeating = params.findIndex((p) => p.allowMultipleOccurrences);
  const parameters: AttributeMappingSource['parameters'] = [];
  args.forEach((arg, position) => {
    const key = repeating >= 0 && position >= repeating ? params[repeating]!.name : params[position]?.name;
    if (key === undefined) throw new Error(`${name}() takes at most ${params.length} arguments`);
    if (arg !== null) parameters.push({ key, value: arg });
  });
  const text = args.map((arg) => (arg === null ? '' : argumentText(arg))).join(', ');
  return { expression: `${name}(${text})`, name, parameters, type: 'Function' };
}

/** The text of `node` as it appears inside a parent's argument list. */
export function argumentText(node: AttributeMappingSource): string {
  return inlineText.get(node) ?? node.expression ?? '';
}

/** Expression-language string literal: backslash and double quote are escaped with a backslash (§0). */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The `active` mapping every SCIM default uses (graph-synchronization.md §6.6). */
export function softDeletedToActive(): AttributeMappingSource {
  return fn('Switch', attribute('IsSoftDeleted'), null, constant('False'), constant('True'), constant('True'), constant('False'));
}
