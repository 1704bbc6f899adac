// Every model family the extension calls on InvokeModel, with its codec. Only these families are
// called this way; an unknown provider never gets a guessed body.
import type { InvokeFamily } from '../../catalog/modelFamily';
import { anthropicCodec } from '../anthropicCodec';
import { cohereCommandCodec } from './cohereCodec';
import { deepseekCodec } from './deepseekCodec';
import type { InvokeCodec } from './invokeCodec';
import { jambaCodec } from './jambaCodec';
import { llamaCodec } from './llamaCodec';
import { mistralChatCodec, mistralTextCodec } from './mistralCodecs';
import { novaCodec } from './novaCodec';
import { openaiCodec } from './openaiCodec';
import { titanTextCodec } from './titanTextCodec';

export const INVOKE_CODECS: Record<InvokeFamily, InvokeCodec> = {
  anthropic: anthropicCodec,
  nova: novaCodec,
  titanText: titanTextCodec,
  llama: llamaCodec,
  mistralText: mistralTextCodec,
  mistralChat: mistralChatCodec,
  cohereCommand: cohereCommandCodec,
  jamba: jambaCodec,
  deepseek: deepseekCodec,
  openai: openaiCodec,
};
