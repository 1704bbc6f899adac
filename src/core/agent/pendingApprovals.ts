// The approvals a chat is waiting for: the loop asks and waits; the user's answer (`agent/approve`
// from the webview) settles exactly one wait. Stop, cancel or a closed chat while waiting is a
// denial, so nothing the user did not allow ever runs.
import type { ApprovalAnswer, ApprovalDecision } from './agentTool';

/** A bare decision, or one with the value the user gave the call's editable field. */
export type ApprovalReply = ApprovalDecision | ApprovalAnswer;

interface Waiting {
  settle(reply: ApprovalReply): void;
}

export class PendingApprovals {
  private readonly waiting = new Map<string, Waiting>();

  /**
   * Waits for the user's answer to call `toolId` of reply `requestId`. Resolves `deny` when
   * `signal` aborts first (or already has). Never rejects.
   */
  wait(requestId: string, toolId: string, signal: AbortSignal): Promise<ApprovalReply> {
    const key = keyOf(requestId, toolId);
    // A second question for the same call replaces the first, which counts as refused.
    this.waiting.get(key)?.settle('deny');
    return new Promise<ApprovalReply>((resolve) => {
      const onAbort = () => entry.settle('deny');
      const entry: Waiting = {
        settle: (reply) => {
          if (this.waiting.get(key) === entry) this.waiting.delete(key);
          signal.removeEventListener('abort', onAbort);
          resolve(reply);
        },
      };
      if (signal.aborted) return resolve('deny');
      this.waiting.set(key, entry);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Settles the wait for that call, with the user's value for its editable field when they changed
   * it; false when nothing waits for it (already answered, stopped, or never asked).
   */
  answer(requestId: string, toolId: string, decision: ApprovalDecision, edited?: string): boolean {
    const entry = this.waiting.get(keyOf(requestId, toolId));
    if (!entry) return false;
    entry.settle(edited === undefined || decision === 'deny' ? decision : { decision, edited });
    return true;
  }

  /** How many answers are awaited (for tests and logs). */
  get size(): number {
    return this.waiting.size;
  }
}

function keyOf(requestId: string, toolId: string): string {
  return `${requestId}\u0000${toolId}`;
}
