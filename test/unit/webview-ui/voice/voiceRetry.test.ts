// Retry and Regenerate on a voice turn redo it as a voice turn: the chat webview in jsdom, speaking
// as the host. A microphone turn is sent again as its recording (by hash), a WAV file as that file,
// a typed voice turn as the same words through the voice session — also after a reload, and to the
// voice model that answered it when the picker now holds a text model.
import * as assert from 'node:assert/strict';
import type { ChatSendMessage, PersistedConversation } from '../../../../src/shared/protocol';
import { errorAction } from '../../../../src/shared/coreNames';
import { restoredVoice, resendVoice } from '../../../../webview-ui/voice/voiceRetry';
import { MODELS, setup, teardown, type App } from '../chat/chatAppFixture';

const SONIC = 'amazon.nova-sonic-v1:0';
const SONIC2 = 'amazon.nova-2-sonic-v1:0';
const VOICE_MODELS = [
  ...MODELS,
  { id: SONIC, label: 'Nova Sonic', provider: 'Voice', voice: { typedTurns: false, voices: ['matthew', 'amy'] } },
  { id: SONIC2, label: 'Nova 2 Sonic', provider: 'Voice', voice: { typedTurns: true, voices: ['matthew', 'amy', 'kiara'] } },
];
const RECORDING = { sha256: 'a'.repeat(64), seconds: 2.5 };
const WAV = 'data:audio/wav;base64,UklGRiQAAABXQVZF';

function withModel(app: App, selectedModelId: string): void {
  app.fromHost({ method: 'models/list', models: VOICE_MODELS, selectedModelId, chosenElsewhere: true });
}

/** The host's side of a voice turn: start, what was heard, the user's clip (when recorded), the reply, the end (or an error). */
function answer(app: App, send: ChatSendMessage, o: { modelId: string; clip?: boolean; fail?: boolean }): void {
  let seq = 0;
  const requestId = send.requestId;
  app.fromHost({ method: 'chat/start', requestId, seq: seq++, conversationId: send.conversationId, modelId: o.modelId, api: 'bidirectional' });
  app.fromHost({ method: 'chat/voice', requestId, seq: seq++, event: { kind: 'transcript', role: 'user', text: 'What does the cache export?', draft: false } });
  if (o.clip) app.fromHost({ method: 'chat/voice', requestId, seq: seq++, event: { kind: 'clip', role: 'user', audio: RECORDING, src: WAV } });
  app.fromHost({ method: 'chat/voice', requestId, seq: seq++, event: { kind: 'transcript', role: 'assistant', text: 'Get and set.', draft: false } });
  if (o.fail) app.fromHost({ method: 'chat/error', requestId, seq: seq++, error: { kind: 'throttled', message: 'Too many requests.', action: errorAction('retry') }, stats: { modelId: o.modelId, api: 'bidirectional' } });
  else app.fromHost({ method: 'chat/end', requestId, seq: seq++, stopReason: 'end_turn', stats: { modelId: o.modelId, api: 'bidirectional' } });
}

const click = (app: App, el: Element | null) => {
  assert.ok(el, 'the button is there');
  (el as HTMLElement).dispatchEvent(new app.window.MouseEvent('click', { bubbles: true }));
};
const regenerate = (app: App) => click(app, app.$$('.turn-assistant').at(-1)!.querySelector('.message-regenerate'));

describe('Retry and Regenerate on a voice turn', () => {
  let app: App;
  beforeEach(() => (app = setup()));
  afterEach(teardown);

  it('Regenerate of a microphone turn sends its recording again, not the microphone and not text', () => {
    withModel(app, SONIC);
    click(app, app.$('.voice-speak'));
    const first = app.last('chat/send');
    assert.deepEqual(first.voice, { source: 'microphone' });
    answer(app, first, { modelId: SONIC, clip: true });
    regenerate(app);
    const again = app.last('chat/send');
    assert.notEqual(again.requestId, first.requestId);
    assert.equal(again.replaceFromTurn, 0);
    assert.deepEqual(again.voice, { source: 'file', audio: RECORDING, name: 'your recording' });
    assert.equal(again.modelId, SONIC);
  });

  it('Retry after an error sends a WAV file turn again as that file', () => {
    withModel(app, SONIC);
    app.fromHost({ method: 'voice/picked', audio: RECORDING, name: 'question.wav' });
    const first = app.last('chat/send');
    answer(app, first, { modelId: SONIC, clip: true, fail: true });
    click(app, app.$$('.turn-assistant').at(-1)!.querySelector('[data-chat-action="retry"]'));
    const again = app.last('chat/send');
    assert.notEqual(again.requestId, first.requestId);
    assert.deepEqual(again.voice, { source: 'file', audio: RECORDING, name: 'question.wav' });
  });

  it('a typed voice turn is redone through the voice session, with the voice model that answered it when a text model is picked now', () => {
    withModel(app, SONIC2);
    const first = app.send('Say hello');
    assert.deepEqual(first.voice, { source: 'text' });
    answer(app, first, { modelId: SONIC2 });
    withModel(app, 'm1');
    assert.equal(app.$('.voice-bar').hidden, true, 'a text model is picked now');
    regenerate(app);
    const again = app.last('chat/send');
    assert.equal(again.text, 'Say hello');
    assert.deepEqual(again.voice, { source: 'text' });
    assert.equal(again.modelId, SONIC2);
    assert.equal(again.api, undefined, 'no chat API pinned on a voice turn');
  });

  it('after a reload: the stored recording is sent again to the model that answered it', () => {
    withModel(app, 'm1');
    const conversation: PersistedConversation = {
      v: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, modelId: 'm1',
      turns: [
        { role: 'user', text: 'What does the cache export?', audio: RECORDING },
        { role: 'assistant', text: 'Get and set.', stats: { modelId: SONIC, api: 'bidirectional' }, audio: { sha256: 'b'.repeat(64), seconds: 0.5 } },
      ],
    };
    app.fromHost({ method: 'history/load', conversation });
    regenerate(app);
    const again = app.last('chat/send');
    assert.deepEqual(again.voice, { source: 'file', audio: RECORDING, name: 'your recording' });
    assert.equal(again.modelId, SONIC);
    assert.equal(again.replaceFromTurn, 0);
  });

  it('a text turn stays a text turn', () => {
    withModel(app, 'm1');
    const first = app.send('hello');
    app.fromHost({ method: 'chat/start', requestId: first.requestId, seq: 0, conversationId: first.conversationId, modelId: 'm1', api: 'converse-stream' });
    app.fromHost({ method: 'chat/end', requestId: first.requestId, seq: 1, stopReason: 'end_turn', stats: { modelId: 'm1', api: 'converse-stream' } });
    regenerate(app);
    assert.equal(app.last('chat/send').voice, undefined);
  });
});

describe('voice retry rules', () => {
  it('a stored turn: its clip, else its words through the session, else the microphone; a text exchange is none', () => {
    const reply = { role: 'assistant' as const, text: 'x', stats: { modelId: SONIC2, api: 'bidirectional' as const } };
    assert.deepEqual(restoredVoice({ role: 'user', text: 'hi' }, reply), { input: { source: 'text' }, modelId: SONIC2 });
    assert.deepEqual(restoredVoice({ role: 'user', text: ' ' }, reply), { input: { source: 'microphone' }, modelId: SONIC2 });
    assert.equal(restoredVoice({ role: 'user', text: 'hi' }, { role: 'assistant', text: 'x', stats: { modelId: 'm1', api: 'converse-stream' } }), undefined);
    assert.deepEqual(restoredVoice({ role: 'user', text: '', audio: RECORDING }, undefined), { input: { source: 'file', audio: RECORDING, name: 'your recording' } });
  });

  it('the picked voice model is kept; a picked text model gives way to the turn’s voice model', () => {
    const sent = { input: { source: 'text' as const }, modelId: SONIC2 };
    assert.deepEqual(resendVoice(sent, { id: SONIC, label: 'Nova Sonic', voice: { typedTurns: false } }), { voice: { source: 'text' } });
    assert.deepEqual(resendVoice(sent, { id: 'm1', label: 'M1' }), { voice: { source: 'text' }, modelId: SONIC2 });
    assert.equal(resendVoice(undefined, undefined), undefined);
  });
});
