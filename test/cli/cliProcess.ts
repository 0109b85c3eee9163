// Drives dist/cli.js as a child process, the way users and scripts run it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { SandboxReadyInfo } from '../../src/sandbox/server';

export const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], input?: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export interface SandboxProcess {
  child: ChildProcessWithoutNullStreams;
  info: SandboxReadyInfo;
  /** Everything printed on stdout so far (must stay the one ready line). */
  stdout(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `entra-provisioning sandbox` and resolves with its ready line. */
export function startSandboxProcess(args: string[] = []): Promise<SandboxProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sandbox', ...args], { stdio: 'pipe' });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString();
      if (!before.includes('\n') && out.includes('\n')) {
        try {
          const info = JSON.parse(out.slice(0, out.indexOf('\n'))) as SandboxReadyInfo;
          resolve({
            child,
            info,
            stdout: () => out,
            stop: (signal = 'SIGTERM') => {
              child.kill(signal);
              return exited;
            },
          });
        } catch (e) {
          reject(new Error(`ready line is not JSON: ${out} ${String(e)}`));
        }
      }
    });
    void exited.then((code) => reject(new Error(`sandbox exited (${code}) before it was ready: ${err}`)));
  });
}
