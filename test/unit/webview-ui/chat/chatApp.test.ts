// The chat webview app in jsdom with the real streaming renderer: what it posts to the host for
// each user action, and how it renders the host's stream messages. Frames are driven by hand.
import * as assert from 'node:assert/strict';
import { MODELS, sendAndStart, setup, teardown } from './chatAppFixture';

describe('chat webview app (jsdom)', () => {
  afterEach(teardown);

  it('says ready, then fills the picker with badges and the model’s APIs', () => {
    const app = setup();
    assert.deepEqual(app.posted[0], { method: 'webview/ready' });
    app.fromHost({ method: 'models/list', models: MODELS, selectedModelId: 'm1' });
    assert.equal(app.$('#model-picker').getAttribute('data-model-id'), 'm1');
    assert.equal(app.$('#model-picker').textContent, 'Model One');
    app.$<HTMLButtonElement>('#model-picker').click();
    assert.deepEqual(app.$$('.model-group-title').map((t) => t.textContent), ['P', 'Q'], 'grouped by provider');
    assert.match(app.$('[role="option"][data-model-id="m1"]').textContent!, /Converse.*Stream/);
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

  it('says "retrying (2/3) after throttling…" with a spinner while the service is retried, until content arrives', () => {
    const app = setup();
    const send = sendAndStart(app, 'q');
    const line = () => app.$('.turn-assistant .turn-line').textContent;
    assert.equal(line(), 'waiting for m1 (ConverseStream)…');
    app.fromHost({ method: 'chat/retry', requestId: send.requestId, seq: 1, attempt: 2, maxAttempts: 3, reason: 'ThrottlingException', delayMs: 300 });
    assert.equal(line(), 'm1 · ConverseStream · retrying (2/3) after throttling…');
    assert.ok(app.$('.turn-assistant .turn-line .codicon-loading.codicon-modifier-spin'), 'the spinner turns while retrying');
    assert.match(app.$('.turn-assistant .turn-line').title, /ThrottlingException/);
    app.fromHost({ method: 'chat/retry', requestId: send.requestId, seq: 2, attempt: 3, maxAttempts: 3, reason: 'HTTP 503', delayMs: 600 });
    assert.equal(line(), 'm1 · ConverseStream · retrying (3/3) after the service was unavailable…');
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 3, channel: 'text', text: 'Hi' });
    assert.equal(line(), 'm1 · ConverseStream · streaming…');
    assert.equal(app.$('.turn-assistant .turn-line .codicon-loading'), null, 'no spinner once text streams');
  });

  it('says "waiting for <model>…" until the first text or reasoning delta, then "streaming…"', () => {
    const app = setup();
    const send = sendAndStart(app, 'q');
    const line = () => app.$('.turn-assistant .turn-line').textContent;
    assert.equal(line(), 'waiting for m1 (ConverseStream)…');
    assert.ok(app.$('.turn-assistant .turn-line .codicon-loading.codicon-modifier-spin'), 'a spinner turns while waiting');
    app.fromHost({ method: 'chat/route', requestId: send.requestId, seq: 1, modelId: 'm2', api: 'invoke-stream', reason: 'throttled' });
    assert.equal(line(), 'waiting for m2 (InvokeModelWithResponseStream)…', 'a switched route is still waited for');
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 2, channel: 'reasoning', text: 'hmm' });
    assert.equal(line(), 'm2 · InvokeModelWithResponseStream · streaming…');
  });

  it('"Stopped" promises a kept partial reply only when there is one', () => {
    const stopped = (deltas: { channel: 'text' | 'reasoning'; text: string }[]) => {
      const app = setup();
      const send = sendAndStart(app, 'q');
      deltas.forEach((d, i) => app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: i + 1, ...d }));
      app.fromHost({ method: 'chat/error', requestId: send.requestId, seq: deltas.length + 1, error: { kind: 'cancelled', message: 'Stopped.', action: { id: 'none', label: 'OK' } } });
      return app.$('.turn-assistant .turn-error-message').textContent;
    };
    assert.equal(stopped([{ channel: 'text', text: 'Half an ans' }]), 'Stopped. The partial reply is kept.');
    assert.equal(stopped([]), 'Stopped before the reply began.');
    assert.equal(stopped([{ channel: 'reasoning', text: 'thinking' }]), 'Stopped before the reply began. The reasoning so far is kept.');
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
    assert.equal((turn.querySelector('.message-regenerate') as HTMLElement).hidden, false);
    assert.equal((app.$('.turn-user .message-edit') as HTMLElement).hidden, false);
  });

  it('Escape while streaming posts chat/cancel for the running request', () => {
    const app = setup();
    const send = sendAndStart(app, 'q');
    app.key(app.$('#prompt'), 'Escape');
    assert.deepEqual(app.last('chat/cancel'), { method: 'chat/cancel', requestId: send.requestId });
    assert.equal(app.last('editor/focus'), undefined, 'stopping a reply keeps the keyboard in the chat');
  });

  it('Escape in an idle composer hands the keyboard back to the editor', () => {
    const app = setup();
    app.key(app.$('#prompt'), 'Escape');
    assert.deepEqual(app.last('editor/focus'), { method: 'editor/focus' });
    assert.equal(app.last('chat/cancel'), undefined);
  });

  it('an error keeps the partial text and offers its action and Retry; Retry resends from the failed turn', () => {
    const app = setup();
    const send = sendAndStart(app, 'question');
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 1, channel: 'text', text: 'partial answer' });
    app.fromHost({ method: 'chat/error', requestId: send.requestId, seq: 2, error: { kind: 'credentials', message: 'Your AWS session expired.', action: { id: 'ssoLogin', label: 'Run aws sso login' } } });
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
    (app.$('.message-edit') as HTMLButtonElement).click();
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
    assert.equal(app.$('#model-picker').getAttribute('data-model-id'), 'm1');
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

  it('renders a corrupt stored conversation without throwing: bad turns dropped, good ones shown', () => {
    const app = setup();
    app.fromHost({
      method: 'history/load',
      conversation: {
        v: 1,
        id: 'c-corrupt',
        title: 't',
        createdAt: 1,
        updatedAt: 1,
        system: 42,
        params: 'hot',
        turns: [
          { role: 'user', text: 'good question' },
          { role: 'assistant', text: 'reasoned', reasoning: [null, { text: 'thought' }] },
          { role: 'robot', text: 'unknown role' },
          null,
          { role: 'user', text: { nested: true } },
          { role: 'assistant', text: 'failed part', error: {}, stats: { modelId: 5 }, stopReason: 7 },
          { role: 'assistant', text: 'odd stats', stats: { modelId: 'm1', api: 'converse', totalLatencyMs: 'slow' }, stopReason: { x: 1 } },
        ],
      } as never,
    });
    assert.deepEqual(app.errors, []);
    assert.deepEqual(app.$$('.turn').map((t) => t.querySelector('.user-text, .md-message')!.textContent!.trim()), ['good question', 'reasoned', 'failed part', 'odd stats']);
    assert.equal(app.$$('.turn-assistant')[0].querySelector('.reasoning-text')!.textContent, 'thought');
    assert.match(app.$$('.turn-assistant')[1].querySelector('.turn-error')!.textContent!, /failed; the stored details could not be read/);
    assert.equal(app.$$('.turn-assistant')[2].querySelector('.turn-line')!.textContent, 'm1 · Converse');
    assert.equal(app.$<HTMLTextAreaElement>('#system-prompt').value, '');
    assert.equal(app.state().conversationId, 'c-corrupt');
  });

  it('ignores a history/load that is not a conversation at all', () => {
    const app = setup();
    sendAndStart(app, 'q');
    for (const conversation of [null, 'x', { v: 1 }, { v: 2, id: 'c', turns: [] }]) app.fromHost({ method: 'history/load', conversation } as never);
    assert.deepEqual(app.errors, []);
    assert.equal(app.$$('.turn').length, 2, 'what was on screen stays');
  });

  it('keeps the good fields of a corrupt saved webview state', () => {
    const app = setup({ v: 1, conversationId: 'kept-conversation', draft: 5, selectedModelId: '  ', scrollTop: 'far' } as never);
    assert.deepEqual(app.errors, []);
    assert.equal(app.$<HTMLTextAreaElement>('#prompt').value, '');
    app.type('hello');
    app.key(app.$('#prompt'), 'Enter');
    const send = app.last('chat/send');
    assert.equal(send.conversationId, 'kept-conversation');
    assert.equal(send.modelId, undefined, 'a blank saved model id is not sent');
  });

  it('a request refused before it started (lone chat/error at seq 0) ends the wait and shows why', () => {
    const app = setup();
    app.type('too long');
    app.key(app.$('#prompt'), 'Enter');
    const send = app.last('chat/send');
    assert.equal(app.$('#stop').hidden, false, 'waiting');
    app.fromHost({ method: 'chat/error', requestId: send.requestId, seq: 0, error: { kind: 'validation', message: 'The message was not sent: the model id is empty.', action: { id: 'none', label: 'OK' } } });
    assert.equal(app.$('#stop').hidden, true, 'no longer waiting');
    assert.equal(app.$('#send').hidden, false);
    assert.match(app.$('.turn-assistant .turn-error')!.textContent!, /the model id is empty/);
    assert.equal(app.$('.turn-assistant').hasAttribute('aria-busy'), false);
  });

  it('Explain while a reply streams: the running reply stops (kept on screen) and the new message is sent', () => {
    const app = setup();
    const first = sendAndStart(app, 'first');
    app.fromHost({ method: 'chat/delta', requestId: first.requestId, seq: 1, channel: 'text', text: 'partial' });
    app.fromHost({ method: 'chat/prefill', text: 'Explain this code', send: true });
    assert.deepEqual(app.last('chat/cancel'), { method: 'chat/cancel', requestId: first.requestId });
    const second = app.last('chat/send');
    assert.notEqual(second.requestId, first.requestId);
    assert.equal(second.text, 'Explain this code');
    assert.ok(app.posted.indexOf(app.last('chat/cancel')) < app.posted.indexOf(second), 'cancel goes first');
    const [old, current] = app.$$('.turn-assistant');
    assert.match(old.querySelector('.md-message')!.textContent!, /partial/);
    assert.match(old.querySelector('.turn-error')!.textContent!, /Stopped/);
    assert.equal(old.hasAttribute('aria-busy'), false);
    app.fromHost({ method: 'chat/error', requestId: first.requestId, seq: 2, error: { kind: 'cancelled', message: 'Stopped.', action: { id: 'none', label: 'OK' } } });
    app.fromHost({ method: 'chat/start', requestId: second.requestId, seq: 0, conversationId: second.conversationId, modelId: 'm1', api: 'converse-stream' });
    app.fromHost({ method: 'chat/delta', requestId: second.requestId, seq: 1, channel: 'text', text: 'explained' });
    app.scheduler.runFrame();
    assert.match(current.querySelector('.md-message')!.textContent!, /explained/);
    assert.equal(app.$$('.turn').length, 4);
  });
});
