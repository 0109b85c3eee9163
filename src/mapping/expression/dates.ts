// Dates as the service handles them (mapping-expressions.md §4 CDate/DateAdd/DateDiff/DateFromNum/NumFromDate/Now):
// every DateTime is UTC and prints as `M/d/yyyy h:mm:ss tt` (en-US "G"); FILETIME integers count 100 ns ticks since
// 1601-01-01 UTC; DateDiff follows VB's DateAndTime.DateDiff (calendar intervals count boundaries crossed).

/** A .NET DateTime: an instant in epoch milliseconds plus the 100 ns ticks below the millisecond. */
export interface DateTimeValue {
  /** Epoch milliseconds of the UTC wall clock. */
  ms: number;
  /** 0–9999: 100 ns ticks within the millisecond (.NET keeps 7 fraction digits). */
  subTicks: number;
  /**
   * Like DateTimeKind: 'utc' when the text said Z, 'local' when it carried an offset (converted — the service runs on
   * UTC, so local is UTC), 'unspecified' otherwise. Only the `K` format specifier prints it.
   */
  kind: 'utc' | 'local' | 'unspecified';
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** .NET DateTime.MinValue / MaxValue (years 1–9999). */
const MIN_DATE_MS = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
})();
const MAX_DATE_MS = (() => {
  const d = new Date(0);
  d.setUTCFullYear(9999, 11, 31);
  d.setUTCHours(23, 59, 59, 999);
  return d.getTime();
})();

/** Epoch ms of 1601-01-01T00:00:00Z, the FILETIME epoch. */
const FILETIME_EPOCH_MS = -11644473600000;

export function inDateRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_DATE_MS && ms <= MAX_DATE_MS;
}

/** Epoch ms for a UTC calendar date/time, without Date.UTC's 0–99 → 1900s year mapping. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month = the last day of this one
  return d.getUTCDate();
}

export function dateTime(ms: number, subTicks = 0, kind: DateTimeValue['kind'] = 'utc'): DateTimeValue {
  return { ms, subTicks, kind };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `M/d/yyyy h:mm:ss tt`, the service's printed DateTime. */
export function printDateTime(value: DateTimeValue): string {
  const d = new Date(value.ms);
  const hour = d.getUTCHours();
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hour < 12 ? 'AM' : 'PM'}`;
}

// ---- parsing free-form date text (CDate, date arguments) -----------------------------------------------------------

const MONTH_PATTERN = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp]\.?[Mm]\.?)?`;
const ZONE = String.raw`(Z|z|GMT|UTC|[+-]\d{1,2}(?::?\d{2})?)`;

const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)${TIME})?\s*${ZONE}?$`);
const SLASHED_US = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+${TIME})?\s*${ZONE}?$`);
const SLASHED_YMD = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})(?:(?:T|\s+)${TIME})?\s*${ZONE}?$`);
const WEEKDAY = String.raw`(?:(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*,?\s+)?`;
const MONTH_FIRST = new RegExp(String.raw`^${WEEKDAY}(${MONTH_PATTERN})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+${TIME})?\s*${ZONE}?$`, 'i');
const DAY_FIRST = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})\s+(${MONTH_PATTERN})\.?,?\s+(\d{4})(?:,?\s+${TIME})?\s*${ZONE}?$`, 'i');

function monthFromName(name: string): number {
  const lower = name.toLowerCase().slice(0, 3);
  return MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(lower)) + 1;
}

/** Offset in minutes east of UTC for a zone designator, or undefined when there is none. */
export function parseZone(zone: string | undefined): number | undefined | null {
  if (zone === undefined) return undefined;
  if (/^(z|gmt|utc)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Milliseconds + sub-ms ticks from a fraction's digits ("1" = 0.1 s). */
export function fractionToTicks(digits: string): { ms: number; subTicks: number } {
  const seven = (digits + '0000000').slice(0, 7);
  const ticks = Number(seven);
  return { ms: Math.floor(ticks / 10000), subTicks: ticks % 10000 };
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour?: string | undefined;
  minute?: string | undefined;
  second?: string | undefined;
  fraction?: string | undefined;
  ampm?: string | undefined;
  zone?: string | undefined;
}

function build(f: Fields): DateTimeValue | null {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.year < 1 || f.day > daysInMonth(f.year, f.month)) return null;
  let hour = f.hour === undefined ? 0 : Number(f.hour);
  const minute = f.minute === undefined ? 0 : Number(f.minute);
  const second = f.second === undefined ? 0 : Number(f.second);
  if (f.ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = /^p/i.test(f.ampm);
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = parseZone(f.zone);
  if (offset === null) return null;
  const { ms: fracMs, subTicks } = fractionToTicks(f.fraction ?? '');
  const ms = utcMs(f.year, f.month, f.day, hour, minute, second, fracMs) - (offset ?? 0) * 60000;
  if (!inDateRange(ms)) return null;
  const kind = offset === undefined ? 'unspecified' : f.zone && /^(z|gmt|utc)$/i.test(f.zone) ? 'utc' : 'local';
  return { ms, subTicks, kind };
}

/**
 * Parses date/time text the way CDate does for the forms the documentation uses: ISO 8601 (`2009-06-15T01:45:30-07:00`,
 * `2020-03-16-07:00`, `2021-08-24`), the service's own printed form (`8/25/2021 5:41:18 PM`), `yyyy/M/d`, and
 * English month names (`March 16, 2020`, `Tue, 16 Mar 2020 07:00:00 GMT`). Text without an offset is taken as UTC.
 * Returns null when the text is not a valid date.
 */
export function parseDateTimeText(text: string): DateTimeValue | null {
  const s = text.trim();
  let m = ISO.exec(s);
  if (m) return build({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: m[4], minute: m[5], second: m[6], fraction: m[7], ampm: m[8], zone: m[9] });
  m = SLASHED_US.exec(s);
  if (m) return build({ year: +m[3]!, month: +m[1]!, day: +m[2]!, hour: m[4], minute: m[5], second: m[6], fraction: m[7], ampm: m[8], zone: m[9] });
  m = SLASHED_YMD.exec(s);
  if (m) return build({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: m[4], minute: m[5], second: m[6], fraction: m[7], ampm: m[8], zone: m[9] });
  m = MONTH_FIRST.exec(s);
  if (m) return build({ year: +m[3]!, month: monthFromName(m[1]!), day: +m[2]!, hour: m[4], minute: m[5], second: m[6], fraction: m[7], ampm: m[8], zone: m[9] });
  m = DAY_FIRST.exec(s);
  if (m) return build({ year: +m[3]!, month: monthFromName(m[2]!), day: +m[1]!, hour: m[4], minute: m[5], second: m[6], fraction: m[7], ampm: m[8], zone: m[9] });
  return null;
}

/** Whether `text` is exactly the printed DateTime form (used to compare dates in conditions). */
export function isPrintedDateTime(text: string): boolean {
  return /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/.test(text);
}

// ---- FILETIME ---------------------------------------------------------------------------------------------------

/** AD integer date (100 ns ticks since 1601-01-01 UTC) → DateTime, or null when out of .NET's range. */
export function fromFileTime(ticks: bigint): DateTimeValue | null {
  if (ticks < 0n) return null;
  const ms = Number(ticks / 10000n) + FILETIME_EPOCH_MS;
  if (!inDateRange(ms)) return null;
  return { ms, subTicks: Number(ticks % 10000n), kind: 'utc' };
}

export function toFileTime(value: DateTimeValue): bigint | null {
  const ticks = (BigInt(value.ms) - BigInt(FILETIME_EPOCH_MS)) * 10000n + BigInt(value.subTicks);
  return ticks < 0n ? null : ticks;
}

// ---- DateAdd / DateDiff (VB semantics) --------------------------------------------------------------------------

export type DateInterval = 'yyyy' | 'q' | 'm' | 'y' | 'd' | 'w' | 'ww' | 'h' | 'n' | 's';
export const DATE_INTERVALS: readonly DateInterval[] = ['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's'];

export function isDateInterval(text: string): text is DateInterval {
  return (DATE_INTERVALS as readonly string[]).includes(text);
}

/** .NET AddMonths: the day is clamped to the target month's length (Jan 31 + 1 month = Feb 28/29). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return utcMs(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** DateAdd; null when the result leaves .NET's date range. */
export function dateAdd(interval: DateInterval, amount: number, value: DateTimeValue): DateTimeValue | null {
  let ms: number;
  switch (interval) {
    case 'yyyy':
      ms = addMonths(value.ms, amount * 12);
      break;
    case 'q':
      ms = addMonths(value.ms, amount * 3);
      break;
    case 'm':
      ms = addMonths(value.ms, amount);
      break;
    case 'y':
    case 'd':
    case 'w':
      ms = value.ms + amount * 86400000;
      break;
    case 'ww':
      ms = value.ms + amount * 7 * 86400000;
      break;
    case 'h':
      ms = value.ms + amount * 3600000;
      break;
    case 'n':
      ms = value.ms + amount * 60000;
      break;
    case 's':
      ms = value.ms + amount * 1000;
      break;
  }
  return inDateRange(ms) ? { ms, subTicks: value.subTicks, kind: value.kind } : null;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / 86400000) * 86400000;
}

/** DateDiff as VB computes it, with Sunday as the first day of the week. */
export function dateDiff(interval: DateInterval, date1: DateTimeValue, date2: DateTimeValue): number {
  const a = new Date(date1.ms);
  const b = new Date(date2.ms);
  const spanMs = date2.ms - date1.ms + (date2.subTicks - date1.subTicks) / 10000;
  switch (interval) {
    case 'yyyy':
      return b.getUTCFullYear() - a.getUTCFullYear();
    case 'q':
      return (b.getUTCFullYear() - a.getUTCFullYear()) * 4 + (Math.floor(b.getUTCMonth() / 3) - Math.floor(a.getUTCMonth() / 3));
    case 'm':
      return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
    case 'y':
    case 'd':
      return Math.trunc(spanMs / 86400000);
    case 'w':
      return Math.trunc(Math.trunc(spanMs / 86400000) / 7);
    case 'ww': {
      // Move both dates to the start of their week, then count whole weeks between the days.
      const weekStart1 = startOfDay(date1.ms) - a.getUTCDay() * 86400000;
      const weekStart2 = startOfDay(date2.ms) - b.getUTCDay() * 86400000;
      return Math.trunc((weekStart2 - weekStart1) / 86400000 / 7);
    }
    case 'h':
      return Math.trunc(spanMs / 3600000);
    case 'n':
      return Math.trunc(spanMs / 60000);
    case 's':
      return Math.trunc(spanMs / 1000);
  }
}
