// code-server (VS Code's server build, from the npm registry) is how the suites run inside a real VS Code without
// downloading a desktop build. It is installed once into .code-server/ and started per run with throwaway folders.
// See shared/guide/real-vscode-tests.md for the facts this relies on.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerCacheDir } from './paths';
import { findOnPath, forEachLine, spawnGroup, withTimeout, type GroupProcess } from './processes';

/** 4.100.x bundles VS Code 1.100 and is the last line whose postinstall accepts Node 20. */
export const codeServerVersion = '4.100.3';

const packageDir = join(codeServerCacheDir, 'node_modules', 'code-server');
const entryScript = join(packageDir, 'out', 'node', 'entry.js');
const vscodeDir = join(packageDir, 'lib', 'vscode');
const markerFile = join(codeServerCacheDir, 'installed.json');
const installLog = join(codeServerCacheDir, 'install.log');
/** Held (as a directory: mkdir is atomic) while one process installs, so two test runs never install at once. */
const installLock = join(codeServerCacheDir, 'install.lock');

/**
 * Files that only exist when every install step ran: code-server's own postinstall (a nested `npm install` in
 * lib/vscode and lib/vscode/extensions) and the native builds / downloads of VS Code's dependencies. If npm skipped
 * any of those scripts, one of these is missing and we say which.
 */
const requiredFiles = [
  entryScript,
  join(vscodeDir, 'node_modules.asar'),
  join(vscodeDir, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
  join(vscodeDir, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
  join(vscodeDir, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  join(vscodeDir, 'node_modules', 'native-watchdog', 'build', 'Release', 'watchdog.node'),
  join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
  join(vscodeDir, 'extensions', 'node_modules', 'typescript', 'package.json'),
];

/** What the marker records: a different code-server or Node ABI means the native modules must be rebuilt. */
interface InstallMarker {
  codeServer: string;
  nodeModulesAbi: string;
}

function missingFiles(): string[] {
  return requiredFiles.filter((file) => !existsSync(file));
}

function isInstalled(): boolean {
  if (!existsSync(markerFile)) return false;
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as InstallMarker;
    return (
      marker.codeServer === codeServerVersion &&
      marker.nodeModulesAbi === process.versions.modules &&
      missingFiles().length === 0
    );
  } catch {
    return false;
  }
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It skips the download when
 * its cache in $TMPDIR already holds the release tarball, so we put Debian's rg there under the expected name.
 */
function seedRipgrepCache(tmpDir: string): void {
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep is not installed (apt-get install ripgrep): code-server needs its rg binary');
  const cacheDir = join(tmpDir, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  // -h: store the binary itself even if rg on PATH is a symlink.
  execFileSync('tar', ['-czhf', tarball, '-C', join(rg, '..'), 'rg']);
}

/** npm_config_ settings that say where and how to reach the registry: kept even when we run under npm. */
const networkSettings = new Set(['registry', 'cafile', 'ca', 'proxy', 'https_proxy', 'noproxy', 'strict_ssl', 'cache']);

/**
 * Our environment minus what an outer npm put there when the tests run as an npm script (`npm test`, `npm exec`):
 * npm exports its own command-line options as npm_config_* (e.g. npm exec's `call`), and the npm commands nested
 * in code-server's install (`npx node-gyp`) would obey them and fail.
 */
function environmentWithoutNpmScriptContext(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !networkSettings.has(lower.slice('npm_config_'.length))) continue;
    if (/^npm_(package|lifecycle)_|^npm_command$|^npm_execpath$|^npm_node_execpath$|^init_cwd$/.test(lower)) continue;
    env[key] = value;
  }
  return env;
}

function tailOf(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no install log)';
  }
}

/**
 * Installs code-server into .code-server/ unless a complete install for this version and Node ABI is already
 * there. Returns the path of code-server's entry script. Takes 1–2 minutes the first time.
 */
export async function ensureCodeServer(log: (line: string) => void = console.log): Promise<string> {
  if (isInstalled()) return entryScript;
  return withInstallLock(log, async () => {
    // Another process may have finished the install while we waited for the lock.
    if (isInstalled()) return entryScript;
    await install(log);
    return entryScript;
  });
}

async function withInstallLock<T>(log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  mkdirSync(codeServerCacheDir, { recursive: true });
  const staleAfterMs = 15 * 60_000; // far longer than an install; a crashed installer's lock
  let announced = false;
  for (;;) {
    try {
      mkdirSync(installLock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(installLock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > staleAfterMs) {
        rmSync(installLock, { recursive: true, force: true });
        continue;
      }
      if (!announced) log('[code-server] another process is installing code-server; waiting for it');
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(installLock, { recursive: true, force: true });
  }
}

async function install(log: (line: string) => void): Promise<void> {
  log(`[code-server] installing code-server ${codeServerVersion} into ${codeServerCacheDir} (once; 1–2 min)`);
  const started = Date.now();
  // Start clean (a half-finished install may be there), keeping only the lock we hold.
  for (const name of readdirSync(codeServerCacheDir)) {
    if (join(codeServerCacheDir, name) !== installLock) rmSync(join(codeServerCacheDir, name), { recursive: true, force: true });
  }
  // A package.json of its own makes the cache folder its own npm project, so npm never walks up to the repo's.
  writeFileSync(
    join(codeServerCacheDir, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true, description: 'Test-only install, see test/runner' }, null, 2),
  );
  const tmpDir = join(codeServerCacheDir, 'tmp');
  seedRipgrepCache(tmpDir);

  const env: NodeJS.ProcessEnv = {
    ...environmentWithoutNpmScriptContext(),
    TMPDIR: tmpDir,
    // npm 11 blocks dependency install scripts unless allowed, and code-server is all install scripts: its
    // postinstall runs a nested `npm install` in lib/vscode (native builds of node-pty, kerberos, spdlog, the rg
    // download...). An allow-list cannot reach that nested install: `--allow-scripts` is refused in project-scoped
    // installs, and an .npmrc list is re-exported to the nested npm as npm_config_allow_scripts, which it then
    // refuses the same way (EALLOWSCRIPTS). So this one install, of one pinned package into a private cache,
    // runs its scripts as npm 10 did. The project's own `npm ci` is not affected.
    npm_config_dangerously_allow_all_scripts: 'true',
    // As root, npm would otherwise run the postinstall as "nobody" and code-server's script refuses to go on.
    npm_config_unsafe_perm: 'true',
    // node-pty's build runs `npx node-gyp`, which would wait for a "Need to install" answer that never comes.
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const args = ['install', '--prefix', codeServerCacheDir, '--no-audit', '--no-fund', `code-server@${codeServerVersion}`];
  const output = createWriteStream(installLog);
  const child = spawn('npm', args, { cwd: codeServerCacheDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(output, { end: false });
  child.stderr.pipe(output, { end: false });
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', resolve);
    child.once('error', () => resolve(null));
  });
  await new Promise<void>((resolve) => output.end(resolve));

  const missing = missingFiles();
  if (code !== 0 || missing.length > 0) {
    throw new Error(
      `code-server install failed (npm exit ${code}).` +
        (missing.length ? `\nMissing after install:\n  ${missing.join('\n  ')}` : '') +
        `\nLast lines of ${installLog}:\n${tailOf(installLog, 30)}`,
    );
  }
  rmSync(tmpDir, { recursive: true, force: true });
  const marker: InstallMarker = { codeServer: codeServerVersion, nodeModulesAbi: process.versions.modules };
  writeFileSync(markerFile, JSON.stringify(marker, null, 2));
  log(`[code-server] installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

export interface CodeServerOptions {
  /** The run folder; user data, extensions and XDG folders are created inside it. */
  runDir: string;
  /** Extra user settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host it starts. */
  env?: NodeJS.ProcessEnv;
  /** Fixed port; default 0 lets the OS choose, and we read it back from the "listening on" line. */
  port?: number;
  /** Receives code-server's own output lines (default: only kept in <runDir>/code-server.log). */
  onOutput?: (line: string) => void;
  /** .vsix files installed into this run's extensions folder before the server starts (as a user would). */
  installExtensions?: readonly string[];
}

export interface RunningCodeServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly process: GroupProcess;
  stop(): Promise<void>;
}

/** Settings that keep a test workbench quiet and offline. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const entry = await ensureCodeServer();
  const { runDir } = options;
  // A short private temp folder: VS Code's server leaves its vscode-ipc-*.sock files in TMPDIR, and this one is
  // deleted on stop. It also hosts the user data when the run folder's path is too long for the unix socket
  // code-server creates in it (sun_path holds 107 bytes).
  const scratchDir = mkdtempSync(join(tmpdir(), 'entra-cs-'));
  const socketInRunDir = join(runDir, 'user-data', 'code-server-ipc.sock');
  const userDataDir = socketInRunDir.length <= 100 ? join(runDir, 'user-data') : join(scratchDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  const xdg = join(runDir, 'xdg');
  for (const dir of [join(userDataDir, 'User'), extensionsDir, join(xdg, 'config'), join(xdg, 'data'), join(xdg, 'cache')]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  // An explicit config file, or code-server writes a default one (with a random password) into XDG_CONFIG_HOME.
  const configFile = join(runDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    TMPDIR: scratchDir,
    // No marketplace: otherwise one failing DNS lookup per start, and nothing to gain offline.
    EXTENSIONS_GALLERY: '{}',
  };
  for (const vsix of options.installExtensions ?? []) {
    // The same command a user runs; it fails loudly when the package is not installable.
    execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
      env,
      stdio: 'pipe',
      timeout: 120_000,
    });
  }
  // Run code-server with the Node that runs us: its native modules were built for this ABI.
  const group = spawnGroup(process.execPath, args, { cwd: runDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(join(runDir, 'code-server.log'));
  const recent: string[] = [];
  let announce: ((origin: string) => void) | undefined;
  const listening = new Promise<string>((resolve) => (announce = resolve));
  const onLine = (line: string): void => {
    logFile.write(`${line}\n`);
    recent.push(line);
    if (recent.length > 40) recent.shift();
    options.onOutput?.(line);
    const match = /listening on (https?:\/\/[^\s/]+)/.exec(line);
    if (match && announce) announce(match[1]!);
  };
  forEachLine(group.child.stdout, onLine);
  forEachLine(group.child.stderr, onLine);
  void group.exited.then(() => logFile.end());

  const stop = async (): Promise<void> => {
    await group.stop();
    rmSync(scratchDir, { recursive: true, force: true });
  };
  try {
    const diedEarly = group.exited.then((code) => {
      throw new Error(`code-server exited (code ${code}) before it was ready:\n${recent.join('\n')}`);
    });
    diedEarly.catch(() => undefined); // a later, intended exit must not become an unhandled rejection
    const origin = await withTimeout(Promise.race([listening, diedEarly]), 60_000, 'code-server start');
    await withTimeout(Promise.race([waitForHealthy(origin), diedEarly]), 30_000, 'code-server /healthz');
    const url = new URL(origin);
    return { origin, host: url.hostname, port: Number(url.port), userDataDir, process: group, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHealthy(origin: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not accepting connections yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Installs code-server when run directly: `node out/test/runner/codeServer.js` (used by .ci/run). */
if (require.main === module) {
  ensureCodeServer()
    .then((entry) => console.log(`[code-server] ready: ${entry}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

export interface WorkbenchUrlOptions {
  /** Absolute path of the folder to open. */
  folder: string;
  /** Absolute path of the extension under development (the repository root); omit to use installed extensions. */
  extensionDevelopmentPath?: string;
  /** Absolute path of the compiled suite index without ".js"; omit to just open the workbench. */
  extensionTestsPath?: string;
}

/**
 * code-server has no CLI flag for extensionDevelopmentPath; the workbench takes it from the URL's payload. Paths
 * must be vscode-remote:// URIs: with file:// the workbench finds no extension host to run the tests in.
 */
export function workbenchUrl(server: Pick<RunningCodeServer, 'origin' | 'host' | 'port'>, options: WorkbenchUrlOptions): string {
  const remote = (path: string): string => `vscode-remote://${server.host}:${server.port}${path}`;
  const payload: Array<[string, string]> = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  return `${server.origin}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
