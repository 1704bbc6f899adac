// The shape of the OpenAI-style families on InvokeModel (Mistral chat, Jamba, gpt-oss): a
// `choices` array with a message or a delta, and stop_reason or finish_reason.
import type { ChatRequest } from '../chatRequest';
import { parseJson } from '../converseAdapter';
import type { TagSplitter } from '../tagSplitter';
import type { WireJson } from '../../wireJson';
import { stop, text, usage, type InvokeCodec } from './invokeCodec';

/** OpenAI-shaped choices (Mistral chat, Jamba, gpt-oss): message or delta, stop_reason or finish_reason. */
export function choicesCodec(body: (req: ChatRequest, stream: boolean) => WireJson, think?: () => TagSplitter): InvokeCodec {
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
