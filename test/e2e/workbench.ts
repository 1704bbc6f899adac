// Opens the real workbench (code-server) in Chromium with the built extension installed, the way a
// user gets it: linked into the extensions folder (so notifications behave normally, unlike the
// smoke-test-driver mode the vscode tier uses).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
// @ts-expect-error plain ESM harness module without types
import { installVsix, startCodeServer, workbenchUrl } from '../harness/codeServer.mjs';
// @ts-expect-error plain ESM harness module without types
import { launchBrowser } from '../harness/browser.mjs';
// @ts-expect-error plain ESM harness module without types
import { emulatorSettings, hermeticAwsEnv } from '../harness/emulatorWiring.mjs';
import type { EmulatorHandle } from '../emulator/emulator';
import type { Scenario } from '../emulator/scenario';
import { startLocalAws } from '../emulator/localAws';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const screenshotDir = join(projectRoot, 'test-output', 'e2e');

export interface Workbench {
  page: Page;
  /** The emulator the extension talks to (unless opened with `emulator: false`). */
  emulator?: EmulatorHandle;
  url: string;
  /** code-server's user-data folder (logs, settings, server-side state); deleted by close(). */
  userDataDir: string;
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file from Quick Open (its row clicked); resolves with its editor once it shows `text` (if given). */
  openFile(path: string, text?: string): Promise<Locator>;
  /**
   * Opens `path`, puts the cursor in its code and opens the chat view beside it by its keybinding
   * (Ctrl+Alt+J), as a user does; resolves once the side bar shows the chat view.
   */
  openChatBeside(path: string, text?: string): Promise<void>;
  /**
   * Changes settings as editing settings.json does: both the user's file and the server's (machine
   * scoped settings such as the endpoints are read from the server's). `undefined` removes a key.
   */
  updateSettings(changes: Record<string, unknown>): void;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  workspaceFiles?: Record<string, string | Uint8Array>;
  colorScheme?: 'light' | 'dark';
  /** Start a local emulator and point the extension at it (default true). */
  emulator?: boolean;
  /** The emulator's scripted replies (else it generates them). */
  scenario?: Scenario;
  /** Install this VSIX instead of linking the working tree (tests the package users get). */
  vsix?: string;
}

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
  // The emulator with a real S3 server beside it for async job outputs.
  const local = opts.emulator === false ? undefined : await startLocalAws({ scenario: opts.scenario });
  const emulator = local?.emulator;
  const settings = { ...(local ? { ...emulatorSettings(local.emulator.url), ...local.s3Settings } : {}), ...opts.settings };
  const env = { ...(emulator ? hermeticAwsEnv(projectRoot) : {}), ...opts.env };
  let extensionsDir: string | undefined;
  if (opts.vsix) {
    extensionsDir = mkdtempSync(join(tmpdir(), 'bedrock-vsix-ext-'));
    installVsix(opts.vsix, extensionsDir);
  }
  const server = await startCodeServer({ settings, env, workspaceFiles: opts.workspaceFiles, extensionsDir }).catch(async (e: unknown) => {
    await local?.close();
    throw e;
  });
  try {
    if (!opts.vsix) symlinkSync(projectRoot, join(server.dirs.extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
    const browser = await launchBrowser({ colorScheme: opts.colorScheme });
    const page: Page = browser.page;
    page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
    const url = workbenchUrl(server);
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    mkdirSync(screenshotDir, { recursive: true });
    const openFile = async (path: string, text?: string): Promise<Locator> => {
      const name = path.split('/').pop()!;
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(path);
      // Clicked, not Enter: until the filter applies, the highlighted row can still be a recent file.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
      const editors = page.locator('.editor-instance .monaco-editor');
      const editor = (text === undefined ? editors : editors.filter({ has: page.locator('.view-lines', { hasText: text }) })).first();
      await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
      return editor;
    };
    return {
      page,
      emulator,
      url,
      userDataDir: server.dirs.userData,
      openFile,
      async openChatBeside(path, text) {
        await (await openFile(path, text)).locator('.view-lines').click();
        // The keybinding is contributed statically: it works (and activates the extension) from a cold start.
        await page.keyboard.press('Control+Alt+J');
        await page.locator('.part.sidebar .composite.title', { hasText: /Bedrock Chat/i }).waitFor({ timeout: 30_000 });
      },
      async runCommand(title) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill('>' + title);
        // The palette matches loosely ("Generate Image" also finds "Generate in This Image's Style…") and
        // re-sorts as it filters: click the command whose name is the title (a trailing ellipsis aside),
        // never whichever row is first when an Enter lands.
        const name = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(…|\\.\\.\\.)?$`);
        const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: name }) }).first();
        await row.click();
      },
      updateSettings(changes) {
        for (const scope of ['User', 'Machine']) {
          const file = join(server.dirs.userData, scope, 'settings.json');
          const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
          writeFileSync(file, JSON.stringify({ ...settings, ...changes }, null, 2));
        }
      },
      async screenshot(name) {
        const path = join(screenshotDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      async close() {
        await browser.close();
        await server.stop();
        await local?.close();
        if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server.stop();
    await local?.close();
    throw e;
  }
}

/** For the suite being declared: a screenshot of each failed test (`FAILED-<name>-<title>`), and the workbench closed after the suite. */
export function closeAfterSuite(name: string, workbench: () => Workbench | undefined): void {
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench()?.screenshot(`FAILED-${name}-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await workbench()?.close();
  });
}

/**
 * Runs the entry `label` of the open context menu: the pointer on it, then Enter. A synthetic click
 * can come before the menu takes clicks, leaving it open with nothing run.
 */
export async function chooseMenuItem(page: Page, label: string): Promise<void> {
  const item = page.locator('.context-view .action-label', { hasText: label }).first();
  await item.waitFor({ timeout: 15_000 });
  await item.hover();
  await page.keyboard.press('Enter');
}
