// One shape for the built-in tools: the input is read into an object first, a malformed input or a
// refusal comes back to the model as an error result it can correct, and an unexpected failure is
// reported as one too (never thrown into the loop).
import type { AgentTool, ToolInvocationContext, ToolKind, ToolOutcome } from './agentTool';
import { isStoppedBeforeActing } from './actGuard';
import { inputObject, ToolInputError } from './toolText';

/** A refusal the model should read as is (outside the workspace, a credentials file, nothing found). */
export class ToolRefusal extends Error {}

export interface BuiltinToolSpec {
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  inputSchema: Record<string, unknown>;
  /** The one-line label; gets the input as an object ({} when it is not one). */
  describe(input: Record<string, unknown>): string;
  run(input: Record<string, unknown>, context: ToolInvocationContext): Promise<ToolOutcome | string>;
  preview?(input: Record<string, unknown>): Promise<{ dispose(): void } | undefined>;
  /** See `AgentTool.editableField`. */
  editableField?: string;
}

export function defineTool(spec: BuiltinToolSpec): AgentTool {
  const tool: AgentTool = {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    kind: spec.kind,
    source: 'builtin',
    inputSchema: spec.inputSchema,
    ...(spec.editableField ? { editableField: spec.editableField } : {}),
    describe: (input) => {
      try {
        return spec.describe(looseObject(input));
      } catch {
        return spec.title;
      }
    },
    invoke: async (input, context) => {
      try {
        const outcome = await spec.run(inputObject(input), context);
        return typeof outcome === 'string' ? { text: outcome } : outcome;
      } catch (e) {
        if (e instanceof ToolInputError) return { text: `${spec.name}: ${e.message}`, isError: true };
        if (e instanceof ToolRefusal || isStoppedBeforeActing(e)) return { text: e.message, isError: true };
        if (context.signal.aborted) return { text: `${spec.name} was cancelled.`, isError: true };
        return { text: `${spec.name} failed: ${e instanceof Error ? e.message : String(e)}`, isError: true };
      }
    },
  };
  const preview = spec.preview;
  if (preview) {
    tool.preview = async (input) => {
      try {
        return await preview(inputObject(input));
      } catch {
        // The approval still shows the label; the user can deny what they cannot see.
        return undefined;
      }
    };
  }
  return tool;
}

function looseObject(input: unknown): Record<string, unknown> {
  try {
    return inputObject(input);
  } catch {
    return {};
  }
}

/** `text` shortened to `max` characters on one line, for labels. */
export function oneLine(text: unknown, max = 80): string {
  const s = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
