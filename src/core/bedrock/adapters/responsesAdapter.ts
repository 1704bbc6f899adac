// OpenAI Responses on bedrock-runtime `/openai/v1/responses` (synchronous, function tools) and on
// bedrock-mantle.
import type { AdapterCall, AdapterContext, ChatAdapter } from './chatAdapter';
import type { ChatEvent } from './chatEvent';
import type { ChatRequest } from './chatRequest';
import { startCompatCall } from './compatHttp';
import { parseJson } from './converseAdapter';
import { HttpStatusError } from '../errors/httpStatusError';
import { replayableHistory, textOf } from '../routing/requestShaping';
import type { RouteStep } from '../routing/routePlan';
import { dataUrl } from './chatCompletionsAdapter';
import { DOCUMENT_MIME, IMAGE_MIME } from './mediaFormats';
import { openaiEffort } from './reasoningFields';
import { normalizeStopReason } from './stopReason';
import { INLINE_REASONING_TAGS, TagSplitter } from './tagSplitter';
import type { WireJson } from '../wireJson';


export function responsesBody(req: ChatRequest, model: string, stream: boolean): WireJson {
  const input: WireJson[] = [];
  for (const m of replayableHistory(req.messages)) {
    for (const p of m.content) {
      if (p.type === 'toolUse') input.push({ type: 'function_call', call_id: p.id, name: p.name, arguments: JSON.stringify(p.input) });
      if (p.type === 'toolResult') input.push({ type: 'function_call_output', call_id: p.toolUseId, output: p.content });
    }
    const text = textOf({ ...m, content: m.content.filter((p) => p.type === 'text') });
    const content: WireJson[] = text ? [{ type: m.role === 'user' ? 'input_text' : 'output_text', text }] : [];
    for (const p of m.content) {
      if (p.type === 'image') content.push({ type: 'input_image', image_url: dataUrl(IMAGE_MIME[p.format], p.data) });
      else if (p.type === 'document') {
        if (p.format !== 'pdf') throw new Error(`Responses takes PDF documents only (${p.name} is ${p.format.toUpperCase()}).`);
        content.push({ type: 'input_file', filename: p.name, file_data: dataUrl(DOCUMENT_MIME.pdf, p.data) });
      }
    }
    if (content.length) input.push({ role: m.role, content });
  }
  const body: WireJson = { model, input, stream };
  if (req.system) body.instructions = req.system;
  if (req.maxTokens !== undefined) body.max_output_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  const effort = openaiEffort(req.reasoning);
  if (effort) body.reasoning = { effort };
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({ type: 'function', name: t.name, description: t.description, parameters: t.inputSchema }));
    const c = req.toolChoice;
    body.tool_choice = !c || c === 'auto' ? 'auto' : c === 'any' ? 'required' : { type: 'function', name: c.name };
  }
  return body;
}

function completed(r: WireJson, out: ChatEvent[]) {
  const reason = r.status === 'incomplete' ? (r.incomplete_details?.reason ?? 'incomplete') : r.output?.some((o: WireJson) => o.type === 'function_call') ? 'tool_calls' : 'stop';
  out.push({ type: 'stop', reason: normalizeStopReason(reason), raw: r.status });
  if (r.usage) out.push({ type: 'usage', inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens });
}

export class ResponsesAdapter implements ChatAdapter {
  readonly apis = ['responses'] as const;

  start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall> {
    return startCompatCall(ctx, step, (stream) => responsesBody(req, step.target, stream), {
      whole(r, out) {
        if (r.status === 'failed' || (r.error && !r.output)) throw HttpStatusError.fromEvent({ error: r.error });
        const inline = new TagSplitter(INLINE_REASONING_TAGS);
        for (const o of r.output ?? []) {
          if (o.type === 'reasoning') for (const s of [...(o.summary ?? []), ...(o.content ?? [])]) out.push({ type: 'reasoning', text: s.text ?? '' });
          else if (o.type === 'message') for (const c of o.content ?? []) if (c.type === 'output_text') inline.push(c.text ?? '', out);
          if (o.type === 'function_call') out.push({ type: 'toolCall', id: o.call_id, name: o.name, input: parseJson(o.arguments ?? '') });
        }
        inline.flush(out);
        completed(r, out);
      },
      stream() {
        const inline = new TagSplitter(INLINE_REASONING_TAGS);
        return {
          event(j, name, out) {
            const type: string = j.type ?? name ?? '';
            if (type === 'response.output_text.delta') inline.push(j.delta ?? '', out);
            else if (type === 'response.reasoning_text.delta' || type === 'response.reasoning_summary_text.delta') out.push({ type: 'reasoning', text: j.delta });
            else if (type === 'response.output_item.done' && j.item?.type === 'function_call') {
              out.push({ type: 'toolCall', id: j.item.call_id, name: j.item.name, input: parseJson(j.item.arguments ?? '') });
            } else if (type === 'response.completed' || type === 'response.incomplete') {
              inline.flush(out);
              completed(j.response ?? {}, out);
              // Three error forms: `response.failed` (error in `response.error`), an `error` event with
              // top-level `code`/`message`, and a bare `{"error":{…}}` with neither event name nor type.
            } else if (type === 'error' || type === 'response.failed' || (!j.type && j.error)) throw HttpStatusError.fromEvent(j);
          },
          end: (out) => inline.flush(out),
        };
      },
    });
  }
}
