// Date functions (mapping-expressions.md §4): CDate, DateAdd, DateDiff, DateFromNum, FormatDateTime, NumFromDate, Now.
import {
  dateAdd,
  dateDiff,
  dateTime,
  fromFileTime,
  isDateInterval,
  printDateTime,
  toFileTime,
  type DateInterval,
} from '../dates';
import { DEFAULT_DATE_TIME_STYLES, DateFormatError, formatDateTime, parseDateTimeStyles, parseExact, tokenizeFormat } from '../dotnetDateFormat';
import { bigInteger, date, integer, scalar, type Call, type FunctionImpl } from './call';

function interval(call: Call, i: number): DateInterval {
  const v = scalar(call, i);
  if (v === null || !isDateInterval(v)) {
    return call.fail(
      'type',
      `${call.info.name}: interval must be one of "yyyy", "q", "m", "y", "d", "w", "ww", "h", "n", "s", not ${v === null ? 'NULL' : JSON.stringify(v)}`,
      i,
    );
  }
  return v;
}

function checkFormat(call: Call, i: number, format: string): void {
  try {
    tokenizeFormat(format);
  } catch (err) {
    if (err instanceof DateFormatError) call.fail('bad-format', `${call.info.name}: ${err.message}`, i);
    throw err;
  }
}

export const DATE_FUNCTIONS: Record<string, FunctionImpl> = {
  CDate(call) {
    const d = date(call, 0);
    return d === null ? null : printDateTime(d);
  },

  Now(call) {
    return printDateTime(dateTime(call.context.now.getTime()));
  },

  DateAdd(call) {
    const unit = interval(call, 0);
    const amount = integer(call, 1);
    const d = date(call, 2);
    if (d === null) return null;
    const result = dateAdd(unit, amount, d);
    if (!result) return call.fail('out-of-range', `DateAdd: the result is outside the years 1–9999`, call.node.span);
    return printDateTime(result);
  },

  DateDiff(call) {
    const unit = interval(call, 0);
    const d1 = date(call, 1);
    const d2 = date(call, 2);
    if (d1 === null || d2 === null) return null;
    return String(dateDiff(unit, d1, d2));
  },

  DateFromNum(call) {
    const ticks = bigInteger(call, 0);
    if (ticks === null) return null;
    const d = fromFileTime(ticks);
    if (!d) return call.fail('out-of-range', `DateFromNum: ${ticks} is not a date between the years 1601 and 9999`, 0);
    return printDateTime(d);
  },

  NumFromDate(call) {
    const d = date(call, 0);
    if (d === null) return null;
    const ticks = toFileTime(d);
    if (ticks === null) return call.fail('out-of-range', 'NumFromDate: dates before 1601-01-01 have no AD integer form', 0);
    return ticks.toString();
  },

  FormatDateTime(call) {
    // The current reference's form has dateTimeStyles second; the 3-argument form of Graph's list and older docs not.
    const withStyles = call.signature.parameters.length === 4;
    const inputAt = withStyles ? 2 : 1;
    const source = scalar(call, 0);
    const inputFormat = scalar(call, inputAt) ?? '';
    const outputFormat = scalar(call, inputAt + 1) ?? '';
    checkFormat(call, inputAt, inputFormat);
    checkFormat(call, inputAt + 1, outputFormat);
    let styles = DEFAULT_DATE_TIME_STYLES;
    if (withStyles && call.has(1)) {
      try {
        styles = parseDateTimeStyles(scalar(call, 1) ?? '');
      } catch (err) {
        if (err instanceof DateFormatError) return call.fail('bad-format', `FormatDateTime: ${err.message}`, 1);
        throw err;
      }
    }
    if (source === null) return null;
    const parsed = parseExact(source, inputFormat, styles, call.context.now);
    if (!parsed) {
      return call.fail('bad-date', `FormatDateTime: ${JSON.stringify(source)} does not match the input format ${JSON.stringify(inputFormat)}`, 0);
    }
    return formatDateTime(parsed, outputFormat);
  },
};
