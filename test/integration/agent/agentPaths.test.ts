// The agent loop on every API path, through the real adapters and SDK clients against the
// emulator (which checks tool pairing as Bedrock does): a call, then two in parallel, then an
// answer that quotes what the tools returned.
import * as assert from 'node:assert/strict';
import { runAgentTurn } from '../../../src/core/agent/agentLoop';
import { ApprovalGate } from '../../../src/core/agent/approvalGate';
import type { ChatStreamMessage } from '../../../src/shared/protocol';
import { API_PATHS, type ApiPath } from '../router/apiPaths';
import { useEmulatorRig } from '../router/routerHarness';
import { AGENT_SCENARIO, MALFORMED, PARALLEL, pathBackend, readFile, searchText } from './agentHarness';

// The Invoke families that carry tools besides Claude's: Nova's body; and Claude on Converse,
// where Anthropic's own checks apply to the tool declarations.
const PATHS: ApiPath[] = [
  ...API_PATHS,
  { name: 'Invoke Nova', api: 'invoke', endpoint: 'runtime', model: 'amazon.nova-micro-v1:0', route: 'InvokeModel', streaming: false, sse: false },
  { name: 'InvokeStream Nova', api: 'invoke-stream', endpoint: 'runtime', model: 'amazon.nova-micro-v1:0', route: 'InvokeModelWithResponseStream', streaming: true, sse: false },
  { name: 'ConverseStream Claude', api: 'converse-stream', endpoint: 'runtime', model: 'anthropic.claude-3-haiku-20240307-v1:0', route: 'ConverseStream', streaming: true, sse: false },
];

describe('agent loop on every API path (emulator)', () => {
  const t = useEmulatorRig({ scenario: AGENT_SCENARIO });

  function run(path: ApiPath, prompt: string, tools = [readFile(), searchText()]) {
    const posted: ChatStreamMessage[] = [];
    const done = runAgentTurn({
      backend: pathBackend(t.rig.connection, path),
      request: { modelId: path.model, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }], maxTokens: 500 },
      requestId: 'r1',
      conversationId: 'c1',
      signal: new AbortController().signal,
      post: (m) => posted.push(m),
      tools,
      gate: new ApprovalGate(),
      ask: async () => 'deny',
      limits: { maxSteps: 10, maxResultBytes: 10_000 },
    });
    return { done, posted, tools };
  }

  for (const path of PATHS) {
    it(`${path.name}: A, then B and C in parallel, then an answer quoting their results`, async () => {
      const { done, posted, tools } = run(path, `${PARALLEL}: what is in a.ts?`);
      const turn = await done;
      assert.equal(turn.error, undefined, turn.error?.message);
      assert.deepEqual(turn.text.split('\n'), ['Answer from the tools:', '- contents of a.ts', '- contents of b.ts', '- found needle in c.ts']);
      assert.deepEqual(turn.steps?.map((s) => s.tools.map((c) => `${c.name}:${c.status}`)), [['readFile:done'], ['readFile:done', 'searchText:done']]);
      assert.equal(turn.steps?.[0].text, 'Reading a.ts first.');
      const ids = turn.steps!.flatMap((s) => s.tools.map((c) => c.id));
      assert.equal(new Set(ids).size, 3, 'each call keeps the id the API gave it');
      assert.ok(ids.every((id) => id.length > 0));
      assert.deepEqual(tools.map((x) => x.calls.length), [2, 1]);
      const calls = t.emu.requests.filter((r) => r.route === path.route && r.status === 200);
      assert.equal(calls.length, 3, 'three model calls, each accepted');
      assert.equal(posted.at(-1)?.method, 'chat/end');
    });
  }

  for (const path of PATHS.filter((p) => p.name === 'ConverseStream' || p.name === 'Chat Completions runtime' || p.name === 'Messages runtime' || p.name === 'Responses mantle' || p.name === 'Converse')) {
    it(`${path.name}: malformed arguments and an unknown tool go back as error results, and the model answers`, async () => {
      const read = readFile();
      const { done } = run(path, MALFORMED, [read]);
      const turn = await done;
      assert.equal(turn.error, undefined, turn.error?.message);
      const [bad, unknown] = turn.steps![0].tools;
      assert.equal(bad.status, 'failed');
      // Where arguments travel as text they arrive broken; where they travel as a JSON object, they break the schema.
      assert.match(bad.result!, path.api === 'converse' ? /do not match its input schema: "path" must be string, not a number/ : /are not valid JSON/);
      assert.equal(unknown.status, 'failed');
      assert.equal(unknown.result, 'Unknown tool "deleteEverything". The tools available are: readFile.');
      assert.equal(read.calls.length, 0);
      assert.deepEqual(turn.text.split('\n').slice(1), [`- ${bad.result}`, `- ${unknown.result}`]);
    });
  }
});
