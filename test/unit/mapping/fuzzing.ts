// The mapping analyzer's fuzzer: mutated expressions and documents (from real template documents) through every entry
// point at random offsets. Shared by the unit test (fuzz.test.ts), the CLI test (a sample through `lint`) and the
// long mode of the benchmark (`npm run bench -- --fuzz`). Deterministic for a seed.
import { performance } from 'node:perf_hooks';
import { MappingAnalyzer } from '../../../src/mapping/analysis/analyzer';
import { MAPPING_FUNCTION_CATALOG } from '../../../src/mapping/catalog/functions';
import { generatedDocument, pretty, templateDocuments, workplaceLegacyJob } from './analysis/documents';
import { mappingOf } from './analysis/helpers';

/** mulberry32: small, fast, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (random: Random, max: number) => Math.floor(random() * max);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)]!;

const EXPRESSION_CHARS = ['(', ')', '[', ']', ',', '"', '\\', ' ', '&', '=', '<', '>', 'a', 'Z', '1', '-', '.', '\n', 'é', '\ud83d\ude00', '\ud800'];
const JSON_CHARS = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', 'a', '1', 'null', 'true', '-', 'é'];

/** Expressions to start from: every catalogue example plus the generated document's patterns. */
export function seedExpressions(): string[] {
  const out = new Set<string>();
  for (const f of MAPPING_FUNCTION_CATALOG) for (const e of f.examples) out.add(e.expression);
  for (const e of [
    'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    'Coalesce([mail],[userPrincipalName])',
    'IIF([country]="USA", [state], [country])',
    'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )',
    '[mail]',
    'InStr([mail], "@", 1, vbTextCompare)',
  ]) {
    out.add(e);
  }
  return [...out];
}

/** One random mutation of an expression (several for some), including the hostile ones. */
export function mutateExpression(random: Random, text: string): string {
  const at = int(random, text.length + 1);
  switch (int(random, 12)) {
    case 0:
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + int(random, 4));
    case 2:
    case 3:
      return text.slice(0, at) + pick(random, EXPRESSION_CHARS) + text.slice(at);
    case 4: {
      const from = int(random, text.length + 1);
      const slice = text.slice(from, from + int(random, 20));
      return text.slice(0, at) + slice + text.slice(at);
    }
    case 5:
      return text.slice(0, at) + pick(random, MAPPING_FUNCTION_CATALOG).name + '(' + text.slice(at);
    case 6: {
      const depth = 1 + int(random, random() < 0.1 ? 2000 : 30);
      return 'ToLower('.repeat(depth) + text + ')'.repeat(random() < 0.5 ? depth : int(random, depth));
    }
    case 7:
      return `${text.slice(0, at)}"${'x'.repeat(1000 + int(random, 15_000))}"${text.slice(at)}`;
    case 8:
      return text.slice(0, at) + '['.repeat(1 + int(random, 50)) + text.slice(at);
    case 9:
      return text.slice(0, int(random, text.length + 1));
    case 10:
      return text.split('').reverse().join('');
    default:
      return text + ', ' + text;
  }
}

/** One to four random mutations of a document's text. */
export function mutateDocument(random: Random, text: string): string {
  let out = text;
  const count = 1 + int(random, 4);
  for (let i = 0; i < count; i++) {
    const at = int(random, out.length + 1);
    switch (int(random, 10)) {
      case 0:
      case 1:
        out = out.slice(0, at) + out.slice(at + 1 + int(random, 30));
        break;
      case 2:
      case 3:
        out = out.slice(0, at) + pick(random, JSON_CHARS) + out.slice(at);
        break;
      case 4: {
        const from = int(random, out.length + 1);
        out = out.slice(0, at) + out.slice(from, from + int(random, 2000)) + out.slice(at);
        break;
      }
      case 5:
        out = out.slice(0, at) + '['.repeat(1 + int(random, random() < 0.2 ? 100_000 : 300)) + out.slice(at);
        break;
      case 6:
        out = `${out.slice(0, at)}"${'y'.repeat(int(random, 50_000))}"${out.slice(at)}`;
        break;
      case 7: {
        // An expression string gets a mutated expression.
        const start = out.indexOf('"expression": "', at);
        if (start < 0) break;
        const end = out.indexOf('"', start + 15 + 1);
        const mutated = JSON.stringify(mutateExpression(random, pick(random, seedExpressions())));
        out = out.slice(0, start + 14) + mutated + out.slice(end + 1);
        break;
      }
      case 8:
        out = out.slice(0, at);
        break;
      default:
        out = out.slice(0, at) + '{"a": '.repeat(1 + int(random, 500)) + out.slice(at);
    }
  }
  return out;
}

export interface FuzzStats {
  expressions: number;
  documents: number;
  calls: number;
  maxCallMs: number;
  maxCallWhat: string;
  exceptions: { what: string; error: string; input: string }[];
}

export interface FuzzOptions {
  expressions: number;
  documents: number;
  seed: number;
  /** Stop after this many exceptions (they are what the caller reports). */
  maxExceptions?: number;
}

/**
 * A small document with one mutable mapping (no directories: the catalogues speak), so an expression costs what the
 * expression costs and can be fuzzed by the 100k.
 */
function expressionHost(): { before: string; after: string } {
  const text = pretty({
    synchronizationRules: [
      {
        name: 'USER_OUTBOUND_USER',
        sourceDirectoryName: 'Azure Active Directory',
        targetDirectoryName: 'customappsso',
        objectMappings: [
          {
            name: 'Provision Azure Active Directory Users',
            enabled: true,
            sourceObjectName: 'User',
            targetObjectName: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
            attributeMappings: [mappingOf('userName', '[userPrincipalName]', { matchingPriority: 1 }), mappingOf('title', '[jobTitle]')],
          },
        ],
      },
    ],
  });
  const marker = '"expression": "[jobTitle]"';
  const at = text.indexOf(marker) + '"expression": '.length;
  return { before: text.slice(0, at), after: text.slice(at + '"[jobTitle]"'.length) };
}

export function runFuzz(options: FuzzOptions): FuzzStats {
  const random = prng(options.seed);
  const stats: FuzzStats = { expressions: 0, documents: 0, calls: 0, maxCallMs: 0, maxCallWhat: '', exceptions: [] };
  const maxExceptions = options.maxExceptions ?? 5;
  const call = <T>(what: string, input: string, fn: () => T): T | undefined => {
    const started = performance.now();
    try {
      return fn();
    } catch (err) {
      if (stats.exceptions.length < maxExceptions) {
        stats.exceptions.push({ what, error: err instanceof Error ? (err.stack ?? err.message) : String(err), input: input.length > 2000 ? `${input.slice(0, 2000)}…` : input });
      }
      return undefined;
    } finally {
      const ms = performance.now() - started;
      stats.calls++;
      if (ms > stats.maxCallMs) {
        stats.maxCallMs = ms;
        stats.maxCallWhat = `${what} (${input.length} chars)`;
      }
    }
  };

  // ---- expressions, through a one-mapping document updated in place (the incremental path)
  const host = expressionHost();
  const seeds = seedExpressions();
  const analyzer = new MappingAnalyzer();
  let expression = pick(random, seeds);
  for (let i = 0; i < options.expressions && stats.exceptions.length < maxExceptions; i++) {
    expression = random() < 0.3 ? pick(random, seeds) : mutateExpression(random, expression);
    // Past the 10,000-character limit is covered; beyond ~12k only costs time.
    if (expression.length > 12_000) expression = pick(random, seeds);
    const text = host.before + JSON.stringify(expression) + host.after;
    const offset = host.before.length + int(random, JSON.stringify(expression).length + 1);
    call('update', text, () => analyzer.update(text));
    call('diagnostics', text, () => analyzer.diagnostics());
    const which = int(random, 3);
    if (which === 0) call('completions', text, () => analyzer.completions(offset));
    else if (which === 1) call('hover', text, () => analyzer.hover(offset));
    else call('signatureHelp', text, () => analyzer.signatureHelp(offset));
    stats.expressions++;
  }

  // ---- documents: mutated real documents, fresh and incremental analyzers alternately
  const documents = [...templateDocuments().map((d) => d.text), pretty(workplaceLegacyJob()), generatedDocument(60)];
  const incremental = new MappingAnalyzer();
  for (let i = 0; i < options.documents && stats.exceptions.length < maxExceptions; i++) {
    const text = mutateDocument(random, pick(random, documents));
    const subject = i % 2 === 0 ? new MappingAnalyzer() : incremental;
    call('update', text, () => subject.update(text));
    call('diagnostics', text, () => subject.diagnostics());
    for (let k = 0; k < 4; k++) {
      const offset = int(random, text.length + 1);
      call('completions', text, () => subject.completions(offset));
      call('hover', text, () => subject.hover(offset));
      call('signatureHelp', text, () => subject.signatureHelp(offset));
    }
    call('symbols', text, () => subject.symbols());
    call('foldingRanges', text, () => subject.foldingRanges());
    stats.documents++;
  }
  return stats;
}

/** A few mutated documents for the CLI sample (the same generator). */
export function mutatedDocuments(seed: number, count: number): string[] {
  const random = prng(seed);
  const documents = [...templateDocuments().map((d) => d.text), pretty(workplaceLegacyJob())];
  return Array.from({ length: count }, () => mutateDocument(random, pick(random, documents)));
}
