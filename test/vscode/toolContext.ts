// The context a tool gets when a test invokes it directly, as the agent loop would give it: its
// `act` refuses once `signal` has aborted, as the loop's does.
import { actGuard } from '../../src/core/agent/actGuard';
import type { ToolInvocationContext } from '../../src/core/agent/agentTool';

export function toolContext(over: Partial<ToolInvocationContext> = {}): ToolInvocationContext {
  const signal = over.signal ?? new AbortController().signal;
  const guard = actGuard(signal);
  return { conversationId: 'chat-test', maxResultBytes: 50_000, act: (change) => guard.act(change), ...over, signal };
}
