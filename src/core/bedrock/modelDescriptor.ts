// What the extension knows about one model or inference profile. Capabilities are data here, so no
// feature has to guess from a model's name. Built by catalogBuild.ts; no AWS SDK types leak in, so
// the explorer can render a cached catalog without loading the SDK.
import type { ApiId, ApiSupport } from './apiId';

export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING' | 'SPEECH' | 'VIDEO' | 'AUDIO';

export type DescriptorKind = 'model' | 'systemProfile' | 'applicationProfile';

export interface ProfileRef {
  id: string;
  arn: string;
  name: string;
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
  /** `geo` = us./eu./apac./…, `global` = global., `application` = user-created. */
  scope: 'geo' | 'global' | 'application';
  /** Regions the profile routes to, from its model ARNs. */
  regions: string[];
}

export interface EmbedLimits {
  /** Longest text one call accepts, in characters. */
  maxChars: number;
  /** Longest text in tokens, when the model states one (used for a conservative char estimate). */
  maxTokens?: number;
  /** Texts per call (Cohere: 96; Titan: 1). */
  maxBatch: number;
  /** Output dimensions the model accepts; first is the default. */
  dimensions?: number[];
}

export interface ModelLimits {
  maxOutputTokens?: number;
  embed?: EmbedLimits;
}

export interface ModelDescriptor {
  /** Model id, system profile id, or application profile ARN — whatever the runtime accepts as modelId. */
  id: string;
  kind: DescriptorKind;
  arn?: string;
  name: string;
  provider: string;
  inputModalities: Modality[];
  outputModalities: Modality[];
  /** The service's `responseStreamingSupported`, else the shipped table; null = unknown. */
  streaming: boolean | null;
  lifecycle: 'ACTIVE' | 'LEGACY' | 'UNKNOWN';
  legacy: boolean;
  /** true = callable by its bare id; false = needs a profile; null = unknown. */
  onDemand: boolean | null;
  profileOnly: boolean;
  /** For a model: the profiles in this region that contain it, regional geo before global. */
  profiles: ProfileRef[];
  /** For a profile: the foundation model it routes to (resolved with GetInferenceProfile for application profiles). */
  baseModelId?: string;
  apis: Record<ApiId, ApiSupport>;
  limits: ModelLimits;
  /** Listed by the service in this region (false = known only from the shipped table). */
  listed: boolean;
}
