// SDK clients pointed at the emulator the way tests (and the demo) need them: real clients with
// their DEFAULT request handlers (HTTP/2 for runtime, HTTP/1.1 for the control plane), fake static
// credentials (so the credential chain never reaches IMDS), and optionally a fast retry backoff.
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

export const FAKE_CREDENTIALS = { accessKeyId: 'AKIDEMULATOR0000', secretAccessKey: 'emulator-secret-key' };

export interface ClientOptions {
  region?: string;
  /** Total attempts (SDK default 3). */
  maxAttempts?: number;
  /** Backoff between retries; small values keep fault tests fast. Unset = the SDK's standard strategy. */
  retryDelayMs?: number;
  /** Send `Authorization: Bearer <token>` instead of SigV4. */
  bearerToken?: string;
}

function common(url: string, o: ClientOptions): Record<string, unknown> {
  const cfg: Record<string, unknown> = { endpoint: url, region: o.region ?? 'us-east-1', credentials: FAKE_CREDENTIALS };
  if (o.retryDelayMs !== undefined) cfg.retryStrategy = new ConfiguredRetryStrategy(o.maxAttempts ?? 3, o.retryDelayMs);
  else if (o.maxAttempts !== undefined) cfg.maxAttempts = o.maxAttempts;
  if (o.bearerToken) {
    cfg.token = { token: o.bearerToken };
    cfg.authSchemePreference = ['httpBearerAuth'];
  }
  return cfg;
}

export function runtimeClient(url: string, o: ClientOptions = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient(common(url, o));
}

export function controlClient(url: string, o: ClientOptions = {}): BedrockClient {
  return new BedrockClient(common(url, o));
}
