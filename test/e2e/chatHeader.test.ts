// The chat header as a user meets it in the side bar: one row that fits 300 px, the model picker
// searched and driven by the keyboard, favourites and recent models first, the reasoning control
// only for a model that takes one (and its level in the request the emulator received), and
// screenshots of the header with the picker open in three themes at two widths.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { closeAfterSuite, openWorkbench, screenshotDir, type Workbench } from './workbench';
import { openChat } from './chatPage';
import { forEachWidthAndTheme, widenSideBar } from './themesAndWidths';
import { onlyWebview } from './webviewOver';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const SONNET_46 = 'anthropic.claude-sonnet-4-6';


type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('chat header and model picker in the real workbench', () => {
  let wb: Workbench;
  let chat: FrameLocator;

  before(async () => {
    wb = await openWorkbench({ settings: { 'bedrock.chat.defaultModel': HAIKU, 'workbench.colorTheme': 'Default Dark Modern' } });
    await openChat(wb);
    chat = onlyWebview(wb.page);
    await chat.locator(`#model-picker[data-model-id="${HAIKU}"]`).waitFor({ timeout: 30_000 });
  });
  closeAfterSuite('chat-header', () => wb);


  /** The model id of the option the search box points at (aria-activedescendant). */
  const activeModel = () =>
    chat.locator('#model-search').evaluate((input) => {
      const id = input.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.getAttribute('data-model-id') : undefined;
    });

  /** Opens the picker by keyboard, searches, moves with ArrowDown to `modelId`, chooses with Enter. */
  async function chooseByKeyboard(query: string, modelId: string): Promise<void> {
    await chat.locator('#model-picker').focus();
    await wb.page.keyboard.press('ArrowDown');
    await chat.locator('#model-search').waitFor();
    await wb.page.keyboard.type(query);
    for (let i = 0; i < 15 && (await activeModel()) !== modelId; i++) await wb.page.keyboard.press('ArrowDown');
    assert.equal(await activeModel(), modelId, `${modelId} is reachable by the arrow keys after searching "${query}"`);
    await wb.page.keyboard.press('Enter');
    await chat.locator(`#model-picker[data-model-id="${modelId}"][aria-expanded="false"]`).waitFor();
  }

  it('the header is one row that fits 300 px and 350 px: picker, new chat, history, settings', async () => {
    for (const width of [300, 350]) {
      await widenSideBar(wb.page, width);
      // No helper functions inside evaluate: the test runner's transform would name them with a helper the page lacks.
      const m = await chat.locator('header.toolbar').evaluate((header) => ({
        height: header.getBoundingClientRect().height,
        right: header.getBoundingClientRect().right,
        items: ['#model-picker', '#new-chat', '#history-toggle', '#settings-toggle'].map((s) => ({ s, ...header.querySelector(s)!.getBoundingClientRect().toJSON() }) as { s: string; top: number; left: number; right: number; width: number }),
        bodyScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        labelCut: header.querySelector('.model-trigger-label')!.scrollWidth - header.querySelector('.model-trigger-label')!.clientWidth,
      }));
      assert.ok(m.height <= 40, `one row at ${width} px: header is ${m.height} px tall`);
      const tops = new Set(m.items.map((i) => Math.round(i.top)));
      assert.equal(tops.size, 1, `every control on one row at ${width} px: ${JSON.stringify(m.items)}`);
      for (const i of m.items) assert.ok(i.right <= m.right + 0.5, `${i.s} inside the header at ${width} px`);
      for (let k = 1; k < m.items.length; k++) assert.ok(m.items[k].left >= m.items[k - 1].right - 0.5, `no overlap: ${m.items[k - 1].s} / ${m.items[k].s}`);
      assert.ok(m.labelCut <= 1, `the model name is not cut at ${width} px (${m.items[0].width} px wide)`);
      assert.equal(m.bodyScroll, 0, 'no horizontal scrolling');
      // Icon buttons, not bordered text buttons: named for screen readers and with a tooltip.
      for (const id of ['new-chat', 'history-toggle', 'settings-toggle']) {
        const b = chat.locator(`#${id}`);
        assert.equal((await b.innerText()).trim(), '', `${id} shows an icon, not text`);
        assert.ok(await b.getAttribute('aria-label'));
        assert.ok(await b.getAttribute('title'));
      }
      assert.equal(await chat.locator('header select').count(), 0, 'no native select in the header');
      // The picker's list: one line per model, nothing wider than the popup (long names end in an ellipsis).
      await chat.locator('#model-picker').click();
      await chat.locator('#model-search').fill('claude');
      await chat.locator('[role="option"]').first().waitFor();
      const list = await chat.locator('#model-list').evaluate((l) => ({
        overflow: l.scrollWidth - l.clientWidth,
        right: l.getBoundingClientRect().right,
        rows: Array.from(l.querySelectorAll('[role="option"]')).map((o) => ({
          id: o.getAttribute('data-model-id'),
          height: o.getBoundingClientRect().height,
          lineHeight: parseFloat(getComputedStyle(o).lineHeight),
          right: Math.max(...Array.from(o.children).map((c) => c.getBoundingClientRect().right)),
        })),
      }));
      assert.ok(list.rows.length >= 5, `Claude models listed: ${list.rows.length}`);
      for (const r of list.rows) {
        assert.ok(r.height < r.lineHeight * 1.5, `${r.id} on one line at ${width} px: ${r.height} px tall (line ${r.lineHeight} px)`);
        assert.ok(r.right <= list.right + 0.5, `${r.id} fits the list at ${width} px`);
      }
      assert.equal(list.overflow, 0, `the list does not scroll sideways at ${width} px`);
      await wb.page.keyboard.press('Escape');
      await chat.locator('#model-picker[aria-expanded="false"]').waitFor();
    }
  });

  it('the picker searches by name, provider or id and is driven by the keyboard; the chosen model is recent, a starred one comes first', async () => {
    await chooseByKeyboard('nova lite', NOVA_LITE);
    assert.equal(await chat.locator('#model-picker').evaluate((b) => b === document.activeElement), true, 'focus back on the picker');
    // Search by provider and by id.
    await chat.locator('#model-picker').click();
    await chat.locator('#model-search').fill('anthropic');
    await chat.locator(`[role="option"][data-model-id="${HAIKU}"]`).waitFor();
    assert.equal(await chat.locator(`[role="option"][data-model-id="${NOVA_LITE}"]`).count(), 0, 'Nova Lite does not match "anthropic"');
    await chat.locator('#model-search').fill('claude-3-haiku-20240307');
    await chat.locator(`[role="option"][data-model-id="${HAIKU}"]`).waitFor();
    // The host hears the choice and lists it under "Recently used".
    await chat.locator('#model-search').fill('');
    await chat.locator('.model-group-title', { hasText: 'Recently used' }).waitFor();
    const recentFirst = await chat.locator('.model-group', { hasText: 'Recently used' }).locator('[role="option"]').first().getAttribute('data-model-id');
    assert.equal(recentFirst, NOVA_LITE);
    // Star Claude Sonnet 4.6 with Alt+Enter: Favourites is the first section and holds it.
    await chat.locator('#model-search').fill('claude sonnet 4.6');
    for (let i = 0; i < 10 && (await activeModel()) !== SONNET_46; i++) await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('Alt+Enter');
    await chat.locator('#model-search').fill('');
    await chat.locator('.model-group-title').first().filter({ hasText: 'Favourites' }).waitFor();
    assert.equal(await chat.locator('.model-group').first().locator('[role="option"]').first().getAttribute('data-model-id'), SONNET_46);
    assert.ok(wb.emulator, 'emulator');
    await wb.page.keyboard.press('Escape');
    await chat.locator('#model-picker[aria-expanded="false"]').waitFor();
  });

  it('the reasoning control shows only for a model that takes one, and its level reaches the service', async () => {
    await chooseByKeyboard('claude 3 haiku', HAIKU);
    assert.equal(await chat.locator('#reasoning-level').isVisible(), false, 'Claude 3 Haiku takes no reasoning control');
    await chooseByKeyboard('claude sonnet 4.6', SONNET_46);
    await chat.locator('#reasoning-level').waitFor({ state: 'visible' });
    await chat.locator('#reasoning-level').focus();
    await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    assert.match((await chat.locator('#reasoning-level').getAttribute('aria-label'))!, /Reasoning: High/);
    wb.emulator!.clearRequests();
    const input = chat.locator('#prompt');
    await input.fill('Think about caching, then answer');
    await input.press('Enter');
    await chat.locator('.turn-assistant .turn-line', { hasText: / · total \d/ }).last().waitFor({ timeout: 30_000 });
    const sent = wb.emulator!.requests.filter((r) => r.status === 200 && /Converse|Invoke|Messages/.test(r.route));
    assert.equal(sent.length, 1, sent.map((r) => r.route).join());
    const body = sent[0].body as J;
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'adaptive' } }, JSON.stringify(body).slice(0, 400));
    assert.deepEqual(body.outputConfig, { effort: 'high' });
    await chat.locator('.turn-assistant details.reasoning').last().waitFor();
  });

  it('screenshots: the header with the model picker open, at 350 px and 1,200 px, in dark, light and high contrast', async () => {
    const page = wb.page;
    const sidebar = page.locator('.part.sidebar');
    // A system prompt, so its indicator shows beside the reasoning control under the composer.
    await chat.locator('#settings-toggle').click();
    await chat.locator('#system-prompt').fill('Answer briefly.');
    await chat.locator('#settings-toggle').click();
    await chat.locator('#indicator-system').waitFor();
    let shots = 0;
    await forEachWidthAndTheme(wb, async (name, width) => {
      await chat.locator('#model-picker').click();
      await chat.locator('#model-search').fill('claude');
      await chat.locator('[role="option"]').first().waitFor();
      await page.keyboard.press('ArrowDown');
      await sidebar.screenshot({ path: join(screenshotDir, `chat-header-picker-${name}-${width}.png`) });
      await page.keyboard.press('Escape');
      await chat.locator('#settings-toggle').click();
      await sidebar.screenshot({ path: join(screenshotDir, `chat-header-settings-${name}-${width}.png`) });
      await chat.locator('#settings-toggle').click();
      shots += 2;
    });
    assert.equal(shots, 12);
  });
});
