// Builders for attributeMappingSource trees. Graph stores every mapping twice — as expression text and as a parse
// tree — and both must agree (mapping-expressions.md §1, §2.2, §7). Writing trees by hand is error-prone, so the
// templates describe a source with attribute()/constant()/num()/fn(): fn() prints the call's text and lets the
// expression engine (src/mapping/expression, toMappingSource) build the keyed tree from it, so the sandbox's trees
// follow exactly the conventions the editor's round trip uses:
//  * Attribute  → { expression: "[name]", name, parameters: [], type: "Attribute" }
//  * Constant   → { expression: "\"value\"" (escaped), name: unescaped value, parameters: [], type: "Constant" };
//                 numbers are Constants too (`Mid([x], 1, 8)` → name "1", expression "\"1\"") but print bare in the
//                 parent's text.
//  * Function   → parameters keyed by the catalogue's Graph parameter names, by position; a repeated parameter
//                 repeats its key; omitted optional arguments are absent from the tree and print as an empty slot
//                 (`Switch([IsSoftDeleted], , "False", …)`).
import type { AttributeMappingSource } from '../../../graph/model';
import { quoteString, toMappingSource } from '../../../mapping/expression';
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
  if (!mappingFunction(name)) throw new Error(`Unknown mapping function ${name}`);
  const text = args.map((arg) => (arg === null ? '' : argumentText(arg))).join(', ');
  return toMappingSource(`${name}(${text})`);
}

/** The text of `node` as it appears inside a parent's argument list. */
export function argumentText(node: AttributeMappingSource): string {
  return inlineText.get(node) ?? node.expression ?? '';
}

/** Expression-language string literal: backslash and double quote are escaped with a backslash (§0). */
export function quote(value: string): string {
  return quoteString(value);
}

/** The `active` mapping every SCIM default uses (graph-synchronization.md §6.6). */
export function softDeletedToActive(): AttributeMappingSource {
  return fn('Switch', attribute('IsSoftDeleted'), null, constant('False'), constant('True'), constant('True'), constant('False'));
}
