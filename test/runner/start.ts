// `npm start`: the sandbox tenant plus VS Code with the extension under development, pointed at that sandbox.
// Desktop VS Code when `code` is on PATH, otherwise code-server on 127.0.0.1 (open the printed URL). Ctrl-C stops
// everything.
//
//   node out/test/runner/start.js [--port N] [--code-server] [--no-sandbox] [--seed KIND] [--state FILE] [--latency MS]
//   (--port is code-server's; --seed/--state/--latency go to `entra-provisioning sandbox`.)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { quietSettings, startCodeServer, workbenchUrl } from './codeServer';
import { createRunDir, extensionBundle, repoRoot } from './paths';
import { findOnPath } from './processes';
import { sandboxSettings, startSandbox, type RunningSandbox, type SandboxReadyInfo } from './sandbox';
import { assertBuilt, describeError, prepareWorkspace } from './tier';

function printSandboxInfo(info: SandboxReadyInfo): void {
  const { clientSecret: _secret, ...shown } = info;
  console.log('\nSandbox tenant "Contoso (sandbox)" is running:');
  for (const [key, value] of Object.entries(shown)) console.log(`  ${key.padEnd(14)} ${value}`);
  console.log('  (client secret not shown: run `node dist/cli.js sandbox` yourself to see the full ready line)');
  console.log('\nIn VS Code, choose "Sign in" in the Provisioning Jobs view, then "Device code" or "Browser": the sandbox');
  console.log('signs you in as its administrator, admin@contoso-sandbox.example, once you enter the code and accept.');
}

async function main(): Promise<void> {
  process.setSourceMapsEnabled(true);
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: 'string' },
      'code-server': { type: 'boolean', default: false },
      'no-sandbox': { type: 'boolean', default: false },
      seed: { type: 'string' },
      state: { type: 'string' },
      latency: { type: 'string' },
    },
    strict: true,
  });
  assertBuilt([extensionBundle]);

  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<never> => {
    if (stopping) process.exit(exitCode); // a second Ctrl-C: leave now (the exit hook still kills the groups)
    stopping = true;
    console.log('\nStopping…');
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(130));
  process.on('SIGTERM', () => void stopAll(143));

  let sandbox: RunningSandbox | undefined;
  if (!values['no-sandbox']) {
    const sandboxArgs = (['seed', 'state', 'latency'] as const).flatMap((key) => {
      const value = values[key];
      return value === undefined ? [] : [`--${key}`, value];
    });
    sandbox = await startSandbox(sandboxArgs);
    stops.push(() => sandbox!.process.stop());
    printSandboxInfo(sandbox.info);
  }

  const runDir = createRunDir('start');
  const workspace = prepareWorkspace(runDir);
  const settings = sandboxSettings(sandbox?.info);
  const code = values['code-server'] ? undefined : findOnPath('code');

  if (code) {
    const userDataDir = join(runDir, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...settings }, null, 2));
    console.log(`\nOpening VS Code (${code}) with the extension from ${repoRoot}. Close its window or press Ctrl-C to stop.`);
    // --wait keeps the CLI alive until the window closes, so we know when to stop the sandbox.
    const desktop = spawn(code, ['--wait', '--new-window', `--extensionDevelopmentPath=${repoRoot}`, `--user-data-dir=${userDataDir}`, workspace], {
      stdio: 'inherit',
    });
    desktop.once('exit', () => void stopAll(0));
    desktop.once('error', (error) => {
      console.error(`could not start ${code}: ${error.message}`);
      void stopAll(1);
    });
    return;
  }

  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not '${values.port}'`);
  const server = await startCodeServer({ runDir, settings, port });
  stops.push(() => server.stop());
  void server.process.exited.then((exitCode) => {
    if (!stopping) {
      console.error(`code-server exited (code ${exitCode})`);
      void stopAll(1);
    }
  });
  console.log('\nVS Code (code-server) is running with the extension under development. Open:\n');
  console.log(`  ${workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot })}\n`);
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  // Whatever did start is killed by the process-exit hook in processes.ts.
  process.exit(1);
});
