// Builds the extension and CLI bundles (dist/) and, with --tests, transpiles src/ test/ bench/ to out/ so the
// mocha suites (unit in Node, integration inside VS Code) can require them file by file.
// --production minifies the bundles and drops source maps (what `npm run package` ships).
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const testsOnly = args.has('--tests-only'); // transpile for unit tests without bundling (fast inner loop)
const withTests = args.has('--tests') || testsOnly;
// --outdir DIR puts the bundles elsewhere (the benchmark measures a production build without touching dist/).
const argv = process.argv.slice(2);
const outdir = argv.includes('--outdir') ? argv[argv.indexOf('--outdir') + 1] : 'dist';

const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  external: ['vscode'],
  // Lazy `import()` of msal and the sandbox stays lazy: esbuild keeps them in the bundle but only evaluates on use.
};

/** In the extension bundle, `@azure/msal-node` resolves to the sibling file dist/msal.js at run time. */
const msalAsSeparateFile = {
  name: 'msal-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^@azure\/msal-node$/ }, () => ({ path: './msal.js', external: true }));
  },
};

/**
 * In the extension bundle, the mapping analysis core (required on first use by src/vscode/language/analyzers.ts) is the
 * sibling file dist/mapping-analysis.js: half of the extension's code, needed only once a *.provisioning.json asks, and
 * the extension activates on every JSON document — so activation must not even parse it.
 */
const mappingAnalysisAsSeparateFile = {
  name: 'mapping-analysis-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /\/mapping\/analysis$/ }, (args) =>
      /[\\/]src[\\/]vscode[\\/]language[\\/]/.test(args.importer) && args.kind === 'require-call'
        ? { path: './mapping-analysis.js', external: true }
        : undefined,
    );
  },
};

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTs(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

if (!testsOnly) {
rmSync(outdir, { recursive: true, force: true });
await Promise.all([
  esbuild.build({
    ...bundleOptions,
    entryPoints: ['src/extension.ts'],
    outfile: `${outdir}/extension.js`,
    metafile: true,
    plugins: [msalAsSeparateFile, mappingAnalysisAsSeparateFile],
  }),
  esbuild.build({
    ...bundleOptions,
    entryPoints: ['src/mapping/analysis/index.ts'],
    outfile: `${outdir}/mapping-analysis.js`,
  }),
  // msal is half of the extension's code and needed only at sign-in: it lives in dist/msal.js, which the lazy
  // require('@azure/msal-node') calls in src/auth load on first use, so activation does not parse it.
  esbuild.build({
    ...bundleOptions,
    stdin: { contents: "module.exports = require('@azure/msal-node');", resolveDir: '.', loader: 'js' },
    outfile: `${outdir}/msal.js`,
  }),
  esbuild.build({
    ...bundleOptions,
    entryPoints: ['src/cli/main.ts'],
    outfile: `${outdir}/cli.js`,
    banner: { js: '#!/usr/bin/env node' },
    // `lint` bundles vscode-json-languageservice, whose UMD build hides its requires from esbuild (they fail at run
    // time): take the packages' ES module builds ("module") where they have one.
    mainFields: ['module', 'main'],
  }),
]);
}

if (withTests) {
  // The fast inner loop (--tests-only) overwrites in place, so a test run going on beside it keeps its files.
  if (!testsOnly) rmSync('out', { recursive: true, force: true });
  const entryPoints = ['src', 'test', 'bench'].flatMap((d) => {
    try { return listTs(d); } catch { return []; }
  });
  await esbuild.build({
    entryPoints,
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
