// The chat specs' screenshots: every colour theme at a narrow and a wide side bar, the side bar
// widened by dragging its sash as a user does.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Workbench } from './workbench';

/** Each theme as the screenshot's name part, VS Code's theme name, and the class the workbench root gets for it. */
export const THEMES: ReadonlyArray<[name: string, theme: string, rootClass: string]> = [
  ['dark', 'Default Dark Modern', 'vs-dark'],
  ['light', 'Default Light Modern', 'vs'],
  ['high-contrast', 'Default High Contrast', 'hc-black'],
];

/** Drags the side bar's sash until the side bar is `width` px wide, and checks that it is. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  const box = (await sidebar.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 10 });
  await page.mouse.up();
  const actual = (await sidebar.boundingBox())!.width;
  assert.ok(Math.abs(actual - width) <= 4, `side bar is ${actual} px wide, wanted ${width}`);
}

/** Sets the colour theme (its name part, such as 'dark', or VS Code's name) and waits until the workbench shows it. */
export async function showTheme(wb: Workbench, theme: string): Promise<void> {
  const entry = THEMES.find(([name, vsCodeName]) => name === theme || vsCodeName === theme);
  assert.ok(entry, `a theme the specs know: ${theme}`);
  wb.updateSettings({ 'workbench.colorTheme': entry[1] });
  await wb.page.locator(`.monaco-workbench.${entry[2]}`).waitFor({ timeout: 30_000 });
}

/** In each theme once the workbench shows it, runs `shoot` with the theme's name part. */
export async function forEachTheme(wb: Workbench, shoot: (name: string) => Promise<void>): Promise<void> {
  for (const [name, theme] of THEMES) {
    await showTheme(wb, theme);
    await shoot(name);
  }
}

/**
 * At a 350 px and a 1,200 px side bar (the window grows for the wide one), in each theme once the
 * workbench shows it, runs `shoot` with the theme's name part and the width.
 */
export async function forEachWidthAndTheme(wb: Workbench, shoot: (name: string, width: number) => Promise<void>): Promise<void> {
  for (const width of [350, 1200]) {
    if (width > 1000) await wb.page.setViewportSize({ width: 1600, height: 900 });
    await widenSideBar(wb.page, width);
    await forEachTheme(wb, (name) => shoot(name, width));
  }
}
