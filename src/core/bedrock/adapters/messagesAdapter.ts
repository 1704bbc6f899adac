// Anthropic Messages at `/anthropic/v1/messages` on bedrock-runtime and on mantle: the Anthropic body with `model` in it,
// answered as Anthropic SSE events (the same event shapes as Claude's InvokeModel stream chunks).
import { ANTHROPIC_VERSION, anthropicCodec, messagesBody } from './anthropicCodec';
import type { AdapterCall, AdapterContext, ChatAdapter } from './chatAdapter';
import type { ChatRequest } from './chatRequest';
import { startCompatCall } from './compatHttp';
import type { RouteStep } from '../routing/routePlan';

export class MessagesAdapter implements ChatAdapter {
  readonly apis = ['messages'] as const;

  start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall> {
    return startCompatCall(
      ctx,
      step,
      (stream) => messagesBody(req, step.target, stream),
      {
        whole: (json, out) => anthropicCodec.response(json, out),
        stream: () => {
          const chunks = anthropicCodec.chunks();
          return { event: (json, _name, out) => chunks.chunk(json, out) };
        },
      },
      { 'anthropic-version': ANTHROPIC_VERSION },
    );
  }
}
