// `npm test`: unit and CLI tests in Node, integration suites inside a real VS Code (code-server, or desktop with
// --electron / $VSCODE_EXECUTABLE), and the UI scenes. Prints each tier's summary and ends with the line
// "N passed, N failed" summed over the tiers. Exit code 1 when anything failed or a tier could not run: a
// missing code-server or browser is a failure, not a skip, or a broken machine would pass as green.
//
//   node out/test/runner/all.js [--only unit|cli|integration|ui]... [--electron] [--grep TEXT] [--scene NAME]...
import { parseArgs } from 'node:util';
import { runIntegrationInElectron } from './electron';
import { runIntegrationInCodeServer } from './integration';
import { runUiScenes } from './ui';
import { cliTestsDir, findTestFiles, runMochaInNode, unitTestsDir } from './mocha';
import { cliBundle } from './paths';
import { assertBuilt, describeError, type TierResult } from './tier';

const tierNames = ['unit', 'cli', 'integration', 'ui'] as const;
type TierName = (typeof tierNames)[number];

interface Options {
  tiers: TierName[];
  electron: boolean;
  grep?: string;
  scenes: string[];
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string', multiple: true },
      electron: { type: 'boolean', default: false },
      grep: { type: 'string' },
      scene: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const only = (values.only ?? []).flatMap((value) => value.split(','));
  for (const name of only) {
    if (!(tierNames as readonly string[]).includes(name)) {
      throw new Error(`unknown tier "${name}" (expected ${tierNames.join(', ')})`);
    }
  }
  return {
    tiers: only.length ? tierNames.filter((name) => only.includes(name)) : [...tierNames],
    electron: values.electron === true,
    ...(values.grep ? { grep: values.grep } : {}),
    scenes: values.scene ?? [],
  };
}

function runTier(name: TierName, options: Options): Promise<TierResult> {
  const grep = options.grep ? { grep: options.grep } : {};
  switch (name) {
    case 'unit':
      return runMochaInNode(unitTestsDir, grep);
    case 'cli':
      // Say "not built" once rather than failing every test that spawns the CLI.
      if (findTestFiles(cliTestsDir).length > 0) assertBuilt([cliBundle]);
      return runMochaInNode(cliTestsDir, { ...grep, timeoutMs: 30_000 });
    case 'integration':
      return options.electron || process.env.VSCODE_EXECUTABLE
        ? runIntegrationInElectron(grep)
        : runIntegrationInCodeServer(grep);
    case 'ui':
      return runUiScenes(options.scenes);
  }
}

function tierTitle(name: TierName, options: Options): string {
  if (name === 'integration') {
    return options.electron || process.env.VSCODE_EXECUTABLE
      ? 'integration (desktop VS Code, @vscode/test-electron)'
      : 'integration (VS Code server build: code-server + Chromium)';
  }
  if (name === 'cli') return 'cli (mocha in Node, dist/cli.js as a child process)';
  return name === 'ui' ? 'ui (code-server + Chromium, screenshots in screenshots/)' : 'unit (mocha in Node)';
}

async function main(): Promise<number> {
  // Stack traces point into the TypeScript sources (the transpiled files carry inline source maps).
  process.setSourceMapsEnabled(true);
  const options = parseOptions(process.argv.slice(2));
  const summaries: string[] = [];
  let passed = 0;
  let failed = 0;
  let troubled = false;

  for (const name of options.tiers) {
    console.log(`\n=== ${tierTitle(name, options)} ===`);
    const started = Date.now();
    let result: TierResult;
    try {
      result = await runTier(name, options);
    } catch (error) {
      result = { passed: 0, failed: 0, problem: describeError(error) };
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // A tier that could not run counts as one failure, so the closing line never reads as a clean pass.
    const tierFailed = result.failed + (result.problem ? 1 : 0);
    passed += result.passed;
    failed += tierFailed;
    troubled ||= tierFailed > 0;
    if (result.problem) console.log(`${name} could not complete:\n${result.problem}`);
    const summary = `${name}: ${result.passed} passed, ${result.failed} failed (${seconds} s)` +
      (result.problem ? ` — could not complete: ${result.problem.split('\n')[0]}` : '');
    console.log(`--- ${summary}`);
    summaries.push(summary);
  }

  console.log('\n=== summary ===');
  for (const summary of summaries) console.log(summary);
  console.log(`${passed} passed, ${failed} failed`);
  return troubled ? 1 : 0;
}

// Ctrl-C: exiting runs the process-exit hook that kills code-server's process group (see processes.ts); Playwright
// closes its browser on exit by itself.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: stopping`);
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(describeError(error));
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
