// String functions (mapping-expressions.md §4). Rules the reference states are cited; where it is silent, NULL in the
// main source propagates (the attribute is absent, so is the result) — see docs/expression-semantics.md.
import { normalizeDiacritics, pcase, toLower, toUpper, CultureError } from '../text';
import { booleanText } from '../values';
import { integer, scalar, text, type Call, type FunctionImpl } from './call';

function withCulture(call: Call, convert: (s: string, culture?: string) => string) {
  const s = scalar(call, 0);
  if (s === null) return null;
  const culture = call.has(1) ? scalar(call, 1) : null;
  try {
    return convert(s, culture || undefined);
  } catch (err) {
    if (err instanceof CultureError) return call.fail('bad-culture', `${call.info.name}: ${err.message}`, 1);
    throw err;
  }
}

/** VB InStr's compare mode: binary (case-sensitive) unless vbTextCompare / 1. */
function textCompare(call: Call): boolean {
  if (!call.has(3)) return false;
  const mode = scalar(call, 3);
  if (mode === null || mode === 'vbBinaryCompare' || mode === '0') return false;
  if (mode === 'vbTextCompare' || mode === '1') return true;
  return call.fail('type', `InStr: compareType must be vbBinaryCompare or vbTextCompare, not ${JSON.stringify(mode)}`, 3);
}

function sameCharIgnoringCase(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

export const STRING_FUNCTIONS: Record<string, FunctionImpl> = {
  Append(call) {
    const s = scalar(call, 0);
    return s === null ? null : s + text(call, 1);
  },

  Prepend(call) {
    const s = scalar(call, 1);
    return s === null ? null : text(call, 0) + s;
  },

  ConvertToBase64(call) {
    const s = scalar(call, 0);
    return s === null ? null : Buffer.from(s, 'utf16le').toString('base64');
  },

  ConvertToUTF8Hex(call) {
    const s = scalar(call, 0);
    return s === null ? null : Buffer.from(s, 'utf8').toString('hex').toUpperCase();
  },

  CStr(call) {
    return scalar(call, 0);
  },

  InStr(call) {
    const haystack = scalar(call, 0);
    const needle = scalar(call, 1);
    if (haystack === null || needle === null) return null;
    const start = call.has(2) ? integer(call, 2) : 1;
    if (start < 1) return call.fail('out-of-range', `InStr: start must be 1 or more, not ${start}`, 2);
    const ignoreCase = textCompare(call);
    if (start > haystack.length) return '0';
    if (needle === '') return String(start);
    for (let i = start - 1; i + needle.length <= haystack.length; i++) {
      let found = true;
      for (let k = 0; k < needle.length && found; k++) {
        const a = haystack[i + k]!;
        const b = needle[k]!;
        found = ignoreCase ? sameCharIgnoringCase(a, b) : a === b;
      }
      if (found) return String(i + 1);
    }
    return '0';
  },

  Left(call) {
    const s = scalar(call, 0);
    const count = integer(call, 1);
    if (s === null) return ''; // "String null ⇒ """
    if (count < 0) return s; // "NumChars < 0 ⇒ input string unchanged"
    return s.slice(0, count);
  },

  Mid(call) {
    const s = scalar(call, 0);
    const start = integer(call, 1);
    const length = integer(call, 2);
    if (start < 1) return call.fail('out-of-range', `Mid: start is 1-based and must be 1 or more, not ${start}`, 1);
    if (length < 0) return call.fail('out-of-range', `Mid: length must not be negative, not ${length}`, 2);
    if (s === null) return null;
    return s.slice(start - 1, start - 1 + length);
  },

  NormalizeDiacritics(call) {
    const s = scalar(call, 0);
    return s === null ? null : normalizeDiacritics(s);
  },

  Not(call) {
    // "False" if the source is "True", otherwise "True" — by the literal wording, NULL and junk also give "True".
    const s = scalar(call, 0);
    return booleanText(!(s !== null && /^\s*true\s*$/i.test(s)));
  },

  PCase(call) {
    const s = scalar(call, 0);
    if (s === null) return null;
    const separators = call.has(1) ? scalar(call, 1) : null;
    return pcase(s, separators === null ? undefined : separators);
  },

  StripSpaces(call) {
    const s = scalar(call, 0);
    return s === null ? null : s.replace(/ /g, '');
  },

  ToLower(call) {
    return withCulture(call, toLower);
  },

  ToUpper(call) {
    return withCulture(call, toUpper);
  },

  Word(call) {
    const s = scalar(call, 0);
    const n = integer(call, 1);
    const delimiters = new Set([...text(call, 2)]);
    if (s === null || n < 1) return '';
    // Words are the non-empty runs between delimiter characters (consecutive delimiters count as one).
    const words: string[] = [];
    let current = '';
    for (const ch of s) {
      if (!delimiters.has(ch)) current += ch;
      else if (current !== '') {
        words.push(current);
        current = '';
      }
    }
    if (current !== '') words.push(current);
    return words[n - 1] ?? '';
  },
};
