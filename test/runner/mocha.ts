// Tiers that run mocha in this Node process on transpiled test files: unit (out/test/unit, pure code, no VS Code)
// and cli (out/test/cli, dist/cli.js driven as a child process). Code that needs the vscode API belongs in the
// integration suites instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from './paths';
import { describeError, type TierResult } from './tier';

export const unitTestsDir = join(repoRoot, 'out', 'test', 'unit');
export const cliTestsDir = join(repoRoot, 'out', 'test', 'cli');

export function findTestFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...findTestFiles(full));
    else if (name.endsWith('.test.js')) files.push(full);
  }
  return files;
}

export interface MochaTierOptions {
  grep?: string;
  /** Per-test limit; child processes and servers need more than mocha's 2 s. */
  timeoutMs?: number;
}

export async function runMochaInNode(dir: string, options: MochaTierOptions = {}): Promise<TierResult> {
  const files = findTestFiles(dir);
  if (files.length === 0) {
    console.log(`  no test files under ${relative(repoRoot, dir)}`);
    return { passed: 0, failed: 0 };
  }
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: options.timeoutMs ?? 10_000 });
  if (options.grep) mocha.grep(options.grep);
  for (const file of files) mocha.addFile(file);
  try {
    // loadFilesAsync reports a test file that fails to load as an error here instead of crashing the process.
    await mocha.loadFilesAsync();
  } catch (error) {
    return { passed: 0, failed: 0, problem: `a test file failed to load: ${describeError(error)}` };
  }
  return new Promise<TierResult>((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
}
