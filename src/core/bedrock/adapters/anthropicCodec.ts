// Anthropic's Messages format, spoken by Claude on InvokeModel and by the Messages API (on
// bedrock-runtime and on mantle): one body builder and one reader of its responses and stream
// events (the SSE events of the Messages API have the same shapes as Claude's Invoke chunks).
import type { ChatEvent } from './chatEvent';
import type { ChatRequest, ContentPart } from './chatRequest';
import { parseJson } from './converseAdapter';
import { HttpStatusError } from '../errors/httpStatusError';
import { replayableHistory } from '../routing/requestShaping';
import { b64, DEFAULT_MAX, stop, text, type InvokeCodec } from './invoke/invokeCodec';
import { TEXT_DOCUMENT_FORMATS } from './mediaFormats';
import { anthropicEffort, anthropicThinking, thinkingDropsSampling } from './reasoningFields';
import type { WireJson } from '../wireJson';
import { declaredTools } from './historyTools';

/** The `anthropic-version` header of the Messages API. */
export const ANTHROPIC_VERSION = '2023-06-01';
/** The `anthropic_version` body field of Claude on InvokeModel. */
const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

function anthropicUsage(u: WireJson | undefined, out: ChatEvent[]): void {
  if (!u) return;
  const e: ChatEvent = { type: 'usage', inputTokens: u.input_tokens, outputTokens: u.output_tokens };
  if (u.cache_read_input_tokens) e.cacheReadTokens = u.cache_read_input_tokens;
  if (u.cache_creation_input_tokens) e.cacheWriteTokens = u.cache_creation_input_tokens;
  out.push(e);
}

/**
 * Anthropic's document block: a PDF as base64, a text format (CSV, HTML, TXT, MD) as plain text. The
 * Office formats have no Anthropic encoding; the planner never sends them to an Anthropic body.
 */
function anthropicDocument(p: Extract<ContentPart, { type: 'document' }>): WireJson {
  if (p.format === 'pdf') return { type: 'document', title: p.name, source: { type: 'base64', media_type: 'application/pdf', data: b64(p.data) } };
  if (TEXT_DOCUMENT_FORMATS.includes(p.format)) return { type: 'document', title: p.name, source: { type: 'text', media_type: 'text/plain', data: new TextDecoder().decode(p.data) } };
  throw new Error(`Anthropic bodies take no ${p.format.toUpperCase()} documents (${p.name}).`);
}

/** The Messages body without the parts each API adds (InvokeModel its version, Messages `model` and `stream`). */
function anthropicBody(req: ChatRequest): WireJson {
  const part = (p: ContentPart): WireJson => {
    switch (p.type) {
      case 'text':
        return { type: 'text', text: p.text };
      case 'image':
        return { type: 'image', source: { type: 'base64', media_type: `image/${p.format}`, data: b64(p.data) } };
      case 'document':
        return anthropicDocument(p);
      case 'toolUse':
        return { type: 'tool_use', id: p.id, name: p.name, input: p.input };
      case 'toolResult':
        return { type: 'tool_result', tool_use_id: p.toolUseId, content: p.content, is_error: p.isError || undefined };
      case 'reasoning':
        return p.redacted ? { type: 'redacted_thinking', data: b64(p.redacted) } : { type: 'thinking', thinking: p.text, signature: p.signature };
    }
  };
  const body: WireJson = {
    max_tokens: req.maxTokens ?? DEFAULT_MAX,
    messages: replayableHistory(req.messages).map((m) => ({ role: m.role, content: m.content.map(part) })),
  };
  if (req.system) body.system = req.system;
  const sampling = !thinkingDropsSampling(req.reasoning);
  if (req.temperature !== undefined && sampling) body.temperature = req.temperature;
  if (req.topP !== undefined && sampling) body.top_p = req.topP;
  if (req.stopSequences?.length) body.stop_sequences = req.stopSequences;
  const declared = declaredTools(req);
  if (declared) {
    body.tools = declared.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema }));
    const c = declared.choice;
    body.tool_choice = !c || c === 'auto' ? { type: 'auto' } : c === 'any' ? { type: 'any' } : { type: 'tool', name: c.name };
  }
  const thinking = anthropicThinking(req.reasoning);
  if (thinking) body.thinking = thinking;
  const effort = anthropicEffort(req.reasoning);
  if (effort) body.output_config = { effort };
  return body;
}

/** The Messages API's body: `model` and `stream` in it, the version in a header. */
export function messagesBody(req: ChatRequest, model: string, stream: boolean): WireJson {
  return { model, ...anthropicBody(req), stream };
}

/** Claude on InvokeModel, and the reader of every Anthropic response and event stream. */
export const anthropicCodec: InvokeCodec = {
  body: (req) => ({ anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...anthropicBody(req) }),
  response(j, out) {
    for (const b of j.content ?? []) {
      if (b.type === 'text') text(b.text, out);
      else if (b.type === 'thinking') out.push({ type: 'reasoning', text: b.thinking ?? '', signature: b.signature });
      else if (b.type === 'redacted_thinking') out.push({ type: 'reasoning', text: '', redacted: Buffer.from(b.data ?? '', 'base64') });
      else if (b.type === 'tool_use') out.push({ type: 'toolCall', id: b.id, name: b.name, input: b.input });
    }
    stop(j.stop_reason, out);
    anthropicUsage(j.usage, out);
  },
  chunks() {
    const tools = new Map<number, { id: string; name: string; json: string }>();
    let started: WireJson | undefined;
    return {
      chunk(j, out) {
        switch (j.type) {
          case 'message_start':
            started = j.message?.usage;
            break;
          case 'error':
            // An Anthropic error event inside a 200 stream (overloaded, rate limited…) ends the turn.
            throw HttpStatusError.fromEvent(j);
          case 'content_block_start':
            if (j.content_block?.type === 'tool_use') tools.set(j.index, { id: j.content_block.id, name: j.content_block.name, json: '' });
            else if (j.content_block?.type === 'text') text(j.content_block.text, out);
            break;
          case 'content_block_delta': {
            const d = j.delta ?? {};
            if (d.type === 'text_delta') text(d.text, out);
            else if (d.type === 'thinking_delta') out.push({ type: 'reasoning', text: d.thinking ?? '' });
            else if (d.type === 'signature_delta') out.push({ type: 'reasoning', text: '', signature: d.signature });
            else if (d.type === 'input_json_delta') {
              const t = tools.get(j.index);
              if (t) t.json += d.partial_json ?? '';
            }
            break;
          }
          case 'content_block_stop': {
            const t = tools.get(j.index);
            if (t) {
              tools.delete(j.index);
              out.push({ type: 'toolCall', id: t.id, name: t.name, input: parseJson(t.json) });
            }
            break;
          }
          case 'message_delta':
            stop(j.delta?.stop_reason, out);
            // The model's own count: input from message_start (message_delta may repeat it), output here.
            if (j.usage || started) anthropicUsage({ ...started, ...j.usage }, out);
            break;
        }
      },
    };
  },
};
