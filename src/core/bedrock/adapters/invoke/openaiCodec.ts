// OpenAI gpt-oss on InvokeModel: OpenAI-style messages (the system prompt as `developer`),
// reasoning inline in the text.
import { openaiEffort } from '../reasoningFields';
import { INLINE_REASONING_TAGS, TagSplitter } from '../tagSplitter';
import { choicesCodec } from './choicesCodec';
import { openAiMessages, sampling } from './invokeCodec';

export const openaiCodec = choicesCodec(
  (req, stream) => ({
    messages: openAiMessages(req, 'developer'),
    max_completion_tokens: req.maxTokens ?? 4096,
    ...sampling(req),
    ...(openaiEffort(req.reasoning) ? { reasoning_effort: openaiEffort(req.reasoning) } : {}),
    ...(stream ? { stream: true } : {}),
  }),
  () => new TagSplitter(INLINE_REASONING_TAGS),
);
