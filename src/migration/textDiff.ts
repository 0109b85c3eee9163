// A line diff in unified format, for showing the schema a migration will write next to the template default.
// Myers' O(ND) algorithm: schemas are a few thousand lines and differ in a few dozen, so this stays fast where an
// LCS table would not fit in memory.

type Op = { kind: ' ' | '-' | '+'; line: string };

export function diffLines(before: readonly string[], after: readonly string[]): Op[] {
  const n = before.length;
  const m = after.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && before[x] === after[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers to recover the edit script.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = frontier[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: before[x]! });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: after[--y]! });
      else ops.push({ kind: '-', line: before[--x]! });
    }
  }
  return ops.reverse();
}

/** Unified diff text (`--- a`, `+++ b`, `@@ -l,c +l,c @@` hunks with `context` lines around changes); '' when equal. */
export function unifiedDiff(beforeText: string, afterText: string, labels: { before: string; after: string }, context = 3): string {
  const ops = diffLines(beforeText.split('\n'), afterText.split('\n'));
  if (ops.every((o) => o.kind === ' ')) return '';
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i]! - context);
    let end = Math.min(ops.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= end) end = Math.min(ops.length, changed[++i]! + context + 1);
    i++;
    let beforeLine = 1;
    let afterLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.kind !== '+') beforeLine++;
      if (ops[j]!.kind !== '-') afterLine++;
    }
    const hunk = ops.slice(start, end);
    const beforeCount = hunk.filter((o) => o.kind !== '+').length;
    const afterCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${beforeLine},${beforeCount} +${afterLine},${afterCount} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    start = end;
  }
  return `${out.join('\n')}\n`;
}
