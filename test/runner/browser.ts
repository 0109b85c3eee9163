// Debian's Chromium driven by playwright-core: the "desktop" half of a code-server run. Never `playwright install`
// (that downloads a browser build, which this network refuses).
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { withTimeout } from './processes';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Root needs --no-sandbox; the network flags stop Chromium from calling home (those connections are refused
 * here, many at a time); /dev/shm may be small on CI machines.
 */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export interface BrowserOptions {
  viewport?: { width: number; height: number };
  /** Appends the page's console (the workbench's own logs) here, for post-mortems. */
  consoleLogFile?: string;
}

export async function openBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    const { consoleLogFile } = options;
    if (consoleLogFile) {
      page.on('console', (message) => appendFileSync(consoleLogFile, `[${message.type()}] ${message.text()}\n`));
      page.on('pageerror', (error) => appendFileSync(consoleLogFile, `[pageerror] ${error.stack ?? error.message}\n`));
    }
    const close = async (): Promise<void> => {
      await browser.close().catch(() => undefined);
    };
    return { browser, context, page, close };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/** The workbench logs this (and nothing else happens) when extensionTestsPath is not a vscode-remote:// URI. */
const noTestHostMessage = 'No extension host found that can launch the test runner';

export interface TestPageOptions {
  /** Receives each console line of the extension host, already formatted. */
  onHostLog: (level: string, text: string) => void;
  /** Overall limit for the test run, start-up included. */
  timeoutMs: number;
}

/**
 * Opens a workbench URL whose payload names an extensionTestsPath and resolves with the extension host's exit
 * code once the test runner is done (0: all passed). These are the hooks VS Code's own browser integration tests
 * use: the workbench calls window.codeAutomationLog for every extension-host console line and
 * window.codeAutomationExit at the end.
 */
export async function runTestsInPage(page: Page, url: string, options: TestPageOptions): Promise<number> {
  let finish: ((code: number) => void) | undefined;
  let fail: ((error: Error) => void) | undefined;
  const finished = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });

  await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
    const parts = Array.isArray(args) ? args : [args];
    options.onHostLog(String(level), format(...parts));
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    finish?.(typeof code === 'number' ? code : Number(code));
  });
  page.on('console', (message) => {
    if (message.text().includes(noTestHostMessage)) {
      fail?.(new Error(`the workbench found no extension host for the tests ("${noTestHostMessage}"): check the payload URIs`));
    }
  });
  page.on('pageerror', (error) => options.onHostLog('pageerror', error.message));
  page.on('crash', () => fail?.(new Error('the browser page crashed')));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return withTimeout(finished, options.timeoutMs, 'integration test run');
}
