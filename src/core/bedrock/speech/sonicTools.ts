// Tool use in a Nova Sonic session, as events. promptStart declares the tools (each schema as a JSON
// string); the model asks for one in a TOOL block (contentStart, toolUse with the arguments as a
// JSON string, contentEnd with stopReason TOOL_USE) and waits; the client answers with its own TOOL
// block (contentStart naming the toolUseId, toolResult with the result as a JSON string,
// contentEnd), and the model goes on speaking. No vscode here.
import { randomUUID } from 'node:crypto';

/** A tool as the session declares it: the schema already normalized for Nova. */
export interface VoiceToolSpec {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

/** What the model asked for: the arguments as the JSON text it sent (possibly not JSON at all). */
export interface VoiceToolUse {
  toolUseId: string;
  toolName: string;
  content: string;
}

/** The tools a session may call, and how a call is answered. */
export interface VoiceToolbox {
  specs: readonly VoiceToolSpec[];
  /** Runs the call and resolves with the result as a JSON string; never rejects (a failure is an error result). */
  run(use: VoiceToolUse, signal: AbortSignal): Promise<string>;
}

type SonicEvent = Record<string, Record<string, unknown>>;

/** The members promptStart carries when the session has tools. */
export function toolPromptFields(specs: readonly VoiceToolSpec[]): Record<string, unknown> {
  if (!specs.length) return {};
  return {
    toolUseOutputConfiguration: { mediaType: 'application/json' },
    toolConfiguration: {
      tools: specs.map((s) => ({ toolSpec: { name: s.name, description: s.description || s.name, inputSchema: { json: JSON.stringify(s.inputSchema) } } })),
    },
  };
}

/** The client's answer to one toolUse: its own TOOL block. */
export function toolResultEvents(promptName: string, toolUseId: string, content: string): SonicEvent[] {
  const contentName = randomUUID();
  return [
    {
      contentStart: {
        promptName,
        contentName,
        type: 'TOOL',
        interactive: false,
        role: 'TOOL',
        toolResultInputConfiguration: { toolUseId, type: 'TEXT', textInputConfiguration: { mediaType: 'text/plain' } },
      },
    },
    { toolResult: { promptName, contentName, content } },
    { contentEnd: { promptName, contentName } },
  ];
}

/** The call in a `toolUse` event, or undefined when it names no tool or no id (nothing could answer it). */
export function parseToolUse(body: Record<string, unknown>): VoiceToolUse | undefined {
  const toolName = typeof body.toolName === 'string' ? body.toolName : '';
  const toolUseId = typeof body.toolUseId === 'string' ? body.toolUseId : '';
  if (!toolName || !toolUseId) return undefined;
  return { toolName, toolUseId, content: typeof body.content === 'string' ? body.content : JSON.stringify(body.content ?? {}) };
}

/** The arguments as an object, or the text itself when it is not a JSON object (the tool call reports that). */
export function toolArguments(content: string): unknown {
  if (!content.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(content);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : content;
  } catch {
    return content;
  }
}

/** A tool's answer as the JSON string the toolResult carries. */
export function toolResultContent(text: string, isError: boolean): string {
  return JSON.stringify(isError ? { error: text } : { result: text });
}
