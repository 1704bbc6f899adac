// The agent's tools in a voice session: only the reading ones. A voice turn has no pause in which
// to review a proposed edit or command (the model is speaking, the user may be too), so tools that
// change files or run things are never offered there; the text chat's agent mode has them. Each call
// goes through the same path as the agent's: the tool lookup, argument checks, the approval gate
// (a reading tool set to `ask` still asks, in the voice turn's step), the tool itself, and the
// result cap. The call shows as the agent's collapsible step and is kept in the reply's history.
import type { WireToolCall } from '../../shared/protocol';
import { toolArguments, toolResultContent, type VoiceToolbox } from '../bedrock/speech/sonicTools';
import type { ApprovalGate } from './approvalGate';
import { declareTools } from './agentLoop';
import type { AgentTool } from './agentTool';
import type { ApprovalReply } from './pendingApprovals';
import { requestedWire, runToolCall } from './toolCall';

export interface VoiceToolsOptions {
  /** The agent's tools for this chat (enabled, allowed in this workspace); acting ones are left out here. */
  tools: readonly AgentTool[];
  modelId: string;
  gate: ApprovalGate;
  ask(call: WireToolCall): Promise<ApprovalReply>;
  conversationId: string;
  maxResultBytes: number;
  clock(): number;
  /** Posts the call as it stands now (the step block). */
  update(call: WireToolCall): void;
}

export interface VoiceTools {
  toolbox: VoiceToolbox;
  /** Every call so far, as last shown: the reply keeps them as its step. */
  calls(): WireToolCall[];
}

/** The reading tools of `o.tools`, declared as Nova takes them, run as the agent runs them. */
export function voiceTools(o: VoiceToolsOptions): VoiceTools {
  const { specs, byName } = declareTools(
    o.tools.filter((t) => t.kind === 'read'),
    o.modelId,
  );
  const calls = new Map<string, WireToolCall>();
  const update = (call: WireToolCall) => {
    calls.set(call.id, call);
    o.update(call);
  };
  return {
    calls: () => [...calls.values()],
    toolbox: {
      specs,
      async run(use, signal) {
        const call = { id: use.toolUseId, name: use.toolName, input: toolArguments(use.content) };
        const wire = requestedWire(call, 0, byName);
        update(wire);
        const finished = await runToolCall(call, wire, {
          tools: byName,
          gate: o.gate,
          ask: (c) => o.ask(c),
          update,
          conversationId: o.conversationId,
          signal,
          maxResultBytes: o.maxResultBytes,
          clock: o.clock,
        });
        return toolResultContent(finished.result.content, !!finished.result.isError);
      },
    },
  };
}
