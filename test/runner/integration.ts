// Runs the integration suites (out/test/integration) inside VS Code's server build: code-server serves the
// workbench, headless Chromium opens it with extensionDevelopmentPath + extensionTestsPath in the URL payload, and
// the extension host runs test/integration/index.ts and reports its console and exit code back through the page.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, runTestsInPage } from './browser';
import { startCodeServer, workbenchUrl } from './codeServer';
import { createRunDir, extensionBundle, integrationSuiteIndex, repoRoot } from './paths';
import { assertBuilt, describeError, prepareWorkspace, type TierResult } from './tier';
import { sandboxSettings, startSandbox } from './sandbox';

/** Suites read the sandbox's ready line (secret included) from here; it never reaches settings or files. */
export const sandboxEnvVar = 'ENTRA_PROVISIONING_TEST_SANDBOX';

/** Must match test/integration/index.ts (not imported: the runner should not load the suite's modules). */
const startLine = '[mocha-start]';
const resultLinePrefix = '[mocha-result]';

export interface IntegrationOptions {
  /** Only tests whose title matches (mocha --grep). */
  grep?: string;
  timeoutMs?: number;
}

export async function runIntegrationInCodeServer(options: IntegrationOptions = {}): Promise<TierResult> {
  assertBuilt([extensionBundle, `${integrationSuiteIndex}.js`]);
  const runDir = createRunDir('integration');
  const workspace = prepareWorkspace(runDir);
  const hostLog = join(runDir, 'extension-host.log');

  // Every integration run gets a fresh sandbox tenant; the extension reaches it through its settings, the suites
  // through the environment (for the app-only secret and the control API).
  const sandbox = await startSandbox([], (line) => appendFileSync(join(runDir, 'sandbox.log'), `${line}\n`));
  try {
    return await runWithSandbox(runDir, workspace, hostLog, sandbox.info, options);
  } finally {
    await sandbox.process.stop();
  }
}

async function runWithSandbox(
  runDir: string,
  workspace: string,
  hostLog: string,
  sandbox: Awaited<ReturnType<typeof startSandbox>>['info'],
  options: IntegrationOptions,
): Promise<TierResult> {
  const server = await startCodeServer({
    runDir,
    settings: sandboxSettings(sandbox),
    env: { [sandboxEnvVar]: JSON.stringify(sandbox), ...(options.grep ? { ENTRA_TEST_GREP: options.grep } : {}) },
  });
  let counts: TierResult | undefined;
  // Before the suite starts, the forwarded console is workbench start-up chatter: show only errors of it.
  let suiteStarted = false;
  try {
    const browser = await openBrowser({ consoleLogFile: join(runDir, 'browser-console.log') });
    try {
      const url = workbenchUrl(server, {
        folder: workspace,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: integrationSuiteIndex,
      });
      const exitCode = await runTestsInPage(browser.page, url, {
        timeoutMs: options.timeoutMs ?? 180_000,
        onHostLog: (level, text) => {
          appendFileSync(hostLog, `[${level}] ${text}\n`);
          if (text === startLine) {
            suiteStarted = true;
            return;
          }
          if (text.startsWith(resultLinePrefix)) {
            counts = JSON.parse(text.slice(resultLinePrefix.length)) as TierResult;
            return;
          }
          if (!suiteStarted && level !== 'error') return;
          for (const line of text.split('\n')) console.log(`  [ext-host] ${line}`);
        },
      }).catch((error: unknown) => {
        throw new Error(`${describeError(error)}; logs in ${runDir}`);
      });
      if (!counts) {
        return { passed: 0, failed: 0, problem: `the extension host exited (code ${exitCode}) without test results; see ${hostLog}` };
      }
      if (exitCode !== 0 && counts.failed === 0) {
        return { ...counts, problem: `the extension host exited with code ${exitCode}; see ${hostLog}` };
      }
      return counts;
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}
