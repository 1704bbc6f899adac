// The router's answer to "how do I call this model": ordered steps, each with the reason it was
// chosen, so the UI can show why a request went where it went.
import type { ApiId, EndpointId } from '../catalog/apiId';
import type { Task, WantedFeatures } from '../adapters/chatRequest';

export interface PlanRequest {
  modelId: string;
  task: Task;
  features: WantedFeatures;
}

/** bedrock-mantle serves a model's OpenAI APIs under one of these; the other refuses the model. */
export type MantlePrefix = '/v1' | '/openai/v1';

export interface RouteAdjustments {
  /** Model rejects system prompts: prepend it to the first user turn. */
  foldSystem?: boolean;
  /** Model rejects tool use while streaming: call the non-streaming API and emit one delta. */
  nonStreaming?: boolean;
  /** bedrock-mantle path prefix for this model's OpenAI APIs (default `/v1`). */
  mantlePrefix?: MantlePrefix;
}

export interface RouteStep {
  api: ApiId;
  endpoint: EndpointId;
  /** What goes in the path (or body `model`): the model id, a profile id or an ARN. */
  target: string;
  reason: string;
  adjustments: RouteAdjustments;
}

export interface RoutePlan {
  request: PlanRequest;
  /** The foundation model the request resolves to (profiles and ARNs resolved). */
  baseModelId: string;
  steps: RouteStep[];
  /** Things the user should know (e.g. "no profile for this model in us-west-1"). */
  notes: string[];
  /** Why nothing can be sent (the model or every API refuses what is attached): the message the user sees. */
  refusal?: string;
}
