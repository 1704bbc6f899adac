// One tool call of an agent step, from the model's request to the result the model reads: the
// tool looked up, its arguments checked, the approval gate passed, the tool run (stopped with the
// turn), and its result capped in bytes. Every way it can go wrong becomes a result the model
// reads as an error, so a bad call never ends the reply.
import type { ContentPart } from '../bedrock/adapters/chatRequest';
import type { WireToolCall } from '../../shared/protocol';
import type { RequestedCall } from '../chat/turnRunner';
import { toolInputText } from '../chat/turnRunner';
import { isActingKind, type AgentTool, type ToolOutcome } from './agentTool';
import { actGuard, type ActGuard } from './actGuard';
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
  /** How long a Stop waits for a call that already began its change (ACTING_GRACE_MS unless a test says). */
  actingGraceMs?: number;
}

export interface FinishedCall {
  wire: WireToolCall;
  result: Extract<ContentPart, { type: 'toolResult' }>;
}

/** What the model reads when a call was stopped before it ran, or never ran because the turn stopped. */
export const NOT_RUN_STOPPED = 'not run: the turn was stopped';
/** A call whose approval was pending when the turn stopped: the question was withdrawn. */
export const NOT_RUN_STOPPED_ASKING = 'not run: the turn was stopped while the user was being asked to approve it';
/** An acting call stopped before it began its change (and its guard refuses one now). */
export const STOPPED_BEFORE_CHANGE = 'Stopped by the user before it changed anything: nothing was applied or run.';
/** A reading call stopped before it finished. */
export const STOPPED_RUNNING = 'Stopped by the user before it finished.';
/** Said after the result of a call that had begun its change when the user pressed Stop. */
export const STOPPED_AFTER_CHANGE = 'The user pressed Stop after this call had begun acting (its change applied or its command sent), so it was let finish; the result above is what it did.';
/** How long a Stop waits for a call that already began its change, so its result can say what it did. */
export const ACTING_GRACE_MS = 15_000;

function stillRunning(graceMs: number): string {
  return `Stopped by the user after it had begun its change; it had not finished ${Math.round(graceMs / 1000)} s later, so whether the change was completed is not known.`;
}

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
  /** The user answered the question (a Stop while asking is no answer of theirs). */
  let answered = false;
  const allowed = await ctx.gate.decide(tool, input, ctx.conversationId, async () => {
    // Stopped while the preview opened: nothing is asked.
    if (ctx.signal.aborted) return 'deny';
    ctx.update({ ...wire, status: 'awaitingApproval' });
    const reply = await ctx.ask({ ...wire, status: 'awaitingApproval' });
    answered = !ctx.signal.aborted;
    if (typeof reply === 'string') return reply;
    edited = reply.edited;
    return reply.decision;
  });
  if (!allowed && answered) return finish('denied', 'The user denied this call. Do not retry it unless the user asks; continue without it or explain what you need.', true);
  // The question is withdrawn (the step leaves its waiting state); the call never runs.
  if (ctx.signal.aborted) return finish('cancelled', allowed ? NOT_RUN_STOPPED : NOT_RUN_STOPPED_ASKING, true);
  if (!allowed) return finish('denied', 'The user denied this call. Do not retry it unless the user asks; continue without it or explain what you need.', true);
  // What runs is what the user approved: their edit of the editable field, if they made one.
  const change = userEdit(tool, input, edited);
  if (change) {
    input = { ...(input as Record<string, unknown>), [change.field]: change.ran };
    wire = { ...wire, label: safeLabel(tool, input) };
  }
  ctx.update({ ...wire, status: 'running' });
  const guard = actGuard(ctx.signal);
  const settled = await settleOrStop(
    () => tool.invoke(input, { signal: ctx.signal, conversationId: ctx.conversationId, maxResultBytes: ctx.maxResultBytes, act: (c) => guard.act(c), ...(ctx.checkpoint ? { checkpoint: ctx.checkpoint } : {}) }),
    ctx.signal,
    guard,
    ctx.actingGraceMs ?? ACTING_GRACE_MS,
  );
  if (settled.kind === 'stopped') return finish('cancelled', isActingKind(tool.kind) ? STOPPED_BEFORE_CHANGE : STOPPED_RUNNING, true);
  if (settled.kind === 'unsettled') return finish('cancelled', stillRunning(settled.graceMs), true);
  if (settled.kind === 'threw') return finish('failed', `${tool.name} failed: ${settled.error instanceof Error ? settled.error.message : String(settled.error)}`, true);
  const outcome = settled.outcome;
  // Stopped while a change it had begun was completing: what it did is reported, and the turn's summary and Restore count it.
  const stoppedNote = settled.stoppedWhileActing ? `\n\n${STOPPED_AFTER_CHANGE}` : '';
  const text = String(outcome.text ?? '');
  const capped = capResult(change ? `${editNote(change)}\n\n${text}` : text, ctx.maxResultBytes - Buffer.byteLength(stoppedNote, 'utf8'));
  // A tool that cut its own result to the cap says so in `truncated`; the block shows it either way.
  return finish(outcome.isError ? 'failed' : 'done', capped.text + stoppedNote, !!outcome.isError, capped.truncated || outcome.truncated === true);
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

type Settled =
  | { kind: 'finished'; outcome: ToolOutcome; stoppedWhileActing: boolean }
  | { kind: 'threw'; error: unknown }
  /** Stopped before the tool began any change: it cannot begin one now (its guard refuses). */
  | { kind: 'stopped' }
  /** Stopped after the tool began a change, and it had not finished `graceMs` later. */
  | { kind: 'unsettled'; graceMs: number };

/**
 * Runs the tool to its end, or until Stop. A tool that changed nothing yet is left at once (a tool
 * that ignores its signal cannot hold the turn, and its guard refuses any later change); one that
 * began a change is waited for, up to `graceMs`, so its result says what it did and the turn's
 * checkpoint holds the change before the turn ends.
 */
async function settleOrStop(invoke: () => Promise<ToolOutcome>, signal: AbortSignal, guard: ActGuard, graceMs: number): Promise<Settled> {
  let work: Promise<Settled>;
  try {
    work = invoke().then(
      (outcome): Settled => ({ kind: 'finished', outcome, stoppedWhileActing: false }),
      (error: unknown): Settled => ({ kind: 'threw', error }),
    );
  } catch (error) {
    work = Promise.resolve({ kind: 'threw', error });
  }
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<'stop'>((resolve) => {
    onAbort = () => resolve('stop');
    if (signal.aborted) resolve('stop');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([work, stopped]);
    if (first !== 'stop') return first;
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
  if (!guard.acted) return { kind: 'stopped' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, graceMs, 'late')));
  try {
    const r = await Promise.race([work, late]);
    if (r === 'late') return { kind: 'unsettled', graceMs };
    return r.kind === 'finished' ? { ...r, stoppedWhileActing: true } : r;
  } finally {
    clearTimeout(timer);
  }
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
