// VS Code's language-model messages, as plain data, mapped to the one chat request every adapter
// takes. The VS Code side turns its part classes into these shapes; everything here is checked,
// since any extension can send anything.
import { CHAT_APIS, type ApiId } from '../bedrock/catalog/apiId';
import type { ChatMessage, ChatRequest, ContentPart, ImageFormat, ToolChoice, ToolSpec } from '../bedrock/adapters/chatRequest';

/** VS Code's message roles: User = 1, Assistant = 2; System = 3 is sent by hosts that have it (not in the stable API). */
export const LM_ROLE = { user: 1, assistant: 2, system: 3 } as const;

export type LmPart =
  | { kind: 'text'; value: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; content: LmPart[]; isError?: boolean }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  /** A part this mapping does not know (a newer VS Code's part class, prompt-tsx data): its JSON, for tool results. */
  | { kind: 'other'; json: string };

export interface LmMessage {
  role: number;
  content: LmPart[];
}

export interface LmTool {
  name: string;
  description: string;
  inputSchema?: object;
}

/** VS Code's tool modes: Auto = 1, Required = 2. */
export const LM_TOOL_MODE = { auto: 1, required: 2 } as const;

export interface LmRequestOptions {
  tools?: readonly LmTool[];
  toolMode?: number;
  modelOptions?: { readonly [name: string]: unknown };
}

export interface LmChatRequest {
  request: ChatRequest;
  /** An API the caller pinned through `modelOptions.api`. */
  api?: ApiId;
  /** Characters of prompt text sent, for calibrating the token estimate against the reported usage. */
  promptChars: number;
}

/** A caller's input was unusable; the message names the field, the value and what would work. */
export class LmRequestError extends Error {
  override readonly name = 'LmRequestError';
}

const IMAGE_FORMATS: Record<string, ImageFormat> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };
const TEXT_MIME = /^(text\/|application\/(json|xml|x-yaml|yaml)\b)|\+json$/;

export function imageFormatOf(mimeType: string): ImageFormat | undefined {
  return IMAGE_FORMATS[mimeType.toLowerCase().split(';')[0].trim()];
}

const decoder = new TextDecoder();

/** A tool result's content as the one text every API takes; an image inside is named, not sent. */
export function toolResultText(parts: readonly LmPart[]): string {
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'text':
          return p.value;
        case 'data':
          if (TEXT_MIME.test(p.mimeType)) return decoder.decode(p.data);
          return `[${p.mimeType} data, ${p.data.byteLength} bytes, not sent]`;
        case 'toolCall':
          return JSON.stringify({ tool: p.name, input: p.input });
        case 'toolResult':
          return toolResultText(p.content);
        case 'other':
          return p.json;
      }
    })
    .join('');
}

function contentOf(parts: readonly LmPart[], role: 'user' | 'assistant'): ContentPart[] {
  const out: ContentPart[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        // Every API refuses blank text blocks; VS Code hosts send them between tool parts.
        if (p.value.trim()) out.push({ type: 'text', text: p.value });
        break;
      case 'toolCall':
        if (role === 'assistant') out.push({ type: 'toolUse', id: p.callId, name: p.name, input: isObject(p.input) ? p.input : {} });
        break;
      case 'toolResult':
        out.push({ type: 'toolResult', toolUseId: p.callId, content: toolResultText(p.content) || '(no output)', isError: p.isError || undefined });
        break;
      case 'data': {
        const format = imageFormatOf(p.mimeType);
        if (format && role === 'user') out.push({ type: 'image', format, data: p.data });
        else if (TEXT_MIME.test(p.mimeType)) {
          const text = decoder.decode(p.data);
          if (text.trim()) out.push({ type: 'text', text });
        }
        // Other data (cache hints and the like) is metadata for other providers: nothing to send.
        break;
      }
      case 'other':
        break;
    }
  }
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Tool results go first in their turn (every API wants them right after the call), adjacent turns
 * of one role are merged (Converse and Messages require alternation), and a conversation that
 * starts with the assistant gets a placeholder user turn (they require the user to speak first).
 */
export function toChatMessages(messages: readonly LmMessage[]): { system?: string; messages: ChatMessage[] } {
  const system: string[] = [];
  const out: ChatMessage[] = [];
  for (const m of messages) {
    if (m.role === LM_ROLE.system) {
      const text = toolResultText(m.content).trim();
      if (text) system.push(text);
      continue;
    }
    const role = m.role === LM_ROLE.assistant ? 'assistant' : 'user';
    const content = contentOf(m.content, role);
    if (!content.length) continue;
    const last = out[out.length - 1];
    if (last?.role === role) last.content.push(...content);
    else out.push({ role, content });
  }
  for (const m of out) {
    if (m.role === 'user') m.content.sort((a, b) => Number(b.type === 'toolResult') - Number(a.type === 'toolResult'));
  }
  if (out[0]?.role === 'assistant') out.unshift({ role: 'user', content: [{ type: 'text', text: '(continuing the conversation)' }] });
  return { system: system.length ? system.join('\n\n') : undefined, messages: out };
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function toToolSpecs(tools: readonly LmTool[] | undefined): ToolSpec[] | undefined {
  if (!tools?.length) return undefined;
  return tools.map((t) => {
    if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) {
      throw new LmRequestError(`Tool name ${JSON.stringify(t.name)} is not accepted by Bedrock: use 1-64 letters, digits, '_' or '-'.`);
    }
    const schema = isObject(t.inputSchema) ? t.inputSchema : {};
    // Every API wants an object schema; a tool without one takes no input.
    const inputSchema = schema.type === 'object' ? schema : { properties: {}, ...schema, type: 'object' };
    return { name: t.name, description: typeof t.description === 'string' && t.description ? t.description : t.name, inputSchema };
  });
}

export function toToolChoice(toolMode: number | undefined, tools: ToolSpec[] | undefined): ToolChoice | undefined {
  if (!tools?.length) return undefined;
  if (toolMode !== LM_TOOL_MODE.required) return 'auto';
  return tools.length === 1 ? { name: tools[0].name } : 'any';
}

function numberOption(options: { readonly [name: string]: unknown }, names: string[], min: number, max: number): number | undefined {
  for (const name of names) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new LmRequestError(`modelOptions.${name} must be a number from ${min} to ${max}; got ${JSON.stringify(v)}.`);
    }
    return v;
  }
  return undefined;
}

/** The API a caller pinned (`modelOptions.api`): one of the chat APIs, or nothing. */
export function pinnedApi(options: { readonly [name: string]: unknown } | undefined): ApiId | undefined {
  const v = options?.api;
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !CHAT_APIS.includes(v as ApiId)) {
    throw new LmRequestError(`modelOptions.api must be one of ${CHAT_APIS.join(', ')}; got ${JSON.stringify(v)}.`);
  }
  return v as ApiId;
}

export function promptChars(req: Pick<ChatRequest, 'system' | 'messages'>): number {
  let n = req.system?.length ?? 0;
  for (const m of req.messages) {
    for (const p of m.content) {
      if (p.type === 'text') n += p.text.length;
      else if (p.type === 'toolResult') n += p.content.length;
      else if (p.type === 'toolUse') n += JSON.stringify(p.input).length + p.name.length;
    }
  }
  return n;
}

export function toChatRequest(modelId: string, messages: readonly LmMessage[], options: LmRequestOptions): LmChatRequest {
  const { system, messages: chat } = toChatMessages(messages);
  if (!chat.length) throw new LmRequestError('The request has no message with content to send: add a user message with text.');
  const tools = toToolSpecs(options.tools);
  const mo = options.modelOptions ?? {};
  const request: ChatRequest = { modelId, task: 'chat', messages: chat, stream: true };
  if (system) request.system = system;
  if (tools) {
    request.tools = tools;
    request.toolChoice = toToolChoice(options.toolMode, tools);
  }
  const maxTokens = numberOption(mo, ['maxTokens', 'max_tokens'], 1, 1_000_000);
  if (maxTokens !== undefined) request.maxTokens = Math.floor(maxTokens);
  const temperature = numberOption(mo, ['temperature'], 0, 2);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = numberOption(mo, ['topP', 'top_p'], 0, 1);
  if (topP !== undefined) request.topP = topP;
  const stop = mo.stop ?? mo.stopSequences;
  if (stop !== undefined) {
    if (!Array.isArray(stop) || !stop.every((s) => typeof s === 'string') || stop.length > 8) {
      throw new LmRequestError(`modelOptions.stop must be a list of up to 8 strings; got ${JSON.stringify(stop).slice(0, 200)}.`);
    }
    if (stop.length) request.stopSequences = stop as string[];
  }
  return { request, api: pinnedApi(mo), promptChars: promptChars(request) };
}
