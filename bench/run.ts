// `npm run bench`: discovery against the naive listing, bundle size and activation. One JSON line per measurement on
// stdout (see report.ts); progress goes to stderr. Exit code 1 when a measurement misses its target.
//
//   node out/bench/run.js [--only discovery|activation|mapping|preview-throughput|migration] [--full-naive] [--sample N] [--latency MS] [--runs N]
//                         [--fuzz]   (also the mapping analyzer's long fuzz run: 1M expressions, 20k documents)
import { parseArgs } from 'node:util';
import { benchActivation } from './activation';
import { benchDiscovery } from './discovery';
import { benchFuzz, benchMapping } from './mapping';
import { benchPreview } from './preview';
import { benchMigrationFaults } from './migrationFaults';
import type { Measurement } from './report';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'full-naive': { type: 'boolean', default: false },
      sample: { type: 'string', default: '500' },
      latency: { type: 'string', default: '50' },
      runs: { type: 'string', default: '7' },
      fuzz: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const results: Measurement[] = [];
  if (!values.only || values.only === 'discovery') {
    process.stderr.write('bench: discovery on the large seed (naive listing takes about 30 s)…\n');
    results.push(
      ...(await benchDiscovery({
        latencyMs: Number(values.latency),
        sample: values['full-naive'] ? 0 : Number(values.sample),
      })),
    );
  }
  if (!values.only || values.only === 'activation') {
    process.stderr.write('bench: bundle size and activation…\n');
    results.push(...(await benchActivation(Number(values.runs))));
  }
  if (!values.only || values.only === 'mapping') {
    process.stderr.write('bench: mapping analysis vs vscode-json-languageservice on a 2,000-mapping document…\n');
    results.push(...(await benchMapping({ mappings: 2000, runs: Math.max(Number(values.runs), 9) })));
  }
  if (!values.only || values.only === 'preview-throughput' || values.only === 'preview') {
    process.stderr.write('bench: preview throughput, 100k users through the Workplace 2.0 mappings vs hand-written code…\n');
    results.push(...benchPreview({ users: 100_000, runs: Math.max(Number(values.runs), 5) }));
  }
  if (!values.only || values.only === 'migration' || values.only === 'migration-faults') {
    process.stderr.write('bench: migration fault matrix (33 cases, each resumed)…\n');
    results.push(await benchMigrationFaults());
  }
  if (values.fuzz) {
    process.stderr.write('bench: mapping analyzer fuzz, long mode (several minutes)…\n');
    results.push(benchFuzz());
  }
  const failed = results.filter((r) => !r.pass);
  if (failed.length > 0) process.stderr.write(`bench: missed target: ${failed.map((r) => r.bench).join(', ')}\n`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
