// Message-level parts of the chat webview in jsdom: hover actions (copy with "Copied", edit any
// message, regenerate, delete), tool-call blocks, editor-command context chips, theme token colours.
import * as assert from 'node:assert/strict';
import type { ChatContext } from '../../../../src/shared/protocol';
import { sendAndStart, setup, teardown, type App } from './chatAppFixture';

const END = { stopReason: 'end_turn' as const, stats: { modelId: 'm1', api: 'converse-stream' as const } };

/** Two finished exchanges: "first" → "A1", "second" → "A2". */
function twoExchanges(app: App) {
  for (const [text, reply] of [['first', 'A1'], ['second', 'A2']]) {
    const send = sendAndStart(app, text);
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 1, channel: 'text', text: reply });
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 2, ...END });
  }
  return app.last('chat/send').conversationId;
}

const click = (el: Element | null) => {
  assert.ok(el, 'the button exists');
  (el as HTMLButtonElement).click();
};

describe('chat webview: message actions, tool calls, context chips', () => {
  afterEach(teardown);

  it('every message has copy / edit|regenerate / delete icon buttons with tooltips; they hide (except copy) while a reply streams', () => {
    const app = setup();
    twoExchanges(app);
    const user = app.$$('.turn-user')[0];
    const reply = app.$$('.turn-assistant')[0];
    const names = (turn: HTMLElement) => Array.from(turn.querySelectorAll('.message-actions button')).map((b) => [b.getAttribute('title'), b.querySelector('.codicon')?.className]);
    assert.deepEqual(names(user), [
      ['Copy', 'codicon codicon-copy'],
      ['Edit and resend (later messages are replaced)', 'codicon codicon-edit'],
      ['Delete this message and its reply', 'codicon codicon-trash'],
    ]);
    assert.deepEqual(names(reply).map(([t]) => t), ['Copy', 'Regenerate (later messages are replaced)', 'Delete this reply and its message']);
    for (const b of Array.from(user.querySelectorAll('.message-actions button'))) assert.equal(b.getAttribute('aria-label'), b.getAttribute('title'));
    sendAndStart(app, 'third');
    const visible = (turn: HTMLElement) => Array.from(turn.querySelectorAll<HTMLButtonElement>('.message-actions button')).filter((b) => !b.hidden).map((b) => b.title);
    assert.deepEqual(visible(user), ['Copy']);
  });

  it('Copy posts the message text to the clipboard and says "Copied" on the button and to screen readers', () => {
    const app = setup();
    twoExchanges(app);
    const copy = app.$$('.turn-assistant')[0].querySelector('.message-copy') as HTMLButtonElement;
    click(copy);
    assert.deepEqual(app.last('code/copy'), { method: 'code/copy', code: 'A1' });
    assert.equal(copy.title, 'Copied');
    assert.equal(copy.getAttribute('aria-label'), 'Copied');
    assert.equal(copy.querySelector('.codicon')?.className, 'codicon codicon-check');
    assert.equal(app.$('[role="status"]').textContent, 'Copied.');
  });

  it('Edit on an earlier message puts it in the composer and resends it from there: later turns are replaced (a fork)', () => {
    const app = setup();
    const conversationId = twoExchanges(app);
    click(app.$$('.turn-user')[0].querySelector('.message-edit'));
    assert.equal(app.$<HTMLTextAreaElement>('#prompt').value, 'first');
    assert.match(app.$('.edit-banner').textContent!, /earlier message/);
    assert.ok(app.$$('.turn-user')[0].classList.contains('is-editing'));
    app.type('first, edited');
    app.key(app.$('#prompt'), 'Enter');
    const resend = app.last('chat/send');
    assert.equal(resend.text, 'first, edited');
    assert.equal(resend.replaceFromTurn, 0);
    assert.equal(resend.conversationId, conversationId);
    assert.deepEqual(app.$$('.turn-user .user-text').map((e) => e.textContent), ['first, edited'], 'the later exchange is gone');
    assert.equal(app.$$('.turn').length, 2);
  });

  it('Regenerate on an earlier reply resends its message from there', () => {
    const app = setup();
    twoExchanges(app);
    click(app.$$('.turn-assistant')[0].querySelector('.message-regenerate'));
    const resend = app.last('chat/send');
    assert.equal(resend.text, 'first');
    assert.equal(resend.replaceFromTurn, 0);
  });

  it('Delete removes the message and its reply here and in the stored conversation', () => {
    const app = setup();
    const conversationId = twoExchanges(app);
    click(app.$$('.turn-assistant')[0].querySelector('.message-delete'));
    assert.deepEqual(app.last('chat/deleteTurns'), { method: 'chat/deleteTurns', conversationId, fromTurn: 0, count: 2 });
    assert.deepEqual(app.$$('.turn-user .user-text').map((e) => e.textContent), ['second']);
    click(app.$$('.turn-user')[0].querySelector('.message-delete'));
    assert.deepEqual(app.last('chat/deleteTurns'), { method: 'chat/deleteTurns', conversationId, fromTurn: 0, count: 2 });
    assert.equal(app.$$('.turn').length, 0);
    assert.equal(app.$('.empty-hint').hidden, false);
  });

  it('tool calls render as collapsed blocks (name, status, input) that expand, and come back from history', () => {
    const app = setup();
    const send = sendAndStart(app, 'weather?');
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 1, tool: { id: 't1', name: 'get_weather', input: '{\n  "city": "Paris"\n}', status: 'requested' } });
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 2, tool: { id: 't1', name: 'get_weather', input: '{\n  "city": "Paris"\n}', status: 'done', result: '18 °C', durationMs: 1250 } });
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 3, ...END });
    const blocks = app.$$('.turn-assistant details.tool-call');
    assert.equal(blocks.length, 1, 'one block per call id');
    const block = blocks[0] as HTMLDetailsElement;
    assert.equal(block.open, false);
    assert.equal(block.querySelector('.tool-call-name')!.textContent, 'get_weather');
    assert.deepEqual([block.querySelector('.tool-call-status-word')!.textContent, block.querySelector('.tool-call-time')!.textContent], ['done', '1.25 s']);
    assert.equal(block.querySelector('.tool-call-input')!.textContent, '{\n  "city": "Paris"\n}');
    assert.equal(block.querySelector('.tool-call-result')!.textContent, '18 °C');
    click(block.querySelector('summary'));
    assert.equal(block.open, true);

    app.fromHost({
      method: 'history/load',
      conversation: { v: 1, id: 'h', title: 't', createdAt: 1, updatedAt: 1, turns: [{ role: 'user', text: 'q' }, { role: 'assistant', text: 'a', tools: [{ id: 'x', name: '<b>n</b>', input: '{}', status: 'requested' }] }] },
    });
    assert.equal(app.$('.tool-call-name').textContent, '<b>n</b>', 'as text, never markup');
    assert.equal(app.$('.tool-call-status').textContent, 'requested');
  });

  it('an editor command shows its short request with a context chip; the chip reveals the range; edits keep the context', () => {
    const app = setup();
    const context: ChatContext = { label: 'cache.ts:7-14', uri: 'file:///w/cache.ts', startLine: 6, endLine: 13, text: 'File: `cache.ts`\n```ts\nx\n```' };
    app.fromHost({ method: 'chat/prefill', text: 'Explain `get`: what it does', send: true, context });
    const send = app.last('chat/send');
    assert.equal(send.text, 'Explain `get`: what it does');
    assert.deepEqual(send.context, context);
    assert.equal(app.$('.turn-user .user-text').textContent, 'Explain `get`: what it does', 'no fences, no surrounding code');
    const chip = app.$('.turn-user .context-chip');
    assert.equal(chip.textContent, 'cache.ts:7-14');
    click(chip);
    assert.deepEqual(app.last('editor/reveal'), { method: 'editor/reveal', uri: 'file:///w/cache.ts', startLine: 6, endLine: 13 });
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 0, ...END });
    click(app.$('.turn-user .message-edit'));
    app.type('Why is it slow?');
    app.key(app.$('#prompt'), 'Enter');
    assert.deepEqual(app.last('chat/send').context, context);
    assert.equal(app.$('.turn-user .context-chip').textContent, 'cache.ts:7-14');
  });

  it('theme token colours become CSS variables on the root; bad values are ignored, dropped classes removed', () => {
    const app = setup();
    const root = app.window.document.documentElement;
    app.fromHost({ method: 'theme/tokenColors', colors: { keyword: '#569cd6', string: '#ce9178', comment: 'red; background: url(x)', 'bad key': '#fff' } });
    assert.equal(root.style.getPropertyValue('--bedrock-token-keyword'), '#569cd6');
    assert.equal(root.style.getPropertyValue('--bedrock-token-string'), '#ce9178');
    assert.equal(root.style.getPropertyValue('--bedrock-token-comment'), '');
    app.fromHost({ method: 'theme/tokenColors', colors: { string: '#a31515' } });
    assert.equal(root.style.getPropertyValue('--bedrock-token-keyword'), '', 'a class the new theme does not colour falls back');
    assert.equal(root.style.getPropertyValue('--bedrock-token-string'), '#a31515');
  });
});
