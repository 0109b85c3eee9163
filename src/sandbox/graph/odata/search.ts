// `$search` for directory objects as Graph implements it: clauses `"property:term"` joined by AND / OR (AND binds
// tighter), each matching when every word of the term is the start of a word of the property value
// (tokenized prefix search, case-insensitive), so "displayName:wa" finds "Walter Scott" and "Ada Walsh".
import { readPath } from './evaluate';

export class SearchSyntaxError extends Error {}

interface SearchClause {
  property: string;
  words: string[];
}

/** OR of AND-groups. */
export type SearchExpression = SearchClause[][];

const CLAUSE = /"([^"]*)"|\b(AND|OR)\b|(\S+)/g;

export function parseSearch(text: string, searchable: readonly string[]): SearchExpression {
  const groups: SearchExpression = [[]];
  let expectClause = true;
  for (const match of text.matchAll(CLAUSE)) {
    const [whole, quoted, operator] = match;
    if (quoted !== undefined) {
      // Two quoted clauses side by side mean AND: both land in the current group.
      const colon = quoted.indexOf(':');
      if (colon <= 0) {
        throw new SearchSyntaxError(`Syntax error: the $search clause '"${quoted}"' must have the form "property:value".`);
      }
      const name = quoted.slice(0, colon).trim();
      const property = searchable.find((p) => p.toLowerCase() === name.toLowerCase());
      if (!property) throw new SearchSyntaxError(`The property '${name}' is not supported in $search.`);
      groups[groups.length - 1]!.push({ property, words: words(quoted.slice(colon + 1)) });
      expectClause = false;
    } else if (operator !== undefined) {
      if (expectClause) throw new SearchSyntaxError(`Syntax error: unexpected '${operator}' in $search '${text}'.`);
      if (operator === 'OR') groups.push([]);
      expectClause = true;
    } else {
      throw new SearchSyntaxError(`Syntax error: '${whole}' in $search must be a quoted "property:value" clause.`);
    }
  }
  if (expectClause) throw new SearchSyntaxError(`Syntax error: the $search expression '${text}' is incomplete.`);
  return groups;
}

export function matchesSearch(expression: SearchExpression, item: unknown): boolean {
  return expression.some((group) => group.every((clause) => matchesClause(clause, item)));
}

function matchesClause(clause: SearchClause, item: unknown): boolean {
  const value = readPath(item, [clause.property]);
  if (typeof value !== 'string') return false;
  const valueWords = words(value);
  return clause.words.every((word) => valueWords.some((candidate) => candidate.startsWith(word)));
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
