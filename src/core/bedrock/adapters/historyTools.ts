// Bedrock refuses a history that carries tool blocks unless the request declares tools ("The
// toolConfig field must be defined when using toolUse and toolResult content blocks."; Anthropic:
// "Requests which include `tool_use` or `tool_result` blocks must define tools."). A reply without
// tools after an agent reply (agent mode switched off, every tool disabled) still sends that
// history, so the tools it used are declared again, as placeholders.
import type { ChatRequest, ToolChoice, ToolSpec } from './chatRequest';

/** The tools a request declares: its own, or the ones its history used when it has none. */
export function declaredTools(req: ChatRequest): { tools: ToolSpec[]; choice?: ToolChoice } | undefined {
  if (req.tools?.length) return { tools: req.tools, choice: req.toolChoice };
  const names = new Set<string>();
  let carriesResults = false;
  for (const m of req.messages) {
    for (const p of m.content) {
      if (p.type === 'toolUse' && p.name) names.add(p.name);
      if (p.type === 'toolResult') carriesResults = true;
    }
  }
  if (!names.size && !carriesResults) return undefined;
  if (!names.size) names.add('unavailable_tool');
  return {
    tools: [...names].map((name) => ({ name, description: 'Used earlier in this conversation; not available in this reply. Do not call it.', inputSchema: { type: 'object', properties: {} } })),
  };
}
