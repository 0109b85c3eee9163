// Matching (scim-and-workplace.md §2): the service looks the object up in the target with
// `GET /Users?filter=<matching attribute> eq "<value>"`, trying matching attributes by matchingPriority (1 first).
// The filter's string literal escapes `"` and `\` with a backslash (RFC 7644 §3.4.2.2 uses JSON string rules).
import type { MatchingCandidate } from './types';

const NEEDS_ESCAPE = /["\\]/;

/** SCIM filter string literal. */
export function scimStringLiteral(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `<attribute> eq "<value>"`, or null when there is no value to match on. */
export function matchingFilter(targetAttributeName: string, value: string | null): string | null {
  return value === null ? null : `${targetAttributeName} eq ${scimStringLiteral(value)}`;
}

/** The value a matching attribute is looked up with: a single value; NULL (or several values) can't match. */
export function matchingValue(value: string | readonly string[] | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  return value.length === 1 ? value[0]! : null;
}

export function matchingCandidate(targetAttributeName: string, matchingPriority: number, value: string | readonly string[] | null): MatchingCandidate {
  const single = matchingValue(value);
  return { targetAttributeName, matchingPriority, value: single, filter: matchingFilter(targetAttributeName, single) };
}

/** Candidates in the order the service tries them (priority ascending; ties keep mapping order). */
export function sortCandidates(candidates: MatchingCandidate[]): MatchingCandidate[] {
  return candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.matchingPriority - b.c.matchingPriority || a.i - b.i)
    .map(({ c }) => c);
}
