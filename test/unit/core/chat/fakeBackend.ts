import type { ChatEvent } from '../../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../../src/core/bedrock/adapters/chatRequest';
import type { ChatBackend, StreamOptions } from '../../../../src/core/chat/chatBackend';
import type { ModelOption } from '../../../../src/shared/protocol';

/** A backend that replays scripted events and records what it was asked. */
export class ScriptedBackend implements ChatBackend {
  readonly requests: Array<{ request: ChatRequest; options?: StreamOptions }> = [];
  constructor(
    private readonly script: (signal: AbortSignal) => AsyncIterable<ChatEvent>,
    private readonly models: ModelOption[] = [{ id: 'm1', label: 'Model 1', maxOutputTokens: 1000 }],
  ) {}
  stream(request: ChatRequest, signal: AbortSignal, options?: StreamOptions): AsyncIterable<ChatEvent> {
    this.requests.push({ request, options });
    return this.script(signal);
  }
  chatModels(): ModelOption[] {
    return this.models;
  }
}

export const route = (target = 'm1', api: 'converse-stream' | 'invoke-stream' = 'converse-stream'): ChatEvent => ({
  type: 'route',
  step: { api, endpoint: 'runtime', target, reason: 'test', adjustments: {} },
  attempt: 1,
});
