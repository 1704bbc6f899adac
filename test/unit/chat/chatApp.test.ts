// The chat webview app in jsdom with the real streaming renderer: what it posts to the host for
// each user action, and how it renders the host's stream messages. Frames are driven by hand.
import * as assert from 'node:assert/strict';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { HostToWebviewMessage, PersistedWebviewState, WebviewToHostMessage } from '../../../src/shared/protocol';
import { ChatApp } from '../../../webview-ui/chat/chatApp';
import { manualFrameScheduler } from '../../../webview-ui/markdown/frameScheduler';
import { attachMarkdownInteractions } from '../../../webview-ui/markdown/interactions';
import { createMarkdownHtmlRenderer } from '../../../webview-ui/markdown/markdownHtml';
import { createSanitizer } from '../../../webview-ui/markdown/sanitizer';
import { StreamingMarkdown } from '../../../webview-ui/markdown/streamingMarkdown';

const MODELS = [
  { id: 'm1', label: 'Model One', provider: 'P', badges: ['Converse', 'Stream'], apis: ['converse-stream' as const, 'invoke-stream' as const], maxOutputTokens: 4096 },
  { id: 'm2', label: 'Model Two', provider: 'Q' },
];

function setup(savedState?: PersistedWebviewState) {
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  const window = dom.window as unknown as Window & typeof globalThis;
  const g = globalThis as Record<string, unknown>;
  g.document = window.document;
  g.window = window;
  g.requestAnimationFrame = () => 0;
  const scheduler = manualFrameScheduler();
  const renderer = createMarkdownHtmlRenderer();
  const sanitizer = createSanitizer(createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]));
  const posted: WebviewToHostMessage[] = [];
  let state: unknown = savedState;
  const links: string[] = [];
  new ChatApp({
    host: { postMessage: (m) => posted.push(m), getState: () => state, setState: (s) => (state = s) },
    root: window.document.body,
    makeMarkdown: (announce) => new StreamingMarkdown({ document: window.document, renderer, sanitizer, scheduler, announce }),
    attachInteractions: (t) => attachMarkdownInteractions(t, { openLink: (href) => links.push(href), codeAction: () => {} }),
  });
  const $ = <T extends Element = HTMLElement>(sel: string) => window.document.querySelector(sel) as T;
  const $$ = (sel: string) => Array.from(window.document.querySelectorAll(sel)) as HTMLElement[];
  return {
    window,
    posted,
    links,
    scheduler,
    $,
    $$,
    state: () => state as PersistedWebviewState,
    fromHost: (m: HostToWebviewMessage) => window.dispatchEvent(new window.MessageEvent('message', { data: m })),
    key: (el: Element, key: string, init: KeyboardEventInit = {}) => el.dispatchEvent(new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })),
    type: (text: string) => {
      const input = $<HTMLTextAreaElement>('#prompt');
      input.value = text;
      input.dispatchEvent(new window.Event('input'));
    },
    last: <M extends WebviewToHostMessage['method']>(method: M) => [...posted].reverse().find((m) => m.method === method) as Extract<WebviewToHostMessage, { method: M }>,
  };
}

type App = ReturnType<typeof setup>;

function sendAndStart(app: App, text: string) {
  app.type(text);
  app.key(app.$('#prompt'), 'Enter');
  const send = app.last('chat/send');
  app.fromHost({ method: 'chat/start', requestId: send.requestId, seq: 0, conversationId: send.conversationId, modelId: 'm1', api: 'converse-stream' });
  return send;
}

describe('chat webview app (jsdom)', () => {
  afterEach(() => {
    const g = globalThis as Record<string, unknown>;
    delete g.document;
    delete g.window;
    delete g.requestAnimationFrame;
  });

  it('says ready, then fills the picker with badges and the model’s APIs', () => {
    const app = setup();
    assert.deepEqual(app.posted[0], { method: 'webview/ready' });
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'm1' });
    assert.equal(app.$<HTMLSelectElement>('#model-select').value, 'm1');
    assert.equal(app.$$('#model-select optgroup').length, 2, 'grouped by provider');
    assert.match(app.$('#model-select option[value="m1"]').textContent!, /Converse · Stream/);
    assert.deepEqual(app.$$('#api-select option').map((o) => o.getAttribute('value')), ['', 'converse-stream', 'invoke-stream']);
    assert.equal(app.$('#max-tokens').getAttribute('max'), '4096');
  });

  it('Enter sends (Shift+Enter does not) with model, system prompt, clamped params and API override', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'm1' });
    app.type('hello');
    app.key(app.$('#prompt'), 'Enter', { shiftKey: true });
    assert.equal(app.posted.filter((m) => m.method === 'chat/send').length, 0);
    app.$<HTMLTextAreaElement>('#system-prompt').value = 'be brief';
    app.$<HTMLInputElement>('#max-tokens').value = '99999';
    app.$<HTMLInputElement>('#temperature').value = '0.3';
    app.$<HTMLSelectElement>('#api-select').value = 'invoke-stream';
    app.key(app.$('#prompt'), 'Enter');
    const send = app.last('chat/send');
    assert.equal(send.text, 'hello');
    assert.equal(send.modelId, 'm1');
    assert.equal(send.system, 'be brief');
    assert.deepEqual(send.params, { temperature: 0.3, maxTokens: 4096 });
    assert.equal(send.api, 'invoke-stream');
    assert.equal(app.$<HTMLTextAreaElement>('#prompt').value, '', 'input cleared');
    assert.equal(app.state().conversationId, send.conversationId);
  });

  it('says "retrying (2/3)…" in the turn line while the service is retried, until content arrives', () => {
    const app = setup();
    const send = sendAndStart(app, 'q');
    const line = () => app.$('.turn-assistant .turn-line').textContent;
    assert.equal(line(), 'm1 · ConverseStream · streaming…');
    app.fromHost({ method: 'chat/retry', requestId: send.requestId, seq: 1, attempt: 2, maxAttempts: 3, reason: 'ThrottlingException', delayMs: 300 });
    assert.equal(line(), 'm1 · ConverseStream · retrying (2/3)…');
    assert.match(app.$('.turn-assistant .turn-line').title, /ThrottlingException/);
    app.fromHost({ method: 'chat/retry', requestId: send.requestId, seq: 2, attempt: 3, maxAttempts: 3, reason: 'HTTP 503', delayMs: 600 });
    assert.equal(line(), 'm1 · ConverseStream · retrying (3/3)…');
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 3, channel: 'text', text: 'Hi' });
    assert.equal(line(), 'm1 · ConverseStream · streaming…');
  });

  it('renders the stream as it arrives, drops stale messages, and ends with the per-turn line', () => {
    const app = setup();
    const send = sendAndStart(app, 'q');
    assert.equal(app.$('#stop').hidden, false);
    assert.equal(app.$('#send').hidden, true);
    app.fromHost({ method: 'chat/delta', requestId: 'someone-else', seq: 1, channel: 'text', text: 'STALE' });
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 1, channel: 'reasoning', text: 'thinking' });
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 2, channel: 'text', text: '# Title\n\n```ts\nlet x' });
    app.scheduler.runFrame();
    const turn = app.$('.turn-assistant');
    assert.equal(turn.getAttribute('aria-busy'), 'true');
    assert.ok(turn.querySelector('.md-code-streaming'), 'the open fence streams as a code block');
    assert.equal(turn.querySelector('.reasoning-text')!.textContent, 'thinking');
    assert.equal((turn.querySelector('details.reasoning') as HTMLDetailsElement).open, true, 'open while streaming');
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 3, channel: 'text', text: ' = 1;\n```\n' });
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 4, stopReason: 'end_turn', stats: { modelId: 'm1', api: 'converse-stream', timeToFirstTokenMs: 120, inputTokens: 3, outputTokens: 9, tokensPerSecond: 30, totalLatencyMs: 450 } });
    assert.doesNotMatch(turn.textContent!, /STALE/);
    assert.equal(turn.querySelector('h1')!.textContent, 'Title');
    assert.ok(turn.querySelector('.md-code pre code'), 'closed fence rendered as a code block');
    assert.equal(turn.querySelector('.turn-line')!.textContent, 'm1 · ConverseStream · first token 120 ms · 3 in / 9 out · 30 tok/s · total 450 ms');
    assert.equal(turn.hasAttribute('aria-busy'), false);
    assert.equal((turn.querySelector('details.reasoning') as HTMLDetailsElement).open, false, 'collapsed when done');
    assert.equal(app.$('#send').hidden, false);
    assert.equal((turn.querySelector('.turn-regenerate') as HTMLElement).hidden, false);
    assert.equal((app.$('.turn-user .turn-edit') as HTMLElement).hidden, false);
  });

  it('Escape while streaming posts chat/cancel for the running request', () => {
    const app = setup();
    const send = sendAndStart(app, 'q');
    app.key(app.$('#prompt'), 'Escape');
    assert.deepEqual(app.last('chat/cancel'), { method: 'chat/cancel', requestId: send.requestId });
  });

  it('an error keeps the partial text and offers its action and Retry; Retry resends from the failed turn', () => {
    const app = setup();
    const send = sendAndStart(app, 'question');
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 1, channel: 'text', text: 'partial answer' });
    app.fromHost({ method: 'chat/error', requestId: send.requestId, seq: 2, error: { kind: 'expiredCredentials', message: 'Your AWS session expired.', action: { id: 'ssoLogin', label: 'Run aws sso login' } } });
    const turn = app.$('.turn-assistant');
    assert.match(turn.querySelector('.md-message')!.textContent!, /partial answer/);
    assert.match(turn.querySelector('.turn-error')!.textContent!, /Your AWS session expired/);
    (turn.querySelector('.turn-errorAction') as HTMLButtonElement).click();
    assert.deepEqual(app.last('error/action'), { method: 'error/action', requestId: send.requestId, actionId: 'ssoLogin' });
    (turn.querySelector('.turn-retry') as HTMLButtonElement).click();
    const retry = app.last('chat/send');
    assert.equal(retry.text, 'question');
    assert.equal(retry.replaceFromTurn, 0);
    assert.notEqual(retry.requestId, send.requestId);
    assert.equal(app.$$('.turn').length, 2, 'the failed pair was replaced, not appended to');
  });

  it('Edit puts the last message back in the input and resends it in place', () => {
    const app = setup();
    const send = sendAndStart(app, 'first');
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 1, stopReason: 'end_turn', stats: { modelId: 'm1', api: 'converse-stream' } });
    (app.$('.turn-edit') as HTMLButtonElement).click();
    assert.equal(app.$<HTMLTextAreaElement>('#prompt').value, 'first');
    assert.equal(app.$('.edit-banner').hidden, false);
    app.type('first, edited');
    app.key(app.$('#prompt'), 'Enter');
    const resend = app.last('chat/send');
    assert.equal(resend.text, 'first, edited');
    assert.equal(resend.replaceFromTurn, 0);
  });

  it('loads a stored conversation (turns, settings, errors) and remembers it in the webview state', () => {
    const app = setup();
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'm2' });
    app.fromHost({
      method: 'history/load',
      conversation: {
        v: 1,
        id: 'c9',
        title: 't',
        createdAt: 1,
        updatedAt: 2,
        modelId: 'm1',
        system: 'sys',
        params: { topP: 0.5 },
        api: 'invoke-stream',
        turns: [
          { role: 'user', text: 'hi <b>there</b>' },
          { role: 'assistant', text: 'see [docs](https://example.com)', reasoning: [{ text: 'hmm', signature: 's' }], stats: { modelId: 'm1', api: 'converse-stream' } },
          { role: 'user', text: 'more' },
          { role: 'assistant', text: 'cut', error: { kind: 'throttled', message: 'Too many requests', action: { id: 'retry', label: 'Retry' } } },
        ],
      },
    });
    assert.equal(app.$$('.turn').length, 4);
    assert.equal(app.$('.turn-user .user-text').textContent, 'hi <b>there</b>', 'user text is text');
    assert.equal(app.$<HTMLSelectElement>('#model-select').value, 'm1');
    assert.equal(app.$<HTMLTextAreaElement>('#system-prompt').value, 'sys');
    assert.equal(app.$<HTMLInputElement>('#top-p').value, '0.5');
    assert.equal(app.$<HTMLSelectElement>('#api-select').value, 'invoke-stream');
    assert.match(app.$$('.turn-assistant')[1].querySelector('.turn-error')!.textContent!, /Too many requests/);
    assert.equal(app.state().conversationId, 'c9');
    app.$<HTMLAnchorElement>('.md-message a').click();
    assert.deepEqual(app.links, ['https://example.com']);
  });

  it('restores the draft and conversation id from saved state; prefill with send submits', () => {
    const app = setup({ v: 1, conversationId: 'c1', draft: 'unsent words', selectedModelId: 'm2' });
    assert.equal(app.$<HTMLTextAreaElement>('#prompt').value, 'unsent words');
    app.fromHost({ method: 'chat/prefill', text: 'Explain this', send: true });
    const send = app.last('chat/send');
    assert.equal(send.conversationId, 'c1');
    assert.equal(send.text, 'Explain this');
    assert.equal(send.modelId, 'm2');
  });

  it('New Chat starts an empty conversation with a fresh id and tells the host', () => {
    const app = setup({ v: 1, conversationId: 'c1', draft: '' });
    sendAndStart(app, 'q');
    (app.$('#new-chat') as HTMLButtonElement).click();
    const fresh = app.last('history/new');
    assert.notEqual(fresh.conversationId, 'c1');
    assert.equal(app.$$('.turn').length, 0);
    assert.equal(app.last('chat/cancel')?.method, 'chat/cancel', 'the running reply was stopped');
  });

  it('a message left without a reply (reload mid-stream) offers Send Again, which resends it in place', () => {
    const app = setup();
    app.fromHost({ method: 'history/load', conversation: { v: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, turns: [{ role: 'user', text: 'lost reply' }] } });
    const again = app.$('.turn-user .turn-retry') as HTMLButtonElement;
    assert.equal(again.hidden, false);
    again.click();
    const send = app.last('chat/send');
    assert.equal(send.text, 'lost reply');
    assert.equal(send.replaceFromTurn, 0);
    assert.equal(app.$$('.turn').length, 2);
    assert.equal((app.$('.turn-user .turn-retry') as HTMLButtonElement).hidden, true, 'hidden once a reply is under way');
  });
});
