// Stop is final for the agent's acting tools: a tool still mid-flight (planning its change, waiting
// on its preview or its approval) applies nothing after Stop; a change it had begun is waited for,
// reported as done, and kept in the turn's checkpoint so Restore covers it; a question waiting for
// the user is withdrawn. The model and transcript are told what ran.
import * as assert from 'node:assert/strict';
import { runAgentTurn, type AgentTurnOptions } from '../../../../src/core/agent/agentLoop';
import { StoppedBeforeActing } from '../../../../src/core/agent/actGuard';
import { ApprovalGate } from '../../../../src/core/agent/approvalGate';
import type { AgentTool, ToolInvocationContext } from '../../../../src/core/agent/agentTool';
import { NOT_RUN_STOPPED_ASKING, STOPPED_AFTER_CHANGE, STOPPED_BEFORE_CHANGE } from '../../../../src/core/agent/toolCall';
import { TurnCheckpoints } from '../../../../src/core/agent/turnCheckpoint';
import type { ChatStreamMessage, PersistedTurn } from '../../../../src/shared/protocol';
import { fixtureTool, scriptedModel } from './agentFixtures';

const request = { modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'change a.ts' }] }] };

/** A promise with its resolve, to hold a tool at a point the test chooses. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** An edit tool as the workspace's: it plans (reads the file), then applies its change through `act`, recording the checkpoint inside it. */
function editTool(o: { planning?: Promise<void>; applying?: Promise<void>; afterPlanning?: () => void }) {
  const applied: string[] = [];
  const outcomes: Array<'applied' | 'refused'> = [];
  const tool = fixtureTool('proposeEdit', 'edit', async (input, _signal, context: ToolInvocationContext) => {
    await o.planning;
    o.afterPlanning?.();
    const path = String(input.path);
    try {
      const change = context.act(() => {
        context.checkpoint?.before(`file:///${path}`, path, { exists: true, text: 'before' });
        return (async () => {
          await o.applying;
          applied.push(path);
        })();
      });
      await change;
    } catch (e) {
      if (e instanceof StoppedBeforeActing) outcomes.push('refused');
      throw e;
    }
    context.checkpoint?.after(`file:///${path}`, { exists: true, text: 'after' });
    outcomes.push('applied');
    return { text: `Edited ${path}.` };
  });
  return { tool, applied, outcomes };
}

function run(tools: AgentTool[], stop: AbortController, extra: Partial<AgentTurnOptions> = {}) {
  const posted: ChatStreamMessage[] = [];
  const backend = scriptedModel([{ text: 'Editing.', calls: [{ id: 'e', name: 'proposeEdit', input: { path: 'a.ts' } }] }, { text: 'never' }]);
  const checkpoints = new TurnCheckpoints();
  const checkpoint = checkpoints.begin('r1', 'c1');
  let t = 0;
  const done = runAgentTurn({
    backend,
    request,
    requestId: 'r1',
    conversationId: 'c1',
    signal: stop.signal,
    post: (m) => posted.push(m),
    clock: () => (t += 10),
    tools,
    gate: new ApprovalGate(() => 'allow'),
    ask: async () => 'once',
    limits: { maxSteps: 25, maxResultBytes: 10_000 },
    checkpoint,
    ...extra,
  }).then((turn: PersistedTurn) => {
    // As the chat does when a turn ends.
    checkpoints.finish(checkpoint);
    return turn;
  });
  return { done, posted, backend, checkpoints };
}

const statusesOf = (posted: ChatStreamMessage[], id: string) => posted.flatMap((m) => (m.method === 'chat/tool' && m.tool.id === id ? [m.tool.status] : []));

describe('agent: Stop is final for acting tools', () => {
  it('a tool still planning when Stop lands applies nothing afterwards, and its step says nothing was applied', async () => {
    const stop = new AbortController();
    const planning = deferred();
    const { tool, applied, outcomes } = editTool({ planning: planning.promise });
    const { done, backend, checkpoints } = run([tool], stop);
    // The tool is in its planning await: Stop lands there.
    await new Promise((r) => setImmediate(r));
    assert.equal(tool.calls.length, 1, 'the tool was started');
    stop.abort();
    const turn = await done;
    assert.equal(turn.error?.kind, 'cancelled');
    assert.deepEqual(turn.steps?.[0].tools.map((c) => [c.status, c.result]), [['cancelled', STOPPED_BEFORE_CHANGE]]);
    // The tool goes on planning after the turn ended; its change is refused at the last moment.
    planning.resolve();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(outcomes, ['refused']);
    assert.deepEqual(applied, []);
    assert.equal(checkpoints.get('r1'), undefined, 'nothing changed, so no checkpoint');
    assert.equal(backend.requests.length, 1, 'no model call after Stop');
  });

  it('a change already begun when Stop lands is waited for, reported as done with a note, and kept in the checkpoint', async () => {
    const stop = new AbortController();
    const applying = deferred();
    const { tool, applied } = editTool({ applying: applying.promise });
    const { done, posted, backend, checkpoints } = run([tool], stop);
    await new Promise((r) => setImmediate(r));
    stop.abort();
    let ended = false;
    void done.then(() => (ended = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(ended, false, 'the turn waits for the change it cannot take back');
    applying.resolve();
    const turn = await done;
    assert.deepEqual(applied, ['a.ts']);
    const call = turn.steps?.[0].tools[0];
    assert.equal(call?.status, 'done');
    assert.equal(call?.result, `Edited a.ts.\n\n${STOPPED_AFTER_CHANGE}`);
    assert.deepEqual(statusesOf(posted, 'e'), ['requested', 'running', 'done']);
    assert.equal(turn.error?.kind, 'cancelled');
    assert.equal(backend.requests.length, 1);
    const kept = checkpoints.get('r1');
    assert.deepEqual(kept?.changedFiles.map((f) => f.path), ['a.ts'], 'Restore covers the change');
    assert.equal(kept?.finished, true);
  });

  it('a change that outlasts the wait is said to be of unknown outcome; if it lands later, the checkpoint still keeps it', async () => {
    const stop = new AbortController();
    const applying = deferred();
    const { tool, applied } = editTool({ applying: applying.promise });
    const { done, checkpoints } = run([tool], stop, { actingGraceMs: 1 });
    await new Promise((r) => setImmediate(r));
    stop.abort();
    const turn = await done;
    const call = turn.steps?.[0].tools[0];
    assert.equal(call?.status, 'cancelled');
    assert.match(call?.result ?? '', /had not finished .* whether the change was completed is not known/);
    assert.equal(checkpoints.get('r1'), undefined, 'no change had been applied when the turn ended');
    applying.resolve();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(applied, ['a.ts']);
    assert.deepEqual(checkpoints.get('r1')?.changedFiles.map((f) => f.path), ['a.ts'], 'the late change can still be restored');
  });

  it('Stop while the user is asked withdraws the question: the step leaves its waiting state as stopped, and the tool never runs', async () => {
    const stop = new AbortController();
    const { tool } = editTool({});
    const asked = deferred();
    const { done, posted } = run([tool], stop, {
      gate: new ApprovalGate(() => 'ask'),
      ask: (_call) =>
        new Promise((resolve) => {
          asked.resolve();
          stop.signal.addEventListener('abort', () => resolve('deny'));
        }),
    });
    await asked.promise;
    stop.abort();
    const turn = await done;
    assert.equal(tool.calls.length, 0);
    assert.deepEqual(statusesOf(posted, 'e'), ['requested', 'awaitingApproval', 'cancelled']);
    assert.deepEqual(turn.steps?.[0].tools.map((c) => [c.status, c.result]), [['cancelled', NOT_RUN_STOPPED_ASKING]]);
  });

  it('Stop while the preview opens asks nothing and closes the preview', async () => {
    const stop = new AbortController();
    const { tool } = editTool({});
    let disposed = 0;
    let asks = 0;
    tool.preview = async () => {
      stop.abort();
      return { dispose: () => disposed++ };
    };
    const { done, posted } = run([tool], stop, {
      gate: new ApprovalGate(() => 'ask'),
      ask: async () => {
        asks++;
        return 'once';
      },
    });
    const turn = await done;
    assert.equal(asks, 0);
    assert.equal(disposed, 1);
    assert.equal(tool.calls.length, 0);
    assert.deepEqual(statusesOf(posted, 'e'), ['requested', 'cancelled']);
    assert.equal(turn.steps?.[0].tools[0]?.status, 'cancelled');
  });

  it('a user who denied before Stop is still reported as having denied', async () => {
    const stop = new AbortController();
    const { tool } = editTool({});
    const { done } = run([tool], stop, {
      gate: new ApprovalGate(() => 'ask'),
      ask: async () => {
        // Stop comes in after the answer, as a later message.
        setImmediate(() => stop.abort());
        return 'deny';
      },
    });
    const turn = await done;
    assert.equal(turn.steps?.[0].tools[0]?.status, 'denied');
    assert.match(turn.steps?.[0].tools[0]?.result ?? '', /^The user denied this call/);
  });
});
