// Meta Llama on InvokeModel: the Llama 3 chat template as one prompt.
import { textOf } from '../../routing/requestShaping';
import { turns } from './invokeCodec';
import { promptCodec } from './promptCodec';

export const llamaCodec = promptCodec({
  prompt(req) {
    let p = '<|begin_of_text|>';
    if (req.system) p += `<|start_header_id|>system<|end_header_id|>\n\n${req.system}<|eot_id|>`;
    for (const m of turns(req)) p += `<|start_header_id|>${m.role}<|end_header_id|>\n\n${textOf(m)}<|eot_id|>`;
    return `${p}<|start_header_id|>assistant<|end_header_id|>\n\n`;
  },
  params: (req) => ({ max_gen_len: req.maxTokens ?? 2048, ...(req.temperature !== undefined ? { temperature: req.temperature } : {}), ...(req.topP !== undefined ? { top_p: req.topP } : {}) }),
  read: (j) => ({ text: j.generation, stop: j.stop_reason, input: j.prompt_token_count ?? undefined, output: j.generation_token_count ?? undefined }),
});
