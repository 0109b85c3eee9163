// UI mode: the extension loaded into a real workbench (code-server + headless Chromium), driven like a user would,
// with screenshots to look at. No extensionTestsPath here: once a test runner finishes, VS Code shuts the extension
// host down, so what the user would see has to be captured in a run of its own.
//
// Add a scene in test/ui/<topic>.scene.ts (export `scenes: Scene[]`): each gets a fresh workbench, clicks around,
// asserts what must be visible with `wb.check(...)` (each check counts as one passed/failed test) and calls
// `wb.screenshot(name)`. Run one with `node out/test/runner/all.js --only ui --scene NAME`.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser } from './browser';
import { startCodeServer, workbenchUrl } from './codeServer';
import { createRunDir, extensionBundle, repoRoot, screenshotsDir } from './paths';
import { withTimeout } from './processes';
import { sandboxSettings, startSandbox, type SandboxReadyInfo } from './sandbox';
import { assertBuilt, describeError, prepareWorkspace, type TierResult } from './tier';

const viewport = { width: 1280, height: 800 };

export interface WorkbenchOptions {
  /** User settings for this workbench (merged over the runner's quiet defaults). */
  settings?: Record<string, unknown>;
  /** Environment of code-server and so of the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Label of the run folder under .test-runs/. */
  label?: string;
  /** Start the sandbox tenant (dist/cli.js) first and point the extension at it; an array passes arguments. */
  sandbox?: boolean | string[];
  /** Limit for `use`; on expiry the workbench is torn down and withWorkbench rejects. Default 3 min. */
  timeoutMs?: number;
  /**
   * Install the extension from this .vsix (a function runs at scene time, e.g. to package it first) instead of
   * loading the repository as the extension under development.
   */
  vsix?: () => string;
}

export interface CheckResult {
  title: string;
  error?: string;
}

export interface Workbench {
  readonly page: Page;
  readonly workspace: string;
  readonly runDir: string;
  /** The sandbox's endpoints when the workbench was started with `sandbox`. */
  readonly sandbox: SandboxReadyInfo | undefined;
  /** Clicks the activity-bar entry whose accessible label starts with `label` and waits for its side bar. */
  openActivity(label: string): Promise<void>;
  /** Moves the pointer to an empty spot so hovers and tooltips fade, unless `keepHover` is set. */
  settle(keepHover?: boolean): Promise<void>;
  /** Saves screenshots/<name>.png and returns its path. */
  screenshot(name: string, options?: { keepHover?: boolean }): Promise<string>;
  /** Runs one assertion about what is on screen; a failure is recorded (and counted), not thrown. */
  check(title: string, assertion: () => Promise<void>): Promise<boolean>;
  readonly checks: readonly CheckResult[];
}

/** Starts code-server with the extension, opens the workbench, runs `use`, and tears everything down. */
export async function withWorkbench<T>(use: (wb: Workbench) => Promise<T>, options: WorkbenchOptions = {}): Promise<T> {
  assertBuilt([extensionBundle]);
  const runDir = createRunDir(options.label ?? 'ui');
  const workspace = prepareWorkspace(runDir);
  const sandbox = options.sandbox
    ? await startSandbox(Array.isArray(options.sandbox) ? options.sandbox : [], (line) => console.log(`  ${line}`))
    : undefined;
  try {
    return await withServer(runDir, workspace, sandbox?.info, use, options);
  } finally {
    await sandbox?.process.stop();
  }
}

async function withServer<T>(
  runDir: string,
  workspace: string,
  sandbox: SandboxReadyInfo | undefined,
  use: (wb: Workbench) => Promise<T>,
  options: WorkbenchOptions,
): Promise<T> {
  const settings = { ...sandboxSettings(sandbox), ...options.settings };
  const vsix = options.vsix?.();
  const server = await startCodeServer({ runDir, settings, env: options.env ?? {}, installExtensions: vsix ? [vsix] : [] });
  try {
    const browser = await openBrowser({ viewport, consoleLogFile: join(runDir, 'browser-console.log') });
    try {
      const { page } = browser;
      await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: vsix ? undefined : repoRoot }));
      // The workbench is up once the activity bar has entries; scenes wait for the extension's own parts.
      await page.locator('.activitybar .action-item').first().waitFor({ timeout: 60_000 });
      const workbench = createWorkbench(page, workspace, runDir, sandbox);
      return await withTimeout(use(workbench), options.timeoutMs ?? 180_000, 'UI workbench session');
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

function createWorkbench(page: Page, workspace: string, runDir: string, sandbox: SandboxReadyInfo | undefined): Workbench {
  const checks: CheckResult[] = [];
  const settle = async (keepHover = false): Promise<void> => {
    if (!keepHover) await page.mouse.move(viewport.width * 0.7, viewport.height * 0.5);
    // Hovers fade and list rows finish rendering after a short animation.
    await page.waitForTimeout(keepHover ? 300 : 700);
  };
  return {
    page,
    workspace,
    runDir,
    sandbox,
    checks,
    settle,
    async openActivity(label) {
      const sideBarTitle = page.locator('.part.sidebar .composite.title', { hasText: label });
      // Clicking the entry of the container already shown would close the side bar instead.
      if (!(await sideBarTitle.isVisible())) {
        await page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).click({ timeout: 30_000 });
      }
      await sideBarTitle.waitFor({ timeout: 15_000 });
    },
    async screenshot(name, options = {}) {
      mkdirSync(screenshotsDir, { recursive: true });
      await settle(options.keepHover);
      const path = join(screenshotsDir, `${name}.png`);
      await page.screenshot({ path });
      console.log(`  [ui] screenshot ${path}`);
      return path;
    },
    async check(title, assertion) {
      try {
        await assertion();
        checks.push({ title });
        console.log(`  [ui]   ✔ ${title}`);
        return true;
      } catch (error) {
        const message = describeError(error).split('\n')[0] ?? '';
        checks.push({ title, error: message });
        console.log(`  [ui]   ✘ ${title}: ${message}`);
        return false;
      }
    },
  };
}

export interface Scene {
  /** Also the screenshot's file name. */
  name: string;
  workbench?: WorkbenchOptions;
  play(wb: Workbench): Promise<void>;
}

/** Waits for `text` to be visible anywhere in the side bar. */
export async function sideBarShows(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.locator('.part.sidebar').getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout });
}

/** Scenes live in test/ui/ (files named <topic>.scene.ts, sub-folders allowed), each exporting `scenes: Scene[]`. */
export const scenesDir = join(repoRoot, 'out', 'test', 'ui');

function findSceneFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.scene.js'))
    .sort()
    .map((name) => join(dir, name));
}

export function loadScenes(): Scene[] {
  const all: Scene[] = [];
  for (const file of findSceneFiles(scenesDir)) {
    const module = require(file) as { scenes?: Scene[] };
    if (!Array.isArray(module.scenes)) throw new Error(`${file} does not export \`scenes: Scene[]\``);
    all.push(...module.scenes);
  }
  const names = all.map((scene) => scene.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`two UI scenes are named "${duplicate}"`);
  return all;
}

/** Runs the scenes (all, or those named) each in a fresh workbench and counts their checks. */
export async function runUiScenes(names: readonly string[] = []): Promise<TierResult> {
  const scenes = loadScenes();
  const selected = names.length ? scenes.filter((scene) => names.includes(scene.name)) : scenes;
  if (selected.length === 0) {
    const problem = names.length ? `no UI scene named ${names.join(', ')}` : `no scenes under ${relative(repoRoot, scenesDir)}`;
    return { passed: 0, failed: 0, problem };
  }
  let passed = 0;
  let failed = 0;
  for (const scene of selected) {
    console.log(`  [ui] scene ${scene.name}`);
    // A failure picture from an earlier run would be mistaken for this run's.
    rmSync(join(screenshotsDir, `${scene.name}-failed.png`), { force: true });
    try {
      const playScene = async (wb: Workbench): Promise<readonly CheckResult[]> => {
        try {
          await scene.play(wb);
        } catch (error) {
          await wb.check('the scene ran to its end', () => Promise.reject(error));
        }
        if (wb.checks.some((check) => check.error)) {
          await wb.screenshot(`${scene.name}-failed`).catch(() => undefined);
        }
        return wb.checks;
      };
      const checks = await withWorkbench(playScene, { label: `ui-${scene.name}`, ...scene.workbench });
      passed += checks.filter((check) => !check.error).length;
      failed += checks.filter((check) => check.error).length;
    } catch (error) {
      console.log(`  [ui]   ✘ scene ${scene.name} could not run: ${describeError(error)}`);
      failed += 1;
    }
  }
  return { passed, failed };
}
