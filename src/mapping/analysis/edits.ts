// Building text edits for quick fixes and completions inside a JSON document: escaping for JSON string literals and
// VS Code snippets, re-indenting generated JSON to the surrounding style, and "did you mean" suggestions.
import type { JsonNode } from '../document/jsonTree';
import type { TextEdit } from './types';

/** The content of a JSON string literal for `value` (no quotes). */
export function jsonStringContent(value: string): string {
  const quoted = JSON.stringify(value);
  return quoted.slice(1, -1);
}

/** Escapes literal text for a VS Code snippet (`$`, `}` and `\` are special). */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Replaces the content of a string literal node (keeps the quotes). */
export function replaceStringContent(node: JsonNode, value: string): TextEdit {
  return { start: node.offset + 1, end: node.offset + node.length - 1, newText: jsonStringContent(value) };
}

/** Leading whitespace of the line `offset` is on. */
export function lineIndent(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(lineStart, end);
}

/** The document's indentation unit: the first indented line's whitespace (two spaces when unknown). */
export function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text.slice(0, 4096));
  return match ? match[1]! : '  ';
}

/**
 * `value` as JSON text to put where `node` is: pretty-printed with the document's indentation when the node spans
 * several lines, compact otherwise.
 */
export function formatJsonLike(text: string, node: JsonNode, value: unknown): string {
  const raw = text.slice(node.offset, node.offset + node.length);
  if (!raw.includes('\n')) return JSON.stringify(value).replace(/,"/g, ', "').replace(/":/g, '": ');
  const base = lineIndent(text, node.offset);
  return JSON.stringify(value, null, indentUnit(text)).replace(/\n/g, `\n${base}`);
}

/** Edit distance (Levenshtein), capped: returns `cap + 1` as soon as the distance must exceed `cap` (banded: O(n·cap)). */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const n = a.length;
  const m = b.length;
  const BIG = cap + 1;
  let previous = new Array<number>(m + 1);
  let current = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j <= cap ? j : BIG;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - cap);
    const to = Math.min(m, i + cap);
    current[0] = i <= cap ? i : BIG;
    if (from > 1) current[from - 1] = BIG;
    let rowMin = current[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, BIG);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < m) current[to + 1] = BIG;
    if (rowMin > cap) return BIG;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[m]!, BIG);
}

/** Up to `limit` names close to `name`: same name in another case first, then by edit distance. */
export function suggestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const cap = Math.max(2, Math.floor(name.length / 4));
  const scored: [string, number][] = [];
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (candidate.toLowerCase() === lower) {
      scored.push([candidate, -1]);
      continue;
    }
    const distance = editDistance(lower, candidate.toLowerCase(), cap);
    if (distance <= cap) scored.push([candidate, distance]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map(([candidate]) => candidate);
}

/**
 * An edit that removes an array element (with the comma that separates it from a neighbour and the whitespace before
 * it), leaving valid JSON.
 */
export function removeArrayElement(text: string, element: JsonNode): TextEdit {
  const array = element.parent;
  const siblings = array?.children ?? [element];
  const index = siblings.indexOf(element);
  const end = element.offset + element.length;
  if (index > 0) {
    // From the end of the previous element (its comma goes too).
    const previous = siblings[index - 1]!;
    return { start: previous.offset + previous.length, end, newText: '' };
  }
  if (siblings.length > 1) {
    // First of several: up to the start of the next element.
    return { start: element.offset, end: siblings[1]!.offset, newText: '' };
  }
  // The only element: leave the brackets as they are.
  let start = element.offset;
  while (start > 0 && /\s/.test(text[start - 1]!) && text[start - 1] !== '[') start--;
  return { start, end, newText: '' };
}
