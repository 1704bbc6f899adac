// Turns anything thrown by the SDK, the compatible endpoints, the network or our own timers into
// one of a few failures; errorWording.ts words each with a plain message and one action. Also spots
// the ValidationExceptions the router can route around, keyed on the service's real messages.
import { BedrockError, type ClassifiedError, type FallbackHint } from './classifiedError';
import { wordFailure, type Failure } from './errorWording';
import { redact } from './redact';

export interface ClassifyContext {
  /** How the request was authenticated: changes the credential action offered. */
  auth?: 'apiKey' | 'apiKeyEnv' | 'sigv4';
  /** Our idle timer fired (the abort that follows is a timeout, not a cancel). */
  idleTimeout?: boolean;
  idleSeconds?: number;
  /** The caller's signal aborted. */
  cancelled?: boolean;
  modelId?: string;
  /** A `bedrock.endpoints.*` setting points away from AWS's public hosts (emulator, VPC endpoint). */
  endpointOverride?: boolean;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  status?: number;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  cause?: unknown;
  /** UnparseableResponseError: the start of the body. */
  bodyStart?: string;
}

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'ECONNABORTED', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET', 'ERR_HTTP2_STREAM_CANCEL', 'ERR_HTTP2_INVALID_SESSION',
]);

/** The router's workarounds, keyed on the service's own wording. */
export function fallbackHint(message: string): FallbackHint | undefined {
  if (/on-demand throughput isn.t supported|inference profile that contains this model/i.test(message)) return { kind: 'needsProfile' };
  if (/doesn.t support tool use in streaming mode|tool use.*streaming.*not supported/i.test(message)) return { kind: 'noToolStreaming' };
  if (/unsupported for streaming|doesn.t support streaming|streaming is not supported/i.test(message)) return { kind: 'noStreaming' };
  if (/doesn.t support system messages|system messages? (is|are) not supported|does not support system (messages|prompts)/i.test(message)) {
    return { kind: 'noSystemPrompt' };
  }
  const max = /max(?:imum)? tokens[^.]*?exceeds the model limit(?: of)? (\d+)|max_tokens[^0-9]*\d+\s*>\s*(\d+)/i.exec(message);
  if (max) return { kind: 'maxTokens', limit: Number(max[1] ?? max[2]) };
  if (/provided model identifier is invalid|the model '[^']*' does not exist|model_not_found/i.test(message)) return { kind: 'unknownModel' };
  if (
    /does not support the '.*' API|isn.t supported on this route|not supported on this route|doesn.t support the model that you provided|model does not support (the )?(converse|this api|streaming)|this action doesn.t support/i.test(
      message,
    )
  ) {
    return { kind: 'routeUnsupported' };
  }
  return undefined;
}

function statusOf(e: ErrorLike): number | undefined {
  return e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? e.status;
}

/**
 * What to show in Details when the body was not Bedrock's (an HTML page or cut-off JSON from a proxy
 * or captive portal): our own parse failures, the SDK's JSON deserialization errors, or any error on
 * a response that was HTML. Undefined when the body was Bedrock's.
 */
function notBedrockBody(e: ErrorLike, status: number | undefined): string | undefined {
  const contentType = e.$response?.headers?.['content-type'] ?? '';
  const html = contentType.includes('text/html');
  if (e.name !== 'UnparseableResponseError' && e.name !== 'SyntaxError' && !html) return undefined;
  const head = [status !== undefined ? `HTTP ${status}` : '', contentType].filter(Boolean).join(', ');
  // The SDK appends a hint about a hidden field the user cannot reach; keep only the parser's words.
  const body = e.bodyStart ?? (e.message ?? '').split('\n  Deserialization error:')[0];
  return `${head ? `${head}: ` : ''}${body}`;
}

function networkCode(e: ErrorLike, depth = 0): string | undefined {
  if (!e || depth > 3) return undefined;
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  return e.cause && typeof e.cause === 'object' ? networkCode(e.cause as ErrorLike, depth + 1) : undefined;
}

export function classifyError(err: unknown, ctx: ClassifyContext = {}): ClassifiedError {
  if (err instanceof BedrockError) return err.classified;
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : { message: String(err) };
  const name = e.name ?? '';
  const raw = e.message ?? String(err);
  const status = statusOf(e);
  const foreign = ctx.idleTimeout || ctx.cancelled || isCancel(name) ? undefined : notBedrockBody(e, status);
  const detail = redact(foreign ?? raw);
  const failure = foreign !== undefined ? 'notBedrock' : whichFailure(e, name, raw, status, ctx);
  // A route the router can work around: said in a rejected request, or a host that does not know the id.
  const fallback = failure === 'requestRejected' ? fallbackHint(raw) : failure === 'unknownModel' ? fallbackHint(`${name} ${raw}`) : undefined;
  const net = failure === 'connectionFailed' ? networkCode(e) : undefined;
  const worded = wordFailure(failure, {
    detail,
    idleSeconds: ctx.idleSeconds,
    sigv4: ctx.auth === 'sigv4' || !ctx.auth,
    globalProfile: /global\./.test(ctx.modelId ?? ''),
    needsProfile: fallback?.kind === 'needsProfile',
    endpointOverride: !!ctx.endpointOverride,
  });
  return { code: net ?? (name || undefined), status, detail, ...worded, ...(failure === 'requestRejected' || failure === 'unknownModel' || failure === 'endOfLife' ? { fallback } : {}) };
}

function isCancel(name: string): boolean {
  return name === 'AbortError' || /aborted/i.test(name);
}

/** Which failure this is, from the service's exception name, the HTTP status and its own wording. */
function whichFailure(e: ErrorLike, name: string, raw: string, status: number | undefined, ctx: ClassifyContext): Failure {
  if (ctx.idleTimeout) return 'idleTimeout';
  if (ctx.cancelled || isCancel(name)) return 'cancelled';
  if (name === 'ThrottlingException' || (status === 429 && name !== 'ModelNotReadyException') || /too many requests|rate limit/i.test(raw)) return 'throttled';
  if (name === 'ServiceQuotaExceededException' || /too many tokens per day|quota/i.test(raw)) return 'quotaUsedUp';
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken' || /security token included in the request is expired|token (has )?expired|sso session.*expired|refresh.*token.*expired/i.test(raw)) {
    return 'credentialsExpired';
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(raw)) return 'credentialsMissing';
  if (
    name === 'UnrecognizedClientException' ||
    name === 'InvalidSignatureException' ||
    name === 'InvalidClientTokenId' ||
    name === 'authentication_error' ||
    status === 401 ||
    /security token included in the request is invalid|invalid api key|bearer token.*invalid|authentication failed/i.test(raw)
  ) {
    return 'credentialsRejected';
  }
  if (name === 'AccessDeniedException' || status === 403) {
    return /access to the model|model access|not authorized to invoke this model|don.t have access to the model/i.test(raw) ? 'modelNotEnabled' : 'accessDenied';
  }
  // The SDK names a connection closed before any response a TimeoutError (so it is retried): it is the network's.
  const noResponse = /did not get a response/i.test(raw);
  if (name === 'ModelTimeoutException' || (name === 'TimeoutError' && !noResponse) || status === 408 || /timed out/i.test(raw)) return 'modelTimeout';
  if (name === 'ResourceNotFoundException' || status === 404) return /end of (its )?life/i.test(raw) ? 'endOfLife' : 'unknownModel';
  if (name === 'ValidationException' || status === 400 || status === 422) return 'requestRejected';
  if (networkCode(e) || /truncated event message|checksum|crc|socket hang up|did not get a response|stream (was )?(closed|reset)|premature close|fetch failed|network/i.test(raw)) {
    return 'connectionFailed';
  }
  if (name === 'ServiceUnavailableException' || name === 'overloaded_error' || status === 503 || status === 529) return 'overloaded';
  if (name === 'ModelNotReadyException') return 'modelNotReady';
  if (/InternalServer|ServiceUnavailable|ModelNotReady|ModelError|ModelStreamError/.test(name) || (status !== undefined && status >= 500)) return 'serviceError';
  return 'unexpected';
}
