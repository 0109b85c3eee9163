// Fuzzing the mapping analyzer: ≥100k mutated expressions and ~2k mutated real documents through every entry point at
// random offsets — no exception, no call over 1 s, deep nesting reported as a diagnostic. The CLI sample is in
// test/cli/lint.test.ts; a longer run: `npm run bench -- --fuzz` (or ENTRA_FUZZ_SCALE=10 for this test).
import assert from 'node:assert/strict';
import { runFuzz } from './fuzzing';

const SCALE = Number(process.env.ENTRA_FUZZ_SCALE ?? '1') || 1;

describe('mapping analyzer fuzz', () => {
  it(`survives ${100_000 * SCALE} mutated expressions and ${2_000 * SCALE} mutated documents`, function () {
    this.timeout(240_000 * SCALE);
    const stats = runFuzz({ expressions: 100_000 * SCALE, documents: 2_000 * SCALE, seed: 20_261_129 });
    process.stdout.write(
      `      fuzz: ${stats.expressions} expressions, ${stats.documents} documents, ${stats.calls} calls, slowest ${stats.maxCallMs.toFixed(1)} ms (${stats.maxCallWhat})\n`,
    );
    assert.deepEqual(stats.exceptions, []);
    assert.equal(stats.expressions, 100_000 * SCALE);
    assert.ok(stats.maxCallMs < 1000, `slowest call ${stats.maxCallMs} ms: ${stats.maxCallWhat}`);
  });
});
