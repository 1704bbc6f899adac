// The model explorer as a user meets it: rows that fit, the inline Chat action, marked defaults,
// a click that shows the model in the details view beside the tree (timed, printed), the live filter picker and its empty state,
// the short hover, the status bar's endpoint overrides and failures, and region switching.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { openWorkbench, type Workbench } from './workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';

describe('model explorer in the real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ settings: { 'bedrock.chat.defaultModel': HAIKU, 'bedrock.embedding.defaultModel': TITAN } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAILED-explorer-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    await wb.page.keyboard.press('Escape');
  });
  after(async () => {
    await wb?.close();
  });

  const sidebar = () => wb.page.locator('.part.sidebar');
  const row = (text: string | RegExp) => sidebar().locator('.monaco-list-row', { hasText: text });
  /** A model row by its label (the name), not by text elsewhere on the row. */
  const modelRow = (name: RegExp) => sidebar().locator('.monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: name }) });
  // A Claude the runtime lists: Anthropic's group also holds models only bedrock-mantle lists,
  // which speak Messages alone.
  const runtimeClaude = () => row('Claude').filter({ hasText: 'Converse' }).first();
  const quickPick = () => wb.page.locator('.quick-input-widget');

  /** The webview page (inside its two iframes) that shows `selector` with `text`, once it does. */
  async function webviewWith(selector: string, text: string, timeoutMs = 15_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const f of wb.page.frames()) {
        if (await f.locator(selector, { hasText: text }).count().catch(() => 0)) return f;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector} "${text}"`);
      await wb.page.waitForTimeout(10); // polling a condition, at 10 ms so the measured time stays close
    }
  }

  /** Shows the explorer (clicking its icon while it shows would hide the side bar instead). */
  async function showExplorer(): Promise<void> {
    const item = wb.page.locator('.activitybar .action-item', { has: wb.page.locator('a[aria-label^="Bedrock"]:not([aria-label^="Bedrock Chat"])') }).first();
    if (!/\bchecked\b/.test((await item.getAttribute('class')) ?? '')) await item.click();
    await sidebar().locator('.composite.title', { hasText: /Bedrock/ }).first().waitFor();
  }

  async function openAnthropic(): Promise<void> {
    // The tree shares the side bar with other views: a long open group would push Anthropic out of sight.
    const amazon = row(/^Amazon/).first();
    if ((await amazon.getAttribute('aria-expanded')) === 'true') await amazon.click();
    const anthropic = row(/^Anthropic/).first();
    if ((await anthropic.getAttribute('aria-expanded')) !== 'true') await anthropic.click();
    await runtimeClaude().waitFor();
  }

  it('rows fit: the name, marks and short badges; the id is only in the hover; the defaults are marked', async () => {
    await showExplorer();
    const anthropic = row(/^Anthropic/).first();
    await anthropic.waitFor({ timeout: 30_000 });
    // The details view beside the list loads with the side bar, before any click, and says what it is for.
    await webviewWith('p.empty', 'Click a model in the Models list');
    assert.match(await anthropic.innerText(), /\d+ models/);
    await openAnthropic();
    const claude = runtimeClaude();
    const text = await claude.innerText();
    assert.doesNotMatch(text, /anthropic\./, 'no model id on the row');
    assert.match(text, /Converse · Invoke/, 'short badges on the row');
    const haiku = modelRow(/^Claude 3 Haiku$/).first();
    assert.match(await haiku.locator('.label-description').innerText(), /^★ default/);
    await row(/^Amazon/).first().click();
    const titan = modelRow(/^Titan Text Embeddings V2$/).first();
    await titan.waitFor();
    assert.match(await titan.locator('.label-description').innerText(), /^★ default/);
    // How much of the rows a 300 px-wide side bar shows whole (printed; the id no longer competes for it).
    const widths = await sidebar()
      .locator('.monaco-list-row .monaco-icon-label-container')
      .evaluateAll((els) => els.map((e) => [e.scrollWidth, e.clientWidth] as [number, number]));
    const whole = widths.filter(([scroll, client]) => scroll <= client).length;
    console.log(`    e2e: explorer rows shown whole at ${Math.round((await sidebar().boundingBox())!.width)} px: ${whole} of ${widths.length}`);
    await row(/^Amazon/).first().click();
    await wb.screenshot('explorer-rows');
  });

  it('hovering a model shows a short hover: the APIs that work with their sources, the chat plan, a line per profile, the id once', async () => {
    const model = runtimeClaude();
    await model.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Source' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /ConverseStream/);
    assert.match(text, /(shipped table|service metadata)/);
    assert.match(text, /Chat plan: \S+/);
    const id = text.match(/anthropic\.[\w.:-]+/)?.[0];
    assert.ok(id, text);
    assert.equal(text.split(id).length - 1, 1, `the id appears once:\n${text}`);
    await wb.screenshot('explorer-hover');
    await wb.page.mouse.move(700, 850);
  });

  it('a click on a row shows its details beside the tree fast, focus staying in the tree, with Chat, Set as Default and Copy ID that work', async () => {
    const nova = modelRow(/^Nova Lite$/).first();
    if (!(await nova.count())) await row(/^Amazon/).first().click();
    await nova.waitFor();
    const details = sidebar().locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /Model Details/i }) });
    await details.waitFor();
    const started = Date.now();
    await nova.locator('.label-name').click();
    let page = await webviewWith('h1', 'Nova Lite');
    const cold = Date.now() - started;
    assert.match(await page.locator('.id').innerText(), /amazon\.nova-lite/);
    assert.ok(await page.locator('table tr', { hasText: 'ConverseStream' }).count());
    assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: 'Nova Lite' }).count(), 0, 'no editor tab covers the user’s files');
    const focusedPane = await wb.page.evaluate(() => document.activeElement?.closest('.pane')?.querySelector('.pane-header')?.textContent ?? '');
    assert.match(focusedPane, /^Models/i, 'the tree keeps focus: arrow keys walk the list');
    await wb.screenshot('explorer-details');
    // The next click replaces the page.
    const micro = modelRow(/^Nova Micro$/).first();
    const again = Date.now();
    await micro.locator('.label-name').click();
    await webviewWith('h1', 'Nova Micro');
    const warm = Date.now() - again;
    console.log(`    e2e: model details open: ${cold} ms from click (first click of the session), ${warm} ms (next click)`);
    // Focus stayed in the list: the arrow keys walk it and the details follow the selection.
    await wb.page.keyboard.press('ArrowUp');
    page = await webviewWith('h1', 'Nova Lite');
    assert.match(await nova.getAttribute('class') ?? '', /\bselected\b/, 'the arrow key selected the row');
    // Keys pressed in a row: the details land on the row the keys stopped at (the rows below Nova
    // Lite are collapsed models, so three presses are three rows).
    const names = await sidebar().locator('.monaco-list-row .label-name').allInnerTexts();
    const below = names[names.indexOf('Nova Lite') + 3];
    const detailsShow = async (name: string): Promise<void> => {
      for (const deadline = Date.now() + 10_000; (await page.locator('h1').innerText()) !== name; ) {
        assert.ok(Date.now() < deadline, `the details show ${name}, not ${await page.locator('h1').innerText()}`);
        await wb.page.waitForTimeout(20); // polling the page's heading
      }
    };
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press('ArrowDown');
    await detailsShow(below);
    await modelRow(new RegExp(`^${below.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)).and(sidebar().locator('.monaco-list-row.selected')).waitFor();
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press('ArrowUp');
    await detailsShow('Nova Lite');

    await page.locator('button[data-action="copyId"]').click();
    await wb.page.locator('.statusbar-item', { hasText: /Copied amazon\.nova-lite/ }).first().waitFor({ timeout: 10_000 });

    await page.locator('button[data-action="setDefault"]').click();
    await nova.locator('.label-description', { hasText: /^★ default/ }).waitFor({ timeout: 10_000 });
    await page.locator('button[data-action="setDefault"][disabled]', { hasText: 'Default Chat Model' }).waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.badge').innerText(), /default chat model/);

    await page.locator('button[data-action="chat"]').click();
    await sidebar().locator('.composite.title', { hasText: /Bedrock Chat/i }).waitFor({ timeout: 30_000 });
    await webviewWith('body', 'Nova Lite', 30_000);
  });

  it('the inline Chat action on a hovered row opens the chat with that model', async () => {
    await showExplorer();
    await openAnthropic();
    const haiku = modelRow(/^Claude 3 Haiku$/).first();
    await haiku.hover();
    const chat = haiku.locator('.actions .action-label[aria-label="Chat with Model"]');
    await chat.waitFor({ state: 'visible' });
    await wb.screenshot('explorer-inline-chat');
    await chat.click();
    await sidebar().locator('.composite.title', { hasText: /Bedrock Chat/i }).waitFor({ timeout: 30_000 });
    await webviewWith('body', 'Claude 3 Haiku', 30_000);
  });

  it('the filter picker: typing filters at once, one Embeddings entry, matching groups open, the filter and Clear show on the view', async () => {
    await showExplorer();
    await wb.runCommand('Bedrock: Filter Models…');
    const input = quickPick().locator('input');
    await quickPick().locator('.monaco-list-row', { hasText: 'Hide legacy models' }).waitFor();
    assert.equal(await quickPick().locator('.monaco-list-row', { hasText: 'Embeddings' }).count(), 1, 'one Embeddings entry');
    await input.pressSequentially('titan');
    // Before Enter: the list already shows only matches, their group open.
    await modelRow(/^Titan Text Embeddings V2$/).first().waitFor({ timeout: 10_000 });
    await row(/^Anthropic/).first().waitFor({ state: 'detached', timeout: 10_000 }); // other providers filtered out while typing
    assert.equal(await row(/^Amazon/).first().getAttribute('aria-expanded'), 'true', 'the matching group is open');
    await wb.screenshot('explorer-filter-typing');
    await wb.page.keyboard.press('Enter');
    await quickPick().waitFor({ state: 'hidden' });
    await sidebar().getByText(/^Filter: “titan” · \d+ of \d+ models$/).waitFor();
    await wb.screenshot('explorer-filter');
    // With other views beside it, the view's actions are in its header, shown while it is hovered.
    await sidebar().locator('.pane-header', { hasText: 'Models' }).first().hover().catch(() => undefined);
    await sidebar().locator('.action-label[aria-label="Clear Model Filter"]:visible').first().click();
    await row(/^Anthropic/).first().waitFor();
    assert.equal(await sidebar().getByText(/Filter: “titan”/).count(), 0);
  });

  it('a filter that matches nothing shows the empty state with a Clear link', async () => {
    await wb.runCommand('Bedrock: Filter Models…');
    await quickPick().locator('.monaco-list-row', { hasText: 'Hide legacy models' }).waitFor();
    await quickPick().locator('input').fill('no-such-model-anywhere');
    await wb.page.keyboard.press('Enter');
    const clear = sidebar().locator('.welcome-view-content').getByRole('button', { name: 'Clear Filter' });
    await clear.waitFor({ timeout: 10_000 });
    await wb.screenshot('explorer-filter-empty');
    await clear.click();
    await row(/^Anthropic/).first().waitFor();
  });

  it('the status bar and its menu say the endpoints are overridden and which one failed', async () => {
    const status = wb.page.locator('.statusbar-item', { hasText: 'us-east-1' }).first();
    await status.locator(':text("local emulator")').waitFor();
    await status.click();
    await quickPick().locator('.monaco-list-row', { hasText: 'overridden: local emulator' }).waitFor();
    await wb.screenshot('status-menu');
    await wb.page.keyboard.press('Escape');

    // Nothing listens on port 1 of this machine: listing models fails on the control endpoint.
    const emulator = wb.emulator!.url;
    wb.updateSettings({ 'bedrock.endpoints.control': 'http://127.0.0.1:1' });
    try {
      await wb.page.locator('.statusbar-item', { hasText: 'control failed' }).first().waitFor({ timeout: 30_000 });
      await wb.page.locator('.statusbar-item', { hasText: 'control failed' }).first().click();
      await quickPick().locator('.monaco-list-row', { hasText: 'control endpoint failed' }).waitFor();
      await wb.screenshot('status-menu-failed');
      await wb.page.keyboard.press('Escape');
    } finally {
      wb.updateSettings({ 'bedrock.endpoints.control': emulator });
    }
    await wb.page.locator('.statusbar-item', { hasText: 'control failed' }).first().waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('switching region changes the list: profiles follow the region', async () => {
    await showExplorer();
    await openAnthropic();
    const status = wb.page.locator('.statusbar-item', { hasText: 'us-east-1' }).first();
    await status.waitFor();
    // A profile-only model lists its us. profile in us-east-1…
    const model = sidebar().locator('.monaco-list-row', { hasText: 'needs profile' }).first();
    const name = (await model.locator('.label-name').innerText()).trim();
    await model.locator('.monaco-tl-twistie').click();
    await row(/US cross-region/).first().waitFor({ timeout: 15_000 });
    await model.locator('.monaco-tl-twistie').click(); // collapse

    await wb.runCommand('Bedrock: Select Region');
    await wb.page.locator('.quick-input-widget input').fill('eu-west-1');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Europe (Ireland)' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.statusbar-item', { hasText: 'eu-west-1' }).first().waitFor({ timeout: 15_000 });
    const listed = await wb.emulator!.waitForRequest((r) => r.route === 'ListInferenceProfiles' && r.auth.region === 'eu-west-1', 15_000);
    await listed.closed;

    // …and only profiles callable from eu-west-1 there (the tree repaints once the refresh lands).
    const same = sidebar().locator('.monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: name }) }).first();
    if ((await same.getAttribute('aria-expanded')) !== 'true') await same.locator('.monaco-tl-twistie').click();
    await row(/US cross-region/).first().waitFor({ state: 'detached', timeout: 15_000 });
    await row(/(EU|global) cross-region/).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('explorer-eu-west-1');
  });
});
