// The model picker, reasoning control, indicators and new-chat defaults in the chat webview (jsdom).
import * as assert from 'node:assert/strict';
import type { ModelOption } from '../../../../src/shared/protocol';
import { setup as chatApp, teardown } from './chatAppFixture';
import { modelSections } from '../../../../webview-ui/chat/modelList';

const MODELS: ModelOption[] = [
  { id: 'anthropic.claude-sonnet-4-6', label: 'Claude Sonnet 4.6', provider: 'Anthropic', badges: ['Converse', 'Stream'], reasoning: 'claudeAdaptive', needsProfile: true },
  { id: 'anthropic.claude-3-haiku', label: 'Claude 3 Haiku', provider: 'Anthropic', legacy: true },
  { id: 'amazon.nova-pro-v1:0', label: 'Nova Pro', provider: 'Amazon', apis: ['converse', 'invoke'] },
  { id: 'openai.gpt-oss-120b-1:0', label: 'gpt-oss-120b', provider: 'OpenAI', reasoning: 'openaiEffort' },
];

function setup() {
  const app = chatApp();
  const search = (text: string) => {
    const input = app.$<HTMLInputElement>('#model-search');
    input.value = text;
    input.dispatchEvent(new app.window.Event('input'));
  };
  const active = () => app.$('#model-search').getAttribute('aria-activedescendant') && app.$(`#${app.$('#model-search').getAttribute('aria-activedescendant')}`).getAttribute('data-model-id');
  return { ...app, search, active };
}

describe('chat webview: model picker, reasoning control, indicators (jsdom)', () => {
  afterEach(teardown);

  it('orders favourites, then recent, then providers; a model shows once; search matches name, provider or id', () => {
    const s = modelSections(MODELS, { query: '', favourites: ['openai.gpt-oss-120b-1:0'], recent: ['amazon.nova-pro-v1:0', 'openai.gpt-oss-120b-1:0'] });
    assert.deepEqual(s.map((x) => [x.title, x.models.map((m) => m.id)]), [
      ['Favourites', ['openai.gpt-oss-120b-1:0']],
      ['Recently used', ['amazon.nova-pro-v1:0']],
      ['Anthropic', ['anthropic.claude-sonnet-4-6', 'anthropic.claude-3-haiku']],
    ]);
    const ids = (query: string) => modelSections(MODELS, { query, favourites: [], recent: [] }).flatMap((x) => x.models.map((m) => m.id));
    assert.deepEqual(ids('haiku'), ['anthropic.claude-3-haiku']);
    assert.deepEqual(ids('amazon'), ['amazon.nova-pro-v1:0'], 'by provider');
    assert.deepEqual(ids('gpt-oss-120b-1'), ['openai.gpt-oss-120b-1:0'], 'by id');
    assert.deepEqual(ids('claude 4.6'), ['anthropic.claude-sonnet-4-6'], 'every word must match');
  });

  it('is a keyboard-complete combobox: type-ahead opens it, arrows/Home/End move, Enter chooses, Escape closes', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'amazon.nova-pro-v1:0' });
    const trigger = app.$<HTMLButtonElement>('#model-picker');
    assert.equal(trigger.getAttribute('aria-expanded'), 'false');
    app.key(trigger, 'g');
    assert.equal(trigger.getAttribute('aria-expanded'), 'true');
    assert.equal(app.$<HTMLInputElement>('#model-search').value, 'g', 'the typed character starts the search');
    assert.equal(app.window.document.activeElement?.id, 'model-search');
    app.search('');
    const search = app.$('#model-search');
    assert.equal(app.active(), 'amazon.nova-pro-v1:0', 'the list opens on the selected model');
    app.key(search, 'End');
    assert.equal(app.active(), 'openai.gpt-oss-120b-1:0');
    app.key(search, 'Home');
    assert.equal(app.active(), 'anthropic.claude-sonnet-4-6');
    app.key(search, 'ArrowDown');
    assert.equal(app.active(), 'anthropic.claude-3-haiku');
    app.key(search, 'Enter');
    assert.equal(trigger.getAttribute('aria-expanded'), 'false');
    assert.equal(trigger.getAttribute('data-model-id'), 'anthropic.claude-3-haiku');
    assert.deepEqual(app.last('models/select'), { method: 'models/select', modelId: 'anthropic.claude-3-haiku' });
    assert.equal(app.window.document.activeElement, trigger, 'focus back on the button');
    app.key(trigger, 'ArrowDown');
    app.key(app.$('#model-search'), 'Escape');
    assert.equal(trigger.getAttribute('aria-expanded'), 'false');
    assert.equal(app.posted.filter((m) => m.method === 'models/select').length, 1, 'Escape chooses nothing');
  });

  it('stars with Alt+Enter or a click: posts the change and lists the model under Favourites at once', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'amazon.nova-pro-v1:0', favourites: [], recent: [] });
    app.$<HTMLButtonElement>('#model-picker').click();
    app.search('haiku');
    app.key(app.$('#model-search'), 'Enter', { altKey: true });
    assert.deepEqual(app.last('models/favourite'), { method: 'models/favourite', modelId: 'anthropic.claude-3-haiku', favourite: true });
    app.search('');
    assert.equal(app.$$('.model-group-title')[0].textContent, 'Favourites');
    assert.equal(app.$('.model-group [role="option"]').getAttribute('data-model-id'), 'anthropic.claude-3-haiku');
    assert.match(app.$('[data-model-id="anthropic.claude-3-haiku"]').getAttribute('aria-label')!, /favourite, legacy/);
    (app.$('[data-model-id="anthropic.claude-3-haiku"] .model-star') as HTMLElement).click();
    assert.deepEqual(app.last('models/favourite'), { method: 'models/favourite', modelId: 'anthropic.claude-3-haiku', favourite: false });
    assert.match(app.$('[data-model-id="anthropic.claude-sonnet-4-6"]').textContent!, /needs profile/);
  });

  it('shows each model on one line: the name, then provider and badges dimmed, the marks as small badges, the id in the tooltip', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'amazon.nova-pro-v1:0', favourites: ['anthropic.claude-sonnet-4-6'], recent: [] });
    app.$<HTMLButtonElement>('#model-picker').click();
    const row = (id: string) => app.$(`[role="option"][data-model-id="${id}"]`);
    const parts = (id: string) => Array.from(row(id).children).map((c) => c.className.replace(/\bcodicon\S*/g, '').trim());
    // Under Favourites the provider is named; under its own provider's heading it is not repeated.
    const sonnet = row('anthropic.claude-sonnet-4-6');
    assert.deepEqual(parts('anthropic.claude-sonnet-4-6'), ['model-star is-favourite', 'model-name', 'model-details', 'model-mark model-mark-profile']);
    assert.equal(sonnet.querySelector('.model-name')!.textContent, 'Claude Sonnet 4.6');
    assert.equal(sonnet.querySelector('.model-details')!.textContent, 'Anthropic · Converse · Stream · reasoning');
    assert.equal(sonnet.querySelector('.model-mark')!.textContent, 'needs profile');
    assert.equal(sonnet.title.split('\n')[0], 'anthropic.claude-sonnet-4-6', 'the id leads the tooltip');
    assert.match(sonnet.title, /Needs an inference profile/);
    assert.ok(!sonnet.textContent!.includes('anthropic.claude'), 'no id on the row');
    const haiku = row('anthropic.claude-3-haiku');
    assert.equal(haiku.closest('.model-group')!.querySelector('.model-group-title')!.textContent, 'Anthropic');
    assert.equal(haiku.querySelector('.model-details')!.textContent, '', 'the Anthropic heading already names the provider');
    assert.equal(haiku.querySelector('.model-mark-legacy')!.textContent, 'legacy');
    assert.match(haiku.title, /^anthropic\.claude-3-haiku\nAnthropic\nMarked legacy/);
    // The chosen model carries the check, after everything else on its line.
    assert.deepEqual(parts('amazon.nova-pro-v1:0'), ['model-star', 'model-name', 'model-details', 'model-check']);
    assert.equal(row('amazon.nova-pro-v1:0').getAttribute('aria-selected'), 'true');
    // Nothing but the name, details, marks and icons: no second line of badges.
    assert.equal(app.$$('.model-option .model-text, .model-option .model-badge').length, 0);
  });

  it('the search still matches a model by its id, which the row no longer shows', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'amazon.nova-pro-v1:0' });
    app.$<HTMLButtonElement>('#model-picker').click();
    app.search('nova-pro-v1');
    assert.deepEqual(app.$$('[role="option"]').map((o) => o.getAttribute('data-model-id')), ['amazon.nova-pro-v1:0']);
    app.search('openai');
    assert.deepEqual(app.$$('[role="option"]').map((o) => o.getAttribute('data-model-id')), ['openai.gpt-oss-120b-1:0']);
    assert.equal(app.active(), 'openai.gpt-oss-120b-1:0');
  });

  it('shows the reasoning control only for a model that takes one, and sends the level', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'amazon.nova-pro-v1:0' });
    const menu = () => app.$('#reasoning-level').parentElement!;
    assert.equal(menu().hidden, true, 'Nova Pro takes no reasoning control');
    assert.equal(app.send('q1').params, undefined);
    app.fromHost({ method: 'chat/error', requestId: app.last('chat/send').requestId, seq: 0, error: { kind: 'cancelled', message: 'x', action: { id: 'none', label: '' } } });
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'amazon.nova-pro-v1:0', chosenElsewhere: false });
    // Choose Claude Sonnet 4.6 through the picker, then High through the control's keyboard.
    app.$<HTMLButtonElement>('#model-picker').click();
    app.search('sonnet');
    app.key(app.$('#model-search'), 'Enter');
    assert.equal(menu().hidden, false);
    assert.match(app.$('#reasoning-level').getAttribute('aria-label')!, /Reasoning: Off/);
    app.$<HTMLButtonElement>('#reasoning-level').click();
    const list = app.$('#reasoning-level-list');
    app.key(list, 'End');
    app.key(list, 'Enter');
    assert.match(app.$('#reasoning-level').getAttribute('aria-label')!, /Reasoning: High/);
    assert.deepEqual(app.send('q2').params, { reasoning: 'high' });
    // gpt-oss cannot turn reasoning off: its first choice is the model's default.
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'openai.gpt-oss-120b-1:0', chosenElsewhere: true });
    assert.equal(app.$('#model-picker').getAttribute('data-model-id'), 'openai.gpt-oss-120b-1:0', 'a choice made elsewhere is followed');
    app.$<HTMLButtonElement>('#reasoning-level').click();
    assert.deepEqual(app.$$('#reasoning-level-list [role="option"]').map((o) => o.textContent), ['Default', 'Low', 'Medium', 'High']);
  });

  it('indicators name the active settings and open them; New Chat keeps only the saved default system prompt', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'amazon.nova-pro-v1:0' });
    app.fromHost({ method: 'chat/defaults', system: '' });
    assert.equal(app.$$('.setting-indicator').length, 0);
    const system = app.$<HTMLTextAreaElement>('#system-prompt');
    system.value = 'Answer in French';
    system.dispatchEvent(new app.window.Event('input'));
    const api = app.$<HTMLSelectElement>('#api-select');
    api.value = 'invoke';
    api.dispatchEvent(new app.window.Event('change'));
    const temp = app.$<HTMLInputElement>('#temperature');
    temp.value = '0.2';
    temp.dispatchEvent(new app.window.Event('change'));
    assert.deepEqual(app.$$('.setting-indicator').map((b) => b.getAttribute('data-field')), ['system', 'api', 'params']);
    assert.match(app.$('#indicator-system').title, /System prompt: Answer in French/);
    assert.match(app.$('#indicator-api').title, /InvokeModel|invoke/i);
    assert.match(app.$('#indicator-params').title, /temperature 0.2/);
    app.$<HTMLButtonElement>('#indicator-api').click();
    assert.equal(app.$('#settings-panel').hidden, false);
    assert.equal(app.window.document.activeElement, api);
    // New Chat: nothing carried over.
    app.$<HTMLButtonElement>('#new-chat').click();
    assert.equal(system.value, '');
    assert.equal(api.value, '');
    assert.equal(temp.value, '');
    assert.equal(app.$$('.setting-indicator').length, 0);
    // Save as default: the next New Chat starts with it.
    system.value = 'Be terse';
    system.dispatchEvent(new app.window.Event('input'));
    app.$<HTMLButtonElement>('#save-default-system').click();
    assert.deepEqual(app.last('settings/saveDefaultSystem'), { method: 'settings/saveDefaultSystem', system: 'Be terse' });
    system.value = 'something else';
    app.$<HTMLButtonElement>('#new-chat').click();
    assert.equal(system.value, 'Be terse');
    assert.equal(app.send('q').system, 'Be terse');
  });
});
