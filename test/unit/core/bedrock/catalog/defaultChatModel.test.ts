import * as assert from 'node:assert/strict';
import { chooseDefaultChatModel, midSizeModel, readRecentModels, RECENT_MODELS_KEPT, versionKey, withRecentModel, type ChatModelCandidate } from '../../../../../src/core/bedrock/catalog/defaultChatModel';

/** A slice of a real us-east-1 list, in the alphabetical order the picker shows it. */
const CATALOG: ChatModelCandidate[] = [
  { id: 'ai21.jamba-1-5-large-v1:0', label: 'Jamba 1.5 Large', provider: 'AI21 Labs' },
  { id: 'amazon.nova-lite-v1:0', label: 'Nova Lite', provider: 'Amazon' },
  { id: 'amazon.nova-pro-v1:0', label: 'Nova Pro', provider: 'Amazon' },
  { id: 'anthropic.claude-3-5-sonnet-20240620-v1:0', label: 'Claude 3.5 Sonnet', provider: 'Anthropic', legacy: true },
  { id: 'anthropic.claude-3-5-sonnet-20241022-v2:0', label: 'Claude 3.5 Sonnet v2', provider: 'Anthropic' },
  { id: 'anthropic.claude-3-7-sonnet-20250219-v1:0', label: 'Claude 3.7 Sonnet', provider: 'Anthropic' },
  { id: 'anthropic.claude-3-haiku-20240307-v1:0', label: 'Claude 3 Haiku', provider: 'Anthropic' },
  { id: 'anthropic.claude-opus-4-1-20250805-v1:0', label: 'Claude Opus 4.1', provider: 'Anthropic' },
  { id: 'anthropic.claude-sonnet-4-20250514-v1:0', label: 'Claude Sonnet 4', provider: 'Anthropic' },
  { id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', label: 'Claude Sonnet 4.5 (profile)', provider: 'Anthropic' },
  { id: 'anthropic.claude-sonnet-4-5-20250929-v1:0', label: 'Claude Sonnet 4.5', provider: 'Anthropic' },
  { id: 'meta.llama3-1-70b-instruct-v1:0', label: 'Llama 3.1 70B Instruct', provider: 'Meta' },
  { id: 'meta.llama3-3-70b-instruct-v1:0', label: 'Llama 3.3 70B Instruct', provider: 'Meta' },
];

describe('default chat model', () => {
  it('uses the model used last, when the catalog still lists it', () => {
    const recent = ['meta.llama3-3-70b-instruct-v1:0', 'amazon.nova-pro-v1:0'];
    assert.equal(chooseDefaultChatModel({ recent, configured: 'amazon.nova-lite-v1:0', models: CATALOG }), 'meta.llama3-3-70b-instruct-v1:0');
    assert.equal(chooseDefaultChatModel({ recent: ['gone.model-v1:0', 'amazon.nova-pro-v1:0'], models: CATALOG }), 'amazon.nova-pro-v1:0', 'a vanished id is skipped');
  });

  it('else the bedrock.chat.defaultModel setting, even one the catalog does not list (an ARN)', () => {
    assert.equal(chooseDefaultChatModel({ recent: [], configured: 'amazon.nova-lite-v1:0', models: CATALOG }), 'amazon.nova-lite-v1:0');
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc';
    assert.equal(chooseDefaultChatModel({ configured: ` ${arn} `, models: CATALOG }), arn);
  });

  it('else the newest mid-size model, never the first alphabetically', () => {
    const chosen = chooseDefaultChatModel({ recent: [], configured: '', models: CATALOG });
    assert.equal(chosen, 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'the newest Sonnet, by its bare id rather than a profile');
    assert.notEqual(chosen, CATALOG[0].id);
  });

  it('falls through the families: Nova Pro without Claude, Llama 70B without either, any current model last', () => {
    const noClaude = CATALOG.filter((m) => !m.id.includes('claude'));
    assert.equal(midSizeModel(noClaude), 'amazon.nova-pro-v1:0');
    const onlyMeta = CATALOG.filter((m) => m.provider === 'Meta');
    assert.equal(midSizeModel(onlyMeta), 'meta.llama3-3-70b-instruct-v1:0', 'the newer Llama');
    assert.equal(midSizeModel([{ id: 'x.old-v1:0', label: 'Old', legacy: true }, { id: 'y.current-v1:0', label: 'Current' }]), 'y.current-v1:0', 'legacy only when nothing else is left');
    assert.equal(midSizeModel([]), undefined);
  });

  it('honours the last model before the catalog has loaded', () => {
    assert.equal(chooseDefaultChatModel({ recent: ['amazon.nova-pro-v1:0'], models: [] }), 'amazon.nova-pro-v1:0');
    assert.equal(chooseDefaultChatModel({ models: [] }), undefined);
  });

  it('orders versions by the numbers in the name, then the release date', () => {
    const ids = ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-sonnet-4-6', 'anthropic.claude-3-5-sonnet-20241022-v2:0'];
    const sorted = [...ids].sort((a, b) => {
      const ka = versionKey(a), kb = versionKey(b);
      for (let i = 0; i < Math.max(ka.length, kb.length); i++) if ((ka[i] ?? -1) !== (kb[i] ?? -1)) return (kb[i] ?? -1) - (ka[i] ?? -1);
      return 0;
    });
    assert.deepEqual(sorted, ['anthropic.claude-sonnet-4-6', 'anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0']);
    assert.deepEqual(versionKey('us.anthropic.claude-sonnet-4-20250514-v1:0'), versionKey('anthropic.claude-sonnet-4-20250514-v1:0'), 'a geo prefix does not change the version');
  });
});

describe('recent chat models (stored)', () => {
  it('reads a good list, drops what is unreadable, and keeps it short', () => {
    assert.deepEqual(readRecentModels({ v: 1, ids: ['a', 'b'] }), ['a', 'b']);
    assert.deepEqual(readRecentModels({ v: 1, ids: ['a', 7, '', 'a', null, 'b'] }), ['a', 'b']);
    for (const bad of [undefined, null, 'a', ['a'], { v: 2, ids: ['a'] }, { v: 1, ids: 'a' }]) assert.deepEqual(readRecentModels(bad), []);
    assert.equal(readRecentModels({ v: 1, ids: Array.from({ length: 50 }, (_, i) => `m${i}`) }).length, RECENT_MODELS_KEPT);
  });

  it('moves the used model to the front without duplicates', () => {
    assert.deepEqual(withRecentModel(['a', 'b', 'c'], 'b'), { v: 1, ids: ['b', 'a', 'c'] });
    const full = Array.from({ length: RECENT_MODELS_KEPT }, (_, i) => `m${i}`);
    assert.deepEqual(withRecentModel(full, 'new').ids, ['new', ...full.slice(0, RECENT_MODELS_KEPT - 1)]);
  });
});
