// Multi-valued values and choosing among values (mapping-expressions.md §3, §4): Join, Coalesce, Count, Item,
// RemoveDuplicates, Split, SelectUniqueValue.
import { list, integer, scalar, text, type FunctionImpl } from './call';

export const COLLECTION_FUNCTIONS: Record<string, FunctionImpl> = {
  Join(call) {
    // Every value of every source, NULL and "" skipped (`Join(", ", "", [surname], [givenName])` → "Doe, John").
    const separator = text(call, 0);
    const parts: string[] = [];
    let anyPresent = false;
    for (let i = 1; i < call.argCount; i++) {
      const v = call.value(i);
      if (v === undefined || v === null) continue;
      anyPresent = true;
      for (const item of typeof v === 'string' ? [v] : v) if (item !== '') parts.push(item);
    }
    return anyPresent ? parts.join(separator) : null;
  },

  Coalesce(call) {
    // The first argument that isn't NULL; "" counts as a value. The trailing defaultValue is just the last argument.
    for (let i = 0; i < call.argCount; i++) {
      const v = call.value(i);
      if (v !== undefined && v !== null) return v;
    }
    return null;
  },

  Count(call) {
    return String(list(call, 0).length);
  },

  Item(call) {
    const values = list(call, 0);
    const index = integer(call, 1);
    if (call.value(0) === null) return null;
    if (index < 1 || index > values.length) {
      return call.fail('out-of-range', `Item: index ${index} is outside 1–${values.length} (Item is 1-based)`, 1);
    }
    return values[index - 1]!;
  },

  RemoveDuplicates(call) {
    const v = call.value(0) ?? null;
    if (v === null || typeof v === 'string') return v;
    return [...new Set(v)];
  },

  Split(call) {
    const s = scalar(call, 0);
    const delimiter = scalar(call, 1);
    if (delimiter === null || delimiter === '') return call.fail('type', 'Split: the delimiter must not be empty', 1);
    if (s === null) return null;
    return s.split(delimiter);
  },

  SelectUniqueValue(call) {
    if (!call.topLevel) {
      return call.fail('not-top-level', 'SelectUniqueValue must be the whole expression; it cannot be nested in another function', call.node.nameSpan);
    }
    const tried: string[] = [];
    for (let i = 0; i < call.argCount; i++) {
      const candidate = scalar(call, i);
      if (candidate === null || candidate === '') continue;
      tried.push(candidate);
      if (call.context.isUnique(candidate)) return candidate;
    }
    return call.fail(
      'no-unique-value',
      `SelectUniqueValue: every generated value already exists (${tried.map((t) => JSON.stringify(t)).join(', ')}); the object would be escrowed`,
      call.node.span,
    );
  },
};
