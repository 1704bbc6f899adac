// Where each OpenAI- and Anthropic-compatible API lives on each host. bedrock-runtime serves them
// under `/openai/v1` and `/anthropic/v1`; bedrock-mantle serves Messages under `/anthropic/v1` and
// a model's OpenAI APIs under `/v1` or, for some models, `/openai/v1` (the wrong one answers
// "model … isn't supported on this route").
import type { AdapterContext } from './chatAdapter';
import type { MantlePrefix, RouteStep } from '../routing/routePlan';

const OPENAI_PATH = { 'chat-completions': '/chat/completions', responses: '/responses' } as const;

export function compatUrl(ctx: AdapterContext, step: RouteStep): string {
  const ep = ctx.connection.info.endpoints;
  const base = step.endpoint === 'mantle' ? ep.mantle : ep.runtime;
  if (step.api === 'messages') return `${base}/anthropic/v1/messages`;
  const path = OPENAI_PATH[step.api as keyof typeof OPENAI_PATH];
  if (!path) throw new Error(`${step.api} is not an OpenAI-compatible API`);
  return step.endpoint === 'mantle' ? `${base}${step.adjustments.mantlePrefix ?? '/v1'}${path}` : `${base}/openai/v1${path}`;
}

export const otherMantlePrefix = (p: MantlePrefix | undefined): MantlePrefix => (p === '/openai/v1' ? '/v1' : '/openai/v1');

/**
 * The id bedrock-mantle would list a model under when its list is not at hand: the runtime id
 * without its version suffix (`openai.gpt-oss-120b-1:0` → `openai.gpt-oss-120b`).
 */
export function mantleIdFromRuntimeId(modelId: string): string {
  return modelId.replace(/-v?\d+:\d+$/, '').replace(/:\d+$/, '');
}
