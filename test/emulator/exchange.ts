// One request/response pair, over HTTP/1.1 or HTTP/2 (the compat API gives both the same shape).
// Owns fault application on the way out, so every route gets faults for free.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { constants as http2constants } from 'node:http2';
import { echoRequest, type FaultSpec } from './faultSpec';
import type { RecordedRequest } from './recordedRequest';
import { type ServiceError, anthropicErrorBody, errorForKind, openAiErrorBody } from './serviceError';
import { corruptCrc, exceptionFrame } from './eventStream';
import { breakUtf8, breakUtf8InFrame } from './invalidUtf8';

export type ErrorShape = 'aws' | 'openai' | 'anthropic';

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/** The part of the HTTP/1 and HTTP/2 compat responses the exchange uses (their union is not callable). */
interface ResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Buffer, callback?: () => void): boolean;
  end(chunk?: Buffer): unknown;
  once(event: 'drain', listener: () => void): unknown;
}

/** Renders an error in a stream's own framing; `fault` says which form (in band, Responses form). */
export type StreamErrorEncoder = (err: ServiceError, fault: FaultSpec) => Buffer;

export interface Pace {
  tokensPerSecond?: number;
  firstTokenLatencyMs?: number;
}

export class Exchange {
  private done = false;
  private stopped = false;
  private contentEvents = 0;
  private readonly closedPromise: Promise<void>;
  /** Settles when the last event written has been handed to the socket. */
  private flushed: Promise<void> = Promise.resolve();
  private readonly out: ResponseLike;

  constructor(
    readonly req: AnyRequest,
    readonly res: AnyResponse,
    readonly record: RecordedRequest,
    readonly errorShape: ErrorShape,
    readonly fault: FaultSpec | undefined,
  ) {
    this.out = res as unknown as ResponseLike;
    this.closedPromise = record.closed.then(() => {
      this.stopped = true;
    });
  }

  get isClosed(): boolean {
    return this.stopped;
  }

  /** Sleeps, but wakes early if the client goes away. */
  async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), this.closedPromise]);
    clearTimeout(timer);
  }

  private baseHeaders(): Record<string, string> {
    return { 'x-amzn-requestid': this.record.requestId, date: new Date().toUTCString() };
  }

  sendJson(status: number, body: unknown, headers: Record<string, string> = {}): Promise<void> {
    const buf = Buffer.from(JSON.stringify(body), 'utf8');
    return this.sendRaw(status, buf, { 'content-type': 'application/json', ...headers });
  }

  async sendRaw(status: number, buf: Buffer, headers: Record<string, string>): Promise<void> {
    if (this.done || this.stopped) return;
    this.done = true;
    this.record.status = status;
    const fault = this.fault;
    if (fault?.kind === 'invalidUtf8') buf = breakUtf8(buf);
    if (fault?.kind === 'reset') return this.reset();
    if (fault?.kind === 'stall') {
      this.out.writeHead(status, { ...this.baseHeaders(), ...headers, 'content-length': String(buf.length) });
      this.out.write(buf.subarray(0, Math.floor(buf.length / 2)));
      return;
    }
    if (fault?.kind === 'truncatedFrame' || fault?.kind === 'badCrc') {
      this.out.writeHead(status, { ...this.baseHeaders(), ...headers });
      this.out.end(buf.subarray(0, Math.floor(buf.length / 2)));
      return;
    }
    this.out.writeHead(status, { ...this.baseHeaders(), ...headers, 'content-length': String(buf.length) });
    if (fault?.kind === 'slowDrip') {
      await this.drip(buf);
      if (!this.stopped) this.out.end();
      return;
    }
    this.record.bytesOut += buf.length;
    this.out.end(buf);
  }

  /** A proxy's or captive portal's HTML page instead of Bedrock's answer. */
  sendHtml(status: number): Promise<void> {
    const title = status === 200 ? 'Network Login Required' : `${status} ${STATUS_CODES[status] ?? 'Error'}`;
    const page =
      status === 200
        ? `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>Sign in to continue</h1><p>This network requires you to sign in before you can reach the internet.</p><form method="post" action="/login"><input name="user"><button>Sign in</button></form></body></html>\n`
        : `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    return this.sendRaw(status, Buffer.from(page, 'utf8'), { 'content-type': 'text/html; charset=utf-8' });
  }

  /** `errorTypeHeader: false` leaves the compatible endpoints' body (`code`) as the only carrier of the exception name. */
  sendError(err: ServiceError, errorTypeHeader = true): Promise<void> {
    this.record.errorCode = err.code;
    const retryAfter: Record<string, string> = err.retryAfter !== undefined ? { 'retry-after': err.retryAfter } : {};
    const header: Record<string, string> = errorTypeHeader ? { 'x-amzn-errortype': err.code, ...retryAfter } : retryAfter;
    if (this.errorShape === 'openai') return this.sendJson(err.status, openAiErrorBody(err), header);
    if (this.errorShape === 'anthropic') return this.sendJson(err.status, anthropicErrorBody(err), header);
    return this.sendJson(err.status, err.body(), {
      'x-amzn-errortype': `${err.code}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      ...retryAfter,
    });
  }

  /** Drops the connection without a response (or mid-response): clients see ECONNRESET / a stream error. */
  reset(): void {
    this.stopped = true;
    const res = this.res as Http2ServerResponse;
    if (res.stream) {
      // RST_STREAM(INTERNAL_ERROR) then drop the session: the client sees ERR_HTTP2_STREAM_ERROR.
      res.stream.close(http2constants.NGHTTP2_INTERNAL_ERROR);
      res.stream.session?.destroy();
    } else {
      (this.req as IncomingMessage).socket.destroy();
    }
  }

  private async write(buf: Buffer): Promise<void> {
    if (this.stopped) return;
    if (this.fault?.kind === 'slowDrip') return this.drip(buf);
    this.record.bytesOut += buf.length;
    let flushed!: () => void;
    this.flushed = new Promise<void>((r) => (flushed = r));
    if (!this.out.write(buf, () => flushed())) {
      await Promise.race([new Promise<void>((r) => this.out.once('drain', () => r())), this.closedPromise]);
    }
  }

  private async drip(buf: Buffer): Promise<void> {
    const step = this.fault?.dripBytes ?? 7;
    const interval = this.fault?.dripIntervalMs ?? 5;
    for (let i = 0; i < buf.length && !this.stopped; i += step) {
      const piece = buf.subarray(i, i + step);
      this.record.bytesOut += piece.length;
      this.out.write(piece);
      await this.sleep(interval);
    }
  }

  // ---- streaming ----------------------------------------------------------------------------

  startStream(headers: Record<string, string>): void {
    if (this.done) return;
    this.done = true;
    this.record.status = 200;
    this.out.writeHead(200, { ...this.baseHeaders(), ...headers });
    if (this.fault?.kind === 'reset' && (this.fault.afterEvents ?? 2) === 0) this.reset();
  }

  /** Where a stream-level fault fires (events already sent before it). */
  private faultPoint(): number {
    const f = this.fault;
    if (!f) return -1;
    if (f.kind === 'firstFrameException') return f.afterEvents ?? 0;
    if (['exceptionAfter', 'inBandError', 'reset', 'stall', 'truncatedFrame', 'badCrc'].includes(f.kind)) return f.afterEvents ?? 2;
    return -1;
  }

  private streamException(): ServiceError {
    const f = this.fault!;
    const kind = f.exception ?? (f.kind === 'firstFrameException' ? 'throttling' : f.kind === 'inBandError' ? 'serviceUnavailable' : 'modelStreamError');
    return errorForKind(kind, echoRequest(f.message, this.record.headers), f.status);
  }

  /**
   * Writes one stream event. `encodeError` renders an exception in this stream's framing.
   * `content` marks events that carry generated tokens (paced by the scenario).
   */
  async event(buf: Buffer, encodeError: StreamErrorEncoder, pace?: Pace, content = false): Promise<void> {
    if (this.stopped) return;
    if (content && pace) {
      if (this.contentEvents === 0) await this.sleep(pace.firstTokenLatencyMs ?? 0);
      else if (pace.tokensPerSecond) await this.sleep(1000 / pace.tokensPerSecond);
      this.contentEvents++;
      if (this.stopped) return;
    }
    if (this.record.events === this.faultPoint()) {
      const kind = this.fault!.kind;
      this.record.fault = kind;
      if (kind === 'firstFrameException' || kind === 'exceptionAfter' || kind === 'inBandError') {
        const err = this.streamException();
        this.record.errorCode = err.code;
        await this.write(encodeError(err, this.fault!));
        this.finish();
      } else if (kind === 'reset') {
        // Only after the events before the fault have left: a reset drops unsent bytes with it.
        await Promise.race([this.flushed, this.closedPromise]);
        this.reset();
      } else if (kind === 'stall') {
        this.stopped = true;
      } else if (kind === 'truncatedFrame') {
        await this.write(buf.subarray(0, Math.max(1, Math.floor(buf.length / 2))));
        this.finish();
      } else if (kind === 'badCrc') {
        // SSE has no checksum: its corrupted event is one cut short but still terminated, so the
        // client receives a malformed line just before the server closes.
        await this.write(this.errorShape === 'aws' ? corruptCrc(buf) : Buffer.concat([buf.subarray(0, Math.floor(buf.length / 2)), Buffer.from('\n\n')]));
        this.finish();
      }
      return;
    }
    this.record.events++;
    if (this.fault?.kind === 'invalidUtf8') buf = this.errorShape === 'aws' ? breakUtf8InFrame(buf) : breakUtf8(buf);
    await this.write(buf);
  }

  /** Ends a stream normally (no-op after a fault ended or stalled it). */
  finish(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.out.end();
  }
}

/** Exception frame encoder for AWS event streams (no in-band form: Converse has none). */
export function awsExceptionFrame(err: ServiceError): Buffer {
  return exceptionFrame(err.exceptionType, err.body());
}
