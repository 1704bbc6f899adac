// One tool call of an agent step, from the model's request to the result the model reads: the
// tool looked up, its arguments checked, the approval gate passed, the tool run (stopped with the
// turn), and its result capped in bytes. Every way it can go wrong becomes a result the model
// reads as an error, so a bad call never ends the reply.
import type { ContentPart } from '../bedrock/adapters/chatRequest';
import type { WireToolCall } from '../../shared/protocol';
import type { RequestedCall } from '../chat/turnRunner';
import { toolInputText } from '../chat/turnRunner';
import type { AgentTool, ToolOutcome } from './agentTool';
import type { ApprovalGate } from './approvalGate';
import type { ApprovalReply } from './pendingApprovals';
import { inputProblem } from './toolSchema';
import type { TurnCheckpoint } from './turnCheckpoint';

export interface ToolCallContext {
  /** Tools by the name the model sees. */
  tools: ReadonlyMap<string, AgentTool>;
  gate: ApprovalGate;
  /** Asks the user about this call (its `awaitingApproval` status is already posted); `deny` when the turn stops. */
  ask(call: WireToolCall): Promise<ApprovalReply>;
  /** Posts the call as it stands now. */
  update(call: WireToolCall): void;
  conversationId: string;
  signal: AbortSignal;
  maxResultBytes: number;
  clock(): number;
  /** Where acting tools record the files' earlier state. */
  checkpoint?: TurnCheckpoint;
}

export interface FinishedCall {
  wire: WireToolCall;
  result: Extract<ContentPart, { type: 'toolResult' }>;
}

/** What the model reads when a call was stopped before it ran, or never ran because the turn stopped. */
export const NOT_RUN_STOPPED = 'not run: the turn was stopped';

/** The call as first shown: what the model asked for, with the tool's own label when it is known. */
export function requestedWire(call: RequestedCall, step: number, tools: ReadonlyMap<string, AgentTool>): WireToolCall {
  const tool = tools.get(call.name);
  // The name the model used: history sends it back, and it must match the declaration.
  const wire: WireToolCall = { id: call.id, name: call.name, input: toolInputText(call.input), status: 'requested', step };
  if (tool) {
    wire.kind = tool.kind;
    wire.label = safeLabel(tool, call.input);
  }
  return wire;
}

/** Runs one call to its result; never throws. */
export async function runToolCall(call: RequestedCall, requested: WireToolCall, ctx: ToolCallContext): Promise<FinishedCall> {
  let wire = requested;
  const started = ctx.clock();
  const finish = (status: WireToolCall['status'], text: string, isError: boolean, truncated = false): FinishedCall => {
    const done: WireToolCall = { ...wire, status, result: text, durationMs: Math.max(0, Math.round(ctx.clock() - started)) };
    if (truncated) done.truncated = true;
    ctx.update(done);
    // An empty result is refused by Converse ("cannot be empty when status value is error"), and says nothing anyway.
    return { wire: done, result: { type: 'toolResult', toolUseId: call.id, content: text || '(no output)', ...(isError ? { isError: true } : {}) } };
  };
  const tool = ctx.tools.get(call.name);
  if (!tool) {
    const names = [...ctx.tools.keys()];
    return finish('failed', `Unknown tool "${call.name}". ${names.length ? `The tools available are: ${names.join(', ')}.` : 'No tools are available in this chat.'}`, true);
  }
  if (typeof call.input === 'string') {
    return finish('failed', `The arguments of ${call.name} are not valid JSON. Call it again with a JSON object that matches its input schema.`, true);
  }
  const problem = inputProblem(call.input ?? {}, tool.inputSchema);
  if (problem) return finish('failed', `The arguments of ${call.name} do not match its input schema: ${problem}. Call it again with corrected arguments.`, true);
  if (ctx.signal.aborted) return finish('cancelled', NOT_RUN_STOPPED, true);
  let input = call.input ?? {};
  let edited: string | undefined;
  const allowed = await ctx.gate.decide(tool, input, ctx.conversationId, async () => {
    ctx.update({ ...wire, status: 'awaitingApproval' });
    const reply = await ctx.ask({ ...wire, status: 'awaitingApproval' });
    if (typeof reply === 'string') return reply;
    edited = reply.edited;
    return reply.decision;
  });
  if (ctx.signal.aborted) return finish(allowed ? 'cancelled' : 'denied', NOT_RUN_STOPPED, true);
  if (!allowed) return finish('denied', 'The user denied this call. Do not retry it unless the user asks; continue without it or explain what you need.', true);
  // What runs is what the user approved: their edit of the editable field, if they made one.
  const change = userEdit(tool, input, edited);
  if (change) {
    input = { ...(input as Record<string, unknown>), [change.field]: change.ran };
    wire = { ...wire, label: safeLabel(tool, input) };
  }
  ctx.update({ ...wire, status: 'running' });
  let outcome: ToolOutcome;
  try {
    outcome = await untilAborted(tool.invoke(input, { signal: ctx.signal, conversationId: ctx.conversationId, maxResultBytes: ctx.maxResultBytes, ...(ctx.checkpoint ? { checkpoint: ctx.checkpoint } : {}) }), ctx.signal);
  } catch (e) {
    if (ctx.signal.aborted) return finish('cancelled', 'Stopped by the user before it finished.', true);
    return finish('failed', `${tool.name} failed: ${e instanceof Error ? e.message : String(e)}`, true);
  }
  if (ctx.signal.aborted) return finish('cancelled', 'Stopped by the user before it finished.', true);
  const text = String(outcome.text ?? '');
  const capped = capResult(change ? `${editNote(change)}\n\n${text}` : text, ctx.maxResultBytes);
  // A tool that cut its own result to the cap says so in `truncated`; the block shows it either way.
  return finish(outcome.isError ? 'failed' : 'done', capped.text, !!outcome.isError, capped.truncated || outcome.truncated === true);
}

/**
 * `text` cut to at most `maxBytes` of UTF-8 (on a character boundary), with a last line that says
 * so, so the model knows it did not see everything.
 */
export function capResult(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return { text, truncated: false };
  const buf = Buffer.from(text, 'utf8');
  let end = Math.max(0, maxBytes);
  // Back up to the start of a character: continuation bytes are 10xxxxxx.
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  const kept = buf.subarray(0, end).toString('utf8');
  return { text: `${kept}\n[truncated: ${end.toLocaleString('en-US')} of ${bytes.toLocaleString('en-US')} bytes shown]`, truncated: true };
}

/** The tool's own promise, or a rejection as soon as the turn stops (a tool that ignores its signal cannot hold the turn). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('stopped'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('stopped'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

interface UserEdit {
  field: string;
  proposed: string;
  ran: string;
}

/** The user's change to the tool's editable field, or undefined when there is none to apply. */
function userEdit(tool: AgentTool, input: unknown, edited: string | undefined): UserEdit | undefined {
  const field = tool.editableField;
  // Only a field the tool offers for editing can change: an answer cannot rewrite anything else.
  if (!field || edited === undefined || typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const proposed = (input as Record<string, unknown>)[field];
  if (typeof proposed !== 'string' || proposed === edited) return undefined;
  return { field, proposed, ran: edited };
}

/** What the model reads first when the user changed its call before allowing it. */
export function editNote(change: UserEdit): string {
  return `The user edited the ${change.field} before allowing it. You proposed: ${change.proposed}\nWhat ran instead: ${change.ran}`;
}

function safeLabel(tool: AgentTool, input: unknown): string {
  try {
    return String(tool.describe(input)).slice(0, 500);
  } catch {
    return tool.title;
  }
}
