// Mistral on InvokeModel: the older text models take an [INST] prompt, the chat models
// OpenAI-style messages.
import { textOf } from '../../routing/requestShaping';
import { choicesCodec } from './choicesCodec';
import { openAiMessages, sampling, turns } from './invokeCodec';
import { promptCodec } from './promptCodec';

export const mistralTextCodec = promptCodec({
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

export const mistralChatCodec = choicesCodec((req) => ({ messages: openAiMessages(req), max_tokens: req.maxTokens ?? 1024, ...sampling(req) }));
