// The agent reply: model → tool calls (in parallel when the model asks for several, each through
// the approval gate) → results → model, until a final answer, the step limit, or Stop. One reply
// stream for the whole loop; each model call is one step, run by the same code as a plain turn.
import type { ChatMessage, ContentPart, ToolSpec } from '../bedrock/adapters/chatRequest';
import type { PersistedStep, PersistedTurn, WireToolCall } from '../../shared/protocol';
import { replayableReasoning } from '../chat/conversationModel';
import { ReplyStream, runModelStep, type RunTurnOptions } from '../chat/turnRunner';
import type { AgentTool } from './agentTool';
import type { ApprovalReply } from './pendingApprovals';
import type { ApprovalGate } from './approvalGate';
import { NOT_RUN_STOPPED, requestedWire, runToolCall, type ToolCallContext } from './toolCall';
import { dialectOf, normalizeInputSchema, wireToolName } from './toolSchema';
import type { TurnCheckpoint } from './turnCheckpoint';

/** Where the loop's tools come from: the workspace and VS Code tools in the extension, a fixture in tests. */
export interface ToolProvider {
  /** The tools offered for the next reply (enabled, and allowed in this workspace). */
  tools(): readonly AgentTool[] | Promise<readonly AgentTool[]>;
}

export interface AgentLimits {
  /** Model calls per reply. */
  maxSteps: number;
  /** Bytes of one tool result the model sees. */
  maxResultBytes: number;
}

export interface AgentTurnOptions extends RunTurnOptions {
  tools: readonly AgentTool[];
  gate: ApprovalGate;
  /** Waits for the user's answer about a call; resolves `deny` when the turn stops. */
  ask(call: WireToolCall): Promise<ApprovalReply>;
  limits: AgentLimits;
  /** Where the turn's file changes are recorded, so they can be restored. */
  checkpoint?: TurnCheckpoint;
  /** See ToolCallContext.actingGraceMs. */
  actingGraceMs?: number;
}

/** The tools as one request declares them, and the tool behind each declared name. */
export function declareTools(tools: readonly AgentTool[], modelId: string): { specs: ToolSpec[]; byName: Map<string, AgentTool> } {
  const dialect = dialectOf(modelId);
  const taken = new Set<string>();
  const byName = new Map<string, AgentTool>();
  const specs: ToolSpec[] = [];
  for (const tool of tools) {
    const name = wireToolName(tool.name, taken);
    byName.set(name, tool);
    specs.push({ name, description: tool.description || tool.title, inputSchema: normalizeInputSchema(tool.inputSchema, dialect) });
  }
  return { specs, byName };
}

/** The line an agent reply ends with when it used every step it was allowed. */
export function stepLimitLine(maxSteps: number): string {
  return `Stopped after ${maxSteps} model ${maxSteps === 1 ? 'step' : 'steps'}, the limit set by \`bedrock.agent.maxSteps\`. Raise it in Settings to let the agent go further, or send "continue" to carry on from here.`;
}

/** Runs an agent reply to its end. Never throws: failures end the reply with `chat/error`, the partial work kept. */
export async function runAgentTurn(o: AgentTurnOptions): Promise<PersistedTurn> {
  const reply = new ReplyStream(o);
  const turn: PersistedTurn = { role: 'assistant', text: '' };
  if (o.signal.aborted) return reply.stopped(turn);
  const { specs, byName } = declareTools(o.tools, o.request.modelId);
  const messages: ChatMessage[] = [...o.request.messages];
  const steps: PersistedStep[] = [];
  const maxSteps = Math.max(1, Math.floor(o.limits.maxSteps));
  const ctx: ToolCallContext = {
    tools: byName,
    gate: o.gate,
    ask: (call) => o.ask(call),
    update: (call) => reply.tool(call),
    conversationId: o.conversationId,
    signal: o.signal,
    maxResultBytes: o.limits.maxResultBytes,
    clock: () => reply.now,
    checkpoint: o.checkpoint,
    ...(o.actingGraceMs !== undefined ? { actingGraceMs: o.actingGraceMs } : {}),
  };
  for (let index = 0; ; index++) {
    if (index > 0) reply.stats.nextCall();
    const wires: WireToolCall[] = [];
    const request = { ...o.request, messages, ...(specs.length ? { tools: specs, toolChoice: 'auto' as const } : {}) };
    const step = await runModelStep(reply, o.backend, request, o.api, o.signal, (call) => {
      // Some APIs leave an id out; every result must name its call, so one is made up.
      if (!call.id) call.id = `call_${index}_${wires.length}`;
      const wire = requestedWire(call, index, byName);
      wires.push(wire);
      reply.tool(wire);
    });
    const final = !step.calls.length;
    if (step.error || final) {
      if (!final) steps.push(closedStep(step.text, step.reasoning, wires, NOT_RUN_STOPPED, reply));
      turn.text = step.text;
      if (step.reasoning.length) turn.reasoning = step.reasoning;
      if (steps.length) turn.steps = steps;
      if (step.error) turn.error = reply.fail(step.error);
      else turn.stopReason = reply.end(step.stopReason ?? 'end_turn');
      return reply.finish(turn);
    }
    if (index + 1 >= maxSteps) {
      // No model would read these results: the calls are not run, and the reply says why.
      steps.push(closedStep(step.text, step.reasoning, wires, `not run: the step limit (${maxSteps}) was reached`, reply));
      turn.steps = steps;
      turn.text = stepLimitLine(maxSteps);
      reply.delta('text', `${step.text ? '\n\n' : ''}${turn.text}`);
      turn.stopReason = reply.end('other');
      return reply.finish(turn);
    }
    const finished = await Promise.all(step.calls.map((call, i) => runToolCall(call, wires[i], ctx)));
    steps.push({ text: step.text, ...(step.reasoning.length ? { reasoning: step.reasoning } : {}), tools: finished.map((f) => f.wire) });
    messages.push(
      { role: 'assistant', content: [...replayableReasoning(step.reasoning), ...(step.text.trim() ? [{ type: 'text' as const, text: step.text }] : []), ...step.calls.map(toolUsePart)] },
      { role: 'user', content: finished.map((f) => f.result) },
    );
    if (o.signal.aborted) {
      turn.steps = steps;
      return reply.stopped(turn);
    }
  }
}

function toolUsePart(call: { id: string; name: string; input: unknown }): ContentPart {
  // Input that was not JSON goes back as an empty object: the API takes only a JSON object here.
  return { type: 'toolUse', id: call.id, name: call.name, input: typeof call.input === 'object' && call.input !== null ? call.input : {} };
}

/** A step whose calls will not run: each is closed with `why` as its result, and shown so. */
function closedStep(text: string, reasoning: PersistedStep['reasoning'], wires: WireToolCall[], why: string, reply: ReplyStream): PersistedStep {
  const tools = wires.map((w) => {
    const closed: WireToolCall = { ...w, status: 'cancelled', result: why };
    reply.tool(closed);
    return closed;
  });
  return { text, ...(reasoning?.length ? { reasoning } : {}), tools };
}
