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
