// Child processes that start their own children (code-server → extension host, file watcher, language servers;
// the sandbox) run in their own process group, so stopping them kills the whole tree and nothing is left behind.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface GroupProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or null after a signal) once the group leader has exited. */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the whole group, SIGKILL if it has not exited after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/** Leaders of the groups started here and not yet stopped; killed if this process exits without stopping them. */
const liveGroups = new Set<number>();

process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): GroupProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  let exitedFlag = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitedFlag = true;
      resolve(code);
    });
    child.once('error', () => {
      exitedFlag = true;
      resolve(null);
    });
  });

  const signalGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  };

  const stop = async (graceMs = 5000): Promise<void> => {
    // Signal even when the leader has exited: grandchildren may still be alive in the group.
    signalGroup('SIGTERM');
    if (!exitedFlag) {
      const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
      if ((await Promise.race([exited, timer])) === 'timeout') signalGroup('SIGKILL');
      await exited;
    }
    // Give stragglers in the group a moment, then make sure.
    await new Promise((resolve) => setTimeout(resolve, 200));
    signalGroup('SIGKILL');
    if (child.pid !== undefined) liveGroups.delete(child.pid);
  };

  return { child, exited, stop };
}

/** Calls `onLine` for each complete line of a stream (the child's stdout/stderr). */
export function forEachLine(stream: NodeJS.ReadableStream | null | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
    pending = '';
  });
}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The full path of `command` if it is on PATH (like `which`). */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}
