// Agent mode through the chat's turn loop: refused with a clear message where it cannot run, run
// with the session's tools and approvals where it can, and saved with its steps.
import * as assert from 'node:assert/strict';
import { ChatTurns } from '../../../../src/core/chat/chatTurns';
import { AgentSession } from '../../../../src/core/agent/agentSession';
import type { ChatSendMessage, ChatStreamMessage, PersistedConversation } from '../../../../src/shared/protocol';
import { fixtureTool, scriptedModel } from './agentFixtures';

function setUp(withSession = true) {
  const saved = new Map<string, PersistedConversation>();
  const posted: ChatStreamMessage[] = [];
  const edit = fixtureTool('proposeEdit', 'edit', () => ({ text: 'edited a.ts' }));
  const backend = scriptedModel([{ text: 'Editing.', calls: [{ id: 'e1', name: 'proposeEdit', input: { path: 'a.ts' } }] }, { text: 'Done: edited a.ts' }]);
  const session = new AgentSession({ tools: () => [edit] }, { policy: () => 'ask', limits: () => ({ maxSteps: 5, maxResultBytes: 1000 }) });
  const turns = new ChatTurns({
    backend,
    history: { get: (id) => structuredClone(saved.get(id)), save: async (c) => void saved.set(c.id, structuredClone(c)) },
    post: (m) => {
      posted.push(m);
      // The webview's answer: Allow once, as soon as it is asked.
      if (m.method === 'chat/tool' && m.tool.status === 'awaitingApproval') queueMicrotask(() => session.answer(m.requestId, m.tool.id, 'once'));
    },
    now: () => 1,
    clock: () => 0,
    ...(withSession ? { agent: session } : {}),
  });
  return { turns, saved, posted, edit, backend };
}

const send = (extra: Partial<ChatSendMessage> = {}): ChatSendMessage => ({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'fix a.ts', agent: true, ...extra });

describe('agent: turns in the chat', () => {
  it('runs the loop with the session, waits for the approval, and saves the steps and the mode', async () => {
    const { turns, saved, posted, edit } = setUp();
    const conv = await turns.send(send(), 'anthropic.claude-sonnet-4-20250514-v1:0', { id: 'x', label: 'Claude', tools: true });
    assert.equal(edit.calls.length, 1);
    const reply = conv!.turns[1];
    assert.equal(reply.text, 'Done: edited a.ts');
    assert.deepEqual(reply.steps?.[0].tools.map((t) => [t.id, t.status, t.result]), [['e1', 'done', 'edited a.ts']]);
    assert.equal(saved.get('c1')?.agent, true);
    assert.ok(posted.some((m) => m.method === 'chat/tool' && m.tool.status === 'awaitingApproval'));
    assert.equal(posted.at(-1)?.method, 'chat/end');
  });

  it('refuses agent mode for a model that takes no tools, naming it and what to do', async () => {
    const { turns, posted, backend } = setUp();
    await turns.send(send(), 'amazon.titan-text-express-v1', { id: 'amazon.titan-text-express-v1', label: 'Titan Text G1 - Express' });
    const error = posted.at(-1);
    assert.ok(error?.method === 'chat/error');
    assert.match(error.error.message, /^Agent mode is not available with Titan Text G1 - Express: the model does not take tools\. Pick a model that does .* or turn agent mode off/);
    assert.equal(backend.requests.length, 0);
  });

  it('refuses agent mode where no tools are wired, and runs a plain turn when agent is off', async () => {
    const { turns, posted, backend } = setUp(false);
    await turns.send(send(), 'm', { id: 'm', label: 'M', tools: true });
    assert.match((posted.at(-1) as { error: { message: string } }).error.message, /Agent mode is not available in this chat/);
    await turns.send(send({ requestId: 'r2', agent: undefined }), 'm', { id: 'm', label: 'M', tools: true });
    assert.equal(backend.requests.length, 1);
    assert.equal(backend.requests[0].request.tools, undefined, 'a plain turn declares no tools');
  });
});
