// InvokeModel bodies and responses for every model family the extension can call natively. Each
// codec builds the native request and maps native responses / stream chunks to unified events.
import type { ChatEvent } from './chatEvent';
import type { ChatMessage, ChatRequest, ContentPart } from './chatRequest';
import { ConverseStreamMapper, parseJson } from './converseAdapter';
import { HttpStatusError } from '../errors/httpStatusError';
import type { InvokeFamily } from '../catalog/modelFamily';
import { replayableHistory, textOf } from '../routing/requestShaping';
import { TEXT_DOCUMENT_FORMATS, documentName } from './mediaFormats';
import { normalizeStopReason } from './stopReason';
import { INLINE_REASONING_TAGS, TagSplitter, THINK_TAGS } from './tagSplitter';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface InvokeCodec {
  body(req: ChatRequest, stream: boolean): J;
  response(json: J, out: ChatEvent[]): void;
  /** A fresh per-stream chunk mapper. */
  chunks(): { chunk(json: J, out: ChatEvent[]): void; end?(out: ChatEvent[]): void };
}

const DEFAULT_MAX = 4096;
const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');
const stop = (raw: string | null | undefined, out: ChatEvent[]) => {
  if (raw) out.push({ type: 'stop', reason: normalizeStopReason(raw), raw });
};
const usage = (out: ChatEvent[], input?: number, output?: number) => {
  if (input !== undefined || output !== undefined) out.push({ type: 'usage', inputTokens: input ?? undefined, outputTokens: output ?? undefined });
};
const text = (s: unknown, out: ChatEvent[]) => {
  if (typeof s === 'string' && s) out.push({ type: 'text', text: s });
};

/** OpenAI-style role/content messages (Mistral chat, Jamba, gpt-oss). */
function openAiMessages(req: ChatRequest, systemRole: 'system' | 'developer' = 'system'): J[] {
  const msgs: J[] = [];
  if (req.system) msgs.push({ role: systemRole, content: req.system });
  for (const m of replayableHistory(req.messages)) msgs.push({ role: m.role, content: textOf(m) });
  return msgs;
}

function anthropicUsage(u: J | undefined, out: ChatEvent[]): void {
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
function anthropicDocument(p: Extract<ContentPart, { type: 'document' }>): J {
  if (p.format === 'pdf') return { type: 'document', title: p.name, source: { type: 'base64', media_type: 'application/pdf', data: b64(p.data) } };
  if (TEXT_DOCUMENT_FORMATS.includes(p.format)) return { type: 'document', title: p.name, source: { type: 'text', media_type: 'text/plain', data: new TextDecoder().decode(p.data) } };
  throw new Error(`Anthropic bodies take no ${p.format.toUpperCase()} documents (${p.name}).`);
}

const anthropic: InvokeCodec = {
  body(req) {
    const part = (p: ContentPart): J => {
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
    const body: J = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: req.maxTokens ?? DEFAULT_MAX,
      messages: replayableHistory(req.messages).map((m) => ({ role: m.role, content: m.content.map(part) })),
    };
    if (req.system) body.system = req.system;
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.topP !== undefined) body.top_p = req.topP;
    if (req.stopSequences?.length) body.stop_sequences = req.stopSequences;
    if (req.tools?.length) {
      body.tools = req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema }));
      const c = req.toolChoice;
      body.tool_choice = !c || c === 'auto' ? { type: 'auto' } : c === 'any' ? { type: 'any' } : { type: 'tool', name: c.name };
    }
    if (req.reasoning?.budgetTokens) body.thinking = { type: 'enabled', budget_tokens: req.reasoning.budgetTokens };
    return body;
  },
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
    let started: J | undefined;
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

const nova: InvokeCodec = {
  body(req) {
    const part = (p: ContentPart): J | undefined => {
      switch (p.type) {
        case 'text':
          return { text: p.text };
        case 'image':
          return { image: { format: p.format, source: { bytes: b64(p.data) } } };
        case 'document':
          return { document: { format: p.format, name: documentName(p.name), source: { bytes: b64(p.data) } } };
        case 'toolUse':
          return { toolUse: { toolUseId: p.id, name: p.name, input: p.input } };
        case 'toolResult':
          return { toolResult: { toolUseId: p.toolUseId, content: [{ text: p.content }], status: p.isError ? 'error' : 'success' } };
        default:
          return undefined;
      }
    };
    const body: J = {
      schemaVersion: 'messages-v1',
      messages: replayableHistory(req.messages).map((m) => ({ role: m.role, content: m.content.map(part).filter(Boolean) })),
      inferenceConfig: { maxTokens: req.maxTokens ?? DEFAULT_MAX },
    };
    if (req.system) body.system = [{ text: req.system }];
    if (req.temperature !== undefined) body.inferenceConfig.temperature = req.temperature;
    if (req.topP !== undefined) body.inferenceConfig.topP = req.topP;
    if (req.stopSequences?.length) body.inferenceConfig.stopSequences = req.stopSequences;
    if (req.tools?.length) body.toolConfig = { tools: req.tools.map((t) => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema } } })) };
    return body;
  },
  response(j, out) {
    for (const b of j.output?.message?.content ?? []) {
      if (b.reasoningContent?.reasoningText) out.push({ type: 'reasoning', text: b.reasoningContent.reasoningText.text ?? '' });
      else if (b.text !== undefined) text(b.text, out);
      else if (b.toolUse) out.push({ type: 'toolCall', id: b.toolUse.toolUseId, name: b.toolUse.name, input: b.toolUse.input });
    }
    stop(j.stopReason, out);
    usage(out, j.usage?.inputTokens, j.usage?.outputTokens);
  },
  chunks() {
    const m = new ConverseStreamMapper();
    return { chunk: (j, out) => m.map(j, out) };
  },
};

/** Prompt-style families: build one prompt string, read one text field per chunk. */
function promptCodec(opts: {
  /** Body key of the prompt: Titan says inputText, the others prompt. */
  field?: 'prompt' | 'inputText';
  prompt(req: ChatRequest): string;
  params(req: ChatRequest): J;
  read(j: J): { text?: string; stop?: string | null; input?: number; output?: number };
  /** Reasoning written inline in the text. */
  think?: () => TagSplitter;
}): InvokeCodec {
  return {
    body: (req) => ({ [opts.field ?? 'prompt']: opts.prompt(req), ...opts.params(req) }),
    response(j, out) {
      const r = opts.read(j);
      if (opts.think && r.text) {
        const s = opts.think();
        s.push(r.text, out);
        s.flush(out);
      } else text(r.text, out);
      stop(r.stop, out);
      usage(out, r.input, r.output);
    },
    chunks() {
      const s = opts.think?.();
      return {
        chunk(j, out) {
          const r = opts.read(j);
          if (s && r.text) s.push(r.text, out);
          else text(r.text, out);
          if (r.stop) {
            s?.flush(out);
            stop(r.stop, out);
          }
        },
        end: (out) => s?.flush(out),
      };
    },
  };
}
const turns = (req: ChatRequest): ChatMessage[] => replayableHistory(req.messages);

const llama = promptCodec({
  prompt(req) {
    let p = '<|begin_of_text|>';
    if (req.system) p += `<|start_header_id|>system<|end_header_id|>\n\n${req.system}<|eot_id|>`;
    for (const m of turns(req)) p += `<|start_header_id|>${m.role}<|end_header_id|>\n\n${textOf(m)}<|eot_id|>`;
    return `${p}<|start_header_id|>assistant<|end_header_id|>\n\n`;
  },
  params: (req) => ({ max_gen_len: req.maxTokens ?? 2048, ...(req.temperature !== undefined ? { temperature: req.temperature } : {}), ...(req.topP !== undefined ? { top_p: req.topP } : {}) }),
  read: (j) => ({ text: j.generation, stop: j.stop_reason, input: j.prompt_token_count ?? undefined, output: j.generation_token_count ?? undefined }),
});

const titanText = promptCodec({
  field: 'inputText',
  prompt(req) {
    let p = req.system ? `${req.system}\n\n` : '';
    for (const m of turns(req)) p += `${m.role === 'user' ? 'User' : 'Bot'}: ${textOf(m)}\n`;
    return `${p}Bot:`;
  },
  params: (req) => ({
    textGenerationConfig: { maxTokenCount: req.maxTokens ?? 512, ...(req.temperature !== undefined ? { temperature: req.temperature } : {}), ...(req.topP !== undefined ? { topP: req.topP } : {}), stopSequences: req.stopSequences ?? [] },
  }),
  read: (j) =>
    j.results
      ? { text: j.results[0]?.outputText, stop: j.results[0]?.completionReason, input: j.inputTextTokenCount, output: j.results[0]?.tokenCount }
      : { text: j.outputText, stop: j.completionReason },
});

const mistralText = promptCodec({
  prompt(req) {
    let p = '<s>';
    const ms = turns(req);
    ms.forEach((m, i) => {
      const t = i === 0 && req.system ? `${req.system}\n\n${textOf(m)}` : textOf(m);
      p += m.role === 'user' ? `[INST] ${t} [/INST]` : `${t}</s>`;
    });
    return p;
  },
  params: (req) => ({ max_tokens: req.maxTokens ?? 1024, ...(req.temperature !== undefined ? { temperature: req.temperature } : {}), ...(req.topP !== undefined ? { top_p: req.topP } : {}), ...(req.stopSequences?.length ? { stop: req.stopSequences } : {}) }),
  read: (j) => ({ text: j.outputs?.[0]?.text, stop: j.outputs?.[0]?.stop_reason }),
});

const deepseek = promptCodec({
  prompt(req) {
    let p = '<｜begin▁of▁sentence｜>' + (req.system ?? '');
    for (const m of turns(req)) p += `${m.role === 'user' ? '<｜User｜>' : '<｜Assistant｜>'}${textOf(m)}`;
    return `${p}<｜Assistant｜><think>\n`;
  },
  params: (req) => ({ max_tokens: Math.min(req.maxTokens ?? 4096, 32768), ...(req.temperature !== undefined ? { temperature: req.temperature } : {}), ...(req.topP !== undefined ? { top_p: req.topP } : {}) }),
  // Streamed chunks come in either shape depending on the model version: accept choices[].text and Llama-style.
  read: (j) =>
    j.choices
      ? { text: j.choices[0]?.text, stop: j.choices[0]?.stop_reason ?? j.choices[0]?.finish_reason }
      : { text: j.generation, stop: j.stop_reason, input: j.prompt_token_count ?? undefined, output: j.generation_token_count ?? undefined },
  think: () => new TagSplitter([THINK_TAGS], THINK_TAGS),
});

/** OpenAI-shaped choices (Mistral chat, Jamba, gpt-oss): message or delta, stop_reason or finish_reason. */
function choicesCodec(body: (req: ChatRequest, stream: boolean) => J, think?: () => TagSplitter): InvokeCodec {
  return {
    body,
    response(j, out) {
      const c = j.choices?.[0] ?? {};
      const t = c.message?.content;
      if (think && typeof t === 'string') {
        const s = think();
        s.push(t, out);
        s.flush(out);
      } else text(t, out);
      if (c.message?.reasoning_content) out.push({ type: 'reasoning', text: c.message.reasoning_content });
      for (const tc of c.message?.tool_calls ?? []) out.push({ type: 'toolCall', id: tc.id, name: tc.function?.name, input: parseJson(tc.function?.arguments ?? '') });
      stop(c.finish_reason ?? c.stop_reason, out);
      usage(out, j.usage?.prompt_tokens, j.usage?.completion_tokens);
    },
    chunks() {
      const s = think?.();
      return {
        chunk(j, out) {
          const c = j.choices?.[0];
          if (!c) return;
          const d = c.delta ?? c.message ?? {};
          if (d.reasoning_content) out.push({ type: 'reasoning', text: d.reasoning_content });
          if (s && typeof d.content === 'string') s.push(d.content, out);
          else text(d.content, out);
          const r = c.finish_reason ?? c.stop_reason;
          if (r) {
            s?.flush(out);
            stop(r, out);
          }
        },
        end: (out) => s?.flush(out),
      };
    },
  };
}

const sampling = (req: ChatRequest): J => ({
  ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
  ...(req.topP !== undefined ? { top_p: req.topP } : {}),
  ...(req.stopSequences?.length ? { stop: req.stopSequences } : {}),
});

const mistralChat = choicesCodec((req) => ({ messages: openAiMessages(req), max_tokens: req.maxTokens ?? 1024, ...sampling(req) }));
const jamba = choicesCodec((req) => ({ messages: openAiMessages(req), max_tokens: req.maxTokens ?? 1024, ...sampling(req) }));
const openai = choicesCodec(
  (req, stream) => ({
    messages: openAiMessages(req, 'developer'),
    max_completion_tokens: req.maxTokens ?? 4096,
    ...sampling(req),
    ...(req.reasoning?.effort ? { reasoning_effort: req.reasoning.effort } : {}),
    ...(stream ? { stream: true } : {}),
  }),
  () => new TagSplitter(INLINE_REASONING_TAGS),
);

const cohereCommand: InvokeCodec = {
  body(req) {
    const ms = turns(req);
    const last = ms.length && ms[ms.length - 1].role === 'user' ? ms[ms.length - 1] : undefined;
    const history = (last ? ms.slice(0, -1) : ms).map((m) => ({ role: m.role === 'user' ? 'USER' : 'CHATBOT', message: textOf(m) }));
    return {
      message: last ? textOf(last) : '',
      ...(history.length ? { chat_history: history } : {}),
      ...(req.system ? { preamble: req.system } : {}),
      max_tokens: req.maxTokens ?? 1024,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.topP !== undefined ? { p: req.topP } : {}),
      ...(req.stopSequences?.length ? { stop_sequences: req.stopSequences } : {}),
    };
  },
  response(j, out) {
    text(j.text, out);
    stop(j.finish_reason, out);
    usage(out, j.meta?.billed_units?.input_tokens, j.meta?.billed_units?.output_tokens);
  },
  chunks() {
    return {
      chunk(j, out) {
        if (j.event_type === 'text-generation') text(j.text, out);
        else if (j.event_type === 'stream-end' || j.is_finished) stop(j.finish_reason ?? 'COMPLETE', out);
      },
    };
  },
};

export const INVOKE_CODECS: Record<InvokeFamily, InvokeCodec> = {
  anthropic,
  nova,
  titanText,
  llama,
  mistralText,
  mistralChat,
  cohereCommand,
  jamba,
  deepseek,
  openai,
};
