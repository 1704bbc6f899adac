// Which models take tools, and which InvokeModel bodies carry them. Bedrock's model list says
// nothing about tool use, so this is a table of the models known to refuse it ("This model doesn't
// support tool use."): the text-only Titan models, the first Llama 3 and the smallest Llama 3.2,
// Mistral 7B and Mixtral, DeepSeek-R1, Claude before version 3, Cohere's Command (not R) and
// AI21's Jurassic. Every other chat model is offered agent mode; one the table does not know is
// tried, and the service's answer is shown if it refuses.
import type { InvokeFamily } from './modelFamily';
import { stripProfilePrefix } from './modelRef';

const REFUSES_TOOLS = /^(amazon\.titan-(text|tg1)|meta\.llama2|meta\.llama3-(8b|70b)|meta\.llama3-2-(1b|3b)|mistral\.(mistral-7b|mixtral)|deepseek\.r1|anthropic\.claude-(v2|instant)|cohere\.command-(text|light)|ai21\.j2)/;

/** False when the model is known to refuse tools. */
export function takesTools(baseModelId: string): boolean {
  return !REFUSES_TOOLS.test(stripProfilePrefix(baseModelId));
}

/**
 * The InvokeModel bodies that carry tools (Claude's Messages body, Nova's Converse-shaped body).
 * The other families' bodies have no place for them, so a turn with tools skips InvokeModel there.
 */
export function invokeBodyTakesTools(family: InvokeFamily): boolean {
  return family === 'anthropic' || family === 'nova';
}
