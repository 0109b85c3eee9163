// Mapping-document analysis against vscode-json-languageservice (the engine behind VS Code's JSON editor, configured
// with our schema the way VS Code configures it), side by side in one run on a generated 2,000-mapping job schema:
//  * full analysis (parse + every diagnostic, expression caches cleared) vs the JSON service parsing and validating
//    the same text against synchronization-schema.schema.json            — target ≤ 1.0×
//  * re-analysis after a one-character edit inside an expression vs full  — target ≤ 0.2×
//  * completion inside an expression (after the keystroke: update + completions) vs the JSON service's completion at
//    the same position (parse + doComplete)                                — target ≤ 1.0×
// Each figure is the median of `runs` measurements after warm-up runs; the two sides alternate so GC and JIT state
// hit both alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService, TextDocument, type JSONSchema } from 'vscode-json-languageservice';
import { MappingAnalyzer } from '../src/mapping/analysis/analyzer';
import { clearExpressionCache } from '../src/mapping/analysis/expressionAnalysis';
import { generatedDocument } from '../test/unit/mapping/analysis/documents';
import { runFuzz } from '../test/unit/mapping/fuzzing';
import { median, report, type Measurement } from './report';

const SCHEMA_PATH = join(__dirname, '..', '..', 'schemas', 'synchronization-schema.schema.json');

export interface MappingBenchOptions {
  mappings: number;
  runs: number;
}

function jsonService() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JSONSchema;
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'file:///synchronization-schema.schema.json', fileMatch: ['*.provisioning.json'], schema }] });
  return service;
}

let version = 0;
const documentOf = (text: string) => TextDocument.create('file:///bench/job.provisioning.json', 'json', ++version, text);

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

export async function benchMapping(options: MappingBenchOptions): Promise<Measurement[]> {
  const text = generatedDocument(options.mappings);
  const service = jsonService();
  const warmup = Math.max(3, Math.ceil(options.runs / 2));

  // A one-character edit inside an expression in the middle of the document, and the cursor after it.
  const anchor = text.indexOf('"expression": "Join(\\" \\", [givenName]', Math.floor(text.length / 2));
  const editAt = text.indexOf('[givenName]', anchor) + '[given'.length;
  const edited = text.slice(0, editAt) + 'N' + text.slice(editAt);
  const cursor = editAt + 1;

  // ---- full analysis vs schema validation
  const ours: number[] = [];
  const theirs: number[] = [];
  let diagnosticCount = 0;
  let schemaProblems = 0;
  for (let i = 0; i < warmup + options.runs; i++) {
    clearExpressionCache();
    const analyzer = new MappingAnalyzer();
    const mine = time(() => {
      analyzer.update(text);
      diagnosticCount = analyzer.diagnostics().length;
    });
    const json = await timeAsync(async () => {
      const document = documentOf(text);
      schemaProblems = (await service.doValidation(document, service.parseJSONDocument(document))).length;
    });
    if (i >= warmup) {
      ours.push(mine);
      theirs.push(json);
    }
  }
  const fullMs = median(ours);
  const jsonMs = median(theirs);

  // ---- one-character edit vs full
  const incremental: number[] = [];
  let lastUpdate = '';
  for (let i = 0; i < warmup + options.runs; i++) {
    const analyzer = new MappingAnalyzer(text);
    analyzer.diagnostics();
    const ms = time(() => {
      analyzer.update(edited);
      analyzer.diagnostics();
    });
    lastUpdate = analyzer.lastUpdate;
    if (i >= warmup) incremental.push(ms);
  }
  const incrementalMs = median(incremental);

  // ---- completion inside the expression after the keystroke
  const completionOurs: number[] = [];
  const completionTheirs: number[] = [];
  let items = 0;
  let jsonItems = 0;
  for (let i = 0; i < warmup + options.runs; i++) {
    const analyzer = new MappingAnalyzer(text);
    analyzer.diagnostics();
    const mine = time(() => {
      analyzer.update(edited);
      items = analyzer.completions(cursor).length;
    });
    const json = await timeAsync(async () => {
      const document = documentOf(edited);
      const list = await service.doComplete(document, document.positionAt(cursor), service.parseJSONDocument(document));
      jsonItems = list?.items.length ?? 0;
    });
    if (i >= warmup) {
      completionOurs.push(mine);
      completionTheirs.push(json);
    }
  }
  const completionMs = median(completionOurs);
  const jsonCompletionMs = median(completionTheirs);

  const size = `${options.mappings} mappings, ${(text.length / 1e6).toFixed(1)} MB`;
  return [
    report({
      bench: 'mapping.fullAnalysis',
      value: fullMs,
      unit: 'ms',
      baseline: jsonMs,
      ratio: fullMs / jsonMs,
      target: '<= 1.0x vscode-json-languageservice parse + schema validation',
      pass: fullMs <= jsonMs,
      note: `${size}; median of ${options.runs}; ${diagnosticCount} diagnostics vs ${schemaProblems} schema problems; expression caches cleared each run`,
    }),
    report({
      bench: 'mapping.incrementalEdit',
      value: incrementalMs,
      unit: 'ms',
      baseline: fullMs,
      ratio: incrementalMs / fullMs,
      target: '<= 0.2x full analysis',
      pass: incrementalMs <= 0.2 * fullMs,
      note: `one character typed inside an expression, update() + diagnostics(); update was ${lastUpdate}`,
    }),
    report({
      bench: 'mapping.completionInExpression',
      value: completionMs,
      unit: 'ms',
      baseline: jsonCompletionMs,
      ratio: completionMs / jsonCompletionMs,
      target: '<= 1.0x vscode-json-languageservice completion at the same position',
      pass: completionMs <= jsonCompletionMs,
      note: `after the keystroke: update() + completions() (${items} items) vs parseJSONDocument + doComplete (${jsonItems} items)`,
    }),
  ];
}

/**
 * The fuzzer's long mode (`npm run bench -- --fuzz`): 1M mutated expressions and 20k mutated documents through every
 * analyzer entry point; reports the slowest single call (target < 1 s) and fails on any exception.
 */
export function benchFuzz(scale = 10): Measurement {
  const started = performance.now();
  const stats = runFuzz({ expressions: 100_000 * scale, documents: 2_000 * scale, seed: 1_129 });
  const seconds = (performance.now() - started) / 1000;
  for (const e of stats.exceptions) process.stderr.write(`bench: fuzz exception in ${e.what}: ${e.error}\n  input: ${e.input.slice(0, 500)}\n`);
  return report({
    bench: 'mapping.fuzzSlowestCall',
    value: stats.maxCallMs,
    unit: 'ms',
    baseline: null,
    ratio: null,
    target: '< 1000 ms for any single call, no exception',
    pass: stats.maxCallMs < 1000 && stats.exceptions.length === 0,
    note: `${stats.expressions} expressions + ${stats.documents} documents, ${stats.calls} calls in ${seconds.toFixed(0)} s; slowest: ${stats.maxCallWhat}; ${stats.exceptions.length} exceptions`,
  });
}
