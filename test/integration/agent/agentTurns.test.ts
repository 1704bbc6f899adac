// Agent replies through the real router and the chat's turn loop against the emulator: history
// that pairs after a reload, Stop during a tool, a denial, the step limit, tools refused while
// streaming, and a tool schema with a top-level union on Claude.
import * as assert from 'node:assert/strict';
import { ChatTurns } from '../../../src/core/chat/chatTurns';
import { AgentSession } from '../../../src/core/agent/agentSession';
import type { AgentTool, ApprovalDecision } from '../../../src/core/agent/agentTool';
import type { ChatStreamMessage, ChatSendMessage, PersistedConversation } from '../../../src/shared/protocol';
import { useEmulatorRig } from '../router/routerHarness';
import { AGENT_SCENARIO, EDIT, LONG, PARALLEL, readFile, searchText, tool } from './agentHarness';

const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('agent turns through the router (emulator)', () => {
  const t = useEmulatorRig({ scenario: AGENT_SCENARIO });
  const store = new Map<string, PersistedConversation>();
  const history = { get: (id: string) => structuredClone(store.get(id)), save: async (c: PersistedConversation) => void store.set(c.id, structuredClone(c)) };

  /** A chat surface as the host builds it; a new one is a reloaded window (nothing kept but history). */
  function surface(tools: () => AgentTool[], opts: { answer?: ApprovalDecision; maxSteps?: number } = {}) {
    const posted: ChatStreamMessage[] = [];
    const session = new AgentSession({ tools }, { policy: (k) => (k === 'read' ? 'allow' : 'ask'), limits: () => ({ maxSteps: opts.maxSteps ?? 10, maxResultBytes: 10_000 }) });
    const turns = new ChatTurns({
      backend: { stream: (r, s, o) => t.rig.router.stream(r, s, o), chatModels: () => [] },
      history,
      agent: session,
      post: (m) => {
        posted.push(m);
        if (m.method === 'chat/tool' && m.tool.status === 'awaitingApproval') queueMicrotask(() => session.answer(m.requestId, m.tool.id, opts.answer ?? 'once'));
      },
    });
    const send = (text: string, extra: Partial<ChatSendMessage> = {}, modelId = CLAUDE) =>
      turns.send({ method: 'chat/send', requestId: `r${posted.length}`, conversationId: extra.conversationId ?? 'c1', text, agent: true, ...extra }, modelId, { id: modelId, label: modelId, tools: true });
    return { turns, posted, send };
  }

  const bodiesOf = (route: string) => t.emu.requests.filter((r) => r.route === route).map((r) => r.body as Json);

  it('a reloaded conversation continues: every tool use replayed with its result under the same ids, with and without agent mode', async () => {
    const first = surface(() => [readFile(), searchText()]);
    const conv = await first.send(`${PARALLEL}: what is in a.ts?`, { conversationId: 'reload' });
    const ids = conv!.turns[1].steps!.flatMap((s) => s.tools.map((c) => c.id));
    assert.equal(ids.length, 3);
    // The window reloads: a new surface, the conversation only from storage.
    const reloaded = surface(() => [readFile(), searchText()]);
    t.emu.clearRequests();
    const plain = await reloaded.send('thanks; summarise without tools', { conversationId: 'reload', agent: undefined });
    assert.equal(plain!.turns[3].error, undefined, plain!.turns[3].error?.message);
    const [body] = bodiesOf('ConverseStream');
    const uses = body.messages.flatMap((m: Json) => m.content.filter((b: Json) => b.toolUse).map((b: Json) => b.toolUse.toolUseId));
    const results = body.messages.flatMap((m: Json) => m.content.filter((b: Json) => b.toolResult).map((b: Json) => b.toolResult.toolUseId));
    assert.deepEqual(uses, ids);
    assert.deepEqual(results, ids);
    // Without agent mode the tools the history used are still declared, as Bedrock requires.
    assert.deepEqual(body.toolConfig.tools.map((x: Json) => x.toolSpec.name).sort(), ['readFile', 'searchText']);
    const agentAgain = await reloaded.send(`${PARALLEL}: and again`, { conversationId: 'reload' });
    assert.equal(agentAgain!.turns[5].error, undefined);
    assert.equal(agentAgain!.turns[5].steps?.length, 2);
  });

  it('Stop during a tool aborts it and the loop; the next message is accepted with the stopped call closed', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let aborted = false;
    const slow = tool('readFile', 'read', { path: { type: 'string' } }, (_i, signal) => {
      started();
      return new Promise((resolve) => signal.addEventListener('abort', () => ((aborted = true), resolve({ text: 'partial' }))));
    });
    const s = surface(() => [slow, searchText()]);
    const reply = s.send(`${PARALLEL}: read slowly`, { conversationId: 'stop', requestId: 'stopme' });
    await running;
    const before = bodiesOf('ConverseStream').length;
    s.turns.cancel('stopme', new Error('Stopped by the user'));
    const conv = await reply;
    assert.equal(aborted, true);
    assert.equal(conv!.turns[1].error?.kind, 'cancelled');
    assert.deepEqual(conv!.turns[1].steps?.[0].tools.map((c) => c.status), ['cancelled']);
    assert.equal(bodiesOf('ConverseStream').length, before, 'no model call after Stop');
    const next = await s.send('carry on', { conversationId: 'stop', agent: undefined });
    assert.equal(next!.turns[3].error, undefined, next!.turns[3].error?.message);
  });

  it('a denied edit is not run; the model is told and answers with it', async () => {
    const edit = tool('proposeEdit', 'edit', { path: { type: 'string' } }, () => ({ text: 'edited' }));
    const s = surface(() => [edit], { answer: 'deny' });
    const conv = await s.send(EDIT, { conversationId: 'deny' });
    assert.equal(edit.calls.length, 0);
    const reply = conv!.turns[1];
    assert.deepEqual(reply.steps?.[0].tools.map((c) => c.status), ['denied']);
    assert.match(reply.text, /^Edit outcome:\n- The user denied this call\./);
    const statuses = s.posted.flatMap((m) => (m.method === 'chat/tool' ? [m.tool.status] : []));
    assert.deepEqual(statuses, ['requested', 'awaitingApproval', 'denied']);
  });

  it('stops at the step limit with the line that names the setting', async () => {
    const read = readFile();
    const s = surface(() => [read], { maxSteps: 3 });
    const conv = await s.send(LONG, { conversationId: 'limit' });
    const reply = conv!.turns[1];
    assert.match(reply.text, /^Stopped after 3 model steps, the limit set by `bedrock\.agent\.maxSteps`\./);
    assert.equal(read.calls.length, 2);
    assert.equal(bodiesOf('ConverseStream').filter((b) => JSON.stringify(b).includes(LONG)).length, 3);
    const next = await s.send('continue', { conversationId: 'limit', agent: undefined });
    assert.equal(next!.turns[3].error, undefined, 'the closed calls pair, so the history is accepted');
  });

  it('a model that refuses tools while streaming: the router falls back to Converse and learns it', async () => {
    const llama = 'meta.llama3-3-70b-instruct-v1:0';
    const s = surface(() => [readFile(), searchText()]);
    const conv = await s.send(`${PARALLEL}: llama`, { conversationId: 'llama' }, llama);
    const reply = conv!.turns[1];
    assert.equal(reply.error, undefined, reply.error?.message);
    assert.equal(reply.steps?.length, 2);
    const routes = t.emu.requests.filter((r) => r.modelId?.includes('llama3-3')).map((r) => `${r.route}:${r.status}`);
    assert.deepEqual(routes, ['ConverseStream:400', 'Converse:200', 'Converse:200', 'Converse:200'], 'refused once, then non-streaming for every step');
    assert.equal(reply.stats?.api, 'converse');
  });

  it('a tool declaring a top-level oneOf is sent to Claude as one object schema, and accepted', async () => {
    const union = tool('readFile', 'read', {}, (i) => ({ text: `contents of ${String(i.path ?? i.uri)}` }), {
      oneOf: [
        { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
        { type: 'object', properties: { uri: { type: 'string' } }, required: ['uri'] },
      ],
    });
    const s = surface(() => [union, searchText()]);
    const conv = await s.send(`${PARALLEL}: union`, { conversationId: 'union' });
    assert.equal(conv!.turns[1].error, undefined, conv!.turns[1].error?.message);
    const sent = bodiesOf('ConverseStream').at(-1)!.toolConfig.tools[0].toolSpec.inputSchema.json;
    assert.deepEqual(sent, { type: 'object', properties: { path: { type: 'string' }, uri: { type: 'string' } } });
  });
});
