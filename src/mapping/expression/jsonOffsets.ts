// Expressions live inside JSON string literals (`"expression": "Replace([x], \"-\", , , \"_\", , )"`). JSON escapes
// change lengths — `\"` is two characters in the document and one in the expression, `\u00e9` six and one — so every
// position the engine reports (a diagnostic, a completion range) must be moved from the expression text into the
// document, and the cursor the other way.

export interface JsonStringOffsets {
  /** The decoded string: the expression text. */
  value: string;
  /** Whether the literal was well-formed (closing quote present, every escape valid). */
  valid: boolean;
  /** Where the literal's content starts in the raw text: 1 after the opening quote, 0 if none was given. */
  contentStart: number;
  /**
   * Offset in the raw literal of the character at `valueOffset` in the expression (0 ≤ valueOffset ≤ value.length;
   * value.length maps to the closing quote, or the end of the raw text when it is missing).
   */
  toRaw(valueOffset: number): number;
  /**
   * Offset in the expression for an offset in the raw literal. An offset inside an escape sequence maps to the
   * character the escape produces; the opening quote maps to 0 and anything from the closing quote on to value.length.
   */
  toValue(rawOffset: number): number;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes a JSON string literal as it appears in the document (with its quotes, e.g. jsonc-parser's node text) and
 * returns the decoded value with offset conversions both ways. Text that doesn't start with `"` is taken as the
 * literal's content without quotes. Invalid escapes are decoded leniently (as the characters written) and make
 * `valid` false.
 */
export function mapJsonStringOffsets(raw: string): JsonStringOffsets {
  return escapeListOffsets(raw) ?? tableOffsets(raw);
}

/**
 * The fast path for a clean, closed literal (what nearly every expression is): only the escapes are recorded and
 * offsets between them shift by what the escapes before them add, so a 10,000-character expression costs no
 * per-character table. Anything unusual (an invalid escape, a missing or early closing quote) returns undefined and
 * goes to tableOffsets, whose answers these equal (property-tested).
 */
function escapeListOffsets(raw: string): JsonStringOffsets | undefined {
  const length = raw.length;
  if (length < 2 || raw.charCodeAt(0) !== 0x22) return undefined;
  const contentEnd = length - 1;
  // Escapes: value index, raw index (of the backslash), and the extra raw characters up to and including each.
  const valueAt: number[] = [];
  const rawAt: number[] = [];
  const extraAfter: number[] = [];
  let extra = 0;
  for (let i = 1; i < contentEnd; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x22) return undefined; // a quote inside: not one clean literal
    if (c !== 0x5c) continue;
    const next = raw.charCodeAt(i + 1);
    let size: number;
    if (next === 0x75) {
      if (!/^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6)) || i + 6 > contentEnd) return undefined;
      size = 6;
    } else if (next === 0x22 || next === 0x5c || next === 0x2f || next === 0x62 || next === 0x66 || next === 0x6e || next === 0x72 || next === 0x74) {
      if (i + 2 > contentEnd) return undefined;
      size = 2;
    } else return undefined;
    valueAt.push(i - 1 - extra);
    rawAt.push(i);
    extra += size - 1;
    extraAfter.push(extra);
    i += size - 1;
  }
  if (raw.charCodeAt(contentEnd) !== 0x22) return undefined;
  let value: string;
  try {
    value = valueAt.length === 0 ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  } catch {
    return undefined;
  }
  const valueLength = value.length;
  const count = valueAt.length;

  /** Number of escapes whose index in `list` is < x (list is ascending). */
  const countBelow = (list: number[], x: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    value,
    valid: true,
    contentStart: 1,
    toRaw(valueOffset: number): number {
      const v = Math.max(0, Math.min(valueOffset, valueLength));
      if (count === 0) return 1 + v;
      const before = countBelow(valueAt, v);
      return 1 + v + (before > 0 ? extraAfter[before - 1]! : 0);
    },
    toValue(rawOffset: number): number {
      if (rawOffset <= 1) return 0;
      if (rawOffset >= contentEnd) return valueLength;
      if (count === 0) return rawOffset - 1;
      // The last escape starting at or before rawOffset.
      const k = countBelow(rawAt, rawOffset + 1) - 1;
      if (k < 0) return rawOffset - 1;
      const escapeEnd = rawAt[k]! + (extraAfter[k]! - (k > 0 ? extraAfter[k - 1]! : 0)) + 1;
      if (rawOffset < escapeEnd) return valueAt[k]!;
      return rawOffset - 1 - extraAfter[k]!;
    },
  };
}

/** The general decoder: a raw offset per decoded character; lenient with invalid escapes and missing quotes. */
export function tableOffsets(raw: string): JsonStringOffsets {
  const contentStart = raw.startsWith('"') ? 1 : 0;
  // rawStart[k] = raw offset where the k-th decoded UTF-16 unit comes from; rawStart[value.length] = end of content.
  const rawStart: number[] = [];
  const parts: string[] = [];
  let valid = true;
  let i = contentStart;
  let closed = contentStart === 0;
  let contentEnd = raw.length;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch === '"' && contentStart === 1) {
      closed = true;
      contentEnd = i;
      if (i !== raw.length - 1) valid = false; // text after the closing quote
      break;
    }
    if (ch !== '\\') {
      rawStart.push(i);
      parts.push(ch);
      i++;
      continue;
    }
    const next = raw[i + 1];
    if (next !== undefined && next in SIMPLE_ESCAPES) {
      rawStart.push(i);
      parts.push(SIMPLE_ESCAPES[next]!);
      i += 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      rawStart.push(i);
      parts.push(String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)));
      i += 6;
    } else {
      valid = false;
      rawStart.push(i);
      parts.push('\\');
      i++;
    }
  }
  if (!closed) valid = false;
  const value = parts.join('');
  rawStart.push(contentEnd);

  const toRaw = (valueOffset: number): number => {
    if (valueOffset <= 0) return rawStart[0]!;
    if (valueOffset >= value.length) return rawStart[value.length]!;
    return rawStart[valueOffset]!;
  };

  const toValue = (rawOffset: number): number => {
    if (rawOffset <= contentStart) return 0;
    if (rawOffset >= contentEnd) return value.length;
    // The last decoded unit that starts at or before rawOffset.
    let lo = 0;
    let hi = value.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rawStart[mid]! <= rawOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  return { value, valid, contentStart, toRaw, toValue };
}
