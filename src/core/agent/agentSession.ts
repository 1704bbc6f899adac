// What a chat surface needs to run agent replies: where the tools come from, the approval gate
// with its per-chat memory, the answers the webview sends, the limits from settings, and the
// checkpoints of its latest turns. One per chat surface, so "Allow for this chat" lasts as long as
// the chat view or tab does.
import type { ModelOption, WireToolCall } from '../../shared/protocol';
import { errorAction } from '../bedrock/errors/classifiedError';
import type { WireError } from '../../shared/protocol';
import type { ApprovalDecision, ApprovalPolicy, ToolKind } from './agentTool';
import type { AgentLimits, ToolProvider } from './agentLoop';
import { ApprovalGate } from './approvalGate';
import { PendingApprovals, type ApprovalReply } from './pendingApprovals';
import { TurnCheckpoints } from './turnCheckpoint';

export interface AgentSettings {
  policy(kind: ToolKind): ApprovalPolicy;
  limits(): AgentLimits;
}

export class AgentSession {
  readonly gate: ApprovalGate;
  readonly approvals = new PendingApprovals();
  /** What this surface's latest agent turns changed, for Restore. */
  readonly checkpoints = new TurnCheckpoints();

  constructor(
    readonly provider: ToolProvider,
    readonly settings: AgentSettings,
  ) {
    // The policy is read at each call, so a settings change applies to the next call at once.
    this.gate = new ApprovalGate((kind) => settings.policy(kind));
  }

  /** Waits for the answer to `call` of reply `requestId`; `deny` when the reply stops first. */
  ask(requestId: string, call: WireToolCall, signal: AbortSignal): Promise<ApprovalReply> {
    return this.approvals.wait(requestId, call.id, signal);
  }

  /** The user's answer from the webview (with the edited command, if any); false when nothing waits for it. */
  answer(requestId: string, toolId: string, decision: ApprovalDecision, edited?: string): boolean {
    return this.approvals.answer(requestId, toolId, decision, edited);
  }
}

/** Why agent mode cannot run with this model, or undefined when it can. */
export function agentRefusal(model: Pick<ModelOption, 'label' | 'tools' | 'image'> | undefined, modelId: string): WireError | undefined {
  if (model?.image) return { kind: 'validation', message: `Agent mode is for chat models; ${model.label} makes images. Turn agent mode off for image turns, or pick a chat model.`, action: errorAction('none') };
  if (model && !model.tools) {
    return {
      kind: 'validation',
      message: `Agent mode is not available with ${model.label || modelId}: the model does not take tools. Pick a model that does (Claude, Nova, Llama 3.1 and later, Mistral Large, gpt-oss, …), or turn agent mode off to chat with this one.`,
      action: errorAction('none'),
    };
  }
  return undefined;
}
