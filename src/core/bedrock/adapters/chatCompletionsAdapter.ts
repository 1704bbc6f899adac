// OpenAI Chat Completions, on bedrock-runtime `/openai/v1` and on mantle `/v1` (or `/openai/v1`).
import type { AdapterCall, AdapterContext, ChatAdapter } from './chatAdapter';
import type { ChatEvent } from './chatEvent';
import type { ChatRequest } from './chatRequest';
import { startCompatCall } from './compatHttp';
import { parseJson } from './converseAdapter';
import { HttpStatusError } from '../errors/httpStatusError';
import { replayableHistory, textOf } from '../routing/requestShaping';
import type { RouteStep } from '../routing/routePlan';
import { IMAGE_MIME } from './mediaFormats';
import { openaiEffort } from './reasoningFields';
import { normalizeStopReason } from './stopReason';
import { INLINE_REASONING_TAGS, TagSplitter } from './tagSplitter';
import type { WireJson } from '../wireJson';


export function chatCompletionsBody(req: ChatRequest, model: string, stream: boolean): WireJson {
  const messages: WireJson[] = [];
  if (req.system) messages.push({ role: 'system', content: req.system });
  for (const m of replayableHistory(req.messages)) {
    const calls = m.content.filter((p) => p.type === 'toolUse');
    const results = m.content.filter((p) => p.type === 'toolResult');
    for (const r of results) messages.push({ role: 'tool', tool_call_id: r.toolUseId, content: r.content });
    const images = m.content.filter((p) => p.type === 'image');
    const doc = m.content.find((p) => p.type === 'document');
    if (doc) throw new Error(`Chat Completions takes no documents (${doc.name}).`);
    const text = textOf({ ...m, content: m.content.filter((p) => p.type === 'text') });
    if (!text && !calls.length && !images.length) continue;
    const content = images.length
      ? [{ type: 'text', text }, ...images.map((p) => ({ type: 'image_url', image_url: { url: dataUrl(IMAGE_MIME[p.format], p.data) } }))]
      : text;
    const msg: WireJson = { role: m.role, content };
    if (calls.length) msg.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input) } }));
    messages.push(msg);
  }
  const body: WireJson = { model, messages, stream };
  if (stream) body.stream_options = { include_usage: true };
  if (req.maxTokens !== undefined) body.max_completion_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stopSequences?.length) body.stop = req.stopSequences;
  const effort = openaiEffort(req.reasoning);
  if (effort) body.reasoning_effort = effort;
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } }));
    const c = req.toolChoice;
    body.tool_choice = !c || c === 'auto' ? 'auto' : c === 'any' ? 'required' : { type: 'function', function: { name: c.name } };
  }
  return body;
}

export function dataUrl(mime: string, data: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(data).toString('base64')}`;
}

function usage(u: WireJson | undefined, out: ChatEvent[]) {
  if (u) out.push({ type: 'usage', inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens });
}

export class ChatCompletionsAdapter implements ChatAdapter {
  readonly apis = ['chat-completions'] as const;

  start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall> {
    return startCompatCall(ctx, step, (stream) => chatCompletionsBody(req, step.target, stream), {
      whole(r, out) {
        const c = r.choices?.[0] ?? {};
        const reasoning = c.message?.reasoning_content ?? c.message?.reasoning;
        if (reasoning) out.push({ type: 'reasoning', text: reasoning });
        if (typeof c.message?.content === 'string') {
          const inline = new TagSplitter(INLINE_REASONING_TAGS);
          inline.push(c.message.content, out);
          inline.flush(out);
        }
        for (const tc of c.message?.tool_calls ?? []) out.push({ type: 'toolCall', id: tc.id, name: tc.function?.name, input: parseJson(tc.function?.arguments ?? '') });
        out.push({ type: 'stop', reason: normalizeStopReason(c.finish_reason), raw: c.finish_reason });
        usage(r.usage, out);
      },
      stream() {
        const tools = new Map<number, { id: string; name: string; args: string }>();
        const inline = new TagSplitter(INLINE_REASONING_TAGS);
        const flush = (out: ChatEvent[]) => {
          inline.flush(out);
          for (const t of tools.values()) out.push({ type: 'toolCall', id: t.id, name: t.name, input: parseJson(t.args) });
          tools.clear();
        };
        return {
          event(j, name, out) {
            if (j.error || name === 'error') throw HttpStatusError.fromEvent(j);
            const c = j.choices?.[0];
            if (c) {
              const d = c.delta ?? {};
              const reasoning = d.reasoning_content ?? d.reasoning;
              if (reasoning) out.push({ type: 'reasoning', text: reasoning });
              if (d.content) inline.push(d.content, out);
              for (const tc of d.tool_calls ?? []) {
                const t = tools.get(tc.index ?? 0) ?? { id: '', name: '', args: '' };
                if (tc.id) t.id = tc.id;
                if (tc.function?.name) t.name = tc.function.name;
                t.args += tc.function?.arguments ?? '';
                tools.set(tc.index ?? 0, t);
              }
              if (c.finish_reason) {
                flush(out);
                out.push({ type: 'stop', reason: normalizeStopReason(c.finish_reason), raw: c.finish_reason });
              }
            }
            usage(j.usage, out);
          },
          end: flush,
        };
      },
    });
  }
}
