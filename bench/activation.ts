// Bundle size of the shipped extension bundle and the cost of activating it, each activation in a fresh Node process
// through bench/activationHarness.ts (median of several runs), against an empty extension in the same harness.
//
// The bundle is built here, with the options of `scripts/build.mjs --production` (minified, no source map), into
// out/bench/production/extension.js: dist/ is shared and every test run rebuilds it unminified with source maps,
// which would make the size and load time depend on who built last.
//
// Whether msal and the sandbox load during activation cannot be seen in that bundle itself: esbuild inlines them, so
// require.cache never names them. The check runs on a second bundle of the same entry point in which
// `@azure/msal-node` stays external (resolved from node_modules) and every src/sandbox import points at its
// one-to-one transpiled file under out/src/sandbox; require.cache then shows exactly what activation loaded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import * as esbuild from 'esbuild';
import { median, report, type Measurement } from './report';

interface HarnessResult {
  requireMs: number;
  activateMs: number;
  totalMs: number;
  msalLoaded: boolean;
  sandboxLoaded: boolean;
  msalLoadedAfterIdle: boolean;
  sandboxLoadedAfterIdle: boolean;
  modules: number;
}

const root = resolve(__dirname, '..', '..');
const harness = join(root, 'out', 'bench', 'activationHarness.js');
const BUNDLE_LIMIT_KB = 600;
const ACTIVATE_LIMIT_MS = 50;

function runHarness(bundle: string): HarnessResult {
  const output = execFileSync(process.execPath, [harness, bundle], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(output.trim().split('\n').at(-1)!) as HarnessResult;
}

async function instrumentedBundle(): Promise<string> {
  const outfile = join(root, 'out', 'bench', 'instrumented', 'extension.js');
  const sandboxSource = join(root, 'src', 'sandbox') + '/';
  await esbuild.build({
    entryPoints: [join(root, 'src', 'extension.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['vscode', '@azure/msal-node'],
    plugins: [
      {
        name: 'sandbox-as-separate-files',
        setup(build) {
          build.onResolve({ filter: /sandbox/ }, (args) => {
            if (!args.importer || !args.path.startsWith('.')) return undefined;
            const target = resolve(dirname(args.importer), args.path);
            if (!`${target}/`.startsWith(sandboxSource)) return undefined;
            // `../sandbox/server` → out/src/sandbox/server.js; a folder import → its index.js.
            const base = join(root, 'out', relative(root, target));
            const transpiled = existsSync(`${base}.js`) ? `${base}.js` : join(base, 'index.js');
            return { path: transpiled, external: true };
          });
        },
      },
    ],
  });
  return outfile;
}

/** The extension bundle exactly as `scripts/build.mjs --production` makes it, built where nobody else writes. */
function productionBundle(): string {
  const outdir = join(root, 'out', 'bench', 'production');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', '--outdir', outdir], { cwd: root, stdio: 'inherit' });
  return join(outdir, 'extension.js');
}

export async function benchActivation(runs: number): Promise<Measurement[]> {
  const bundle = productionBundle();
  const sizeKb = statSync(bundle).size / 1024;
  const empty = join(root, 'out', 'bench', 'empty-extension.js');
  mkdirSync(dirname(empty), { recursive: true });
  writeFileSync(empty, 'exports.activate = function activate() {};\n');

  const samples = Array.from({ length: runs }, () => runHarness(bundle));
  const baselines = Array.from({ length: runs }, () => runHarness(empty));
  const activateMs = median(samples.map((s) => s.totalMs));
  const emptyMs = median(baselines.map((s) => s.totalMs));
  const loads = runHarness(await instrumentedBundle());

  return [
    report({
      bench: 'bundle.size',
      value: sizeKb,
      unit: 'KB',
      baseline: null,
      ratio: null,
      target: `≤ ${BUNDLE_LIMIT_KB} KB`,
      pass: sizeKb <= BUNDLE_LIMIT_KB,
      note: 'extension bundle built with the options of `scripts/build.mjs --production` (minified, no source map) into out/bench/production/extension.js',
    }),
    report({
      bench: 'activate.time',
      value: activateMs,
      unit: 'ms',
      baseline: emptyMs,
      ratio: activateMs / emptyMs,
      target: `≤ ${ACTIVATE_LIMIT_MS} ms`,
      pass: activateMs <= ACTIVATE_LIMIT_MS,
      note:
        `require(bundle) + activate() in a fresh Node process with a vscode stand-in, median of ${runs} ` +
        `(require ${median(samples.map((s) => s.requireMs)).toFixed(1)} ms, activate() alone ${median(samples.map((s) => s.activateMs)).toFixed(1)} ms, ` +
        `all runs ${samples.map((s) => s.totalMs.toFixed(0)).join('/')} ms, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs); ` +
        'baseline = an empty extension in the same harness',
    }),
    report({
      bench: 'activate.msalLoaded',
      value: loads.msalLoaded,
      unit: 'boolean',
      baseline: null,
      ratio: null,
      target: 'false: @azure/msal-node loads on first sign-in, not on activation',
      pass: !loads.msalLoaded,
      note: `require.cache after activate() on a bundle with msal external; 500 ms later: ${loads.msalLoadedAfterIdle ? 'loaded' : 'still not loaded'}`,
    }),
    report({
      bench: 'activate.sandboxLoaded',
      value: loads.sandboxLoaded,
      unit: 'boolean',
      baseline: null,
      ratio: null,
      target: 'false: the sandbox loads only when started',
      pass: !loads.sandboxLoaded,
      note: `require.cache after activate() on a bundle with src/sandbox external; 500 ms later: ${loads.sandboxLoadedAfterIdle ? 'loaded' : 'still not loaded'}`,
    }),
  ];
}
