// A voice turn's tool steps where they happened: the chat webview in jsdom, speaking as the host.
// What the model said before a call stays above its step block and what it said after goes below,
// live and after a reload (a stored voice turn keeps the words before each call as its step's text),
// exactly as a text agent's turn is drawn; a turn stored before voice steps kept their words (steps
// with empty text) still loads whole.
import * as assert from 'node:assert/strict';
import type { PersistedConversation, PersistedTurn, WireToolCall } from '../../../../src/shared/protocol';
import { MODELS, setup, teardown, type App } from '../chat/chatAppFixture';

const SONIC2 = 'amazon.nova-2-sonic-v1:0';
const VOICE_MODELS = [...MODELS, { id: SONIC2, label: 'Nova 2 Sonic', provider: 'Voice', tools: true, voice: { typedTurns: true, voices: ['matthew'] } }];
const READ: WireToolCall = { id: 'use-1', name: 'read_file', kind: 'read', label: 'read_file src/cache.ts', input: '{\n  "path": "src/cache.ts"\n}', status: 'done', result: 'export const cache = new Map();', step: 0 };
const CLIP = { sha256: 'b'.repeat(64), seconds: 1.5 };
const VOICE_STATS = { modelId: SONIC2, api: 'bidirectional' as const };

/** The reply's text runs (markdown or spoken words), step blocks and clip, top to bottom. */
function drawn(reply: Element): string[] {
  return Array.from(reply.querySelectorAll('.md-message, .voice-reply, .tool-step, .voice-clip')).flatMap((e) => {
    if (e.classList.contains('tool-step')) return [`[${e.querySelector('.tool-call-name')!.textContent}]`];
    if (e.classList.contains('voice-clip')) return ['(clip)'];
    const text = e.textContent!.trim();
    return text ? [text] : [];
  });
}

function load(app: App, reply: PersistedTurn, user: PersistedTurn = { role: 'user', text: 'What does the cache module export?' }): Element {
  const conversation: PersistedConversation = { v: 1, id: 'stored', title: 't', createdAt: 1, updatedAt: 1, modelId: SONIC2, agent: true, turns: [user, reply] };
  app.fromHost({ method: 'history/load', conversation });
  return app.$$('.turn-assistant').at(-1)!;
}

describe('a voice turn’s tool steps are drawn where they happened', () => {
  let app: App;
  beforeEach(() => {
    app = setup();
    app.fromHost({ method: 'models/list', models: VOICE_MODELS, selectedModelId: SONIC2 });
  });
  afterEach(teardown);

  it('live: the words before the call above its step, the words after it below, and Copy takes both', () => {
    app.$<HTMLButtonElement>('#agent-mode').click();
    const { requestId, conversationId } = app.send('What does the cache module export?');
    let seq = 0;
    const voice = (event: object) => app.fromHost({ method: 'chat/voice', requestId, seq: seq++, event } as never);
    app.fromHost({ method: 'chat/start', requestId, seq: seq++, conversationId, modelId: SONIC2, api: 'bidirectional' });
    voice({ kind: 'transcript', role: 'assistant', text: 'Let me look at it.', draft: true });
    voice({ kind: 'transcript', role: 'assistant', text: 'Let me look at it.', draft: false });
    app.fromHost({ method: 'chat/tool', requestId, seq: seq++, tool: { ...READ, status: 'running', result: undefined } });
    app.fromHost({ method: 'chat/tool', requestId, seq: seq++, tool: READ });
    voice({ kind: 'transcript', role: 'assistant', text: 'It exports a cache.', draft: true });
    const reply = app.$$('.turn-assistant').at(-1)!;
    assert.deepEqual(drawn(reply), ['Let me look at it.', '[read_file src/cache.ts]', 'It exports a cache.']);
    assert.equal(reply.querySelectorAll('.voice-reply.is-draft').length, 1, 'only the words after the call are still a draft');
    voice({ kind: 'transcript', role: 'assistant', text: 'It exports a cache map.', draft: false });
    voice({ kind: 'clip', role: 'assistant', audio: CLIP, src: 'data:audio/wav;base64,UklGRiQAAABXQVZF' });
    app.fromHost({ method: 'chat/end', requestId, seq: seq++, stopReason: 'end_turn', stats: VOICE_STATS });
    assert.deepEqual(drawn(reply), ['Let me look at it.', '[read_file src/cache.ts]', 'It exports a cache map.', '(clip)']);
    assert.equal(reply.querySelectorAll('.voice-reply.is-draft').length, 0);

    reply.querySelector<HTMLButtonElement>('.message-copy')!.dispatchEvent(new app.window.MouseEvent('click', { bubbles: true }));
    assert.deepEqual(app.last('code/copy'), { method: 'code/copy', code: 'Let me look at it.\n\nIt exports a cache map.' });
  });

  it('after a reload: the stored step’s words, its call, then the final words and the clip, as a text agent turn is drawn', () => {
    const reply = load(app, { role: 'assistant', text: 'It exports a cache map.', stats: VOICE_STATS, stopReason: 'end_turn', audio: CLIP, steps: [{ text: 'Let me look at it.', tools: [READ] }] });
    assert.deepEqual(drawn(reply), ['Let me look at it.', '[read_file src/cache.ts]', 'It exports a cache map.', '(clip)']);
    // The same turn from a text model is drawn in the same order.
    const text = load(app, { role: 'assistant', text: 'It exports a cache map.', stats: { modelId: 'm1', api: 'converse-stream' }, steps: [{ text: 'Let me look at it.', tools: [READ] }] });
    assert.deepEqual(drawn(text), ['Let me look at it.', '[read_file src/cache.ts]', 'It exports a cache map.']);
  });

  it('two calls with words between them are two steps; two calls back to back share one', () => {
    const second = { ...READ, id: 'use-2', label: 'read_file src/index.ts' };
    const third = { ...READ, id: 'use-3', label: 'search_text cache' };
    const reply = load(app, {
      role: 'assistant',
      text: 'Both use it.',
      stats: VOICE_STATS,
      steps: [
        { text: 'Reading the cache.', tools: [READ] },
        { text: 'Now where it is used.', tools: [second, third] },
      ],
    });
    assert.deepEqual(drawn(reply), ['Reading the cache.', '[read_file src/cache.ts]', 'Now where it is used.', '[read_file src/index.ts]', '[search_text cache]', 'Both use it.']);
    assert.equal(reply.querySelectorAll('.reply-step').length, 3);
  });

  it('a voice turn stored before steps kept their words (empty step text) still loads whole: its call, then everything it said', () => {
    const reply = load(app, { role: 'assistant', text: 'Let me look at it. It exports a cache map.', stats: VOICE_STATS, stopReason: 'end_turn', audio: CLIP, steps: [{ text: '', tools: [READ] }] });
    assert.deepEqual(drawn(reply), ['[read_file src/cache.ts]', 'Let me look at it. It exports a cache map.', '(clip)']);
    assert.equal(reply.querySelector('.agent-summary')!.textContent, 'Read 1 file');
  });
});
