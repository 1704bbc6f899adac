// Turns anything thrown by the SDK, the compatible endpoints, the network or our own timers into
// one of a few kinds with a plain message and one action. Also spots the ValidationExceptions the
// router can route around (field notes), so fallbacks key on the service's real messages.
import { BedrockError, type ClassifiedError, type ErrorAction, type FallbackHint } from './classifiedError';
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

const A = {
  retry: { id: 'retry', label: 'Retry' },
  ssoLogin: { id: 'ssoLogin', label: 'Run `aws sso login`' },
  reload: { id: 'reloadCredentials', label: 'Reload credentials' },
  setApiKey: { id: 'setApiKey', label: 'Set API key' },
  access: { id: 'requestModelAccess', label: 'Request model access' },
  network: { id: 'checkNetwork', label: 'Check network and proxy settings' },
  settings: { id: 'openSettings', label: 'Open Bedrock settings' },
  profile: { id: 'chooseProfile', label: 'Choose an inference profile' },
  none: { id: 'none', label: 'OK' },
} satisfies Record<string, ErrorAction>;

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
  const detail = redact(raw);
  const status = statusOf(e);
  const base = { code: name || undefined, status, detail };
  const credAction = ctx.auth === 'sigv4' || !ctx.auth ? A.ssoLogin : A.setApiKey;

  if (ctx.idleTimeout) {
    return { ...base, kind: 'timeout', message: `The model stopped responding (no data for ${ctx.idleSeconds ?? '?'} s).`, action: A.retry };
  }
  if (ctx.cancelled || name === 'AbortError' || /aborted/i.test(name)) {
    return { ...base, kind: 'cancelled', message: 'Request cancelled.', action: A.none };
  }
  const foreign = notBedrockBody(e, status);
  if (foreign !== undefined) {
    return { ...base, detail: redact(foreign), kind: 'network', message: "The response was not Bedrock's: a proxy may be in the way.", action: A.network };
  }

  if (name === 'ThrottlingException' || (status === 429 && name !== 'ModelNotReadyException') || /too many requests|rate limit/i.test(raw)) {
    return { ...base, kind: 'throttled', message: 'Bedrock is throttling requests (too many requests or tokens). Wait a moment and retry.', action: A.retry };
  }
  if (name === 'ServiceQuotaExceededException' || /too many tokens per day|quota/i.test(raw)) {
    return { ...base, kind: 'throttled', message: 'Your Bedrock quota for this model is used up for now. Retry later or request a quota increase.', action: A.retry };
  }
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken' || /security token included in the request is expired|token (has )?expired|sso session.*expired|refresh.*token.*expired/i.test(raw)) {
    return { ...base, kind: 'expiredCredentials', message: 'Your AWS credentials have expired.', action: credAction };
  }
  if (
    name === 'UnrecognizedClientException' ||
    name === 'InvalidSignatureException' ||
    name === 'InvalidClientTokenId' ||
    name === 'CredentialsProviderError' ||
    name === 'authentication_error' ||
    status === 401 ||
    /security token included in the request is invalid|could not load credentials|invalid api key|bearer token.*invalid|authentication failed/i.test(raw)
  ) {
    const none = name === 'CredentialsProviderError' || /could not load credentials/i.test(raw);
    return {
      ...base,
      kind: 'expiredCredentials',
      message: none ? 'No AWS credentials found. Sign in with the AWS CLI, choose a profile, or set a Bedrock API key.' : 'Bedrock rejected your credentials.',
      action: none ? A.settings : ctx.auth === 'sigv4' || !ctx.auth ? A.reload : A.setApiKey,
    };
  }
  if (name === 'AccessDeniedException' || status === 403) {
    if (/access to the model|model access|not authorized to invoke this model|don.t have access to the model/i.test(raw)) {
      return { ...base, kind: 'modelNotEnabled', message: 'This model is not enabled for your account in this region.', action: A.access };
    }
    return { ...base, kind: 'accessDenied', message: 'Access denied by AWS (IAM or organisation policy).', action: /global\./.test(ctx.modelId ?? '') ? A.profile : A.settings };
  }
  // The SDK names a connection closed before any response a TimeoutError (so it is retried): it is the network's.
  const noResponse = /did not get a response/i.test(raw);
  if (name === 'ModelTimeoutException' || (name === 'TimeoutError' && !noResponse) || status === 408 || /timed out/i.test(raw)) {
    return { ...base, kind: 'timeout', message: 'The model took too long to respond.', action: A.retry };
  }
  if (name === 'ResourceNotFoundException' || status === 404) {
    const eol = /end of (its )?life/i.test(raw);
    const fallback = eol ? undefined : fallbackHint(`${name} ${raw}`);
    return { ...base, kind: 'validation', message: eol ? 'This model version has reached end of life. Pick a newer model.' : 'Bedrock does not know this model or profile in this region.', action: A.profile, fallback };
  }
  if (name === 'ValidationException' || status === 400 || status === 422) {
    const fallback = fallbackHint(raw);
    return { ...base, kind: 'validation', message: `Bedrock rejected the request: ${detail}`, action: fallback?.kind === 'needsProfile' ? A.profile : A.none, fallback };
  }
  const net = networkCode(e);
  if (net || /truncated event message|checksum|crc|socket hang up|did not get a response|stream (was )?(closed|reset)|premature close|fetch failed|network/i.test(raw)) {
    return { ...base, code: net ?? base.code, kind: 'network', message: 'The connection to Bedrock failed or the stream was corrupted.', action: A.network };
  }
  if (name === 'ServiceUnavailableException' || name === 'overloaded_error' || status === 503 || status === 529) {
    return { ...base, kind: 'serviceError', message: 'Bedrock is busy right now (overloaded). Retry in a moment.', action: A.retry };
  }
  if (
    /InternalServer|ServiceUnavailable|ModelNotReady|ModelError|ModelStreamError/.test(name) ||
    (status !== undefined && status >= 500)
  ) {
    return { ...base, kind: 'serviceError', message: name === 'ModelNotReadyException' ? 'The model is not ready yet. Retry in a moment.' : 'Bedrock had a temporary problem.', action: A.retry };
  }
  return { ...base, kind: 'serviceError', message: `Unexpected error: ${detail}`, action: A.retry };
}
