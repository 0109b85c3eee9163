// Where the test infrastructure keeps its things. Everything lives inside the repository (gitignored folders),
// so a run never touches the user's home and a fresh clone is self-contained.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: this file is compiled to <repo>/out/test/runner/paths.js. */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** code-server is installed here once and reused (like test-electron's .vscode-test/). */
export const codeServerCacheDir = join(repoRoot, '.code-server');

/** Per-run throwaway folders: user data, extensions, XDG dirs, the workspace copy. */
export const testRunsDir = join(repoRoot, '.test-runs');

export const screenshotsDir = join(repoRoot, 'screenshots');

export const fixtureWorkspaceDir = join(repoRoot, 'test', 'fixtures', 'workspace');

/** The compiled integration suite index, without ".js" (VS Code appends it when it requires the file). */
export const integrationSuiteIndex = join(repoRoot, 'out', 'test', 'integration', 'index');

export const extensionBundle = join(repoRoot, 'dist', 'extension.js');

/** The `entra-provisioning` command line (its `sandbox` command serves the sandbox tenant). */
export const cliBundle = join(repoRoot, 'dist', 'cli.js');

/** How many finished run folders to keep for post-mortems; older ones are deleted at the next run. */
const keptRuns = 5;

/** A fresh folder for one run, named so that `ls` sorts them by time. */
export function createRunDir(label: string): string {
  mkdirSync(testRunsDir, { recursive: true });
  pruneOldRuns();
  // Short names: code-server puts a unix socket in the user-data folder inside, and socket paths max out at 107.
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15); // 20261129-040207
  const dir = join(testRunsDir, `${stamp}-${label.slice(0, 24)}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Run folders end in "-<pid>"; a folder whose process still runs (say, `npm start`) is in use. */
function isInUse(runDirName: string): boolean {
  const pid = Number(/-(\d+)$/.exec(runDirName)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pruneOldRuns(): void {
  const runs = readdirSync(testRunsDir)
    .filter((name) => !isInUse(name))
    .map((name) => join(testRunsDir, name))
    .filter((path) => statSync(path).isDirectory())
    .sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - keptRuns))) {
    rmSync(old, { recursive: true, force: true });
  }
}
