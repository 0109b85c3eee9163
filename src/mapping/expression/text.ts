// Text functions whose rules are more than one line: NormalizeDiacritics' documented table, PCase's word breaking
// (.NET TextInfo.ToTitleCase) and invariant-culture casing.

/**
 * NormalizeDiacritics' table, exactly as the function reference lists it (mapping-expressions.md §4): base letters
 * followed by every sequence that maps to them. Many entries are a letter plus combining marks (`ā́` = ā + U+0301).
 * Characters not listed are left alone (plain `œ`, `ð`, `þ`, `đ`, `ħ` are not in the table; `ø` becomes "oe").
 */
const DIACRITICS_TABLE: readonly (readonly [string, string])[] = [
  ['a', '\u00e4 \u00e0 \u00e2 \u00e3 \u00e5 \u00e1 \u0105 \u0103 \u0101 \u0101\u0301 \u0101\u0300 \u0101\u0302 \u0101\u0303 \u01df \u0101\u0308 \u01e1 a\u0331 \u00e5\u0304'],
  ['A', '\u00c4 \u00c0 \u00c2 \u00c3 \u00c5 \u00c1 \u0104 \u0102 \u0100 \u0100\u0301 \u0100\u0300 \u0100\u0302 \u0100\u0303 \u01de \u0100\u0308 \u01e0 A\u0331 \u00c5\u0304'],
  ['ae', '\u00e6 \u01e3'],
  ['AE', '\u00c6 \u01e2'],
  ['c', '\u00e7 \u010d \u0107 c\u0304 c\u0331'],
  ['C', '\u00c7 \u010c \u0106 C\u0304 C\u0331'],
  ['d', '\u010f d\u0304 \u1e0f'],
  ['D', '\u010e D\u0304 \u1e0e'],
  ['e', '\u00eb \u00e8 \u00e9 \u00ea \u0119 \u011b \u0117 \u0113 \u1e17 \u1e15 \u0113\u0302 \u0113\u0303 \u00ea\u0304 e\u0331 \u00eb\u0304 e\u030a\u0304'],
  ['E', '\u00cb \u00c8 \u00c9 \u00ca \u0118 \u011a \u0116 \u0112 \u1e16 \u1e14 \u0112\u0302 \u0112\u0303 \u00ca\u0304 E\u0331 \u00cb\u0304 E\u030a\u0304'],
  ['g', '\u011f \u1e21 g\u0331'],
  ['G', '\u011e \u1e20 G\u0331'],
  ['i', '\u00ef \u00ee \u00ec \u00ed \u0131 \u012b \u012b\u0301 \u012b\u0300 \u012b\u0302 \u012b\u0303 i\u0331'],
  ['I', '\u00cf \u00ce \u00cc \u00cd \u0130 \u012a \u012a\u0301 \u012a\u0300 \u012a\u0302 \u012a\u0303 I\u0331'],
  ['l', '\u013e \u0142 l\u0304 \u1e39 \u1e3b'],
  ['L', '\u0141 \u013d L\u0304 \u1e38 \u1e3a'],
  ['n', '\u00f1 \u0144 \u0148 n\u0304 \u1e49'],
  ['N', '\u00d1 \u0143 \u0147 N\u0304 \u1e48'],
  ['o', '\u00f6 \u00f2 \u0151 \u00f5 \u00f4 \u00f3 \u014d \u1e53 \u1e51 \u014d\u0302 \u014d\u0303 \u022b \u014d\u0308 \u01ed \u022d \u0231 o\u0331'],
  ['O', '\u00d6 \u00d2 \u0150 \u00d5 \u00d4 \u00d3 \u014c \u1e52 \u1e50 \u014c\u0302 \u014c\u0303 \u022a \u014c\u0308 \u01ec \u022c \u0230 O\u0331'],
  ['oe', '\u00f8 \u00f8\u0304 \u0153\u0304'],
  ['OE', '\u00d8 \u00d8\u0304 \u0152\u0304'],
  ['r', '\u0159 r\u0304 \u1e5f \u1e5d'],
  ['R', '\u0158 R\u0304 \u1e5e \u1e5c'],
  ['ss', '\u00df'],
  ['s', '\u0161 \u015b \u0219 \u015f s\u0304 s\u0331'],
  ['S', '\u0160 \u015a \u0218 \u015e S\u0304 S\u0331'],
  ['t', '\u0165 \u021b t\u0304 \u1e6f'],
  ['T', '\u0164 \u021a T\u0304 \u1e6e'],
  ['u', '\u00fc \u00f9 \u00fb \u00fa \u016f \u0171 \u016b \u016b\u0301 \u016b\u0300 \u016b\u0302 \u016b\u0303 u\u0307\u0304 \u01d6 \u1e7b \u1e73\u0304 u\u0331'],
  ['U', '\u00dc \u00d9 \u00db \u00da \u016e \u0170 \u016a \u016a\u0301 \u016a\u0300 \u016a\u0302 \u016a\u0303 U\u0307\u0304 \u01d5 \u1e7a \u1e72\u0304 U\u0331'],
  ['y', '\u00ff \u00fd \u0233 \u0233\u0301 \u0233\u0300 \u0233\u0303 y\u0331'],
  ['Y', '\u0178 \u00dd \u0232 \u0232\u0301 \u0232\u0300 \u0232\u0303 Y\u0331'],
  ['z', '\u017a \u017e \u017c z\u0304 \u1e95'],
  ['Z', '\u0179 \u017d \u017b Z\u0304 \u1e94'],
];

/** Sequence → replacement, in the listed form and in its NFC and NFD forms (input text may be either). */
const DIACRITICS = new Map<string, string>();
for (const [replacement, sequences] of DIACRITICS_TABLE) {
  for (const listed of sequences.split(' ')) {
    for (const form of [listed, listed.normalize('NFC'), listed.normalize('NFD')]) {
      if (!DIACRITICS.has(form)) DIACRITICS.set(form, replacement);
    }
  }
}
const LONGEST_SEQUENCE = Math.max(...[...DIACRITICS.keys()].map((k) => k.length));

/** The documented sequences and their replacements (for tests and hover). */
export function diacriticsTable(): ReadonlyMap<string, string> {
  return DIACRITICS;
}

/** Replaces every listed sequence (longest match first), leaving other characters as they are. */
export function normalizeDiacritics(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    let matched = false;
    for (let len = Math.min(LONGEST_SEQUENCE, text.length - i); len >= 1; len--) {
      const replacement = DIACRITICS.get(text.slice(i, i + len));
      if (replacement !== undefined) {
        out += replacement;
        i += len;
        matched = true;
        break;
      }
    }
    if (!matched) out += text[i++];
  }
  return out;
}

// ---- casing -----------------------------------------------------------------------------------------------------

/**
 * Invariant-culture case mapping as .NET does it: one character to one character (simple case mapping). JavaScript's
 * toLowerCase/toUpperCase use full mappings (`ß` → "SS", `İ` → "i̇"); those characters keep .NET's single-character
 * result or stay unchanged.
 */
function invariantCase(text: string, upper: boolean): string {
  let out = '';
  for (const ch of text) {
    const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
    if ([...mapped].length === 1) out += mapped;
    else if (!upper && ch === '\u0130') out += 'i';
    else out += ch;
  }
  return out;
}

export class CultureError extends Error {}

function canonicalCulture(culture: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(culture);
    if (!canonical) throw new Error('empty');
    return canonical;
  } catch {
    throw new CultureError(`'${culture}' is not a culture name (RFC 4646, e.g. "en-US")`);
  }
}

/** ToLower with the invariant culture, or with `culture` (RFC 4646) when given. */
export function toLower(text: string, culture?: string): string {
  return culture ? text.toLocaleLowerCase(canonicalCulture(culture)) : invariantCase(text, false);
}

/** ToUpper with the invariant culture, or with `culture` (RFC 4646) when given. */
export function toUpper(text: string, culture?: string): string {
  return culture ? text.toLocaleUpperCase(canonicalCulture(culture)) : invariantCase(text, true);
}

// ---- PCase ------------------------------------------------------------------------------------------------------

const LETTER = /\p{L}/u;
// .NET TextInfo.IsWordSeparator: separators, controls, format characters, punctuation and symbols. Letters, marks
// and numbers are part of a word.
const WORD_SEPARATOR = /[\p{Z}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;

/**
 * PCase: the first character of each word upper case, every other character lower case. Without `separators`, words
 * break as in .NET ToTitleCase (a word starts at a letter and runs until a word separator; an apostrophe stays inside
 * the word, so "o'neil" → "O'neil"). With `separators`, exactly those characters separate words.
 */
export function pcase(text: string, separators?: string): string {
  const lower = invariantCase(text, false);
  const chars = [...lower];
  let out = '';
  if (separators !== undefined) {
    const set = new Set([...separators]);
    let atWordStart = true;
    for (const ch of chars) {
      if (set.has(ch)) {
        out += ch;
        atWordStart = true;
      } else {
        out += atWordStart ? invariantCase(ch, true) : ch;
        atWordStart = false;
      }
    }
    return out;
  }
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (!LETTER.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    out += invariantCase(ch, true);
    i++;
    while (i < chars.length && (chars[i] === "'" || !WORD_SEPARATOR.test(chars[i]!))) out += chars[i++];
  }
  return out;
}
