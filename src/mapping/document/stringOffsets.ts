// Offsets between a JSON string literal in the document and the string it decodes to, without per-character tables:
// only the escapes are recorded (an expression has a few `\"`), and offsets between them shift by what the escapes
// before them add. Anything unusual (an invalid escape, no closing quote) goes to the engine's general
// mapJsonStringOffsets, which these answers equal (unit-tested).
import { mapJsonStringOffsets, type JsonStringOffsets } from '../expression/jsonOffsets';

export function stringLiteralOffsets(raw: string): JsonStringOffsets {
  const length = raw.length;
  if (length < 2 || raw.charCodeAt(0) !== 0x22) return mapJsonStringOffsets(raw);
  const contentEnd = length - 1;
  // Escapes: value index, raw index (of the backslash), and the extra raw characters up to and including each.
  const valueAt: number[] = [];
  const rawAt: number[] = [];
  const extraAfter: number[] = [];
  let extra = 0;
  for (let i = 1; i < contentEnd; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x22) return mapJsonStringOffsets(raw); // a quote inside: not one clean literal
    if (c !== 0x5c) continue;
    const next = raw.charCodeAt(i + 1);
    let size: number;
    if (next === 0x75) {
      if (!/^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6)) || i + 6 > contentEnd) return mapJsonStringOffsets(raw);
      size = 6;
    } else if (next === 0x22 || next === 0x5c || next === 0x2f || next === 0x62 || next === 0x66 || next === 0x6e || next === 0x72 || next === 0x74) {
      if (i + 2 > contentEnd) return mapJsonStringOffsets(raw);
      size = 2;
    } else return mapJsonStringOffsets(raw);
    valueAt.push(i - 1 - extra);
    rawAt.push(i);
    extra += size - 1;
    extraAfter.push(extra);
    i += size - 1;
  }
  if (raw.charCodeAt(contentEnd) !== 0x22) return mapJsonStringOffsets(raw);
  let value: string;
  try {
    value = valueAt.length === 0 ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  } catch {
    return mapJsonStringOffsets(raw);
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
