// The ten ways Bedrock can be asked to do something. Descriptors, plans and learned facts all key on these.

export const API_IDS = [
  'converse',
  'converse-stream',
  'invoke',
  'invoke-stream',
  'chat-completions',
  'responses',
  'messages',
  'embed',
  'async-invoke',
  'bidirectional',
] as const;

export type ApiId = (typeof API_IDS)[number];

/** How the UI names each API (explorer, tooltips, chat turn line). */
export const API_LABELS: Record<ApiId, string> = {
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
  invoke: 'InvokeModel',
  'invoke-stream': 'InvokeModelWithResponseStream',
  'chat-completions': 'Chat Completions',
  responses: 'Responses',
  messages: 'Anthropic Messages',
  embed: 'Embeddings',
  'async-invoke': 'StartAsyncInvoke',
  bidirectional: 'Bidirectional stream',
};

/** APIs that can carry a chat turn, in the order the chat panel's API menu lists them. */
export const CHAT_APIS: readonly ApiId[] = ['converse-stream', 'converse', 'invoke-stream', 'invoke', 'messages', 'chat-completions', 'responses'];

/** Which host serves a route. `runtime` covers bedrock-runtime including its `/openai/v1` paths. */
export type EndpointId = 'control' | 'runtime' | 'mantle';

/** Where a capability answer came from; the explorer shows it as a badge. */
export type CapabilitySource = 'shipped' | 'service' | 'learned';

export interface ApiSupport {
  /** `null` = nobody knows yet (not in the shipped table, not said by the service, never tried). */
  supported: boolean | null;
  source: CapabilitySource;
  /** Why a learned answer was recorded, e.g. the service's error message. */
  note?: string;
}
