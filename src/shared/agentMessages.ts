// The agent-mode messages (webview → host): answering an approval, and opening the tool picker.
// Part of the protocol; protocol.ts re-exports them and lists them in its unions. Also the field
// rules the host's gate uses for them, and the tool-call statuses stored turns may hold.
import type { ApprovalDecision } from '../core/agent/agentTool';
import type { WireToolStatus } from './wireValues';
import type { FieldRule } from './protocolValidation';

// Restoring a turn's file changes is agent mode too: its messages are in their own file.
export type { AgentRestoredMessage, AgentRestoreMessage, RestoreOutcome, SkippedFile } from './checkpointMessages';

/**
 * The user answered the approval of tool call `toolId` in the reply `requestId`: `once` runs this
 * call, `chat` runs it and every later call of its kind in this chat, `deny` refuses it (the model
 * is told). The host answers with the next `chat/tool` for that id; a second answer is ignored.
 */
export interface AgentApproveMessage {
  method: 'agent/approve';
  /** The reply stream the call belongs to. */
  requestId: string;
  /** The call's id, as `chat/tool` gave it. */
  toolId: string;
  decision: ApprovalDecision;
  /**
   * The call's editable field (a terminal command) as the user changed it before allowing it;
   * sent only when changed. The call runs with it, and the model is told it was edited.
   */
  edited?: string;
}

/** Open the tool picker (the host runs its command; what the user switches off applies to the next turn). */
export interface AgentPickToolsMessage {
  method: 'agent/pickTools';
}

/** Every status a tool call can have, in the order a call usually passes through them. */
export const WIRE_TOOL_STATUSES = ['requested', 'awaitingApproval', 'running', 'done', 'failed', 'denied', 'cancelled'] as const satisfies readonly WireToolStatus[];
// Compile-time check that the list names every status.
type MissingStatus = Exclude<WireToolStatus, (typeof WIRE_TOOL_STATUSES)[number]>;
const everyStatusListed: MissingStatus extends never ? true : never = true;
void everyStatusListed;

const DECISIONS: readonly ApprovalDecision[] = ['once', 'chat', 'deny'];

export const approvalDecisionRule: FieldRule<ApprovalDecision> = (v) =>
  typeof v === 'string' && (DECISIONS as readonly string[]).includes(v) ? { value: v as ApprovalDecision } : { problem: 'decision is not once, chat or deny' };

/** Longest edited value taken (a command line, so far more than enough). */
export const MAX_EDITED_CHARS = 10_000;

export const editedValueRule: FieldRule<string> = (v) =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_EDITED_CHARS ? { value: v } : { problem: `edited is not a non-empty text of at most ${MAX_EDITED_CHARS.toLocaleString('en-US')} characters` };

/** The `agent` flag of `chat/send`. */
export const agentFlagRule: FieldRule<boolean> = (v) => (typeof v === 'boolean' ? { value: v } : { problem: 'agent is not true or false' });
