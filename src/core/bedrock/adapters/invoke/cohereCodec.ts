// Cohere Command on InvokeModel: the last user turn as `message`, the rest as `chat_history`.
import { textOf } from '../../routing/requestShaping';
import { stop, text, turns, usage, type InvokeCodec } from './invokeCodec';

export const cohereCommandCodec: InvokeCodec = {
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
