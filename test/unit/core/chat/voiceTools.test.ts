// Tools in voice turns without VS Code or the network: the events that declare tools and answer a
// call, reading a toolUse, and a voice turn in agent mode through ChatTurns (reading tools only,
// the call shown as the agent's step and kept in history, the approval gate still deciding). The
// session itself is scripted here; test/integration/speech/voiceTools.test.ts runs it against the
// emulator.
import * as assert from 'node:assert/strict';
import { parseToolUse, toolArguments, toolPromptFields, toolResultContent, toolResultEvents } from '../../../../src/core/bedrock/speech/sonicTools';
import { openingEvents, type VoiceEvent, type VoiceTurnRequest } from '../../../../src/core/bedrock/speech/voiceSession';
import { ChatTurns } from '../../../../src/core/chat/chatTurns';
import { runVoiceChatTurn } from '../../../../src/core/chat/voiceTurn';
import { ApprovalGate } from '../../../../src/core/agent/approvalGate';
import { voiceModelOptions } from '../../../../src/core/chat/modelOptions';
import { AgentSession } from '../../../../src/core/agent/agentSession';
import type { ApprovalPolicy } from '../../../../src/core/agent/agentTool';
import type { ChatStreamMessage, ModelOption, PersistedConversation, WireToolCall } from '../../../../src/shared/protocol';
import { readStoredConversation } from '../../../../src/shared/persistedRecords';
import { shippedDescriptor } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { fixtureTool } from '../agent/agentFixtures';
import { ScriptedBackend } from './fakeBackend';

const SONIC2 = 'amazon.nova-2-sonic-v1:0';
const SPEC = { name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };

describe('Nova Sonic tool events', () => {
  it('promptStart declares the tools with each schema as a JSON string, and JSON tool output', () => {
    assert.deepEqual(toolPromptFields([SPEC]), {
      toolUseOutputConfiguration: { mediaType: 'application/json' },
      toolConfiguration: { tools: [{ toolSpec: { name: 'read_file', description: 'Reads a file', inputSchema: { json: JSON.stringify(SPEC.inputSchema) } } }] },
    });
    assert.deepEqual(toolPromptFields([]), {}, 'no tools: promptStart stays as it was');
    const [, promptStart] = [...openingEvents('p1', { modelId: SONIC2, tools: { specs: [SPEC], run: async () => '{}' } })];
    assert.equal((promptStart!.promptStart!.toolConfiguration as { tools: unknown[] }).tools.length, 1);
  });

  it('a tool result is a TOOL block naming the toolUseId, its content a JSON string', () => {
    const [start, result, end] = toolResultEvents('p1', 'use-1', toolResultContent('42 lines', false));
    const contentName = start!.contentStart!.contentName;
    assert.deepEqual(start, {
      contentStart: { promptName: 'p1', contentName, type: 'TOOL', interactive: false, role: 'TOOL', toolResultInputConfiguration: { toolUseId: 'use-1', type: 'TEXT', textInputConfiguration: { mediaType: 'text/plain' } } },
    });
    assert.deepEqual(result, { toolResult: { promptName: 'p1', contentName, content: '{"result":"42 lines"}' } });
    assert.deepEqual(end, { contentEnd: { promptName: 'p1', contentName } });
    assert.equal(toolResultContent('no such file', true), '{"error":"no such file"}');
  });

  it('reads a toolUse: its arguments as an object, the text itself when not a JSON object, nothing without a name or id', () => {
    assert.deepEqual(parseToolUse({ toolName: 'read_file', toolUseId: 'u1', content: '{"path":"a.ts"}' }), { toolName: 'read_file', toolUseId: 'u1', content: '{"path":"a.ts"}' });
    assert.equal(parseToolUse({ toolName: 'read_file', content: '{}' }), undefined);
    assert.deepEqual(toolArguments('{"path":"a.ts"}'), { path: 'a.ts' });
    assert.deepEqual(toolArguments(''), {});
    assert.equal(toolArguments('[1]'), '[1]');
    assert.equal(toolArguments('{broken'), '{broken');
  });

  it('voice models offer agent mode (the composer shows its toggle)', () => {
    const [option] = voiceModelOptions([shippedDescriptor(SONIC2, SHIPPED_MODELS)]);
    assert.equal(option?.tools, true);
  });
});

describe('a voice turn in agent mode', () => {
  const model: ModelOption = { id: SONIC2, label: 'Nova 2 Sonic', tools: true, voice: { typedTurns: true } };

  /** A session that calls `read_file` once, then says what it read. */
  function toolCallingSession() {
    const asked: VoiceTurnRequest[] = [];
    const results: string[] = [];
    return {
      asked,
      results,
      voice: async function* (r: VoiceTurnRequest): AsyncGenerator<VoiceEvent> {
        asked.push(r);
        yield { type: 'transcript', role: 'user', stage: 'final', text: 'What is in a.ts?' };
        yield { type: 'transcript', role: 'assistant', stage: 'final', text: 'Let me look.' };
        if (r.tools) results.push(await r.tools.run({ toolUseId: 'use-1', toolName: 'read_file', content: '{"path":"a.ts"}' }, new AbortController().signal));
        yield { type: 'transcript', role: 'assistant', stage: 'speculative', text: 'It holds one line.' };
        yield { type: 'transcript', role: 'assistant', stage: 'final', text: 'It holds one line.' };
        yield { type: 'end', stopReason: 'END_TURN' };
      },
    };
  }

  function setup(policy: ApprovalPolicy) {
    const read = fixtureTool('read_file', 'read', () => ({ text: '1: export {}' }));
    const edit = fixtureTool('propose_edit', 'edit', () => ({ text: 'edited' }));
    const agent = new AgentSession({ tools: () => [read, edit] }, { policy: () => policy, limits: () => ({ maxSteps: 5, maxResultBytes: 1000 }) });
    const s = toolCallingSession();
    const saved = new Map<string, PersistedConversation>();
    const posted: ChatStreamMessage[] = [];
    const turns = new ChatTurns({
      backend: new ScriptedBackend(async function* () {}),
      history: { get: (id) => saved.get(id), save: async (c) => void saved.set(c.id, structuredClone(c)) },
      post: (m) => posted.push(m),
      agent,
      voice: { voice: s.voice, clips: { put: async () => 'f'.repeat(64), get: async () => new Uint8Array() }, openMicrophone: () => 'none' },
    });
    return { read, edit, agent, s, saved, posted, turns };
  }
  const toolMessages = (posted: ChatStreamMessage[]): WireToolCall[] => posted.flatMap((m) => (m.method === 'chat/tool' ? [m.tool] : []));

  it('offers only the reading tools, runs the call as the agent does, shows it as a step and keeps it in history', async () => {
    const { read, edit, s, saved, posted, turns } = setup('allow');
    await turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'What is in a.ts?', voice: { source: 'text' }, agent: true }, SONIC2, model);
    assert.deepEqual(s.asked[0]!.tools?.specs.map((t) => t.name), ['read_file'], 'propose_edit is not offered to a voice session');
    assert.deepEqual(read.calls, [{ path: 'a.ts' }]);
    assert.equal(edit.calls.length, 0);
    assert.deepEqual(s.results, ['{"result":"1: export {}"}']);
    assert.deepEqual(toolMessages(posted).map((t) => t.status), ['requested', 'running', 'done']);
    assert.deepEqual(posted.map((m) => m.seq), posted.map((_, i) => i), 'the steps are part of the turn\'s one stream');
    // What it said before the call ends with the call: the words after it start afresh (drawn below it).
    const said = posted.flatMap((m) => (m.method === 'chat/voice' && m.event.kind === 'transcript' && m.event.role === 'assistant' ? [m.event.text] : m.method === 'chat/tool' && m.tool.status === 'requested' ? ['[read_file]'] : []));
    assert.deepEqual(said, ['Let me look.', '[read_file]', 'It holds one line.', 'It holds one line.']);
    const reply = readStoredConversation(saved.get('c1'))!.turns[1]!;
    assert.equal(reply.text, 'It holds one line.');
    assert.equal(reply.steps?.length, 1);
    assert.equal(reply.steps?.[0]?.text, 'Let me look.', 'the words said before the call are its step\'s text, so a reload draws them above it');
    assert.equal(reply.steps?.[0]?.tools[0]?.status, 'done');
    assert.equal(reply.steps?.[0]?.tools[0]?.result, '1: export {}');
    assert.equal(reply.steps?.[0]?.tools[0]?.label, 'read_file a.ts');
  });

  it('keeps each call with the words said before it: words between calls begin a step, calls back to back share one', async () => {
    const read = fixtureTool('read_file', 'read', (input) => ({ text: `read ${String(input.path)}` }));
    const call = (r: VoiceTurnRequest, id: string, path: string) => r.tools!.run({ toolUseId: id, toolName: 'read_file', content: JSON.stringify({ path }) }, new AbortController().signal);
    const result = await runVoiceChatTurn({
      voice: async function* (r) {
        await call(r, 'u1', 'a.ts');
        yield { type: 'transcript', role: 'assistant', stage: 'speculative', text: 'Now the other two.' };
        await call(r, 'u2', 'b.ts');
        // The words it planned before the call, confirmed as spoken after it: said once, above the call.
        yield { type: 'transcript', role: 'assistant', stage: 'final', text: 'Now the other two.' };
        await call(r, 'u3', 'c.ts');
        yield { type: 'transcript', role: 'assistant', stage: 'final', text: 'All three' };
        yield { type: 'transcript', role: 'assistant', stage: 'final', text: 'export one thing.' };
        yield { type: 'end', stopReason: 'END_TURN' };
      },
      clips: { put: async () => 'f'.repeat(64), get: async () => new Uint8Array() },
      modelId: SONIC2,
      input: { text: 'Read a, b and c' },
      requestId: 'r1',
      conversationId: 'c1',
      signal: new AbortController().signal,
      post: () => undefined,
      tools: { tools: [read], gate: new ApprovalGate(() => 'allow'), ask: async () => 'deny', maxResultBytes: 1000 },
    });
    const steps = result.reply.steps?.map((s) => ({ text: s.text, calls: s.tools.map((t) => `${t.id}:${t.status}`) }));
    assert.deepEqual(steps, [
      { text: '', calls: ['u1:done'] },
      { text: 'Now the other two.', calls: ['u2:done', 'u3:done'] },
    ]);
    assert.equal(result.reply.text, 'All three export one thing.');
  });

  it('with agent mode off the session gets no tools', async () => {
    const { s, turns } = setup('allow');
    await turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'hi', voice: { source: 'text' } }, SONIC2, model);
    assert.equal(s.asked[0]!.tools, undefined);
    assert.deepEqual(s.results, []);
  });

  it('a reading tool set to ask still asks, in the voice turn; a denial is the model\'s error result', async () => {
    const { read, agent, s, posted, turns } = setup('ask');
    const sent = turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'hi', voice: { source: 'text' }, agent: true }, SONIC2, model);
    const answered = (async () => {
      while (!toolMessages(posted).some((t) => t.status === 'awaitingApproval')) await new Promise<void>((resolve) => setImmediate(resolve));
      assert.ok(agent.answer('r1', 'use-1', 'deny'));
    })();
    await Promise.all([sent, answered]);
    assert.equal(read.calls.length, 0);
    assert.match(JSON.parse(s.results[0]!).error, /The user denied this call/);
    assert.equal(toolMessages(posted).at(-1)?.status, 'denied');
  });
});
