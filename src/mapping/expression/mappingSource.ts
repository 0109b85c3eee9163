// Round trip with Graph's parsed form, attributeMappingSource (mapping-expressions.md §1, §2.1, §7;
// graph-synchronization.md §3.15, §4.2). Conventions, as Graph's parseExpression and schema JSON show them:
//  * Attribute → { expression: "[name]", name, parameters: [], type: "Attribute" }
//  * Constant  → { expression: quoted, escaped value, name: the unescaped value, parameters: [], type: "Constant" };
//                numbers are Constants too, with the quoted expression ("\"1\"") though they print bare in the parent
//  * Function  → parameters keyed by the catalogue's Graph keys, by position; a repeated group repeats its key
//                (Join's `source`, Switch's `switchValue`); omitted optional arguments are absent
//  * every node's `expression` is its canonical text (print()).
// Choices without a documented Graph form (docs/expression-semantics.md): bare words (`vbTextCompare`) and hex literals
// become Constants like numbers (a hex literal's name is its decimal value), and a comparison becomes a Function named
// by its operator with `left` and `right` parameters.
import type { AttributeMappingSource } from '../../graph/model';
import { COMPARISON_OPERATORS, type ComparisonOperator, type ExpressionNode, type ParsedExpression, type Span } from './ast';
import { findFunction, parameterAt, signatureFor, type FunctionParameter, type FunctionSignature } from '../catalog/functions';
import { parse } from './parser';
import { print, quoteString } from './print';

/** An expression that has no attributeMappingSource form (syntax error, unknown function, too many arguments). */
export class MappingSourceError extends Error {
  override readonly name = 'MappingSourceError';
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** Builds Graph's attributeMappingSource tree for expression text, a parse result or a tree. */
export function toMappingSource(input: string | ParsedExpression | ExpressionNode): AttributeMappingSource {
  const parsed = typeof input === 'string' ? parse(input) : 'root' in input ? input : undefined;
  if (parsed) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    if (first) throw new MappingSourceError(first.message, first.span);
    return convert(parsed.root);
  }
  return convert(input as ExpressionNode);
}

function constant(name: string): AttributeMappingSource {
  return { expression: quoteString(name), name, parameters: [], type: 'Constant' };
}

function convert(node: ExpressionNode): AttributeMappingSource {
  switch (node.kind) {
    case 'Attribute':
      return { expression: `[${node.name}]`, name: node.name, parameters: [], type: 'Attribute' };
    case 'String':
      return constant(node.value);
    case 'Number':
      return constant(node.raw);
    case 'Hex':
      // The name holds the value (§2.1), so a tree-only reader can't mistake it for the text "&HF7".
      return constant(BigInt(`0x${node.digits}`).toString());
    case 'BareWord':
      return constant(node.name);
    case 'Comparison':
      return {
        expression: print(node),
        name: node.operator,
        parameters: [
          { key: 'left', value: convert(node.left) },
          { key: 'right', value: convert(node.right) },
        ],
        type: 'Function',
      };
    case 'Call': {
      const info = findFunction(node.name);
      if (!info) throw new MappingSourceError(`Unknown function '${node.name}'`, node.nameSpan);
      const signature = signatureFor(info, node.args.length);
      const parameters: AttributeMappingSource['parameters'] = [];
      node.args.forEach((arg, i) => {
        const p = parameterAt(signature, i);
        if (!p) throw new MappingSourceError(`${info.name} takes at most ${signature.maxArgs} arguments`, arg.span);
        if (arg.kind !== 'Omitted') parameters.push({ key: p.key, value: convert(arg) });
      });
      return { expression: print(node), name: info.name, parameters, type: 'Function' };
    }
    case 'Omitted':
      throw new MappingSourceError('An empty argument has no tree form on its own', node.span);
    case 'Error':
      throw new MappingSourceError(node.message, node.span);
  }
}

export interface FromMappingSourceOptions {
  /**
   * Use a node's stored `expression` text when it has one (default true): it is what the service stored. False
   * rebuilds the text from the tree alone (omitted arguments before a present one come back as empty slots; trailing
   * empty slots can't be recovered).
   */
  preferExpression?: boolean;
}

/** The expression text of an attributeMappingSource tree. */
export function fromMappingSource(source: AttributeMappingSource, options: FromMappingSourceOptions = {}): string {
  return textOf(source, options.preferExpression ?? true, undefined);
}

function textOf(source: AttributeMappingSource, preferExpression: boolean, param: FunctionParameter | undefined): string {
  const name = source.name ?? '';
  if (source.type === 'Constant') return constantText(name, param);
  if (preferExpression && source.expression) return source.expression;
  if (source.type === 'Attribute') return `[${name}]`;
  const params = source.parameters ?? [];
  if ((COMPARISON_OPERATORS as readonly string[]).includes(name) && params.length === 2) {
    return `${textOf(params[0]!.value, preferExpression, undefined)} ${name as ComparisonOperator} ${textOf(params[1]!.value, preferExpression, undefined)}`;
  }
  const info = findFunction(name);
  const placed = info ? place(info.signatures, params.map((p) => p.key)) : undefined;
  if (!placed) return `${name}(${params.map((p) => textOf(p.value, preferExpression, undefined)).join(', ')})`;
  const slots: string[] = new Array<string>(placed.count).fill('');
  params.forEach((p, i) => {
    slots[placed.positions[i]!] = textOf(p.value, preferExpression, parameterAt(placed.signature, placed.positions[i]!));
  });
  return `${name}(${slots.join(', ')})`;
}

/**
 * A number or enum word at a parameter that takes one prints bare, as the portal writes it (`Mid([x], 1, 8)`,
 * `InStr(a, b, 1, vbTextCompare)`); everything else is a quoted string (the same value: numbers travel as text).
 */
function constantText(name: string, param: FunctionParameter | undefined): string {
  if (param?.kind === 'Integer' && /^-?\d+$/.test(name)) return name;
  if (param?.kind === 'Enum' && param.enumValues?.includes(name) && /^[A-Za-z_]\w*$/.test(name)) return name;
  return quoteString(name);
}

/** Finds argument positions for the tree's keys (in order) in the signature that needs the fewest slots. */
function place(
  signatures: readonly FunctionSignature[],
  keys: string[],
): { signature: FunctionSignature; positions: number[]; count: number } | undefined {
  let best: { signature: FunctionSignature; positions: number[]; count: number } | undefined;
  for (const signature of signatures) {
    const positions: number[] = [];
    let next = 0;
    let ok = true;
    for (const key of keys) {
      const limit = signature.maxArgs ?? next + Math.max(1, signature.repeatSize) + signature.parameters.length;
      let found = -1;
      for (let j = next; j < limit; j++) {
        if (parameterAt(signature, j)?.key === key) {
          found = j;
          break;
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      positions.push(found);
      next = found + 1;
    }
    if (!ok) continue;
    if (!best || next < best.count) best = { signature, positions, count: next };
  }
  return best;
}
