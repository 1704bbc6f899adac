// Restore on an agent turn's summary line (jsdom, the real app, speaking as the host): offered once
// the turn changed a file and has ended, one request per click answered by the host's report, and
// disabled with a tooltip saying why for a turn with no checkpoint (drawn from history, too old, or
// the host says it has none).
import * as assert from 'node:assert/strict';
import type { AgentRestoredMessage, PersistedConversation, WireToolCall } from '../../../../src/shared/protocol';
import { MAX_CHECKPOINT_TURNS } from '../../../../src/shared/checkpointMessages';
import { NOT_KEPT, RESTORE_TOOLTIP, WAIT_FOR_REPLY } from '../../../../webview-ui/chat/turnRestore';
import { MODELS, sendAndStart, setup, teardown, type App } from './chatAppFixture';

const END = { stopReason: 'end_turn' as const, stats: { modelId: 'm1', api: 'converse-stream' as const } };
const EDITED: WireToolCall = { id: 'e1', name: 'propose_edit', kind: 'edit', label: 'Edit src/a.ts', input: '{}', status: 'done', step: 0, result: 'Edited src/a.ts' };
const CREATED: WireToolCall = { id: 'c1', name: 'create_file', kind: 'create', label: 'Create src/b.ts', input: '{}', status: 'done', step: 0, result: 'Created src/b.ts' };
const READ: WireToolCall = { id: 'r1', name: 'read_file', kind: 'read', label: 'Read src/a.ts', input: '{}', status: 'done', step: 0, result: 'x' };

function agentApp(): App {
  const app = setup();
  app.fromHost({ method: 'models/list', models: [{ ...MODELS[0], tools: true }, MODELS[1]], selectedModelId: 'm1' });
  app.$<HTMLButtonElement>('#agent-mode').click();
  return app;
}

/** One agent turn whose calls are `calls`; ended unless `end` is false. Returns its request id and its reply element. */
function turn(app: App, calls: WireToolCall[], end = true) {
  const { requestId } = sendAndStart(app, 'change the files');
  let seq = 1;
  for (const tool of calls) {
    app.fromHost({ method: 'chat/tool', requestId, seq: seq++, tool: { ...tool, status: 'running' } });
    app.fromHost({ method: 'chat/tool', requestId, seq: seq++, tool });
  }
  if (end) app.fromHost({ method: 'chat/end', requestId, seq: seq++, ...END });
  const reply = app.$$('.turn-assistant').at(-1)!;
  return { requestId, reply, button: reply.querySelector<HTMLButtonElement>('.agent-summary .summary-restore')! };
}

const restored = (requestId: string, extra: Partial<AgentRestoredMessage> = {}): AgentRestoredMessage => ({
  method: 'agent/restored',
  requestId,
  outcome: 'restored',
  message: 'Restored 1 file and deleted 1 file the turn created. Undo brings the agent\'s version back.',
  restored: ['src/a.ts'],
  deleted: ['src/b.ts'],
  skipped: [],
  ...extra,
});

const restoreRequests = (app: App) => app.posted.filter((m) => m.method === 'agent/restore');

describe('chat webview: Restore on an agent turn', () => {
  afterEach(teardown);

  it('is on the summary line once the turn changed a file, only after the turn ended, with its icon and tooltip', () => {
    const app = agentApp();
    const { requestId, reply, button } = turn(app, [EDITED, CREATED], false);
    assert.ok(button, 'the summary line holds the action');
    assert.equal(button.hidden, true, 'not while the turn runs: its changes are not complete');
    app.fromHost({ method: 'chat/end', requestId, seq: 5, ...END });
    assert.equal(button.hidden, false);
    assert.equal(button.disabled, false);
    assert.equal(button.title, RESTORE_TOOLTIP);
    assert.equal(button.getAttribute('aria-label'), 'Restore the files this turn changed');
    assert.ok(button.querySelector('.codicon-discard'));
    // The summary's own text is unchanged (the e2e tier reads it).
    assert.equal(reply.querySelector('.agent-summary')!.textContent, 'Edited 1 file, created 1 file');
  });

  it('waits while a later reply streams (files may be changing), saying so', () => {
    const app = agentApp();
    const first = turn(app, [EDITED]);
    const { requestId } = sendAndStart(app, 'and another thing');
    assert.equal(first.button.disabled, true);
    assert.equal(first.button.title, WAIT_FOR_REPLY);
    first.button.click();
    assert.equal(restoreRequests(app).length, 0);
    app.fromHost({ method: 'chat/end', requestId, seq: 1, ...END });
    assert.equal(first.button.disabled, false);
    assert.equal(first.button.title, RESTORE_TOOLTIP);
  });

  it('is absent from a turn that changed no file (read only, or its edit was denied)', () => {
    const app = agentApp();
    assert.equal(turn(app, [READ]).button.hidden, true);
    assert.equal(turn(app, [{ ...EDITED, status: 'denied' }]).button.hidden, true);
  });

  it('a click posts one agent/restore for the turn; a second click while it waits posts nothing; the answer is shown under the line', () => {
    const app = agentApp();
    const { requestId, reply, button } = turn(app, [EDITED, CREATED]);
    button.click();
    button.click();
    assert.deepEqual(restoreRequests(app), [{ method: 'agent/restore', requestId }]);
    assert.equal(button.disabled, true);
    assert.equal(button.title, 'Restoring…');
    app.fromHost(restored(requestId));
    const note = reply.querySelector<HTMLElement>('.restore-note')!;
    assert.equal(note.hidden, false);
    assert.equal(note.textContent, 'Restored 1 file and deleted 1 file the turn created. Undo brings the agent\'s version back.');
    // After Undo the agent's version is back, so the turn can be restored again.
    assert.equal(button.disabled, false);
    button.click();
    assert.equal(restoreRequests(app).length, 2);
  });

  it('an answer for another turn changes nothing here; a failure is shown as one and the action stays', () => {
    const app = agentApp();
    const { requestId, reply, button } = turn(app, [EDITED]);
    button.click();
    app.fromHost(restored('someone-else'));
    assert.equal(reply.querySelector<HTMLElement>('.restore-note')!.hidden, true);
    app.fromHost(restored(requestId, { outcome: 'failed', message: 'VS Code did not apply the restore (a file may be read-only); nothing was changed.', restored: [], deleted: [] }));
    const note = reply.querySelector<HTMLElement>('.restore-note')!;
    assert.ok(note.classList.contains('is-failed'));
    assert.match(note.textContent!, /^VS Code did not apply the restore/);
    assert.equal(button.disabled, false);
  });

  it('when the host has no checkpoint any more, the action is disabled and its tooltip says why', () => {
    const app = agentApp();
    const { requestId, button } = turn(app, [EDITED]);
    button.click();
    const why = 'No checkpoint is kept for this turn any more: another chat was opened since.';
    app.fromHost(restored(requestId, { outcome: 'unavailable', message: why, restored: [], deleted: [] }));
    assert.equal(button.disabled, true);
    assert.equal(button.title, why);
    button.click();
    assert.equal(restoreRequests(app).length, 1);
  });

  it(`only the last ${MAX_CHECKPOINT_TURNS} turns that changed files offer it; an older one says why it does not`, () => {
    const app = agentApp();
    const first = turn(app, [EDITED]);
    for (let i = 0; i < MAX_CHECKPOINT_TURNS - 1; i++) turn(app, [EDITED]);
    turn(app, [READ]); // changed nothing: does not count
    assert.equal(first.button.disabled, false);
    const newest = turn(app, [CREATED]);
    assert.equal(first.button.disabled, true);
    assert.equal(first.button.title, `Restore is not available for this turn: only the last ${MAX_CHECKPOINT_TURNS} agent turns that changed files keep a checkpoint.`);
    assert.equal(newest.button.disabled, false);
  });

  it('a turn drawn from history (after a reload, or another chat opened) shows it disabled, saying checkpoints do not outlive the window', () => {
    const app = agentApp();
    const conversation: PersistedConversation = {
      v: 1,
      id: 'stored',
      title: 't',
      createdAt: 1,
      updatedAt: 1,
      turns: [
        { role: 'user', text: 'change a.ts' },
        { role: 'assistant', text: 'Done.', steps: [{ text: '', tools: [EDITED] }] },
      ],
    };
    app.fromHost({ method: 'history/load', conversation });
    const button = app.$<HTMLButtonElement>('.turn-assistant .summary-restore');
    assert.equal(button.hidden, false);
    assert.equal(button.disabled, true);
    assert.equal(button.title, NOT_KEPT);
    assert.match(button.title, /^Restore is not available for this turn: checkpoints are kept in memory only for turns run since this chat was opened in this window/);
    button.click();
    assert.equal(restoreRequests(app).length, 0);
  });
});
