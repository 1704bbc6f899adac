// The agent loop with a scripted model and fixture tools: steps, parallel calls, approvals,
// denials, limits, bad calls and Stop, and what the reply keeps for history.
import * as assert from 'node:assert/strict';
import { stepLimitLine } from '../../../../src/core/agent/agentLoop';
import { ApprovalGate } from '../../../../src/core/agent/approvalGate';
import type { ApprovalDecision } from '../../../../src/core/agent/agentTool';
import type { ChatStreamMessage } from '../../../../src/shared/protocol';
import { fixtureTool, runScriptedTurn, type ScriptedStep } from './agentFixtures';
import { NOT_RUN_STOPPED_ASKING } from '../../../../src/core/agent/toolCall';

const run = runScriptedTurn;
const toolUpdates = (posted: ChatStreamMessage[]) => posted.flatMap((m) => (m.method === 'chat/tool' ? [`${m.tool.id}:${m.tool.status}`] : []));

describe('agent loop', () => {
  it('runs A, then B and C in parallel, then answers; each result goes back paired with its call', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (text: string) => async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return { text };
    };
    const read = fixtureTool('readFile', 'read', slow('export const cache = 1;'));
    const search = fixtureTool('searchText', 'read', slow('3 matches'));
    const { done, posted, backend } = run(
      [
        { text: 'Reading.', calls: [{ id: 'a', name: 'readFile', input: { path: 'cache.ts' } }] },
        { calls: [{ id: 'b', name: 'readFile', input: { path: 'b.ts' } }, { id: 'c', name: 'searchText', input: { path: 'src' } }] },
        { text: 'cache.ts exports cache.' },
      ],
      [read, search],
    );
    const turn = await done;
    assert.equal(turn.text, 'cache.ts exports cache.');
    assert.equal(turn.stopReason, 'end_turn');
    assert.deepEqual(turn.steps?.map((s) => [s.text, s.tools.map((t) => `${t.id}:${t.status}:${t.result}`)]), [
      ['Reading.', ['a:done:export const cache = 1;']],
      ['', ['b:done:export const cache = 1;', 'c:done:3 matches']],
    ]);
    assert.equal(most, 2, 'B and C ran at the same time');
    assert.equal(backend.requests.length, 3);
    const last = backend.requests[2].request;
    assert.deepEqual(last.messages.map((m) => [m.role, m.content.map((p) => (p.type === 'toolUse' ? `use:${p.id}` : p.type === 'toolResult' ? `result:${p.toolUseId}` : p.type))]), [
      ['user', ['text']],
      ['assistant', ['text', 'use:a']],
      ['user', ['result:a']],
      ['assistant', ['use:b', 'use:c']],
      ['user', ['result:b', 'result:c']],
    ]);
    assert.deepEqual(last.tools?.map((t) => t.name), ['readFile', 'searchText']);
    assert.equal(last.toolChoice, 'auto');
    assert.deepEqual(toolUpdates(posted), ['a:requested', 'a:running', 'a:done', 'b:requested', 'c:requested', 'b:running', 'c:running', 'b:done', 'c:done']);
    assert.equal(posted.filter((m) => m.method === 'chat/start').length, 1, 'one reply, one start');
    const end = posted.at(-1)!;
    assert.ok(end.method === 'chat/end');
    assert.equal(end.stats.inputTokens, 30, 'usage adds up over the three model calls');
    assert.deepEqual(posted.map((m) => m.seq), posted.map((_, i) => i));
  });

  it('keeps signed reasoning before the tool use it led to', async () => {
    const read = fixtureTool('readFile', 'read', () => ({ text: 'x' }));
    const { done, backend } = run([{ reasoning: { text: 'I should read it', signature: 'sig1' }, calls: [{ id: 'a', name: 'readFile', input: { path: 'a' } }] }, { text: 'done' }], [read]);
    const turn = await done;
    assert.deepEqual(turn.steps?.[0].reasoning, [{ text: 'I should read it', signature: 'sig1' }]);
    assert.deepEqual(backend.requests[1].request.messages[1].content.map((p) => p.type), ['reasoning', 'toolUse']);
  });

  it('asks before an acting tool; a denial goes back to the model as an error result and nothing runs', async () => {
    const edit = fixtureTool('proposeEdit', 'edit', () => ({ text: 'edited' }));
    const { done, posted, backend, asked } = run([{ calls: [{ id: 'e', name: 'proposeEdit', input: { path: 'a.ts' } }] }, { text: 'ok, not editing' }], [edit], {
      ask: async (call) => {
        asked.push(call);
        return 'deny';
      },
    });
    const turn = await done;
    assert.equal(asked.length, 1);
    assert.equal(asked[0].label, 'proposeEdit a.ts');
    assert.equal(edit.calls.length, 0);
    assert.deepEqual(toolUpdates(posted), ['e:requested', 'e:awaitingApproval', 'e:denied']);
    const result = backend.requests[1].request.messages[2].content[0];
    assert.ok(result.type === 'toolResult' && result.isError && /denied/.test(result.content));
    assert.equal(turn.text, 'ok, not editing');
  });

  it('"Allow for this chat" stops the questions for that tool in the chat; "once" asks again', async () => {
    const gate = new ApprovalGate();
    const edit = fixtureTool('proposeEdit', 'edit', () => ({ text: 'edited' }));
    const steps: ScriptedStep[] = [{ calls: [{ id: 'e1', name: 'proposeEdit', input: { path: 'a' } }] }, { calls: [{ id: 'e2', name: 'proposeEdit', input: { path: 'b' } }] }, { text: 'done' }];
    const answers: ApprovalDecision[] = ['once', 'chat'];
    const first = run(steps, [edit], { gate, ask: async () => answers.shift()! });
    await first.done;
    assert.equal(answers.length, 0, 'both calls asked');
    let askedAgain = 0;
    await run(steps, [edit], { gate, ask: async () => (askedAgain++, 'once') }).done;
    assert.equal(askedAgain, 0, 'allowed for this chat');
    await run(steps, [edit], { gate, conversationId: 'other', ask: async () => (askedAgain++, 'once') }).done;
    assert.equal(askedAgain, 2, 'another chat asks again');
    assert.equal(edit.calls.length, 6);
  });

  it('askOncePerChat asks the first call of a tool in a chat only', async () => {
    const gate = new ApprovalGate((kind) => (kind === 'terminal' ? 'askOncePerChat' : 'ask'));
    const term = fixtureTool('runInTerminal', 'terminal', () => ({ text: 'ok' }));
    let asked = 0;
    await run([{ calls: [{ id: 't1', name: 'runInTerminal', input: { path: 'x' } }] }, { calls: [{ id: 't2', name: 'runInTerminal', input: { path: 'y' } }] }, { text: 'done' }], [term], {
      gate,
      ask: async () => (asked++, 'once'),
    }).done;
    assert.equal(asked, 1);
    assert.equal(term.calls.length, 2);
  });

  it('answers an unknown tool, arguments that are not JSON and arguments that break the schema with error results, and carries on', async () => {
    const read = fixtureTool('readFile', 'read', () => ({ text: 'x' }));
    const { done, backend } = run(
      [
        {
          calls: [
            { id: 'u', name: 'deleteEverything', input: {} },
            { id: 'j', name: 'readFile', input: '{"path": "a.ts"' },
            { id: 's', name: 'readFile', input: { path: 42 } },
            { id: 'm', name: 'readFile', input: {} },
          ],
        },
        { text: 'sorry' },
      ],
      [read],
    );
    const turn = await done;
    const results = backend.requests[1].request.messages[2].content.map((p) => (p.type === 'toolResult' ? `${p.toolUseId}:${p.isError}:${p.content}` : ''));
    assert.match(results[0], /^u:true:Unknown tool "deleteEverything"\. The tools available are: readFile\.$/);
    assert.match(results[1], /^j:true:The arguments of readFile are not valid JSON/);
    assert.match(results[2], /^s:true:.*"path" must be string, not a number/);
    assert.match(results[3], /^m:true:.*missing required property "path"/);
    assert.equal(read.calls.length, 0);
    assert.equal(turn.text, 'sorry');
    assert.deepEqual(turn.steps?.[0].tools.map((t) => t.status), ['failed', 'failed', 'failed', 'failed']);
    // The call whose input was not JSON goes back as an empty object (the only shape every API takes).
    const use = backend.requests[1].request.messages[1].content[1];
    assert.ok(use.type === 'toolUse' && JSON.stringify(use.input) === '{}');
  });

  it('a tool that throws is a failed call the model reads, not a failed reply', async () => {
    const broken = fixtureTool('readFile', 'read', () => {
      throw new Error('disk on fire');
    });
    const { done } = run([{ calls: [{ id: 'a', name: 'readFile', input: { path: 'a' } }] }, { text: 'could not read' }], [broken]);
    const turn = await done;
    assert.equal(turn.steps?.[0].tools[0].status, 'failed');
    assert.equal(turn.steps?.[0].tools[0].result, 'readFile failed: disk on fire');
    assert.equal(turn.error, undefined);
  });

  it('caps a result in bytes and says so to the model and in the block', async () => {
    const big = fixtureTool('readFile', 'read', () => ({ text: 'é'.repeat(100) }));
    const { done, backend } = run([{ calls: [{ id: 'a', name: 'readFile', input: { path: 'a' } }] }, { text: 'ok' }], [big], { limits: { maxSteps: 5, maxResultBytes: 51 } });
    const turn = await done;
    const call = turn.steps![0].tools[0];
    assert.equal(call.truncated, true);
    assert.equal(call.result, `${'é'.repeat(25)}\n[truncated: 50 of 200 bytes shown]`);
    const result = backend.requests[1].request.messages[2].content[0];
    assert.ok(result.type === 'toolResult' && result.content === call.result && !result.isError);
  });

  it('a result the tool cut itself is marked truncated too', async () => {
    const capped = fixtureTool('readFile', 'read', () => ({ text: 'first lines\n[truncated: read a smaller range]', truncated: true }));
    const { done } = run([{ calls: [{ id: 'a', name: 'readFile', input: { path: 'a' } }] }, { text: 'ok' }], [capped]);
    const call = (await done).steps![0].tools[0];
    assert.equal(call.truncated, true);
    assert.equal(call.result, 'first lines\n[truncated: read a smaller range]');
  });

  it('stops at the step limit with a line that names the setting; the last calls are closed, not run', async () => {
    const read = fixtureTool('readFile', 'read', () => ({ text: 'x' }));
    const { done, posted, backend } = run([{ text: 'again', calls: [{ id: 'a', name: 'readFile', input: { path: 'a' } }] }], [read], { limits: { maxSteps: 3, maxResultBytes: 100 } });
    const turn = await done;
    assert.equal(backend.requests.length, 3);
    assert.equal(read.calls.length, 2);
    assert.equal(turn.text, stepLimitLine(3));
    assert.match(turn.text, /bedrock\.agent\.maxSteps/);
    assert.equal(turn.steps?.length, 3);
    assert.deepEqual(turn.steps?.[2].tools.map((t) => t.status), ['cancelled']);
    assert.equal(turn.stopReason, 'other');
    assert.equal(posted.at(-1)?.method, 'chat/end');
  });

  it('Stop while a tool runs aborts the tool and the loop; the reply ends cancelled with the step kept', async () => {
    const stop = new AbortController();
    let sawAbort = false;
    const hang = fixtureTool('runInTerminal', 'read', (_input, signal) => new Promise((resolve) => {
      signal.addEventListener('abort', () => {
        sawAbort = true;
        resolve({ text: 'killed' });
      });
      setImmediate(() => stop.abort());
    }));
    const { done, posted, backend } = run([{ text: 'Running.', calls: [{ id: 'a', name: 'runInTerminal', input: { path: 'x' } }] }, { text: 'never' }], [hang], { signal: stop.signal });
    const turn = await done;
    assert.equal(sawAbort, true);
    assert.equal(backend.requests.length, 1, 'no model call after Stop');
    assert.equal(turn.error?.kind, 'cancelled');
    assert.deepEqual(turn.steps?.[0].tools.map((t) => t.status), ['cancelled']);
    assert.equal(posted.at(-1)?.method, 'chat/error');
  });

  it('Stop while waiting for an approval withdraws the question: the call is cancelled, not counted as denied', async () => {
    const stop = new AbortController();
    const edit = fixtureTool('proposeEdit', 'edit', () => ({ text: 'edited' }));
    const { done } = run([{ calls: [{ id: 'e', name: 'proposeEdit', input: { path: 'a' } }] }, { text: 'never' }], [edit], {
      signal: stop.signal,
      ask: () => {
        stop.abort();
        return Promise.resolve('deny' as const);
      },
    });
    const turn = await done;
    assert.equal(edit.calls.length, 0);
    assert.deepEqual(turn.steps?.[0].tools.map((t) => [t.status, t.result]), [['cancelled', NOT_RUN_STOPPED_ASKING]]);
    assert.equal(turn.error?.kind, 'cancelled');
  });

  it('a model call that fails keeps the partial text and the steps before it', async () => {
    const read = fixtureTool('readFile', 'read', () => ({ text: 'x' }));
    let n = 0;
    const { ScriptedBackend, route } = await import('../chat/fakeBackend');
    const backend = new ScriptedBackend(async function* () {
      yield route();
      if (n++ === 0) {
        yield { type: 'toolCall', id: 'a', name: 'readFile', input: { path: 'a' } };
        yield { type: 'stop', reason: 'tool_use' };
        return;
      }
      yield { type: 'text', text: 'half an ans' };
      yield { type: 'error', partialText: 'half an ans', error: { name: 'BedrockError', kind: 'throttled', message: 'Too many requests', action: { id: 'retry', label: 'Retry' } } as never };
    });
    const turn = await run([], [read], { backend }).done;
    assert.equal(turn.text, 'half an ans');
    assert.equal(turn.error?.kind, 'throttled');
    assert.equal(turn.steps?.length, 1);
  });
});
