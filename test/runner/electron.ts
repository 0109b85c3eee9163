// The same integration suites in desktop VS Code through @vscode/test-electron. Used when VSCODE_EXECUTABLE points
// at a VS Code binary, or when asked for with --electron (then test-electron may try to download VS Code, which
// only works where that download is reachable). Desktop VS Code needs a display: on a headless Linux box run the
// orchestrator under xvfb-run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { quietSettings } from './codeServer';
import { createRunDir, extensionBundle, integrationSuiteIndex, repoRoot } from './paths';
import { assertBuilt, describeError, prepareWorkspace, type TierResult } from './tier';

/** The desktop build that matches engines.vscode, for when test-electron has to download one. */
const desktopVersion = '1.100.3';

export interface ElectronOptions {
  grep?: string;
  /** A VS Code executable; default $VSCODE_EXECUTABLE, else test-electron downloads `desktopVersion`. */
  executable?: string;
}

export async function runIntegrationInElectron(options: ElectronOptions = {}): Promise<TierResult> {
  assertBuilt([extensionBundle, `${integrationSuiteIndex}.js`]);
  const runDir = createRunDir('electron');
  const workspace = prepareWorkspace(runDir);
  const userDataDir = join(runDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(quietSettings, null, 2));
  // Desktop VS Code has no console hook like the browser's: test/integration/index.ts writes its counts here.
  const resultFile = join(runDir, 'result.json');

  const executable = options.executable ?? process.env.VSCODE_EXECUTABLE;
  if (!executable) console.log(`  [electron] no VSCODE_EXECUTABLE: @vscode/test-electron will try to download VS Code ${desktopVersion}`);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('  [electron] no DISPLAY: desktop VS Code will probably not start (try xvfb-run)');
  }

  let failure: string | undefined;
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: desktopVersion, cachePath: join(repoRoot, '.vscode-test') }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationSuiteIndex,
      extensionTestsEnv: {
        ENTRA_TEST_RESULT_FILE: resultFile,
        ...(options.grep ? { ENTRA_TEST_GREP: options.grep } : {}),
      },
      launchArgs: [
        workspace,
        // Only the extension under development: the user's extensions would make results machine-dependent.
        '--disable-extensions',
        '--disable-gpu',
        // test-electron itself adds --no-sandbox, --disable-updates, --skip-welcome, --skip-release-notes and
        // --disable-workspace-trust.
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${join(runDir, 'extensions')}`,
      ],
    });
  } catch (error) {
    // A failing suite rejects too (TestRunFailedError); the result file still tells how many passed.
    failure = describeError(error);
  }

  if (!existsSync(resultFile)) {
    return { passed: 0, failed: 0, problem: `desktop VS Code ran no suite${failure ? `: ${failure}` : ''}` };
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as TierResult;
  if (failure && result.failed === 0) return { ...result, problem: failure };
  return result;
}
