// Anthropic Messages at `/anthropic/v1/messages` on bedrock-runtime and on mantle: the Anthropic body with `model` in it,
// answered as Anthropic SSE events (the same event shapes as Claude's InvokeModel stream chunks).
import type { AdapterCall, AdapterContext, ChatAdapter } from './chatAdapter';
import { isStreamingStep } from './chatAdapter';
import type { ChatRequest } from './chatRequest';
import { jsonBody, postJson, sseEvents } from './compatHttp';
import { compatUrl } from './compatRoutes';
import { INVOKE_CODECS } from './invokeBodies';
import { eventStreamBody, sseJson } from './responseBody';
import type { RouteStep } from '../routing/routePlan';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ANTHROPIC_VERSION = '2023-06-01';

export function messagesBody(req: ChatRequest, model: string, stream: boolean): J {
  const { anthropic_version: _drop, ...rest } = INVOKE_CODECS.anthropic.body(req, stream);
  void _drop;
  return { model, ...rest, stream };
}

export class MessagesAdapter implements ChatAdapter {
  readonly apis = ['messages'] as const;

  async start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall> {
    const stream = isStreamingStep(step);
    const res = await postJson(ctx, step, compatUrl(ctx, step), messagesBody(req, step.target, stream), { 'anthropic-version': ANTHROPIC_VERSION });
    const codec = INVOKE_CODECS.anthropic;
    if (!stream) {
      const j = await jsonBody(res as never);
      return { events: [j], map: (raw, out) => codec.response(raw as J, out) };
    }
    const chunks = codec.chunks();
    return { events: sseEvents(await eventStreamBody(res)), map: (raw, out) => chunks.chunk(sseJson(raw as { data: string }), out) };
  }
}
