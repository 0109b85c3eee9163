// Suite index loaded by VS Code's extension host (code-server or desktop through @vscode/test-electron): VS Code
// requires this file and awaits run(). Rejecting fails the run; the extension host then exits with code 1.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** The runner reads these lines from the forwarded console (see test/runner/integration.ts): the first tells
 * workbench start-up chatter from test output, the second carries the counts. */
export const startLine = '[mocha-start]';
export const resultLinePrefix = '[mocha-result]';

export interface SuiteResult {
  passed: number;
  failed: number;
}

/**
 * Suites that change the shared seed for good (migration.test replaces the Workplace app's seeded job, and a
 * rolled-back job is a new job without the seed's status and logs) run after every suite that reads the seed.
 */
const RUN_LAST = new Set(['migration.test.js']);

function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...findTestFiles(full));
    else if (name.endsWith('.test.js')) files.push(full);
  }
  return files;
}

function inRunOrder(files: string[]): string[] {
  const last = (file: string) => RUN_LAST.has(file.split(/[\\/]/).pop()!);
  return [...files.filter((f) => !last(f)), ...files.filter(last)];
}

export function run(): Promise<void> {
  // Real VS Code work (activation, opening views) is slower than unit code; 2 s would make the suite flaky.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000 });
  const grep = process.env.ENTRA_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of inRunOrder(findTestFiles(__dirname))) mocha.addFile(file);

  console.log(startLine);
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const result: SuiteResult = { passed: runner.stats?.passes ?? 0, failed: failures };
        console.log(`${resultLinePrefix} ${JSON.stringify(result)}`);
        // The desktop launcher has no console hook to read the line from, so it passes a file path instead.
        const resultFile = process.env.ENTRA_TEST_RESULT_FILE;
        if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
