// Anthropic Messages at `/anthropic/v1/messages` on bedrock-runtime and on mantle: the Anthropic body with `model` in it,
// answered as Anthropic SSE events (the same event shapes as Claude's InvokeModel stream chunks).
import { ANTHROPIC_VERSION, anthropicCodec, messagesBody } from './anthropicCodec';
import type { AdapterCall, AdapterContext, ChatAdapter } from './chatAdapter';
import { isStreamingStep } from './chatAdapter';
import type { ChatRequest } from './chatRequest';
import { jsonBody, postJson, sseEvents } from './compatHttp';
import { compatUrl } from './compatRoutes';
import { eventStreamBody, sseJson } from './responseBody';
import type { RouteStep } from '../routing/routePlan';
import type { WireJson } from '../wireJson';

export class MessagesAdapter implements ChatAdapter {
  readonly apis = ['messages'] as const;

  async start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall> {
    const stream = isStreamingStep(step);
    const res = await postJson(ctx, step, compatUrl(ctx, step), messagesBody(req, step.target, stream), { 'anthropic-version': ANTHROPIC_VERSION });
    if (!stream) {
      const j = await jsonBody(res as never);
      return { events: [j], map: (raw, out) => anthropicCodec.response(raw as WireJson, out) };
    }
    const chunks = anthropicCodec.chunks();
    return { events: sseEvents(await eventStreamBody(res)), map: (raw, out) => chunks.chunk(sseJson(raw as { data: string }), out) };
  }
}
