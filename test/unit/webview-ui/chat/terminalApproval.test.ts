// The approval of a terminal command in the chat webview (jsdom, the real app, speaking as the
// host): the command shows in a text field the user may edit; Allow posts the edited command
// only when it changed; an emptied command cannot be allowed; other calls have no field.
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

const field = (app: App) => app.$<HTMLInputElement>('.tool-approval .tool-approval-command');
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

  it('other calls, and a terminal call whose input is not readable, have no command field', () => {
    assert.equal(askAbout(EDIT).app.$$('.tool-approval-command').length, 0);
    teardown();
    const { app } = askAbout({ ...RUN, input: 'not json' });
    assert.equal(app.$$('.tool-approval-command').length, 0);
    assert.equal(app.$$('.tool-approval button').length, 3, 'the question still has its buttons');
  });
});
