// Builds the extension and CLI bundles (dist/) and, with --tests, transpiles src/ test/ bench/ to out/ so the
// mocha suites (unit in Node, integration inside VS Code) can require them file by file.
// --production minifies the bundles and drops source maps (what `npm run package` ships).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

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
 * sibling file dist/mapping-analysis.js (also for the lazily loaded features): half of the extension's code, needed only once a *.provisioning.json asks, and
 * the extension activates on every JSON document — so activation must not even parse it.
 */
const mappingAnalysisAsSeparateFile = {
  name: 'mapping-analysis-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /\/mapping\/analysis$/ }, (args) =>
      /[\\/]src[\\/]vscode[\\/]/.test(args.importer) && args.kind === 'require-call'
        ? { path: './mapping-analysis.js', external: true }
        : undefined,
    );
  },
};

/**
 * Every `import * as vscode from 'vscode'` of an external CommonJS module makes esbuild copy the whole API object
 * (__toESM) once per importing file — dozens of copies of hundreds of properties during activation. All importers
 * go through one ES module that re-exports the API instead, so the copy is made once.
 */
const vscodeImportedOnce = {
  name: 'vscode-imported-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * The features the extension registers at activation but runs only when asked (schema editing, on-demand
 * provisioning, preview, migration) keep a light `register.ts` whose `require('./x')` calls load the rest on first
 * use. In the extension bundle those modules live in the sibling file dist/features.js, so activation does not even
 * parse them: each `require('./x')` of a src/vscode/<feature>/register.ts becomes `require('./features.js')[key]`.
 * Classes whose `instanceof` must hold across the two bundles (GraphError, SignInError) carry a Symbol.for brand.
 */
const FEATURE_REGISTRARS = ['fs', 'migration', 'onDemand', 'preview'].map((feature) => `src/vscode/${feature}/register.ts`);

/** `src/vscode/<feature>/<module>` for every module a registrar requires lazily (found in its text). */
function lazyFeatureModules() {
  const modules = new Set();
  for (const file of FEATURE_REGISTRARS) {
    for (const match of readFileSync(file, 'utf8').matchAll(/require\('(\.\/[^']+)'\)/g)) {
      modules.add(join(dirname(file), match[1]).replace(/\\/g, '/'));
    }
  }
  return [...modules].sort();
}

const featuresAsSeparateFile = {
  name: 'features-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^\.\// }, (args) => {
      if (args.kind !== 'require-call' || !/[\\/]src[\\/]vscode[\\/][^\\/]+[\\/]register\.ts$/.test(args.importer)) return undefined;
      const key = join(relative('.', dirname(args.importer)), args.path).replace(/\\/g, '/');
      return { path: key, namespace: 'lazy-feature' };
    });
    build.onResolve({ filter: /^\.\/features\.js$/, namespace: 'lazy-feature' }, () => ({ path: './features.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-feature' }, (args) => ({
      contents: `module.exports = require('./features.js')[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
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
    plugins: [vscodeImportedOnce, msalAsSeparateFile, mappingAnalysisAsSeparateFile, featuresAsSeparateFile],
  }),
  esbuild.build({
    ...bundleOptions,
    stdin: {
      contents: lazyFeatureModules().map((m) => `exports[${JSON.stringify(m)}] = require('./${m}');`).join('\n'),
      resolveDir: '.',
      loader: 'js',
    },
    outfile: `${outdir}/features.js`,
    plugins: [vscodeImportedOnce, msalAsSeparateFile, mappingAnalysisAsSeparateFile],
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
    // scimmy (the sandbox's SCIM server) declares resources and schemas by their class names: minified names collide.
    keepNames: true,
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
