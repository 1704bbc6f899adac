// AI21 Jamba on InvokeModel: OpenAI-style messages and choices.
import { choicesCodec } from './choicesCodec';
import { openAiMessages, sampling } from './invokeCodec';

export const jambaCodec = choicesCodec((req) => ({ messages: openAiMessages(req), max_tokens: req.maxTokens ?? 1024, ...sampling(req) }));
