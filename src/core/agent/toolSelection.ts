// Which tools the agent is offered: everything the user has not switched off in the tool picker,
// minus the acting ones while the workspace is untrusted (Restricted Mode). Decided on every turn,
// so granting trust or changing the picker applies to the next turn without a reload.
import { isActingKind, type AgentTool } from './agentTool';

export interface ToolAvailability {
  /** `vscode.workspace.isTrusted` now. */
  readonly trusted: boolean;
  /** Names the user switched off (`bedrock.agent.disabledTools`). */
  readonly disabled: readonly string[];
}

export function selectAgentTools(all: readonly AgentTool[], availability: ToolAvailability): AgentTool[] {
  const off = new Set(availability.disabled);
  const seen = new Set<string>();
  const out: AgentTool[] = [];
  for (const tool of all) {
    // Two providers with one name would make the model's call ambiguous: the first (built-in) wins.
    if (seen.has(tool.name) || off.has(tool.name)) continue;
    if (!availability.trusted && isActingKind(tool.kind)) continue;
    seen.add(tool.name);
    out.push(tool);
  }
  return out;
}

/** The disabled list after the picker: names unticked now, plus disabled names the picker did not show (kept). */
export function nextDisabledList(previous: readonly string[], shown: readonly string[], ticked: readonly string[]): string[] {
  const shownSet = new Set(shown);
  const tickedSet = new Set(ticked);
  const keep = previous.filter((n) => !shownSet.has(n));
  const off = shown.filter((n) => !tickedSet.has(n));
  return [...new Set([...keep, ...off])].sort();
}
