// What the emulator remembers about every request, for tests to assert on.

export type AuthKind = 'sigv4' | 'bearer' | 'apiKey' | 'none';

export interface RequestAuth {
  kind: AuthKind;
  /** SigV4 credential-scope service (`bedrock`, `bedrock-mantle`). */
  signingName?: string;
  /** SigV4 credential-scope region, or the region inside a short-term Bedrock API key. */
  region?: string;
  accessKeyId?: string;
  token?: string;
}

export type ServiceName = 'bedrock' | 'bedrock-runtime' | 'bedrock-mantle';

export interface RecordedRequest {
  /** The `x-amzn-requestid` the emulator answered with. */
  requestId: string;
  /** 1-based arrival order. */
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Operation name, e.g. `ConverseStream`, `ListInferenceProfiles`, `ChatCompletions`. */
  route: string;
  service: ServiceName;
  /** Model identifier decoded from the path (or taken from the body on the compatible endpoints). */
  modelId?: string;
  /** The catalog model the identifier resolved to, when it did. */
  resolvedModelId?: string;
  auth: RequestAuth;
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown;
  httpVersion: '1.1' | '2';
  /** The number of the TCP connection it arrived on (1 = the emulator's first); equal numbers = a reused connection. */
  connection: number;
  /** The server refused the stream unprocessed (RST_STREAM REFUSED_STREAM): no model saw it. */
  refused?: boolean;
  /** Attempt number from `amz-sdk-request: attempt=N; max=M` (SDK retries), if present. */
  attempt?: number;
  /** Final status once answered. */
  status?: number;
  /** Error code the emulator answered with (HTTP error or stream exception). */
  errorCode?: string;
  /** Fault kind applied to this request, if any. */
  fault?: string;
  /** Number of stream events written (event-stream or SSE). */
  events: number;
  /** Response body bytes handed to the socket so far. */
  bytesOut: number;
  /** Resolves when the exchange ends: `aborted` is true when the client went away before the end. */
  closed: Promise<{ aborted: boolean }>;
}
