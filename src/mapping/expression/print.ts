// Canonical text of a tree: the formatting Graph gives an expression when it stores it (mapping-expressions.md §7 —
// `Replace([preferredLanguage], "-", , , "_", ,  )` comes back as `Replace([preferredLanguage], "-", , , "_", , )`):
// arguments joined by ", ", an omitted argument prints as nothing, no other whitespace; strings re-escaped minimally.
import type { ExpressionNode } from './ast';

/** Expression-language string literal: backslash and double quote are escaped with a backslash (§0). */
export function quoteString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The canonical text of `node`. ErrorNodes print as the text they cover. */
export function print(node: ExpressionNode): string {
  switch (node.kind) {
    case 'Call':
      return `${node.name}(${node.args.map(print).join(', ')})`;
    case 'Attribute':
      return `[${node.name}]`;
    case 'String':
      return quoteString(node.value);
    case 'Number':
    case 'Hex':
      return node.raw;
    case 'BareWord':
      return node.name;
    case 'Comparison':
      return `${print(node.left)} ${node.operator} ${print(node.right)}`;
    case 'Omitted':
      return '';
    case 'Error':
      return node.text;
  }
}
