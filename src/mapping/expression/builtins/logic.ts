// Conditions and NULL tests (mapping-expressions.md §3, §4): IIF, Switch, CBool, BitAnd, IsNull & co,
// IgnoreFlowIfNullOrEmpty, Redact.
import { IGNORE_FLOW, booleanText } from '../values';
import { bigInteger, scalar, toBoolean, type Call, type FunctionImpl } from './call';

/** The truth of a condition argument; NULL is false ("the condition check fails", §3). */
export function condition(call: Call, i: number): boolean {
  const v = scalar(call, i);
  const b = toBoolean(v);
  if (b === 'invalid') {
    return call.fail('type', `${call.info.name}: ${JSON.stringify(v)} is not a condition; compare with =, <>, >, >=, <, <= or use "True"/"False"`, i);
  }
  return b ?? false;
}

export const LOGIC_FUNCTIONS: Record<string, FunctionImpl> = {
  IIF(call) {
    return condition(call, 0) ? (call.value(1) ?? null) : (call.value(2) ?? null);
  },

  Switch(call) {
    // Switch(source, defaultValue, key1, value1, …): keys compare case-sensitively; an absent source matches the key
    // "" (that is what makes the documented `Switch([country],[country],"","Other")` replace IIF(IsNullOrEmpty…)).
    const source = scalar(call, 0);
    for (let k = 2; k + 1 < call.argCount; k += 2) {
      const key = scalar(call, k);
      const matches = source === null ? key === '' || key === null : key === source;
      if (matches) return call.value(k + 1) ?? null;
    }
    return call.has(1) ? (call.value(1) ?? null) : null;
  },

  CBool(call) {
    const v = scalar(call, 0);
    const b = toBoolean(v);
    if (b === 'invalid') return call.fail('type', `CBool: ${JSON.stringify(v)} is neither a number nor True/False`, 0);
    return booleanText(b ?? false);
  },

  BitAnd(call) {
    const a = bigInteger(call, 0);
    const b = bigInteger(call, 1);
    if (a === null || b === null) return null;
    return (a & b).toString();
  },

  IsNull(call) {
    return booleanText(call.value(0) === null);
  },

  IsNothing(call) {
    return booleanText(call.value(0) === null);
  },

  IsNullOrEmpty(call) {
    const v = call.value(0) ?? null;
    return booleanText(v === null || v === '');
  },

  IsPresent(call) {
    const v = call.value(0) ?? null;
    return booleanText(v !== null && v !== '');
  },

  IsString(call) {
    const v = call.value(0) ?? null;
    return booleanText(typeof v === 'string' || (Array.isArray(v) && v.length === 1));
  },

  IgnoreFlowIfNullOrEmpty(call) {
    const v = call.value(0) ?? null;
    return v === null || v === '' ? IGNORE_FLOW : v;
  },

  Redact(call) {
    // The value flows unchanged; the evaluator marks the result (and masks the trace) as redacted.
    return call.value(0) ?? null;
  },
};
