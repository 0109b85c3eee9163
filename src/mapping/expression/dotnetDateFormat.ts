// .NET custom and standard date/time format strings, for FormatDateTime (mapping-expressions.md §4): parse the source
// with DateTime.ParseExact(inputFormat) and print with ToString(outputFormat). The service's culture prints dates as
// en-US (`M/d/yyyy h:mm:ss tt`), so the standard formats and names are en-US; the service clock is UTC.
import { DAY_NAMES, MONTH_NAMES, daysInMonth, fractionToTicks, inDateRange, utcMs, type DateTimeValue } from './dates';

export class DateFormatError extends Error {}

type FormatToken = { type: 'field'; letter: string; count: number } | { type: 'literal'; text: string };

/** en-US standard format strings (a one-character format) as custom patterns. */
const STANDARD_FORMATS: Record<string, string> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  m: 'MMMM d',
  M: 'MMMM d',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, MMMM d, yyyy h:mm:ss tt',
  y: 'MMMM yyyy',
  Y: 'MMMM yyyy',
};

const FIELD_LETTERS = new Set(['d', 'f', 'F', 'g', 'h', 'H', 'K', 'm', 'M', 's', 't', 'y', 'z']);

/** Splits a format string into fields and literals. A one-character format is a standard format. */
export function tokenizeFormat(format: string): FormatToken[] {
  if (format.length === 0) throw new DateFormatError('The format is empty');
  if (format.length === 1) {
    const standard = STANDARD_FORMATS[format];
    if (standard === undefined) throw new DateFormatError(`'${format}' is not a standard date/time format`);
    return tokenizeFormat(standard);
  }
  const tokens: FormatToken[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.type === 'literal') last.text += text;
    else tokens.push({ type: 'literal', text });
  };
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch === "'" || ch === '"') {
      const close = format.indexOf(ch, i + 1);
      if (close < 0) throw new DateFormatError(`Unterminated quoted text in the format '${format}'`);
      literal(format.slice(i + 1, close));
      i = close + 1;
    } else if (ch === '\\') {
      if (i + 1 >= format.length) throw new DateFormatError(`The format '${format}' ends with a backslash`);
      literal(format[i + 1]!);
      i += 2;
    } else if (ch === '%') {
      const next = format[i + 1];
      if (next === undefined || !FIELD_LETTERS.has(next)) throw new DateFormatError(`'%' must precede a format specifier in '${format}'`);
      tokens.push({ type: 'field', letter: next, count: 1 });
      i += 2;
    } else if (FIELD_LETTERS.has(ch)) {
      let j = i + 1;
      while (format[j] === ch) j++;
      tokens.push({ type: 'field', letter: ch, count: j - i });
      i = j;
    } else {
      literal(ch);
      i++;
    }
  }
  for (const t of tokens) {
    if (t.type === 'field' && (t.letter === 'f' || t.letter === 'F') && t.count > 7) {
      throw new DateFormatError(`At most 7 '${t.letter}' specifiers are allowed`);
    }
  }
  return tokens;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** DateTime.ToString(format) for a UTC-clock value. */
export function formatDateTime(value: DateTimeValue, format: string): string {
  const tokens = tokenizeFormat(format);
  const d = new Date(value.ms);
  const year = d.getUTCFullYear();
  const fraction7 = pad((d.getUTCMilliseconds() * 10000 + value.subTicks), 7);
  let out = '';
  for (const t of tokens) {
    if (t.type === 'literal') {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'd':
        out += n === 1 ? d.getUTCDate() : n === 2 ? pad(d.getUTCDate(), 2) : n === 3 ? DAY_NAMES[d.getUTCDay()]!.slice(0, 3) : DAY_NAMES[d.getUTCDay()]!;
        break;
      case 'f':
        out += fraction7.slice(0, n);
        break;
      case 'F': {
        const digits = fraction7.slice(0, n).replace(/0+$/, '');
        // .NET drops a '.' that would be left dangling by an all-zero F fraction.
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 'g':
        out += 'A.D.';
        break;
      case 'h': {
        const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
        out += n === 1 ? h12 : pad(h12, 2);
        break;
      }
      case 'H':
        out += n === 1 ? d.getUTCHours() : pad(d.getUTCHours(), 2);
        break;
      case 'K':
        out += value.kind === 'utc' ? 'Z' : value.kind === 'local' ? '+00:00' : '';
        break;
      case 'm':
        out += n === 1 ? d.getUTCMinutes() : pad(d.getUTCMinutes(), 2);
        break;
      case 'M':
        out += n === 1 ? d.getUTCMonth() + 1 : n === 2 ? pad(d.getUTCMonth() + 1, 2) : n === 3 ? MONTH_NAMES[d.getUTCMonth()]!.slice(0, 3) : MONTH_NAMES[d.getUTCMonth()]!;
        break;
      case 's':
        out += n === 1 ? d.getUTCSeconds() : pad(d.getUTCSeconds(), 2);
        break;
      case 't': {
        const ampm = d.getUTCHours() < 12 ? 'AM' : 'PM';
        out += n === 1 ? ampm[0] : ampm;
        break;
      }
      case 'y':
        out += n === 1 ? year % 100 : n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      case 'z':
        // The service's clock is UTC, so the local offset is zero.
        out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
        break;
    }
  }
  return out;
}

// ---- DateTimeStyles ---------------------------------------------------------------------------------------------

export interface DateTimeStyles {
  leadingWhite: boolean;
  trailingWhite: boolean;
  innerWhite: boolean;
  noCurrentDateDefault: boolean;
  adjustToUniversal: boolean;
  assumeUniversal: boolean;
}

/** The default when FormatDateTime's dateTimeStyles is empty: RoundtripKind, AllowLeadingWhite, AllowTrailingWhite. */
export const DEFAULT_DATE_TIME_STYLES: DateTimeStyles = {
  leadingWhite: true,
  trailingWhite: true,
  innerWhite: false,
  noCurrentDateDefault: false,
  adjustToUniversal: false,
  assumeUniversal: false,
};

const STYLE_NAMES = [
  'None',
  'AllowLeadingWhite',
  'AllowTrailingWhite',
  'AllowInnerWhite',
  'AllowWhiteSpaces',
  'NoCurrentDateDefault',
  'AdjustToUniversal',
  'AssumeLocal',
  'AssumeUniversal',
  'RoundtripKind',
];

/** Parses a DateTimeStyles list such as "AllowWhiteSpaces, AdjustToUniversal" ("" → the default). */
export function parseDateTimeStyles(text: string): DateTimeStyles {
  if (text.trim() === '') return { ...DEFAULT_DATE_TIME_STYLES };
  const styles: DateTimeStyles = {
    leadingWhite: false,
    trailingWhite: false,
    innerWhite: false,
    noCurrentDateDefault: false,
    adjustToUniversal: false,
    assumeUniversal: false,
  };
  for (const raw of text.split(/[,|]/)) {
    const name = STYLE_NAMES.find((s) => s.toLowerCase() === raw.trim().toLowerCase().replace(/^datetimestyles\./, ''));
    if (!name) throw new DateFormatError(`'${raw.trim()}' is not a DateTimeStyles value (${STYLE_NAMES.join(', ')})`);
    if (name === 'AllowLeadingWhite' || name === 'AllowWhiteSpaces') styles.leadingWhite = true;
    if (name === 'AllowTrailingWhite' || name === 'AllowWhiteSpaces') styles.trailingWhite = true;
    if (name === 'AllowInnerWhite' || name === 'AllowWhiteSpaces') styles.innerWhite = true;
    if (name === 'NoCurrentDateDefault') styles.noCurrentDateDefault = true;
    if (name === 'AdjustToUniversal') styles.adjustToUniversal = true;
    if (name === 'AssumeUniversal') styles.assumeUniversal = true;
  }
  return styles;
}

// ---- ParseExact -------------------------------------------------------------------------------------------------

const WHITE = /\s/;

/**
 * DateTime.ParseExact(text, format, en-US, styles). Returns null when the text doesn't match the format; throws
 * DateFormatError when the format itself is invalid. Fields the format lacks default to `now`'s date (or 0001-01-01
 * with NoCurrentDateDefault) and midnight.
 */
export function parseExact(text: string, format: string, styles: DateTimeStyles, now: Date): DateTimeValue | null {
  const tokens = tokenizeFormat(format);
  let s = text;
  if (styles.leadingWhite) s = s.replace(/^\s+/, '');
  if (styles.trailingWhite) s = s.replace(/\s+$/, '');
  let pos = 0;

  let year: number | undefined;
  let twoDigitYear = false;
  let month: number | undefined;
  let day: number | undefined;
  let hour = 0;
  let hour12: number | undefined;
  let pm: boolean | undefined;
  let minute = 0;
  let second = 0;
  let fraction = '';
  let offsetMinutes: number | undefined;
  let zulu = false;

  const skipInnerWhite = () => {
    if (styles.innerWhite) while (pos < s.length && WHITE.test(s[pos]!)) pos++;
  };
  const digits = (min: number, max: number): number | undefined => {
    let end = pos;
    while (end < s.length && end - pos < max && s[end]! >= '0' && s[end]! <= '9') end++;
    if (end - pos < min) return undefined;
    const value = Number(s.slice(pos, end));
    pos = end;
    return value;
  };
  const word = (names: readonly string[]): number | undefined => {
    // Longest match first so "June" isn't read as "Jun" + "e".
    const ordered = names.map((n, i) => ({ n, i })).sort((a, b) => b.n.length - a.n.length);
    for (const { n, i } of ordered) {
      if (s.slice(pos, pos + n.length).toLowerCase() === n.toLowerCase()) {
        pos += n.length;
        return i;
      }
    }
    return undefined;
  };
  const offset = (form: 'short' | 'hours2' | 'full'): boolean => {
    const sign = s[pos];
    if (sign !== '+' && sign !== '-') return false;
    pos++;
    const hours = form === 'short' ? digits(1, 2) : digits(2, 2);
    if (hours === undefined) return false;
    let minutes = 0;
    if (form === 'full') {
      if (s[pos] === ':') pos++;
      const m = digits(2, 2);
      if (m === undefined) return false;
      minutes = m;
    }
    if (hours > 14 || minutes > 59) return false;
    offsetMinutes = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
    return true;
  };

  for (const t of tokens) {
    skipInnerWhite();
    if (t.type === 'literal') {
      for (const ch of t.text) {
        if (WHITE.test(ch)) {
          // Whitespace in the format matches any run of whitespace in the text.
          if (pos >= s.length || !WHITE.test(s[pos]!)) return null;
          while (pos < s.length && WHITE.test(s[pos]!)) pos++;
        } else if (s[pos] === ch) pos++;
        else return null;
      }
      continue;
    }
    const n = t.count;
    let v: number | undefined;
    switch (t.letter) {
      case 'd':
        if (n <= 2) {
          v = n === 1 ? digits(1, 2) : digits(2, 2);
          if (v === undefined) return null;
          day = v;
        } else if (word(n === 3 ? DAY_NAMES.map((x) => x.slice(0, 3)) : DAY_NAMES) === undefined) return null;
        break;
      case 'M':
        v = n === 1 ? digits(1, 2) : n === 2 ? digits(2, 2) : word(n === 3 ? MONTH_NAMES.map((x) => x.slice(0, 3)) : MONTH_NAMES);
        if (v === undefined) return null;
        month = n >= 3 ? v + 1 : v;
        break;
      case 'y':
        v = n === 1 ? digits(1, 2) : n === 2 ? digits(2, 2) : digits(n, Math.max(n, 4));
        if (v === undefined) return null;
        year = v;
        twoDigitYear = n <= 2;
        break;
      case 'h':
        v = n === 1 ? digits(1, 2) : digits(2, 2);
        if (v === undefined || v < 1 || v > 12) return null;
        hour12 = v;
        break;
      case 'H':
        v = n === 1 ? digits(1, 2) : digits(2, 2);
        if (v === undefined) return null;
        hour = v;
        break;
      case 'm':
        v = n === 1 ? digits(1, 2) : digits(2, 2);
        if (v === undefined) return null;
        minute = v;
        break;
      case 's':
        v = n === 1 ? digits(1, 2) : digits(2, 2);
        if (v === undefined) return null;
        second = v;
        break;
      case 'f':
      case 'F': {
        const start = pos;
        const got = t.letter === 'f' ? digits(n, n) : digits(0, n);
        if (got === undefined) return null;
        fraction = s.slice(start, pos);
        break;
      }
      case 't': {
        const marker = n === 1 ? word(['A', 'P']) : word(['AM', 'PM']);
        if (marker === undefined) return null;
        pm = marker === 1;
        break;
      }
      case 'z':
        if (!offset(n === 1 ? 'short' : n === 2 ? 'hours2' : 'full')) return null;
        break;
      case 'K':
        if (s[pos] === 'Z') {
          pos++;
          offsetMinutes = 0;
          zulu = true;
        } else if (s[pos] === '+' || s[pos] === '-') {
          if (!offset('full')) return null;
        }
        break;
      case 'g':
        word(['A.D.', 'AD']);
        break;
    }
  }
  skipInnerWhite();
  if (pos !== s.length) return null;

  if (hour12 !== undefined) hour = (hour12 % 12) + (pm ? 12 : 0);
  else if (pm !== undefined && hour < 12 && pm) hour += 12;
  if (year !== undefined && twoDigitYear) year = year + (year <= 49 ? 2000 : 1900); // .NET TwoDigitYearMax 2049
  const defaultDate = styles.noCurrentDateDefault ? { y: 1, m: 1, d: 1 } : { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() };
  const noDate = year === undefined && month === undefined && day === undefined;
  const y = year ?? defaultDate.y;
  const mo = month ?? (noDate ? defaultDate.m : 1);
  const dd = day ?? (noDate ? defaultDate.d : 1);
  if (mo < 1 || mo > 12 || dd < 1 || y < 1 || y > 9999 || dd > daysInMonth(y, mo)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const frac = fractionToTicks(fraction);
  let ms = utcMs(y, mo, dd, hour, minute, second, frac.ms);
  let kind: DateTimeValue['kind'] = 'unspecified';
  if (offsetMinutes !== undefined) {
    ms -= offsetMinutes * 60000;
    kind = zulu ? 'utc' : 'local';
  } else if (styles.assumeUniversal) kind = 'local';
  if (styles.adjustToUniversal && kind !== 'unspecified') kind = 'utc';
  if (!inDateRange(ms)) return null;
  return { ms, subTicks: frac.subTicks, kind };
}
