// Opens the real workbench (code-server) in Chromium with the built extension installed, the way a
// user gets it: linked into the extensions folder (so notifications behave normally, unlike the
// smoke-test-driver mode the vscode tier uses).
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
// @ts-expect-error plain ESM harness module without types
import { startCodeServer, workbenchUrl } from '../harness/codeServer.mjs';
// @ts-expect-error plain ESM harness module without types
import { launchBrowser } from '../harness/browser.mjs';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const screenshotDir = join(projectRoot, 'test-output', 'e2e');

export interface Workbench {
  page: Page;
  url: string;
  runCommand(title: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  workspaceFiles?: Record<string, string>;
  colorScheme?: 'light' | 'dark';
}

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
  const server = await startCodeServer({ settings: opts.settings, env: opts.env, workspaceFiles: opts.workspaceFiles });
  try {
    symlinkSync(projectRoot, join(server.dirs.extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
    const browser = await launchBrowser({ colorScheme: opts.colorScheme });
    const page: Page = browser.page;
    page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
    const url = workbenchUrl(server);
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    mkdirSync(screenshotDir, { recursive: true });
    return {
      page,
      url,
      async runCommand(title) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill('>' + title);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
        await page.keyboard.press('Enter');
      },
      async screenshot(name) {
        const path = join(screenshotDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      async close() {
        await browser.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
