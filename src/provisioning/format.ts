// Wording shared by everything the provisioning views show: counts, absolute and relative times, ISO 8601
// durations, and Markdown escaping for text that comes from Graph (error messages, names) so a value can never turn
// into a link or formatting in a tooltip.

// Made on first use: creating an Intl formatter loads ICU data (10–20 ms), which activation must not pay for.
let numberFormat: Intl.NumberFormat | undefined;

export function formatCount(n: number): string {
  numberFormat ??= new Intl.NumberFormat('en-US');
  return numberFormat.format(n);
}

/** `n thing` / `n things` with the count grouped (1,204 users). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/** Graph writes `0001-01-01T00:00:00Z` for "never"; anything before 1971 is treated as no time at all. */
export function parseGraphTime(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time) || time < Date.UTC(1971, 0, 1)) return undefined;
  return new Date(time);
}

/** `2026-11-03 14:05 UTC`: unambiguous for admins in any time zone, and stable in tests. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Short relative time: `just now`, `17 min ago`, `2h ago`, `3d ago`, `in 5h`; a date beyond 30 days. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  let text: string;
  if (abs < 45) return future ? 'in a moment' : 'just now';
  if (abs < 3600) text = `${Math.max(1, Math.round(abs / 60))} min`;
  else if (abs < 86_400) text = `${Math.floor(abs / 3600)}h`;
  else if (abs < 30 * 86_400) text = `${Math.floor(abs / 86_400)}d`;
  else return `on ${date.toISOString().slice(0, 10)}`;
  return future ? `in ${text}` : `${text} ago`;
}

/** Absolute and relative: `2026-11-03 14:05 UTC (17 min ago)`; beyond a month the date alone says it. */
export function formatWhen(date: Date, now: Date): string {
  const relative = formatRelative(date, now);
  return relative.startsWith('on ') ? formatUtc(date) : `${formatUtc(date)} (${relative})`;
}

/** Elapsed time between two instants in words: `45 s`, `2 min 3 s`, `1h 4 min`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)}h${minutes ? ` ${minutes} min` : ''}`;
}

/** .NET TimeSpan.MaxValue is 10,675,199 days: Graph's way of saying "no schedule". */
const TIMESPAN_MAX_DAYS = 10_675_199;
const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * An ISO 8601 duration in words: `PT40M` → `40 minutes`, `PT1H30M` → `1 hour 30 minutes`, `P1D` → `1 day`;
 * the TimeSpan.MaxValue sentinel (`P10675199DT2H48M5.4775807S`) → `never`. Unparseable text comes back as is.
 */
export function durationInWords(iso: string): string {
  const match = ISO_DURATION.exec(iso.trim());
  if (!match || iso.trim() === 'P' || iso.trim().endsWith('T')) return iso;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  if ((days ?? 0) + (weeks ?? 0) * 7 >= TIMESPAN_MAX_DAYS) return 'never';
  const parts: string[] = [];
  const add = (n: number | undefined, unit: string) => {
    if (n) parts.push(`${formatCount(n)} ${unit}${n === 1 ? '' : 's'}`);
  };
  add(years, 'year');
  add(months, 'month');
  add(weeks, 'week');
  add(days, 'day');
  add(hours, 'hour');
  add(minutes, 'minute');
  add(seconds === undefined ? 0 : Math.round(seconds), 'second');
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

/** A cycle interval as the tooltip says it: `every 40 minutes`, or `never` for a job without a schedule. */
export function scheduleInWords(interval: string): string {
  const words = durationInWords(interval);
  return words === 'never' ? 'never' : words === interval ? interval : `every ${words}`;
}

/**
 * Escapes Markdown so Graph-provided text renders literally: no links or images (brackets), emphasis, code, HTML
 * or tables anywhere, and no heading, list or quote at the start. Other punctuation is left readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Inline code that cannot be broken out of: backticks inside the value widen the fence. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** Markdown hard line break (two spaces before the newline). */
export const BR = '  \n';
