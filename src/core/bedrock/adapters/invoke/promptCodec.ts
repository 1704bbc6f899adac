// The shape of the prompt-style families (Llama, Titan Text, Mistral text, DeepSeek): one prompt
// string in, one text field per response or chunk out.
import type { ChatRequest } from '../chatRequest';
import type { TagSplitter } from '../tagSplitter';
import type { WireJson } from '../../wireJson';
import { stop, text, usage, type InvokeCodec } from './invokeCodec';

/** Prompt-style families: build one prompt string, read one text field per chunk. */
export function promptCodec(opts: {
  /** Body key of the prompt: Titan says inputText, the others prompt. */
  field?: 'prompt' | 'inputText';
  prompt(req: ChatRequest): string;
  params(req: ChatRequest): WireJson;
  read(j: WireJson): { text?: string; stop?: string | null; input?: number; output?: number };
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
