// Runs the integration suites (out/test/integration) inside VS Code's server build: code-server serves the
// workbench, headless Chromium opens it with extensionDevelopmentPath + extensionTestsPath in the URL payload, and
// the extension host runs test/integration/index.ts and reports its console and exit code back through the page.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, runTestsInPage } from './browser';
import { startCodeServer, workbenchUrl } from './codeServer';
import { createRunDir, extensionBundle, integrationSuiteIndex, repoRoot } from './paths';
import { assertBuilt, describeError, prepareWorkspace, type TierResult } from './tier';

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

  const server = await startCodeServer({
    runDir,
    env: options.grep ? { ENTRA_TEST_GREP: options.grep } : {},
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
