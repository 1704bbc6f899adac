// An error from the compatible endpoints — an HTTP error body or an error event inside a 200
// stream, in the OpenAI, Anthropic or AWS shape — normalised so the classifier can treat it like an
// SDK exception. When the response names a Bedrock exception (`x-amzn-ErrorType`, `code`,
// `__type`) that name wins over the OpenAI/Anthropic `type`, which is coarser (a quota error and a
// malformed request are both `invalid_request_error`).
import { looksLikeHtml, UnparseableResponseError } from '../adapters/responseBody';
import type { WireJson } from '../wireJson';

type Headers = Record<string, string | string[] | undefined>;

/** HTTP status of each Bedrock exception, for errors that arrive inside a 200 stream. */
const BEDROCK_STATUS: Record<string, number> = {
  ValidationException: 400,
  ServiceQuotaExceededException: 400,
  AccessDeniedException: 403,
  ExpiredTokenException: 403,
  UnrecognizedClientException: 403,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
};

/** Anthropic `error.type` and OpenAI `error.type` / `code` values, by HTTP status. */
const TYPE_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  invalid_prompt: 400,
  authentication_error: 401,
  invalid_api_key: 401,
  permission_error: 403,
  not_found_error: 404,
  model_not_found: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  api_error: 500,
  server_error: 500,
  overloaded_error: 503,
};

/** `ThrottlingException:http://internal…`, `com.amazon…#ThrottlingException` → `ThrottlingException`. */
function bedrockName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.split(':')[0].split(',')[0].split('#').pop()!.trim();
  return /^[A-Z][A-Za-z]+(Exception|Error|Token)$/.test(name) ? name : undefined;
}

export class HttpStatusError extends Error {
  override readonly name: string;
  constructor(
    readonly status: number,
    message: string,
    /** Bedrock exception name when the response carried one, else the OpenAI/Anthropic error type. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = code || `Http${status}Error`;
  }

  /** A failed HTTP response: `{message}`, `{error:{message,type,code}}` or `{type:'error',error:{…}}`. */
  static from(status: number, headers: Headers, body: string): Error {
    let j: WireJson | undefined;
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') j = parsed as WireJson;
    } catch {
      // Not JSON: an HTML error page is a proxy's, anything else is kept as the message.
    }
    const contentType = String(headers['content-type'] ?? '');
    if (!j && (looksLikeHtml(body) || contentType.includes('text/html'))) return new UnparseableResponseError(status, body);
    const e = describe(j ?? {});
    return new HttpStatusError(status, e.message ?? body.slice(0, 500), bedrockName(headers['x-amzn-errortype']) ?? e.code);
  }

  /** An error event inside a 200 stream (Anthropic `error`, OpenAI `{error}`, Responses `error` / `response.failed`). */
  static fromEvent(data: unknown): HttpStatusError {
    const e = describe(data && typeof data === 'object' ? (data as WireJson) : {});
    return new HttpStatusError(e.status ?? 500, e.message ?? 'The stream reported an error.', e.code);
  }
}

/** The best exception name, status and message an error body or event offers. */
function describe(j: WireJson): { code?: string; status?: number; message?: string } {
  const err: WireJson | undefined = typeof j.error === 'object' && j.error ? j.error : typeof j.response?.error === 'object' && j.response.error ? j.response.error : undefined;
  const message = [j.message, j.Message, err?.message, typeof j.error === 'string' ? j.error : undefined].find((v) => typeof v === 'string' && v);
  const bedrock = bedrockName(j.code) ?? bedrockName(j.__type) ?? bedrockName(err?.code) ?? bedrockName(err?.type);
  if (bedrock) return { code: bedrock, status: BEDROCK_STATUS[bedrock], message };
  const types = [err?.code, err?.type, j.code, j.type].filter((v): v is string => typeof v === 'string' && !!v && v !== 'error' && v !== 'response.failed');
  return { code: types[0], status: types.map((t) => TYPE_STATUS[t]).find((s) => s !== undefined), message };
}
