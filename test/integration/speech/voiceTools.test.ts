// Tool use in a voice session, through the real SDK's bidirectional command against the emulator's
// Nova Sonic (typed turns on Nova 2 Sonic; a spoken turn whose words the scenario scripts): the tools
// declared in promptStart (reading ones only), the model's TOOL block, the call run through the
// agent's tool path, the result sent back as a TOOL block on the still-open input, and the reply
// quoting it. The tools are fixtures: the workspace tools need VS Code, which
// this tier does not run; everything between them and the wire is the product's code.
import * as assert from 'node:assert/strict';
import { useEmulatorRigPerTest } from '../router/routerHarness';
import type { EmulatorHandle } from '../../emulator/emulator';
import type { SonicReplyEnd } from '../../emulator/sonic';
import { OUTPUT_RATE, type VoiceEvent } from '../../../src/core/bedrock/speech/voiceSession';
import { voiceTools } from '../../../src/core/agent/voiceTools';
import { ApprovalGate } from '../../../src/core/agent/approvalGate';
import type { AgentTool } from '../../../src/core/agent/agentTool';
import type { WireToolCall } from '../../../src/shared/protocol';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import { loadAwsSdk } from '../../../src/core/bedrock/connection/loadAwsSdk';
import { toolPromptFields, toolResultEvents } from '../../../src/core/bedrock/speech/sonicTools';
import { fixtureTool as tool } from '../../unit/core/agent/agentFixtures';

const SONIC = 'amazon.nova-sonic-v1:0';
const SONIC2 = 'amazon.nova-2-sonic-v1:0';

async function collect(it: AsyncIterable<VoiceEvent>): Promise<VoiceEvent[]> {
  const out: VoiceEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const sonicRecord = (emu: EmulatorHandle) => emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream') as unknown as { sonicEvents: string[]; sonicToolResults?: string[]; sonicReplies?: SonicReplyEnd[]; errorCode?: string };
const finalReply = (events: VoiceEvent[]) => events.flatMap((e) => (e.type === 'transcript' && e.role === 'assistant' && e.stage === 'final' ? [e.text] : [])).join(' ');

function setup(tools: AgentTool[]) {
  const posted: WireToolCall[] = [];
  const vt = voiceTools({ tools, modelId: SONIC2, gate: new ApprovalGate(), ask: async () => 'deny', conversationId: 'c1', maxResultBytes: 4096, clock: () => 0, update: (c) => posted.push(c) });
  return { posted, vt };
}

describe('voice sessions call the agent’s reading tools (emulator, bidirectional HTTP/2)', () => {
  const t = useEmulatorRigPerTest();

  it('a tool round trip: the model calls read_file, the result goes back on the open stream, and the reply quotes it', async () => {
    const read = tool('read_file', 'read', (input) => ({ text: `1: export const cache = new Map(); // ${String(input.path)}` }));
    const edit = tool('propose_edit', 'edit', () => ({ text: 'edited' }));
    const { posted, vt } = setup([read, edit]);
    assert.deepEqual(vt.toolbox.specs.map((s) => s.name), ['read_file'], 'acting tools are not offered in a voice session');
    const events = await collect(t.rig.router.voice({ modelId: SONIC2, text: 'Use read_file on {"path":"src/cache.ts"}', tools: vt.toolbox }));

    assert.deepEqual(read.calls, [{ path: 'src/cache.ts' }]);
    assert.equal(edit.calls.length, 0);
    assert.match(finalReply(events), /^read_file says: 1: export const cache = new Map\(\); \/\/ src\/cache\.ts$/);
    const record = sonicRecord(t.emu);
    assert.deepEqual(record.sonicToolResults?.map((c) => JSON.parse(c)), [{ result: '1: export const cache = new Map(); // src/cache.ts' }]);
    const order = record.sonicEvents;
    const at = order.indexOf('toolResult');
    assert.ok(at > 0 && order[at - 1] === 'contentStart' && order[at + 1] === 'contentEnd', `the result is one TOOL block: ${order.join(',')}`);
    assert.deepEqual(order.slice(-2), ['promptEnd', 'sessionEnd'], 'the session still closed cleanly');
    assert.deepEqual(posted.map((c) => c.status), ['requested', 'running', 'done']);
    assert.equal(vt.calls()[0]?.label, 'read_file src/cache.ts');
  });

  it('a spoken turn asks for a tool (the scenario scripts what the model hears): the round trip, then the reply lasts its length in the audio the session keeps sending', async () => {
    t.emu.setScenario({ rules: [{ match: { route: 'InvokeModelWithBidirectionalStream', model: SONIC }, reply: { heard: 'Use read_file on {"path":"src/cache.ts"}' } }] });
    const read = tool('read_file', 'read', (input) => ({ text: `1: export const cache = new Map(); // ${String(input.path)}` }));
    const { posted, vt } = setup([read]);
    // One second of speech from a file: all of it is sent at once, then the session's trailing silence.
    const speech = Int16Array.from({ length: 16000 }, (_, i) => Math.round(Math.sin((2 * Math.PI * 300 * i) / 16000) * 6000));
    const events = await collect(t.rig.router.voice({ modelId: SONIC, audio: speech, tools: vt.toolbox }));

    assert.deepEqual(read.calls, [{ path: 'src/cache.ts' }]);
    const transcripts = events.flatMap((e) => (e.type === 'transcript' ? [`${e.role}/${e.stage}: ${e.text}`] : []));
    const reply = 'read_file says: 1: export const cache = new Map(); // src/cache.ts';
    assert.deepEqual(transcripts, ['user/final: Use read_file on {"path":"src/cache.ts"}', `assistant/speculative: ${reply}`, `assistant/final: ${reply}`]);
    assert.equal(events.reduce((n, e) => n + (e.type === 'audio' ? e.pcm.length : 0), 0), OUTPUT_RATE * 0.5 * 2, 'the reply was heard: half a second of voice');
    assert.deepEqual(events.at(-1), { type: 'end', stopReason: 'END_TURN' });
    assert.deepEqual(posted.map((c) => c.status), ['requested', 'running', 'done']);

    const record = sonicRecord(t.emu);
    assert.deepEqual(record.sonicToolResults?.map((c) => JSON.parse(c)), [{ result: '1: export const cache = new Map(); // src/cache.ts' }]);
    // The reply after the result played out in the user's audio time, not cut short when the input closed.
    assert.deepEqual(record.sonicReplies, [{ reply, how: 'played' }]);
    const order = record.sonicEvents;
    const at = order.indexOf('toolResult');
    assert.deepEqual(order.slice(at - 1, at + 2), ['contentStart', 'toolResult', 'contentEnd'], 'the result is one TOOL block');
    assert.ok(order.slice(at).filter((n) => n === 'audioInput').length >= 8, 'audio went on while the reply played (0.5 s is 8 frames)');
    assert.deepEqual(order.slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd'], 'the session closed cleanly after the reply');
  });

  it('an unknown tool gets an error result, as the agent answers one, and the model goes on', async () => {
    const read = tool('read_file', 'read', () => ({ text: 'unused' }));
    const { vt } = setup([read]);
    const events = await collect(t.rig.router.voice({ modelId: SONIC2, text: 'please tool:delete_everything now', tools: vt.toolbox }));
    const [result] = sonicRecord(t.emu).sonicToolResults ?? [];
    assert.match(JSON.parse(result!).error, /^Unknown tool "delete_everything"\. The tools available are: read_file\.$/);
    assert.match(finalReply(events), /^delete_everything says: error: Unknown tool/);
    assert.equal(vt.calls()[0]?.status, 'failed');
    assert.equal(read.calls.length, 0);
  });

  it('arguments that are not JSON become an error result naming the tool', async () => {
    const read = tool('read_file', 'read', () => ({ text: 'unused' }));
    const { vt } = setup([read]);
    const events = await collect(t.rig.router.voice({ modelId: SONIC2, text: 'read_file {not json}', tools: vt.toolbox }));
    assert.match(finalReply(events), /The arguments of read_file are not valid JSON/);
    assert.equal(read.calls.length, 0);
  });

  it('the emulator refuses a tool result whose content is not a JSON string, inside the stream', async () => {
    const malformed = { specs: [{ name: 'read_file', description: 'reads', inputSchema: { type: 'object', properties: {} } }], run: async () => 'plain words, not JSON' };
    await assert.rejects(collect(t.rig.router.voice({ modelId: SONIC2, text: 'read_file please', tools: malformed })), (e: unknown) => {
      assert.ok(e instanceof BedrockError);
      assert.equal(e.classified.kind, 'validation');
      assert.match(e.message, /toolResult\.content is not valid JSON/);
      return true;
    });
    assert.equal(sonicRecord(t.emu).errorCode, 'ValidationException');
  });
  it('the emulator refuses a tool result for a toolUseId it never sent, and a TOOL block without its configuration', async () => {
    // The raw SDK command: the product's session only ever answers the ids the model sent.
    const sdk = await loadAwsSdk();
    const client = await t.rig.connection.runtime();
    const run = async (toolBlock: Array<Record<string, Record<string, unknown>>>) => {
      const events = [
        { sessionStart: { inferenceConfiguration: { maxTokens: 100, topP: 0.9, temperature: 0.7 } } },
        { promptStart: { promptName: 'p1', textOutputConfiguration: { mediaType: 'text/plain' }, audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: 24000, sampleSizeBits: 16, channelCount: 1, voiceId: 'matthew', encoding: 'base64', audioType: 'SPEECH' }, ...toolPromptFields([{ name: 'read_file', inputSchema: { type: 'object', properties: {} } }]) } },
        ...toolBlock,
      ];
      const body = (async function* () {
        for (const event of events) yield { chunk: { bytes: new TextEncoder().encode(JSON.stringify({ event })) } };
      })();
      // The SDK throws the in-stream exception (when it is the first event, from send itself).
      try {
        const res = await client.send(new sdk.InvokeModelWithBidirectionalStreamCommand({ modelId: SONIC2, body }));
        for await (const part of res.body ?? []) if (part.validationException) return part.validationException.message;
      } catch (e) {
        assert.equal((e as Error).name, 'ValidationException');
        return (e as Error).message;
      }
      return undefined;
    };
    assert.match((await run(toolResultEvents('p1', 'never-sent', '{"result":"x"}'))) ?? '', /toolUseId never-sent does not match a tool use of this session/);
    const [start, ...rest] = toolResultEvents('p1', 'never-sent', '{}');
    delete start!.contentStart!.toolResultInputConfiguration;
    assert.match((await run([start!, ...rest])) ?? '', /needs toolResultInputConfiguration\.toolUseId/);
  });
});
