// Tools and a scripted model for the agent loop's unit tests. The model is a scripted backend
// (no network in this tier); the integration tier runs the same loop against the emulator.
import type { ChatEvent } from '../../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../../src/core/bedrock/adapters/chatRequest';
import type { AgentTool, ToolInvocationContext, ToolKind, ToolOutcome } from '../../../../src/core/agent/agentTool';
import { runAgentTurn, type AgentTurnOptions } from '../../../../src/core/agent/agentLoop';
import { ApprovalGate } from '../../../../src/core/agent/approvalGate';
import type { ChatStreamMessage, WireToolCall } from '../../../../src/shared/protocol';
import { ScriptedBackend, route } from '../chat/fakeBackend';

export function fixtureTool(name: string, kind: ToolKind, run: (input: Record<string, unknown>, signal: AbortSignal, context: ToolInvocationContext) => Promise<ToolOutcome> | ToolOutcome, schema?: Record<string, unknown>): AgentTool & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    name,
    description: `${name} for tests`,
    title: name,
    kind,
    source: 'builtin',
    inputSchema: schema ?? { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    describe: (input) => `${name} ${(input as { path?: string })?.path ?? ''}`.trim(),
    async invoke(input, context) {
      calls.push(input);
      return run(input as Record<string, unknown>, context.signal, context);
    },
  };
}

/** One model reply of a script: text, then the tool calls (ids as given), then stop. */
export interface ScriptedStep {
  text?: string;
  calls?: Array<{ id: string; name: string; input: unknown }>;
  reasoning?: { text: string; signature: string };
}

/** A backend that answers the n-th request with the n-th step; the last step repeats. */
export function scriptedModel(steps: ScriptedStep[]): ScriptedBackend & { requests: Array<{ request: ChatRequest }> } {
  let n = 0;
  return new ScriptedBackend(async function* () {
    const step = steps[Math.min(n++, steps.length - 1)];
    const out: ChatEvent[] = [route()];
    if (step.reasoning) out.push({ type: 'reasoning', text: step.reasoning.text }, { type: 'reasoning', text: '', signature: step.reasoning.signature });
    if (step.text) out.push({ type: 'text', text: step.text });
    for (const c of step.calls ?? []) out.push({ type: 'toolCall', ...c });
    out.push({ type: 'usage', inputTokens: 10, outputTokens: 5 }, { type: 'stop', reason: step.calls?.length ? 'tool_use' : 'end_turn' });
    for (const e of out) yield e;
  });
}

const QUESTION = { modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'what does cache.ts export?' }] }] };

/**
 * One agent turn against a model scripted with `steps`: every call that asks is allowed once (and
 * recorded in `asked`) unless `extra` says otherwise; the clock moves 10 ms a reading.
 */
export function runScriptedTurn(steps: ScriptedStep[], tools: AgentTool[], extra: Partial<AgentTurnOptions> = {}) {
  const posted: ChatStreamMessage[] = [];
  const backend = scriptedModel(steps);
  const asked: WireToolCall[] = [];
  let t = 0;
  const done = runAgentTurn({
    backend,
    request: QUESTION,
    requestId: 'r1',
    conversationId: 'c1',
    signal: new AbortController().signal,
    post: (m) => posted.push(m),
    clock: () => (t += 10),
    tools,
    gate: new ApprovalGate(),
    ask: async (call) => {
      asked.push(call);
      return 'once';
    },
    limits: { maxSteps: 25, maxResultBytes: 10_000 },
    ...extra,
  });
  return { done, posted, backend, asked };
}
