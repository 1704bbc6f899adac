// Whether a tool call may run: the policy of its kind (from settings), and what the user already
// allowed in this chat. Kept per chat surface; a chat's memory lasts while its panel does (a
// reload asks again, which is the safe way to forget).
import { defaultPolicy, type AgentTool, type ApprovalDecision, type ApprovalPolicy, type ToolKind } from './agentTool';

/** Shows what a call would do before the user answers, and the answer; resolves `deny` when the turn stops. */
export type AskApproval = () => Promise<ApprovalDecision>;

export class ApprovalGate {
  /** Per conversation: the tools the user allowed for the rest of the chat (or allowed once under `askOncePerChat`). */
  private readonly allowed = new Map<string, Set<string>>();

  constructor(private readonly policyOf: (kind: ToolKind) => ApprovalPolicy = defaultPolicy) {}

  /** True when the call runs without asking. */
  runsWithoutAsking(tool: Pick<AgentTool, 'name' | 'kind'>, conversationId: string): boolean {
    const policy = this.policyOf(tool.kind);
    if (policy === 'allow') return true;
    return this.allowed.get(conversationId)?.has(tool.name) ?? false;
  }

  /**
   * Decides a call: runs it when the policy or an earlier answer allows it, else asks (previewing
   * what it would do when the tool can show that) and remembers the answer as the policy says.
   * True when the call may run.
   */
  async decide(tool: AgentTool, input: unknown, conversationId: string, ask: AskApproval): Promise<boolean> {
    if (this.runsWithoutAsking(tool, conversationId)) return true;
    // A preview that fails must not stop the question: the user still decides, on the label alone.
    const preview = await tool.preview?.(input).catch(() => undefined);
    let decision: ApprovalDecision;
    try {
      decision = await ask();
    } finally {
      try {
        preview?.dispose();
      } catch {
        // Closing a preview that is already gone is not a failure of the call.
      }
    }
    if (decision === 'deny') return false;
    // "Allow for this chat", or the one question an `askOncePerChat` kind asks per chat.
    if (decision === 'chat' || this.policyOf(tool.kind) === 'askOncePerChat') this.remember(conversationId, tool.name);
    return true;
  }

  /** Forgets what was allowed in a chat (the chat was deleted or replaced). */
  forget(conversationId: string): void {
    this.allowed.delete(conversationId);
  }

  private remember(conversationId: string, toolName: string): void {
    let set = this.allowed.get(conversationId);
    if (!set) this.allowed.set(conversationId, (set = new Set()));
    set.add(toolName);
  }
}
