// The approval of a terminal command in the chat webview (jsdom, the real app, speaking as the
// host): the command shows whole in a field the user may edit, growing with it; Enter adds no line,
// and a command of several lines says so; Allow posts the edited command only when it changed; an
// emptied command cannot be allowed; other calls have no field.
import * as assert from 'node:assert/strict';
import type { WireToolCall } from '../../../../src/shared/protocol';
import { MODELS, sendAndStart, setup, teardown, type App } from './chatAppFixture';

const RUN: WireToolCall = { id: 'run1', name: 'run_in_terminal', kind: 'terminal', label: 'Run `npm test`', input: '{\n  "command": "npm test",\n  "timeoutSeconds": 60\n}', status: 'awaitingApproval', step: 0 };
const EDIT: WireToolCall = { id: 'e1', name: 'propose_edit', kind: 'edit', label: 'Edit a.ts', input: '{\n  "path": "a.ts"\n}', status: 'awaitingApproval', step: 0 };

function askAbout(call: WireToolCall): { app: App; requestId: string } {
  const app = setup();
  app.fromHost({ method: 'models/list', models: [{ ...MODELS[0], tools: true }, MODELS[1]], selectedModelId: 'm1' });
  app.$<HTMLButtonElement>('#agent-mode').click();
  const send = sendAndStart(app, 'run the tests');
  app.fromHost({ method: 'chat/tool', requestId: send.requestId, seq: 1, tool: call });
  return { app, requestId: send.requestId };
}

const field = (app: App) => app.$<HTMLTextAreaElement>('.tool-approval .tool-approval-command');
const button = (app: App, decision: string) => app.$<HTMLButtonElement>(`.tool-approval button[data-decision="${decision}"]`);
function type(app: App, text: string): void {
  const input = field(app);
  input.value = text;
  input.dispatchEvent(new app.window.Event('input', { bubbles: true }));
}
const approvals = (app: App) => app.posted.filter((m) => m.method === 'agent/approve');

describe('chat webview: editing a terminal command before allowing it', () => {
  afterEach(teardown);

  it('shows the command in an editable field, with the keyboard still on Allow once', () => {
    const { app } = askAbout(RUN);
    const input = field(app);
    assert.equal(input.value, 'npm test');
    assert.equal(input.disabled, false);
    assert.equal(input.getAttribute('aria-label'), 'Command to run (you can edit it before allowing it)');
    assert.equal(app.window.document.activeElement, button(app, 'once'));
  });

  it('Allow once after an edit posts the edited command, once, and locks the field', () => {
    const { app, requestId } = askAbout(RUN);
    type(app, 'npm test -- --grep cache');
    button(app, 'once').click();
    button(app, 'chat').click();
    assert.deepEqual(approvals(app), [{ method: 'agent/approve', requestId, toolId: 'run1', decision: 'once', edited: 'npm test -- --grep cache' }]);
    assert.equal(field(app).disabled, true);
  });

  it('Allow for this chat with the command unchanged posts no edit', () => {
    const { app, requestId } = askAbout(RUN);
    type(app, 'npm test');
    button(app, 'chat').click();
    assert.deepEqual(approvals(app), [{ method: 'agent/approve', requestId, toolId: 'run1', decision: 'chat' }]);
  });

  it('an emptied command cannot be allowed; Deny still can, and sends no command', () => {
    const { app, requestId } = askAbout(RUN);
    type(app, '   ');
    assert.equal(button(app, 'once').disabled, true);
    assert.equal(button(app, 'chat').disabled, true);
    assert.equal(button(app, 'deny').disabled, false);
    button(app, 'once').click();
    assert.equal(approvals(app).length, 0, 'a disabled Allow posts nothing');
    type(app, 'npm run lint');
    assert.equal(button(app, 'once').disabled, false, 'typing a command enables Allow again');
    button(app, 'deny').click();
    assert.deepEqual(approvals(app), [{ method: 'agent/approve', requestId, toolId: 'run1', decision: 'deny' }]);
  });

  it('the field grows with the wrapped command and shrinks back; past its maximum the stylesheet caps it and it scrolls', () => {
    // jsdom lays nothing out: the content's height is stood in for, as 18 px a line of 40 characters plus 4 px of padding, and 2 px of borders.
    const { app } = askAbout(RUN);
    const proto = app.window.HTMLTextAreaElement.prototype;
    const lines = (t: HTMLTextAreaElement) => t.value.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 40)), 0);
    Object.defineProperty(proto, 'scrollHeight', { configurable: true, get(this: HTMLTextAreaElement) { return lines(this) * 18 + 4; } });
    Object.defineProperty(proto, 'offsetHeight', { configurable: true, get(this: HTMLTextAreaElement) { return parseFloat(this.style.height) || lines(this) * 18 + 6; } });
    Object.defineProperty(proto, 'clientHeight', { configurable: true, get(this: HTMLTextAreaElement) { return (parseFloat(this.style.height) || lines(this) * 18 + 6) - 2; } });
    const input = field(app);
    assert.equal(input.tagName, 'TEXTAREA', 'a field that wraps, not a one-line input that cuts the command off');
    assert.equal(input.getAttribute('rows'), '1');
    type(app, 'npm run test:unit -- --reporter dot --grep "the cache keeps entries"');
    assert.equal(input.style.height, '42px', 'two wrapped lines');
    type(app, 'x'.repeat(40 * 12));
    assert.equal(input.style.height, `${12 * 18 + 6}px`, 'as tall as its content: the stylesheet caps it at 8 lines and it scrolls');
    type(app, 'npm test');
    assert.equal(input.style.height, '24px', 'back to one line');
  });

  it('Enter adds no line (with or without Shift) and allows nothing; a line break pasted inside the command is said and keeps Allow off', () => {
    const { app, requestId } = askAbout(RUN);
    const input = field(app);
    for (const shiftKey of [false, true]) {
      const enter = new app.window.KeyboardEvent('keydown', { key: 'Enter', shiftKey, bubbles: true, cancelable: true });
      input.dispatchEvent(enter);
      assert.equal(enter.defaultPrevented, true, `Enter${shiftKey ? ' with Shift' : ''} inserts no line break`);
    }
    assert.equal(approvals(app).length, 0, 'Enter is not an answer');
    const note = app.$('.tool-approval-command-note');
    assert.equal(note.hidden, true);
    type(app, 'npm test\nrm -rf build');
    assert.equal(note.hidden, false, 'a pasted line break does not go unnoticed');
    assert.equal(note.textContent, 'A command runs as one line: join the steps with && (or remove the line break) to allow it.');
    assert.equal(input.getAttribute('aria-describedby'), note.id);
    assert.equal(button(app, 'once').disabled, true);
    assert.equal(button(app, 'chat').disabled, true);
    type(app, 'npm test\n');
    assert.equal(note.hidden, true, 'a trailing line break is trimmed before the command runs, as the tool trims it');
    assert.equal(input.getAttribute('aria-describedby'), null);
    button(app, 'once').click();
    assert.deepEqual(approvals(app), [{ method: 'agent/approve', requestId, toolId: 'run1', decision: 'once' }], 'the command as it runs is unchanged: no edit');
  });

  it('a command the model wrote over several lines shows them all, cannot be allowed as it is, and can be joined', () => {
    const { app, requestId } = askAbout({ ...RUN, input: JSON.stringify({ command: 'cd web\r\nnpm test' }) });
    assert.equal(field(app).value, 'cd web\nnpm test', 'nothing joined or dropped behind the user\'s back');
    assert.equal(app.$('.tool-approval-command-note').hidden, false);
    assert.equal(button(app, 'once').disabled, true);
    assert.equal(app.window.document.activeElement, button(app, 'deny'), 'the keyboard is on the answer it can give');
    type(app, 'cd web && npm test');
    button(app, 'once').click();
    assert.deepEqual(approvals(app), [{ method: 'agent/approve', requestId, toolId: 'run1', decision: 'once', edited: 'cd web && npm test' }]);
  });

  it('other calls, and a terminal call whose input is not readable, have no command field', () => {
    assert.equal(askAbout(EDIT).app.$$('.tool-approval-command').length, 0);
    teardown();
    const { app } = askAbout({ ...RUN, input: 'not json' });
    assert.equal(app.$$('.tool-approval-command').length, 0);
    assert.equal(app.$$('.tool-approval button').length, 3, 'the question still has its buttons');
  });
});
