// The one request shape every adapter accepts. Adapters translate it to their API's body; callers
// never build API-specific bodies.
import type { ReasoningRequest } from './reasoningFields';

import type { DocumentFormat, ImageFormat } from './mediaFormats';

export type { ImageFormat } from './mediaFormats';

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; format: ImageFormat; data: Uint8Array }
  /** `name` is the file's name as the user knows it; each adapter derives the name its API accepts. */
  | { type: 'document'; format: DocumentFormat; name: string; data: Uint8Array }
  | { type: 'toolUse'; id: string; name: string; input: unknown }
  | { type: 'toolResult'; toolUseId: string; content: string; isError?: boolean }
  /** Reasoning replayed in history: only signed or redacted blocks are sent back; the service checks their signatures. */
  | { type: 'reasoning'; text: string; signature?: string; redacted?: Uint8Array };

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentPart[];
}

export interface ToolSpec {
  name: string;
  description?: string;
  /** JSON schema of the input. */
  inputSchema: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'any' | { name: string };

export type Task = 'chat' | 'embed' | 'image' | 'async';

export interface WantedFeatures {
  streaming?: boolean;
  systemPrompt?: boolean;
  images?: boolean;
  /** The formats of the documents attached (absent or empty: none). */
  documents?: DocumentFormat[];
  tools?: boolean;
  reasoning?: boolean;
}

export interface ChatRequest {
  /** Model id, profile id or any ARN form the user picked. */
  modelId: string;
  task?: Task;
  messages: ChatMessage[];
  system?: string;
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  /** The reasoning control: the model's style and the chosen level (absent = off, or the model's default). */
  reasoning?: ReasoningRequest;
  /** Default true. */
  stream?: boolean;
  /** Seconds without any event before the stream fails with a timeout (partial text kept). Default 60. */
  idleTimeoutSeconds?: number;
}

export function wantedFeatures(req: ChatRequest): WantedFeatures {
  return {
    streaming: req.stream !== false,
    systemPrompt: !!req.system,
    images: req.messages.some((m) => m.content.some((p) => p.type === 'image')),
    documents: [...new Set(req.messages.flatMap((m) => m.content.flatMap((p) => (p.type === 'document' ? [p.format] : []))))],
    tools: !!req.tools?.length,
    reasoning: !!req.reasoning,
  };
}
