// Finds a webview's page by where it shows. Webviews are overlaid on the workbench, not inside the
// part that shows them, so "the only webview" stops being true as soon as a second one shows (the
// Model Details view beside the explorer, a player in an editor tab): pick the one over `part`.
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

/** The page of the webview shown over `part` (e.g. `.part.editor`), once there is one. */
export async function webviewOver(page: Page, part: Locator, timeoutMs = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const area = await part.boundingBox();
    const frames = await page.locator('iframe.webview.ready').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { name: el.getAttribute('name') ?? '', x: r.x + r.width / 2, y: r.y + r.height / 2, shown: r.width > 0 && r.height > 0 };
      }),
    );
    const over = area && frames.find((f) => f.shown && f.name && f.x >= area.x && f.x <= area.x + area.width && f.y >= area.y && f.y <= area.y + area.height);
    if (over) return page.frameLocator(`iframe.webview.ready[name="${over.name}"]`).frameLocator('iframe#active-frame');
    if (Date.now() > deadline) throw new Error('no webview shows over the given part of the workbench');
    await page.waitForTimeout(50); // polling for the webview to be created and laid out
  }
}

/** The page of the webview whose content has `selector` (e.g. the chat's `#model-picker`), wherever it shows. */
export async function webviewWith(page: Page, selector: string, timeoutMs = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (!(await frame.locator(selector).count().catch(() => 0))) continue;
      const name = await (await frame.parentFrame()?.frameElement().catch(() => undefined))?.getAttribute('name');
      if (name) return page.frameLocator(`iframe.webview.ready[name="${name}"]`).frameLocator('iframe#active-frame');
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(50); // polling for the webview to be created and loaded
  }
}

/** The page of the one webview on screen (most specs have only the chat's; see above for more). */
export function onlyWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * The frame, among those loaded now, for which `probe` (run in the frame) is true: for what no
 * selector expresses, such as scrolling, or the DOM as a whole. `probe` must be self-contained.
 */
export async function frameWhere(page: Page, probe: () => boolean): Promise<Frame> {
  for (const f of page.frames()) {
    if (await f.evaluate(probe).catch(() => false)) return f;
  }
  throw new Error('no frame of the workbench passes the probe');
}
