// Faults injected on demand: `emulator.fault(spec)` queues one; it applies to the next `count`
// matching requests.
import type { ErrorFaultKind } from './serviceError';

export type StreamFaultKind =
  | 'firstFrameException'
  | 'exceptionAfter'
  | 'reset'
  | 'stall'
  | 'truncatedFrame'
  | 'badCrc'
  | 'slowDrip'
  /** An error written as an ordinary event of a 200 stream, in the API's own shape (see FaultSpec). */
  | 'inBandError'
  /** The whole response replaced by an HTML page (a proxy or captive portal), status 200 unless `status`. */
  | 'htmlBody'
  /** The connection dropped before any byte of the response (streaming routes included). */
  | 'resetBeforeHeaders'
  /** HTTP/2 only: the stream refused with RST_STREAM(REFUSED_STREAM) before any processing. */
  | 'refuseStream'
  /** Every `é` of the reply sent as bytes that are not UTF-8 (framing and checksums intact). */
  | 'invalidUtf8';

export type FaultKind = ErrorFaultKind | StreamFaultKind;

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  count?: number;
  /** Only requests whose decoded model id (or resolved base model id) equals this. */
  model?: string;
  /** Only requests for this operation (`ConverseStream`, `converse-stream`, `InvokeModel`, `ChatCompletions`…; case-insensitive). */
  route?: string;
  /** For `exceptionAfter`, `inBandError`, `reset`, `stall`, `truncatedFrame`, `badCrc`: events sent before the fault (default 2; 0 for firstFrameException). */
  afterEvents?: number;
  /**
   * Exception used by `firstFrameException` / `exceptionAfter` / `inBandError` (default `throttling`
   * first, `modelStreamError` after, `serviceUnavailable` in band). In band on an Anthropic stream it
   * picks the `error.type`: throttling → rate_limit_error, serviceUnavailable → overloaded_error,
   * internal → api_error, validation → invalid_request_error.
   */
  exception?: ErrorFaultKind;
  /**
   * How a Responses stream reports the error: `bare` (default: `data: {"error":{message,type,code}}`,
   * no event name), `error` (`event: error`, `{"type":"error","code":<Bedrock name>,"message"}`),
   * `failed` (`response.failed` with `response.error{code,message}` in OpenAI's codes).
   */
  responsesForm?: 'bare' | 'error' | 'failed';
  /**
   * Override the error message. It may quote the request back, as some services and proxies do
   * when they reject a signature: `{headers}` becomes a dump of the request headers
   * (`{'name': 'value', …}`), `{header:NAME}` one header's value, `{header:NAME|url}` and
   * `{header:NAME|base64}` that value encoded.
   */
  message?: string;
  /** Compatible endpoints: `false` sends the error without `x-amzn-ErrorType` (the body's `code` still names it). */
  errorTypeHeader?: boolean;
  /** Override the HTTP status of an error fault (for `htmlBody`, the page's status). */
  status?: number;
  /** `slowDrip`: bytes per write (default 7) and delay between writes (default 5 ms). */
  dripBytes?: number;
  dripIntervalMs?: number;
  /** Error faults: a `Retry-After` header value to send with the error. */
  retryAfter?: string;
  /** Delay before the fault's response (ms). */
  delayMs?: number;
}

export interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

function norm(route: string): string {
  return route.replace(/[-_/ ]/g, '').toLowerCase();
}

export function faultMatches(fault: ActiveFault, route: string, modelIds: Array<string | undefined>): boolean {
  if (fault.remaining <= 0) return false;
  if (fault.spec.route && norm(fault.spec.route) !== norm(route)) return false;
  if (fault.spec.model && !modelIds.includes(fault.spec.model)) return false;
  return true;
}

/** Fills the request echoes of a fault message (see FaultSpec.message). */
export function echoRequest(message: string | undefined, headers: Record<string, string>): string | undefined {
  if (message === undefined) return undefined;
  return message
    .replace(/\{headers\}/g, () => `{${Object.entries(headers).map(([k, v]) => `'${k}': '${v}'`).join(', ')}}`)
    .replace(/\{header:([a-z0-9-]+)(?:\|(url|base64))?\}/gi, (_m, name: string, enc?: string) => {
      const v = headers[name.toLowerCase()] ?? '';
      return enc === 'url' ? encodeURIComponent(v) : enc === 'base64' ? Buffer.from(v).toString('base64') : v;
    });
}
