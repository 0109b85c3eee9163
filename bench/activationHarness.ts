// A benchmark harness, not a test: loads an extension bundle in this fresh Node process with a minimal stand-in for
// the `vscode` module and times `require` + `activate()`. Run as a child process by bench/activation.ts, once per
// sample, so every measurement starts cold. Prints one JSON object on stdout:
// { requireMs, activateMs, totalMs, msalLoaded, sandboxLoaded, msalLoadedAfterIdle, sandboxLoadedAfterIdle, modules }.
//
// The stand-in answers any property access or call with another stand-in (so activation code written against the
// real API runs), returns defaults for `get(key, default)`, formats `l10n.t`, resolves the API's Thenable-returning
// calls to undefined, and gives the extension context real `subscriptions`, `secrets` and mementos (all empty).
import Module from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The repository (this file runs from out/bench/). */
const root = resolve(__dirname, '..', '..');

const THENABLE_CALLS = new Set([
  'executeCommand', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'showQuickPick', 'showInputBox',
  'withProgress', 'openExternal', 'asExternalUri', 'update', 'store', 'delete', 'openTextDocument', 'showTextDocument',
  'getSession', 'findFiles', 'applyEdit', 'saveAll', 'writeText', 'readText', 'stat', 'readFile', 'writeFile', 'createDirectory',
]);

function format(message: unknown, args: unknown[]): string {
  if (message && typeof message === 'object' && 'message' in message) {
    const m = message as { message: string; args?: unknown[] };
    return format(m.message, m.args ?? []);
  }
  const values = args.length === 1 && args[0] && typeof args[0] === 'object' ? (args[0] as Record<string, unknown>) : args;
  return String(message).replace(/\{(\w+)\}/g, (_m, key: string) => String((values as Record<string, unknown>)[key] ?? ''));
}

function standIn(name: string): unknown {
  const assigned = new Map<PropertyKey, unknown>();
  const children = new Map<PropertyKey, unknown>();
  const target = function standInFunction() {
    /* callable */
  };
  return new Proxy(target, {
    get(_target, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined; // awaiting a stand-in gives the stand-in, not a hang
      if (prop === Symbol.toPrimitive || prop === 'toString' || prop === 'toJSON') return () => `[vscode stand-in ${name}]`;
      if (prop === Symbol.iterator) return function* () {
        /* empty */
      };
      if (typeof prop === 'symbol') return undefined;
      if (!children.has(prop)) children.set(prop, standIn(`${name}.${prop}`));
      return children.get(prop);
    },
    set(_target, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    apply(_target, _this, args: unknown[]) {
      const method = name.slice(name.lastIndexOf('.') + 1);
      if (method === 't') return format(args[0], args.slice(1));
      if (method === 'get') return args.length >= 2 ? args[1] : undefined;
      if (THENABLE_CALLS.has(method)) return Promise.resolve(undefined);
      return standIn(`${name}()`);
    },
    construct(_target, args: unknown[]) {
      const instance = standIn(`new ${name}`) as Record<string, unknown>;
      // TreeItem(label, state), ThemeIcon(id), MarkdownString(value) keep their first argument where code reads it back.
      if (args[0] !== undefined) instance.label = args[0];
      return instance as object;
    },
  });
}

function memento(): object {
  const values = new Map<string, unknown>();
  return {
    get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
    keys: () => [...values.keys()],
    setKeysForSync: () => undefined,
  };
}

function extensionContext(packageJson: unknown, storage: string): object {
  const uri = (path: string) => ({ fsPath: path, path, scheme: 'file', toString: () => `file://${path}` });
  const secrets = new Map<string, string>();
  return {
    subscriptions: [] as { dispose(): unknown }[],
    extension: { id: 'entra-provisioning.entra-provisioning', packageJSON: packageJson, extensionUri: uri(root) },
    extensionUri: uri(root),
    extensionPath: root,
    extensionMode: 1,
    globalStorageUri: uri(join(storage, 'global')),
    storageUri: uri(join(storage, 'workspace')),
    logUri: uri(join(storage, 'log')),
    globalStoragePath: join(storage, 'global'),
    logPath: join(storage, 'log'),
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => void secrets.set(key, value),
      delete: async (key: string) => void secrets.delete(key),
      onDidChange: () => ({ dispose: () => undefined }),
    },
    environmentVariableCollection: standIn('environmentVariableCollection'),
    asAbsolutePath: (relative: string) => resolve(root, relative),
  };
}

function loaded(fragment: string): boolean {
  return Object.keys(require.cache).some((file) => file.includes(fragment));
}

/**
 * The `vscode` module: a plain object whose keys are the API's top-level names (read from @types/vscode), because
 * bundlers copy a CommonJS module's own keys when they import it as a namespace.
 */
function vscodeModule(): object {
  const declarations = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = new Set([...declarations.matchAll(/^\texport (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]!));
  const api: Record<string, unknown> = {};
  for (const name of names) {
    let value: unknown;
    Object.defineProperty(api, name, { enumerable: true, configurable: true, get: () => (value ??= standIn(name)) });
  }
  return api;
}

async function main(): Promise<void> {
  const bundle = resolve(process.argv[2] ?? join(root, 'dist', 'extension.js'));
  const vscode = vscodeModule();
  const moduleInternals = Module as unknown as {
    _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  };
  const originalResolve = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : originalResolve.call(this, request, parent, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode } as unknown as NodeJS.Module;

  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown;
  const context = extensionContext(packageJson, mkdtempSync(join(tmpdir(), 'entra-bench-')));
  const modulesBefore = Object.keys(require.cache).length;

  const started = performance.now();
  const extension = require(bundle) as { activate(context: unknown): unknown };
  const required = performance.now();
  await extension.activate(context);
  const activated = performance.now();

  const msal = `${sep}node_modules${sep}@azure${sep}msal-node${sep}`;
  const sandbox = `${sep}out${sep}src${sep}sandbox${sep}`;
  const msalLoaded = loaded(msal);
  const sandboxLoaded = loaded(sandbox);
  // Work activation started without awaiting (restoring accounts, a first refresh) must not pull them in either.
  await new Promise((r) => setTimeout(r, 500));
  process.stdout.write(
    `${JSON.stringify({
      requireMs: required - started,
      activateMs: activated - required,
      totalMs: activated - started,
      msalLoaded,
      sandboxLoaded,
      msalLoadedAfterIdle: loaded(msal),
      sandboxLoadedAfterIdle: loaded(sandbox),
      modules: Object.keys(require.cache).length - modulesBefore,
    })}\n`,
  );
  process.exit(0); // timers or servers the extension started are not the harness's business
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
