// The runtime client's HTTP/2 transport: one kept session per endpoint that every request
// multiplexes over, instead of the SDK default of a new connection (TCP + TLS handshake) per
// request. The SDK's own handler does the HTTP work; this wrapper decides what may share a session,
// closes idle sessions, warms a session before the user presses Enter, and replays a request once
// when its session was gone before the request was taken.
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';

/** The part of the SDK's NodeHttp2Handler this wrapper drives. */
export interface Http2Handler {
  handle(request: HttpRequest, options?: HttpHandlerOptions & { isEventStream?: boolean }): Promise<{ response: HttpResponse }>;
  destroy(): void;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): object;
}

export interface PoolOptions {
  /** Streams one session carries at once; past it a second session opens. */
  maxConcurrentStreams: number;
  /** With nothing in flight for this long, the sessions close (the server would drop them soon anyway). */
  idleMs: number;
  /** The idle timer (tests pass their own clock). */
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

const NODE_TIMERS = {
  set: (fn: () => void, ms: number) => setTimeout(fn, ms).unref(),
  clear: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
};

/** A session the server let go idle this long is likely gone; warming again after it is worthwhile. */
export const SESSION_IDLE_MS = 60_000;
export const MAX_STREAMS_PER_SESSION = 100;

/**
 * Failures that prove the request never reached the service, so sending it again cannot run a
 * model twice: the session was already closing or gone when the stream was to open, or the server
 * refused the stream unprocessed (RST_STREAM REFUSED_STREAM, or a GOAWAY naming an earlier stream
 * as the last one it will process).
 */
export function isUnprocessedFailure(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code === 'ERR_HTTP2_GOAWAY_SESSION' || e.code === 'ERR_HTTP2_INVALID_SESSION') return true;
  return /NGHTTP2_REFUSED_STREAM|cannot acquire reference to destroyed session/.test(e.message ?? '');
}

/**
 * Only a request whose body is in memory can be sent twice. A bidirectional stream also keeps its
 * own session: its input stays open for the whole conversation and must not share flow control
 * with other requests.
 */
function isBidirectional(request: HttpRequest): boolean {
  return request.path.endsWith('/invoke-with-bidirectional-stream');
}

function replayable(request: HttpRequest): boolean {
  const b = request.body as unknown;
  return b === undefined || b === null || typeof b === 'string' || b instanceof Uint8Array;
}

export class PooledHttp2Handler {
  readonly metadata = { handlerProtocol: 'h2' };
  private inFlight = 0;
  private idleTimer?: unknown;
  private readonly timers: NonNullable<PoolOptions['timers']>;
  private replays = 0;

  constructor(
    private readonly inner: Http2Handler,
    private readonly options: PoolOptions,
  ) {
    this.timers = options.timers ?? NODE_TIMERS;
  }

  /** Requests sent a second time after their session was found gone (for tests and diagnostics). */
  get replayed(): number {
    return this.replays;
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions & { isEventStream?: boolean } = {}): Promise<{ response: HttpResponse }> {
    // The SDK isolates every event-stream request in its own connection; a response-only stream
    // (ConverseStream, InvokeModelWithResponseStream) multiplexes like any other request.
    const handlerOptions = { ...options, isEventStream: isBidirectional(request) };
    this.begin();
    let result: { response: HttpResponse };
    try {
      try {
        result = await this.inner.handle(request, handlerOptions);
      } catch (err) {
        if (options.abortSignal?.aborted || !isUnprocessedFailure(err) || !replayable(request)) throw err;
        // The pool dropped the dead session when it failed; this lease opens a new one.
        this.replays++;
        result = await this.inner.handle(request, handlerOptions);
      }
    } catch (err) {
      this.end();
      throw err;
    }
    this.endWhenClosed(result.response.body);
    return result;
  }

  /**
   * Opens (or checks) the session to `origin` with a request that carries no credentials and costs
   * nothing: an unsigned `HEAD /`, which the service refuses before any model is involved. What
   * stays is the connection, handshakes done.
   */
  async warm(origin: string, signal?: AbortSignal): Promise<void> {
    const url = new URL(origin);
    const request = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : undefined,
      method: 'HEAD',
      path: '/',
      query: {},
      headers: { host: url.host },
    } as unknown as HttpRequest;
    const { response } = await this.handle(request, { abortSignal: signal as never });
    const body = response.body as { resume?: () => void; destroy?: () => void } | undefined;
    body?.resume?.();
  }

  destroy(): void {
    this.timers.clear(this.idleTimer);
    this.inner.destroy();
  }

  updateHttpClientConfig(key: never, value: never): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): object {
    return this.inner.httpHandlerConfigs();
  }

  private begin(): void {
    this.inFlight++;
    this.timers.clear(this.idleTimer);
    this.idleTimer = undefined;
  }

  private end(): void {
    if (--this.inFlight > 0) return;
    this.idleTimer = this.timers.set(() => this.inner.destroy(), this.options.idleMs);
  }

  private endWhenClosed(body: unknown): void {
    const stream = body as { once?: (event: string, fn: () => void) => void; closed?: boolean; destroyed?: boolean } | undefined;
    if (!stream?.once || stream.closed || stream.destroyed) {
      this.end();
      return;
    }
    stream.once('close', () => this.end());
  }
}
