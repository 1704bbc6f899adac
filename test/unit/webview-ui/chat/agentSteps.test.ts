// Agent mode in the chat webview (jsdom, the real app and renderer, speaking as the host): the
// composer's toggle and Tools button, tool step blocks, inline approvals, text in order between
// steps, the running summary, and the same transcript back from a stored conversation.
import * as assert from 'node:assert/strict';
import type { PersistedConversation, WireToolCall } from '../../../../src/shared/protocol';
import { MODELS, sendAndStart, setup, teardown, type App } from './chatAppFixture';

const AGENT_MODELS = [{ ...MODELS[0], tools: true }, MODELS[1]];
const END = { stopReason: 'end_turn' as const, stats: { modelId: 'm1', api: 'converse-stream' as const } };

const READ: WireToolCall = { id: 't1', name: 'read_file', kind: 'read', label: 'Read src/cache.ts:1-40', input: '{\n  "path": "src/cache.ts"\n}', status: 'running', step: 0 };
const EDIT: WireToolCall = { id: 't2', name: 'propose_edit', kind: 'edit', label: 'Edit src/cache.ts', input: '{\n  "path": "src/cache.ts"\n}', status: 'awaitingApproval', step: 1 };

function agentApp(): App {
  const app = setup();
  app.fromHost({ method: 'models/list', models: AGENT_MODELS, selectedModelId: 'm1' });
  return app;
}

/** An agent turn started: the toggle on, the message sent, the stream begun. */
function startAgentTurn(app: App, text = 'what does cache.ts export?') {
  app.$<HTMLButtonElement>('#agent-mode').click();
  return sendAndStart(app, text);
}

describe('chat webview: agent mode, tool steps and approvals', () => {
  afterEach(teardown);

  it('the toggle shows only for a model that takes tools, says its state by aria-pressed and tooltip, and sends agent:true', () => {
    const app = agentApp();
    const toggle = app.$<HTMLButtonElement>('#agent-mode');
    const group = app.$('.agent-controls');
    assert.equal(group.hidden, false, 'offered for m1 (tools: true)');
    assert.equal(toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(toggle.getAttribute('aria-label'), 'Agent mode');
    assert.match(toggle.title, /Agent mode is off/);
    assert.equal(app.$('#agent-tools').hidden, true, 'Tools only while agent mode is on');

    toggle.click();
    assert.equal(toggle.getAttribute('aria-pressed'), 'true');
    assert.match(toggle.title, /Agent mode is on/);
    assert.equal(app.$('#agent-tools').hidden, false);
    assert.equal(app.state().agent, true, 'kept in the webview state');
    const send = sendAndStart(app, 'hi');
    assert.equal(send.agent, true);
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 1, ...END });

    // A model without tools: the control goes away and the message goes without agent.
    app.fromHost({ method: 'models/list', models: AGENT_MODELS, selectedModelId: 'm2', chosenElsewhere: true });
    assert.equal(group.hidden, true);
    const plain = sendAndStart(app, 'plain');
    assert.equal(plain.agent, undefined);
  });

  it('for a voice model the toggle promises only reading and searching, which is all a voice session offers', () => {
    const app = setup();
    const sonic = { id: 'sonic', label: 'Nova 2 Sonic', provider: 'Amazon', tools: true, voice: { typedTurns: true, voices: ['matthew'] } };
    app.fromHost({ method: 'models/list', models: [...AGENT_MODELS, sonic], selectedModelId: 'sonic' });
    const toggle = app.$<HTMLButtonElement>('#agent-mode');
    assert.equal(app.$('.agent-controls').hidden, false);
    assert.match(toggle.title, /^Agent mode is off\. .*read and search your workspace while you talk/);
    toggle.click();
    assert.match(toggle.title, /^Agent mode is on: while you talk, the model can read and search your workspace \(edits and commands are for typed chats\)/);
    app.fromHost({ method: 'models/list', models: [...AGENT_MODELS, sonic], selectedModelId: 'm1', chosenElsewhere: true });
    assert.match(toggle.title, /propose edits and commands that run only when you allow them/, 'a text model: the whole promise again');
  });

  it('off by default: chat/send carries no agent field; the Tools button posts agent/pickTools', () => {
    const app = agentApp();
    const send = sendAndStart(app, 'hello');
    assert.equal('agent' in send, false);
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 1, ...END });
    app.$<HTMLButtonElement>('#agent-mode').click();
    app.$<HTMLButtonElement>('#agent-tools').click();
    assert.deepEqual(app.last('agent/pickTools'), { method: 'agent/pickTools' });
  });

  it('a tool step shows the kind icon, the label, status with time, a truncated mark, and input/result as text only', () => {
    const app = agentApp();
    const send = startAgentTurn(app);
    const hostile = '<img src=x onerror="alert(1)">';
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 1, tool: READ });
    const running = app.$('.tool-step');
    assert.equal(running.getAttribute('data-status'), 'running');
    assert.ok(running.querySelector('.tool-call-status-icon.codicon-loading'), 'spinner while it runs');
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 2, tool: { ...READ, status: 'done', durationMs: 40, truncated: true, result: hostile } });
    const steps = app.$$('.tool-step');
    assert.equal(steps.length, 1, 'one block per call id');
    const step = steps[0];
    assert.ok(step.querySelector('.tool-call-icon.codicon-file'), 'read kind icon');
    assert.equal(step.querySelector('.tool-call-name')!.textContent, 'Read src/cache.ts:1-40');
    assert.deepEqual([step.querySelector('.tool-call-status-word')!.textContent, step.querySelector('.tool-call-time')!.textContent], ['done', '40 ms']);
    assert.ok(step.querySelector('.tool-call-status-icon.codicon-check'));
    assert.equal(step.querySelector('.tool-call-truncated')!.textContent, 'truncated');
    assert.equal(step.querySelector('.tool-call-result')!.textContent, hostile);
    assert.equal(step.querySelector('img'), null, 'never markup');
    assert.equal((step.querySelector('details') as HTMLDetailsElement).open, false, 'collapsed');
  });

  it('text before a call stays above its block, text after it goes below, each in its own run', () => {
    const app = agentApp();
    const send = startAgentTurn(app);
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 1, channel: 'text', text: 'Let me read it.' });
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 2, tool: { ...READ, status: 'done', result: 'export class Cache {}' } });
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 3, channel: 'text', text: 'It exports `Cache`.' });
    app.fromHost({ method: 'chat/end', requestId: send.requestId, seq: 4, ...END });
    const reply = app.$('.turn-assistant');
    const order = Array.from(reply.querySelectorAll('.md-message, .tool-step')).map((e) => (e.classList.contains('tool-step') ? '[tool]' : e.textContent!.trim()));
    assert.deepEqual(order, ['Let me read it.', '[tool]', 'It exports Cache.']);
    app.$<HTMLButtonElement>('.turn-assistant .message-copy').click();
    assert.equal(app.last('code/copy').code, 'Let me read it.\n\nIt exports `Cache`.', 'Copy takes every run of text');
  });

  it('the text before a call is complete once the call comes (no cursor left in it); the turn line says what the reply waits on', () => {
    const app = agentApp();
    const send = startAgentTurn(app);
    const line = () => app.$('.turn-assistant .turn-line').textContent;
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 1, channel: 'text', text: 'I will edit it.' });
    app.scheduler.runFrame();
    assert.equal(app.$$('.turn-assistant .md-caret').length, 1, 'the cursor follows the text while it streams');
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 2, tool: EDIT });
    app.scheduler.runFrame();
    assert.equal(app.$$('.turn-assistant .md-caret').length, 0);
    assert.equal(line(), 'm1 · ConverseStream · waiting for your approval…');
    app.$<HTMLButtonElement>('.tool-approval button[data-decision="once"]').click();
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 3, tool: { ...EDIT, status: 'running' } });
    assert.equal(line(), 'm1 · ConverseStream · running Edit src/cache.ts…');
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 4, tool: { ...EDIT, status: 'done', result: 'Edited.' } });
    assert.equal(line(), 'm1 · ConverseStream · streaming…');
  });

  it('an approval shows inline with focus on Allow once; one click posts exactly one agent/approve and disables the buttons', () => {
    const app = agentApp();
    const send = startAgentTurn(app);
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 1, tool: EDIT });
    const step = app.$('.tool-step');
    const buttons = Array.from(step.querySelectorAll<HTMLButtonElement>('.tool-approval button'));
    assert.deepEqual(buttons.map((b) => b.textContent), ['Allow once', 'Allow for this chat', 'Deny']);
    assert.deepEqual(buttons.map((b) => b.className), ['approval-button is-primary', 'approval-button is-secondary', 'approval-button is-secondary']);
    assert.equal(app.window.document.activeElement, buttons[0], 'focus moves to the approval');
    assert.equal(step.querySelector('.tool-approval-question')!.textContent, 'Apply this edit?');
    assert.equal((step.querySelector('details') as HTMLDetailsElement).open, true, 'what is asked is in view');

    buttons[1].click();
    buttons[1].click();
    buttons[2].click();
    const approvals = app.posted.filter((m) => m.method === 'agent/approve');
    assert.deepEqual(approvals, [{ method: 'agent/approve', requestId: send.requestId, toolId: 't2', decision: 'chat' }]);
    assert.ok(buttons.every((b) => b.disabled));
    assert.ok(buttons[1].classList.contains('is-chosen'));

    // The host's next status for the call replaces the approval row.
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 2, tool: { ...EDIT, status: 'running' } });
    assert.equal(step.querySelector('.tool-approval'), null);
    assert.equal(app.posted.filter((m) => m.method === 'agent/approve').length, 1);
  });

  it('Deny is reachable from the keyboard and a denied call says so; an approval after the reply ended posts nothing', () => {
    const app = agentApp();
    const send = startAgentTurn(app);
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 1, tool: EDIT });
    const deny = app.$<HTMLButtonElement>('.tool-approval button[data-decision="deny"]');
    assert.equal(deny.tabIndex, 0, 'a button in the tab order');
    deny.click();
    assert.equal(app.last('agent/approve').decision, 'deny');
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 2, tool: { ...EDIT, status: 'denied' } });
    assert.equal(app.$('.tool-call-status').textContent, 'denied');

    // A second approval, announced; the user stops the reply before answering it.
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 3, tool: { ...EDIT, id: 't3', step: 2 } });
    assert.equal(app.$('[role="status"]').textContent, 'Approval needed: Edit src/cache.ts');
    const late = app.$$('.tool-step')[1];
    app.$<HTMLButtonElement>('#stop').click();
    app.fromHost({ method: 'chat/error', requestId: send.requestId, seq: 4, error: { kind: 'cancelled', message: 'Stopped.', action: { id: 'none', label: '' } } });
    assert.equal(late.querySelector('.tool-approval'), null, 'nothing left to answer');
    assert.equal(late.getAttribute('data-status'), 'cancelled');
    assert.equal(app.posted.filter((m) => m.method === 'agent/approve').length, 1);
  });

  it('a reply stopped here to send another (Explain while it runs) still shows a call the host let finish: done, counted, and restorable', () => {
    const app = agentApp();
    const send = startAgentTurn(app);
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 1, tool: { ...EDIT, status: 'running' } });
    const first = app.$('.turn-assistant');
    app.fromHost({ method: 'chat/prefill', text: 'Explain this', send: true });
    assert.notEqual(app.last('chat/send').requestId, send.requestId, 'the new message went');
    const step = first.querySelector('.tool-step')!;
    assert.equal(step.getAttribute('data-status'), 'cancelled', 'drawn as stopped at once');
    // The host had already applied the edit: it lets the call finish and says so.
    app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 2, tool: { ...EDIT, status: 'done', result: 'Edited src/cache.ts.' } });
    assert.equal(step.getAttribute('data-status'), 'done');
    assert.equal(first.querySelector('.agent-summary-text')!.textContent, 'Edited 1 file');
    assert.equal(first.querySelector<HTMLButtonElement>('.summary-restore')!.hidden, false, 'Restore is offered for the change');
    // Nothing else of the stopped reply is drawn.
    app.fromHost({ method: 'chat/delta', requestId: send.requestId, seq: 3, channel: 'text', text: 'late words' });
    assert.doesNotMatch(first.textContent ?? '', /late words/);
  });

  it('the summary line counts finished calls and updates as they finish', () => {
    const app = agentApp();
    const send = startAgentTurn(app);
    const summary = app.$('.turn-assistant .agent-summary');
    assert.equal(summary.hidden, true, 'nothing done yet');
    let seq = 1;
    const tool = (call: WireToolCall) => app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: seq++, tool: call });
    tool({ ...READ, status: 'done' });
    assert.equal(summary.textContent, 'Read 1 file');
    tool({ id: 's1', name: 'search_text', kind: 'read', input: '{}', status: 'done', step: 1 });
    tool({ id: 's2', name: 'search_text', kind: 'read', input: '{}', status: 'running', step: 1 });
    assert.equal(summary.textContent, 'Read 1 file, searched once');
    tool({ id: 's2', name: 'search_text', kind: 'read', input: '{}', status: 'done', step: 1 });
    // Another file, then the same file again: files are counted once.
    tool({ ...READ, id: 't9', input: '{"path":"src/other.ts"}', status: 'done', step: 2 });
    tool({ ...READ, id: 't10', input: '{"path":"src/other.ts"}', status: 'done', step: 2 });
    tool({ ...EDIT, status: 'done' });
    assert.equal(summary.textContent, 'Read 2 files, searched twice, edited 1 file');
    assert.equal(summary.hidden, false);
  });

  it('a stored agent turn comes back the same: steps in order, reasoning per step, summary, and the chat in agent mode', () => {
    const app = agentApp();
    const conversation: PersistedConversation = {
      v: 1,
      id: 'stored',
      title: 't',
      createdAt: 1,
      updatedAt: 1,
      turns: [
        { role: 'user', text: 'what does cache.ts export?' },
        {
          role: 'assistant',
          text: 'It exports `Cache`.',
          steps: [
            { text: 'Let me read it.', reasoning: [{ text: 'need the file' }], tools: [{ ...READ, status: 'done', result: 'export class Cache {}', durationMs: 12 }] },
            // Stored while it waited (the window closed): nothing can answer it now.
            { text: '', tools: [EDIT] },
          ],
        },
      ],
    };
    app.fromHost({ method: 'history/load', conversation });
    const reply = app.$('.turn-assistant');
    const order = Array.from(reply.querySelectorAll('.reasoning-text, .md-message, .tool-step')).map((e) =>
      e.classList.contains('tool-step') ? `[${e.querySelector('.tool-call-name')!.textContent}]` : e.textContent!.trim(),
    );
    assert.deepEqual(order, ['need the file', 'Let me read it.', '[Read src/cache.ts:1-40]', '[Edit src/cache.ts]', 'It exports Cache.']);
    assert.equal(reply.querySelectorAll('.tool-step')[1].getAttribute('data-status'), 'cancelled');
    assert.equal(reply.querySelector('.agent-summary')!.textContent, 'Read 1 file');
    assert.equal(reply.querySelector('.tool-approval'), null);
    assert.equal(app.$('#agent-mode').getAttribute('aria-pressed'), 'true', 'a chat that used tools reopens in agent mode');
  });
});
