// Tool use in the emulator's Nova Sonic: the tools promptStart declares (checked as Bedrock checks
// them: the output configuration, each schema a JSON string), the call a user's words ask for (a
// declared tool named in them, or `tool:<name>` to call any name, a missing tool included; a JSON
// object in the words is the arguments), and the client's answer, checked event by event: a TOOL
// contentStart naming a toolUseId the model sent, with its configuration; a toolResult whose
// content is a JSON string; the contentEnd that closes it.

export interface DeclaredTool {
  name: string;
  schema: Record<string, unknown>;
}

export interface PlannedSonicCall {
  toolName: string;
  content: string;
}

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The tools of a promptStart, or the ValidationException message for a malformed declaration. */
export function declaredTools(promptStart: Body): DeclaredTool[] | string {
  const config = promptStart.toolConfiguration;
  if (config === undefined) return [];
  const mediaType = isObject(promptStart.toolUseOutputConfiguration) ? promptStart.toolUseOutputConfiguration.mediaType : undefined;
  if (mediaType !== 'application/json') return 'toolUseOutputConfiguration.mediaType must be application/json when toolConfiguration is set.';
  if (!isObject(config) || !Array.isArray(config.tools)) return 'toolConfiguration.tools must be a list.';
  const out: DeclaredTool[] = [];
  for (const [i, entry] of config.tools.entries()) {
    const spec = isObject(entry) && isObject(entry.toolSpec) ? entry.toolSpec : undefined;
    if (!spec || typeof spec.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(spec.name)) return `toolConfiguration.tools[${i}].toolSpec.name is missing or invalid.`;
    const json = isObject(spec.inputSchema) ? spec.inputSchema.json : undefined;
    if (typeof json !== 'string') return `toolConfiguration.tools[${i}].toolSpec.inputSchema.json must be the schema as a string.`;
    let schema: unknown;
    try {
      schema = JSON.parse(json);
    } catch {
      return `toolConfiguration.tools[${i}].toolSpec.inputSchema.json is not valid JSON.`;
    }
    if (!isObject(schema) || schema.type !== 'object') return `toolConfiguration.tools[${i}].toolSpec.inputSchema.json must be an object schema.`;
    out.push({ name: spec.name, schema });
  }
  return out;
}

/** The call the user's words ask for, or undefined when they name no tool. */
export function plannedCall(words: string, tools: readonly DeclaredTool[]): PlannedSonicCall | undefined {
  if (!tools.length) return undefined;
  const forced = /\btool:([A-Za-z0-9_-]+)/.exec(words)?.[1];
  const toolName = forced ?? tools.find((t) => words.includes(t.name))?.name;
  if (!toolName) return undefined;
  const json = /\{[\s\S]*\}/.exec(words)?.[0];
  return { toolName, content: json ?? '{}' };
}

/** What a tool result says, for the reply to quote: its `result` or `error` text, else the JSON itself. */
export function quotedResult(content: string): string {
  const parsed = JSON.parse(content) as unknown;
  const text = isObject(parsed) && typeof parsed.result === 'string' ? parsed.result : isObject(parsed) && typeof parsed.error === 'string' ? `error: ${parsed.error}` : content;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The client's TOOL blocks, checked as they arrive; `done` carries the result once its block closes. */
export class ToolResultReader {
  private open: { contentName: string; toolUseId: string; content?: string } | undefined;

  constructor(private readonly pending: Set<string>) {}

  /** Whether the event belongs to a tool result (a TOOL contentStart, or inside one). */
  claims(name: string, body: Body): boolean {
    if (name === 'contentStart') return body.type === 'TOOL';
    return !!this.open && (name === 'toolResult' || name === 'contentEnd') && body.contentName === this.open.contentName;
  }

  /** A problem (the ValidationException message), a finished result, or nothing yet. */
  read(name: string, body: Body): { problem: string } | { done: { toolUseId: string; content: string } } | undefined {
    if (name === 'contentStart') {
      const cfg = isObject(body.toolResultInputConfiguration) ? body.toolResultInputConfiguration : undefined;
      const text = cfg && isObject(cfg.textInputConfiguration) ? cfg.textInputConfiguration : undefined;
      if (body.role !== 'TOOL' || body.interactive !== false) return { problem: 'A TOOL contentStart needs role TOOL and interactive false.' };
      if (!cfg || typeof cfg.toolUseId !== 'string') return { problem: 'A TOOL contentStart needs toolResultInputConfiguration.toolUseId.' };
      if (!this.pending.has(cfg.toolUseId)) return { problem: `toolUseId ${cfg.toolUseId} does not match a tool use of this session.` };
      if (cfg.type !== 'TEXT' || text?.mediaType !== 'text/plain') return { problem: 'toolResultInputConfiguration needs type TEXT and textInputConfiguration.mediaType text/plain.' };
      if (typeof body.contentName !== 'string') return { problem: 'A TOOL contentStart needs a contentName.' };
      this.open = { contentName: body.contentName, toolUseId: cfg.toolUseId };
      return undefined;
    }
    const open = this.open!;
    if (name === 'toolResult') {
      if (typeof body.content !== 'string') return { problem: 'toolResult.content must be a JSON string.' };
      try {
        JSON.parse(body.content);
      } catch {
        return { problem: 'toolResult.content is not valid JSON.' };
      }
      open.content = body.content;
      return undefined;
    }
    this.open = undefined;
    if (open.content === undefined) return { problem: `The tool result for ${open.toolUseId} ended without a toolResult.` };
    this.pending.delete(open.toolUseId);
    return { done: { toolUseId: open.toolUseId, content: open.content } };
  }
}
