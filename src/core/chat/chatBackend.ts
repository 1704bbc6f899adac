// What the chat panel needs from the Bedrock side, as a small interface: the router satisfies it
// through `routerChatBackend`, tests pass a scripted fake. The panel never touches adapters, the
// catalog or the SDK directly.
import type { ApiId } from '../bedrock/catalog/apiId';
import type { ChatEvent } from '../bedrock/adapters/chatEvent';
import type { ChatRequest } from '../bedrock/adapters/chatRequest';
import type { ModelOption } from '../../shared/protocol';
import type { ImageRequest, ImageResult } from '../bedrock/images/imageRequest';

export interface StreamOptions {
  /** Force this API instead of the router's plan (the per-turn override). */
  api?: ApiId;
}

export interface ChatBackend {
  /**
   * Unified events for one turn. Contract (the router's): never throws, ends with `stop` or one
   * terminal `error` carrying the partial text; aborting `signal` cancels the HTTP request.
   */
  stream(request: ChatRequest, signal: AbortSignal, options?: StreamOptions): AsyncIterable<ChatEvent>;
  /** One image request (an image turn); absent where images cannot be made. */
  generateImage?(request: ImageRequest, signal: AbortSignal): Promise<ImageResult>;
  /** Chat-capable models and profiles for the picker, best first; image models last, flagged `image`. */
  chatModels(): ModelOption[] | Promise<ModelOption[]>;
  /** Model to preselect when the user has not picked one. */
  defaultModelId?(): string | undefined;
  /** Fires when the model list changed (catalog refreshed, region switched). */
  onDidChangeModels?(listener: () => void): { dispose(): void };
}
