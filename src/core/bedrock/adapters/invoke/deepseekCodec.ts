// DeepSeek-R1 on InvokeModel: its own chat template, reasoning in <think> tags in the text.
import { textOf } from '../../routing/requestShaping';
import { TagSplitter, THINK_TAGS } from '../tagSplitter';
import { turns } from './invokeCodec';
import { promptCodec } from './promptCodec';

export const deepseekCodec = promptCodec({
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
