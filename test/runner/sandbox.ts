// The sandbox tenant (`entra-provisioning sandbox`, from dist/cli.js) as a child process of the runner, for
// `npm start` and for UI scenes that need data. It prints one JSON ready line on stdout; everything else is logged.
import { cliBundle, repoRoot } from './paths';
import { forEachLine, spawnGroup, withTimeout, type GroupProcess } from './processes';
import { assertBuilt } from './tier';

import type { SandboxReadyInfo } from '../../src/sandbox/server';
export type { SandboxReadyInfo };

export interface RunningSandbox {
  info: SandboxReadyInfo;
  process: GroupProcess;
}

function isReadyInfo(value: unknown): value is SandboxReadyInfo {
  const info = value as Partial<SandboxReadyInfo> | null;
  return typeof info?.graph === 'string' && typeof info.authority === 'string';
}

export async function startSandbox(extraArgs: string[] = [], log: (line: string) => void = console.log): Promise<RunningSandbox> {
  assertBuilt([cliBundle]);
  const sandbox = spawnGroup(process.execPath, [cliBundle, 'sandbox', ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let announce: ((info: SandboxReadyInfo) => void) | undefined;
  const ready = new Promise<SandboxReadyInfo>((resolve) => (announce = resolve));
  forEachLine(sandbox.child.stdout, (line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      if (isReadyInfo(parsed)) {
        announce?.(parsed);
        return;
      }
    } catch {
      // Not the ready line.
    }
    log(`[sandbox] ${line}`);
  });
  forEachLine(sandbox.child.stderr, (line) => log(`[sandbox] ${line}`));
  const died = sandbox.exited.then((code) => {
    throw new Error(`the sandbox exited (code ${code}) before it was ready`);
  });
  died.catch(() => undefined); // its later, intended exit is not an error
  try {
    const info = await withTimeout(Promise.race([ready, died]), 30_000, 'sandbox start');
    return { info, process: sandbox };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** What the extension reads to talk to the sandbox (contributed by the extension's package.json). */
export function sandboxSettings(info: SandboxReadyInfo | undefined): Record<string, unknown> {
  if (!info) return {};
  return {
    'entraProvisioning.cloud': 'Sandbox',
    'entraProvisioning.sandbox.graphEndpoint': info.graph,
    'entraProvisioning.sandbox.authority': info.authority,
  };
}

