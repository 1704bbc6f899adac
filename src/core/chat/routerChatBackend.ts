// The ChatBackend the extension uses: turns go through the capability-aware Router, the picker
// lists the catalog's chat-capable models, and the default comes from `bedrock.chat.defaultModel`.
import type { ChatEvent } from '../bedrock/adapters/chatEvent';
import type { ChatRequest } from '../bedrock/adapters/chatRequest';
import type { ModelDescriptor } from '../bedrock/catalog/modelDescriptor';
import type { IDisposable } from '../lifecycle';
import type { PlanRequest, RoutePlan } from '../bedrock/routing/routePlan';
import type { ChatBackend, StreamOptions } from './chatBackend';
import { chatModelOptions, imageModelOptions, voiceModelOptions } from './modelOptions';
import { reportEndpointOutcomes, type EndpointReport } from './endpointOutcomes';
import type { ImageRequest, ImageResult } from '../bedrock/images/imageRequest';

export interface RouterLike {
  /** The router's third argument, when it grows one, carries the per-turn API override. */
  stream(request: ChatRequest, signal?: AbortSignal, options?: StreamOptions): AsyncIterable<ChatEvent>;
  /** The plan a streamed chat turn would start from: the picker offers its APIs for pinning. */
  plan(request: PlanRequest): RoutePlan;
  generateImage?(request: ImageRequest, signal?: AbortSignal): Promise<ImageResult>;
}

export interface CatalogLike {
  readonly descriptors: readonly ModelDescriptor[];
  onDidChange(listener: () => void): IDisposable;
}

/** The default chat model setting: read on every use, and watched so an open picker follows it. */
export interface DefaultModelSource {
  read(): string | undefined;
  onDidChange(listener: () => void): IDisposable;
}

/** `reportEndpoint` hears which endpoint each turn reached and whether it answered (for the status bar). */
export function routerChatBackend(router: RouterLike, catalog: CatalogLike, defaultModel: DefaultModelSource, reportEndpoint?: EndpointReport): ChatBackend {
  return {
    stream: (request, signal, options) => (reportEndpoint ? reportEndpointOutcomes(router.stream(request, signal, options), reportEndpoint) : router.stream(request, signal, options)),
    ...(router.generateImage ? { generateImage: (request: ImageRequest, signal: AbortSignal) => router.generateImage!(request, signal) } : {}),
    chatModels: () => [
      ...chatModelOptions(catalog.descriptors, (modelId) => router.plan({ modelId, task: 'chat', features: { streaming: true } })),
      ...imageModelOptions(catalog.descriptors),
      ...voiceModelOptions(catalog.descriptors),
    ],
    defaultModelId: () => defaultModel.read() || undefined,
    onDidChangeModels: (listener) => {
      const subs = [catalog.onDidChange(() => listener()), defaultModel.onDidChange(() => listener())];
      return { dispose: () => subs.forEach((s) => s.dispose()) };
    },
  };
}
