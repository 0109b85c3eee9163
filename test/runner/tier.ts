// What every tier (unit, integration, ui) reports back to the orchestrator, and the checks they share.
import { cpSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extensionBundle, fixtureWorkspaceDir, repoRoot } from './paths';

export interface TierResult {
  passed: number;
  failed: number;
  /** Set when the tier could not run or its results could not be read: the run counts as failed. */
  problem?: string;
}

/** A writable copy of test/fixtures/workspace inside the run folder. */
export function prepareWorkspace(runDir: string): string {
  const workspace = join(runDir, 'workspace');
  cpSync(fixtureWorkspaceDir, workspace, { recursive: true });
  return workspace;
}

/** Fails early, with the fix in the message, instead of letting VS Code report a missing main file. */
export function assertBuilt(files: readonly string[] = [extensionBundle]): void {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `not built: ${missing.map((f) => relative(repoRoot, f)).join(', ')} (run \`node scripts/build.mjs --tests\`)`,
    );
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
