// The tools other extensions and MCP servers register with VS Code (`vscode.lm.tools`), offered to
// our agent as kind `external` and run through `vscode.lm.invokeTool`. Outside a chat request VS
// Code runs a tool's own confirmation as a modal dialog, so a tool that asks still asks, after
// our approval. This extension's own language-model tools are left out: they exist so other
// agents can reach Bedrock (list models, count tokens, generate a billed image) and would only
// call back into this extension for what the chat already does itself. VS Code's own tools are
// left out too (see externalTools).
import * as vscode from 'vscode';
import { isStoppedBeforeActing } from '../../core/agent/actGuard';
import type { AgentTool, ToolOutcome } from '../../core/agent/agentTool';
import { oneLine } from '../../core/agent/defineTool';
import { capResult } from '../../core/agent/toolText';
import { tokenOf } from './workspaceExcludes';

/** The part of `vscode.lm` the adapter uses (the real one in the product). */
export interface LanguageModelTools {
  readonly tools: readonly vscode.LanguageModelToolInformation[];
  invokeTool(name: string, options: vscode.LanguageModelToolInvocationOptions<object>, token?: vscode.CancellationToken): Thenable<vscode.LanguageModelToolResult>;
}

/** Where a VS Code tool comes from, for the picker's groups. */
export interface ExternalToolInfo {
  readonly tool: AgentTool;
  /** "GitHub Pull Requests", "MCP: github". */
  readonly group: string;
}

const NAME_RULE = /^[A-Za-z0-9_-]{1,64}$/;

/** A name the strictest API accepts, kept recognisable. */
export function agentToolName(vscodeName: string): string {
  if (NAME_RULE.test(vscodeName)) return vscodeName;
  return vscodeName.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'tool';
}

/**
 * The VS Code tools our agent is offered: those an extension or an MCP server provides. VS Code's
 * own tools (no extension, no server: editing, terminals, todo lists, confirmations) are left out:
 * they serve VS Code's chat sessions and expect one, and the built-in tools cover their ground.
 */
export function externalTools(lm: LanguageModelTools, ownToolNames: ReadonlySet<string>): ExternalToolInfo[] {
  const declaredBy = toolDeclarers();
  return lm.tools.flatMap((info) => {
    const group = ownToolNames.has(info.name) ? undefined : groupOf(info, declaredBy);
    return group ? [{ tool: adapt(info, lm), group }] : [];
  });
}

function adapt(info: vscode.LanguageModelToolInformation, lm: LanguageModelTools): AgentTool {
  const schema = info.inputSchema && typeof info.inputSchema === 'object' ? (info.inputSchema as Record<string, unknown>) : { type: 'object', properties: {} };
  return {
    name: agentToolName(info.name),
    title: info.name,
    description: info.description || info.name,
    inputSchema: schema,
    kind: 'external',
    source: 'extension',
    describe: (input) => {
      const shown = input && typeof input === 'object' && Object.keys(input).length ? ` ${oneLine(JSON.stringify(input), 60)}` : '';
      return `${info.name}${shown}`;
    },
    invoke: async (input, context): Promise<ToolOutcome> => {
      const object = input && typeof input === 'object' && !Array.isArray(input) ? input : {};
      try {
        // Not started once the turn was stopped; once started, it is asked to cancel through the token.
        const result = await context.act(() => lm.invokeTool(info.name, { input: object, toolInvocationToken: undefined }, tokenOf(context.signal)));
        const text = resultText(result);
        return capResult(text || `${info.name} returned nothing.`, context.maxResultBytes, 'Ask the tool for less.');
      } catch (e) {
        if (isStoppedBeforeActing(e)) return { text: `${info.name} was not run: the turn was stopped.`, isError: true };
        if (e instanceof vscode.CancellationError || context.signal.aborted) return { text: `${info.name} was cancelled (stopped, or the user declined its confirmation).`, isError: true };
        return { text: `${info.name} failed: ${e instanceof Error ? e.message : String(e)}`, isError: true };
      }
    },
  };
}

/** A tool result's parts as text: text as is, data described (text-like data decoded). */
export function resultText(result: vscode.LanguageModelToolResult): string {
  const parts: string[] = [];
  for (const part of result.content) {
    if (part instanceof vscode.LanguageModelTextPart) parts.push(part.value);
    else if (part instanceof vscode.LanguageModelDataPart) {
      const textual = /^text\/|json|xml|yaml/.test(part.mimeType);
      parts.push(textual ? new TextDecoder().decode(part.data) : `[${part.mimeType}, ${part.data.byteLength} bytes, not shown]`);
    } else if (part instanceof vscode.LanguageModelPromptTsxPart) parts.push(JSON.stringify(part.value));
    else parts.push(JSON.stringify(part));
  }
  return parts.join('\n');
}

/** Tool name → the display name of the extension that declares it in its manifest. */
function toolDeclarers(): Map<string, string> {
  const out = new Map<string, string>();
  for (const ext of vscode.extensions.all) {
    const pkg = ext.packageJSON as { displayName?: unknown; name?: unknown; contributes?: { languageModelTools?: unknown } };
    const declared = pkg.contributes?.languageModelTools;
    if (!Array.isArray(declared)) continue;
    const label = typeof pkg.displayName === 'string' && pkg.displayName && !pkg.displayName.startsWith('%') ? pkg.displayName : ext.id;
    for (const t of declared) if (t && typeof (t as { name?: unknown }).name === 'string') out.set((t as { name: string }).name, label);
  }
  return out;
}

/** The picker group of a tool: its extension or MCP server; undefined for VS Code's own tools. */
function groupOf(info: vscode.LanguageModelToolInformation, declaredBy: Map<string, string>): string | undefined {
  // VS Code says where a tool comes from in `source` (not in the stable typings yet): an
  // extension ({ id, label }) or an MCP server ({ label, name }); VS Code's own tools have none.
  const source = (info as { source?: { label?: unknown; name?: unknown } }).source;
  const label = typeof source?.label === 'string' && source.label ? source.label : undefined;
  if (label && typeof source?.name === 'string') return `MCP: ${label}`;
  return declaredBy.get(info.name) ?? label;
}
