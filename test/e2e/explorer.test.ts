import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('model explorer in the real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAILED-explorer-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });

  const sidebar = () => wb.page.locator('.part.sidebar');
  const row = (text: string | RegExp) => sidebar().locator('.monaco-list-row', { hasText: text });
  // A Claude the runtime lists: Anthropic's group also holds models only bedrock-mantle lists,
  // which speak Messages alone.
  const runtimeClaude = () => row('Claude').filter({ hasText: 'Converse' }).first();

  it('lists providers; expanding Anthropic shows models with API badges on the row', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().click();
    const anthropic = row(/^Anthropic/).first();
    await anthropic.waitFor({ timeout: 30_000 });
    assert.match(await anthropic.innerText(), /\d+ models/);
    await anthropic.click();
    const sonnet = runtimeClaude();
    await sonnet.waitFor();
    const text = await sonnet.innerText();
    assert.match(text, /anthropic\./, 'the model id is on the row');
    assert.match(text, /Converse/, 'Converse badge on the row');
    assert.match(text, /Invoke/, 'Invoke badge on the row');
    await wb.screenshot('explorer-anthropic');
  });

  it('hovering a model shows the API table with sources and the chat plan', async () => {
    const model = runtimeClaude();
    await model.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Source' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /ConverseStream/);
    assert.match(text, /(shipped table|service metadata)/);
    assert.match(text, /Chat plan/);
    await wb.screenshot('explorer-tooltip');
    await wb.page.mouse.move(700, 850);
  });

  it('switching region changes the list: profiles follow the region', async () => {
    const status = wb.page.locator('.statusbar-item', { hasText: 'us-east-1' }).first();
    await status.waitFor();
    // A profile-only model lists its us. profile in us-east-1…
    const model = sidebar().locator('.monaco-list-row', { hasText: 'profile only' }).first();
    const name = (await model.locator('.label-name').innerText()).trim();
    await model.click();
    await row(/us\.anthropic\./).first().waitFor({ timeout: 15_000 });
    await model.click(); // collapse

    await wb.runCommand('Bedrock: Select Region');
    await wb.page.locator('.quick-input-widget input').fill('eu-west-1');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Europe (Ireland)' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.statusbar-item', { hasText: 'eu-west-1' }).first().waitFor({ timeout: 15_000 });
    const listed = await wb.emulator!.waitForRequest((r) => r.route === 'ListInferenceProfiles' && r.auth.region === 'eu-west-1', 15_000);
    await listed.closed;

    // …and only profiles callable from eu-west-1 there (the tree repaints once the refresh lands).
    const same = sidebar().locator('.monaco-list-row', { hasText: name }).first();
    if ((await same.getAttribute('aria-expanded')) !== 'true') await same.click();
    await row(/us\.anthropic\./).first().waitFor({ state: 'detached', timeout: 15_000 });
    await row(/(eu|global)\.anthropic\./).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('explorer-eu-west-1');
  });
});
