// Amazon Titan Text on InvokeModel: a User/Bot transcript as `inputText`.
import { textOf } from '../../routing/requestShaping';
import { turns } from './invokeCodec';
import { promptCodec } from './promptCodec';

export const titanTextCodec = promptCodec({
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
