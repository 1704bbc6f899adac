// The local Bedrock emulator: one 127.0.0.1 port speaking HTTP/1.1 and cleartext HTTP/2 (sniffed
// from the connection preface), serving the control plane, the runtime and the mantle endpoints.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import http2 from 'node:http2';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import net from 'node:net';
import { AsyncJobStore, type AsyncFailureSpec } from './asyncInvoke';
import { ConnectionTracker, type ConnectionStats } from './connectionTracker';
import { s3Writer } from './s3Writer';
import { parseAuth } from './authHeader';
import { type Catalog, catalogWithOverrides, defaultCatalog } from './catalog';
import type { ModelOverride } from './catalog';
import { Exchange } from './exchange';
import type { ActiveFault, FaultSpec } from './faultSpec';
import { echoRequest, faultMatches } from './faultSpec';
import { lookupCompatModel, lookupModel, resolveModel } from './modelResolver';
import type { RecordedRequest } from './recordedRequest';
import { matchRoute } from './routes';
import type { EmulatorState, RouteCall } from './routeContext';
import type { Scenario } from './scenario';
import { ScenarioPlayer, loadScenario } from './scenario';
import { MESSAGES, ServiceError, errorForKind } from './serviceError';
import type { ErrorFaultKind } from './serviceError';

export type { RecordedRequest } from './recordedRequest';
export type { FaultSpec } from './faultSpec';
export type { Scenario } from './scenario';
export type { ConnectionStats } from './connectionTracker';

export interface EmulatorOptions {
  /** 0 or unset: a free port. */
  port?: number;
  /** Scenario object or path to a scenario JSON file. */
  scenario?: Scenario | string;
  /** Seed for generated replies and embeddings (default: the scenario's seed, else 1). */
  seed?: number;
  /** Delay added before every response (ms). */
  latencyMs?: number;
  /** Region assumed when the request carries none (bearer keys, API keys). Default us-east-1. */
  defaultRegion?: string;
  /** Called with one line per finished request (the CLI prints them). */
  log?: (line: string) => void;
  /** Patches to catalog entries (support flags, limits) for this emulator only. */
  modelOverrides?: Record<string, ModelOverride>;
  /** GetAsyncInvoke polls that report InProgress before a job completes (default 1). */
  asyncPollsUntilDone?: number;
  /** Milliseconds before each new connection is served: a stand-in for the TCP + TLS handshake. */
  connectionDelayMs?: number;
  /** The S3 endpoint async jobs write their outputs to (test/emulator/s3Server.ts); none: jobs fail. */
  s3Endpoint?: string;
}

export interface EmulatorHandle {
  /** `http://127.0.0.1:PORT` — the one base URL for control plane, runtime and mantle. */
  url: string;
  port: number;
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  readonly connections: number;
  /** Connections by protocol, open now, and GOAWAYs sent. */
  connectionStats(): ConnectionStats;
  /** GOAWAY to every HTTP/2 session (in-flight streams finish) and idle HTTP/1.1 connections closed. */
  goaway(): void;
  /** Closes the connections with nothing in flight, as an idle timeout does; returns how many. */
  closeIdleConnections(): number;
  /** Changes the delay before new connections are served (see EmulatorOptions.connectionDelayMs). */
  setConnectionDelay(ms: number): void;
  /** Every request so far, in arrival order (live array). */
  requests: RecordedRequest[];
  /** Queues a fault for the next `spec.count` (default 1) matching requests. */
  fault(spec: FaultSpec): ActiveFault;
  clearFaults(): void;
  clearRequests(): void;
  /** The next matching async jobs end Failed with the message. */
  failAsyncJobs(spec?: AsyncFailureSpec): void;
  /** Replaces the scripted replies from the next request on (undefined: none, replies are generated). */
  setScenario(scenario: Scenario | undefined): void;
  /** Resolves with the first request (already recorded or future) that satisfies `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** `request` fires when a request has been read (before it is answered); `response` when it ends; `connectionClose` with a connection's number. */
  events: EventEmitter;
  catalog: Catalog;
  close(): Promise<void>;
}

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

class EmulatorTimeoutError extends Error {
  override name = 'EmulatorTimeoutError';
}

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

function headerRecord(req: AnyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k.startsWith(':')) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function readBody(req: AnyRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const scenario = loadScenario(options.scenario);
  const state: EmulatorState = {
    catalog: options.modelOverrides ? catalogWithOverrides(options.modelOverrides) : defaultCatalog(),
    seed: options.seed ?? scenario.seed ?? 1,
    scenario: new ScenarioPlayer(scenario),
    asyncJobs: new AsyncJobStore(options.asyncPollsUntilDone ?? 1, options.s3Endpoint ? s3Writer(options.s3Endpoint) : undefined),
  };
  const defaultRegion = options.defaultRegion ?? 'us-east-1';
  const requests: RecordedRequest[] = [];
  const faults: ActiveFault[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const sockets = new Set<net.Socket>();
  let seq = 0;
  const tracker = new ConnectionTracker((id) => events.emit('connectionClose', id));
  tracker.connectionDelayMs = options.connectionDelayMs ?? 0;

  function takeFault(route: string, ids: Array<string | undefined>): FaultSpec | undefined {
    const f = faults.find((x) => faultMatches(x, route, ids));
    if (!f) return undefined;
    f.remaining--;
    return f.spec;
  }

  async function handle(req: AnyRequest, res: AnyResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const segments = url.pathname.split('/').filter(Boolean).map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    const headers = headerRecord(req);
    const auth = parseAuth(headers);
    // Mantle is its own host in AWS; here it shares the port, addressed by a `/mantle` path prefix
    // (or told apart by its SigV4 signing name).
    const mantlePrefixed = segments[0] === 'mantle';
    if (mantlePrefixed) segments.shift();
    const host = mantlePrefixed || auth.signingName === 'bedrock-mantle' ? 'mantle' : auth.signingName === 'bedrock' ? 'runtime' : undefined;
    const match = matchRoute(req.method ?? 'GET', segments, host);
    const path = mantlePrefixed ? url.pathname.slice('/mantle'.length) : url.pathname;
    let resolveClosed!: (v: { aborted: boolean }) => void;
    const closed = new Promise<{ aborted: boolean }>((r) => (resolveClosed = r));
    // The h2 compat layer emits 'finish' even when the client cancels, so judge by what happened:
    // h1 — every byte flushed; h2 — we ended the response and the stream closed without RST.
    const h2stream = (res as Http2ServerResponse).stream;
    res.on('close', () => {
      const aborted = h2stream ? !(res.writableEnded && h2stream.rstCode === http2.constants.NGHTTP2_NO_ERROR) : !(res as ServerResponse).writableFinished;
      resolveClosed({ aborted });
    });
    const attempt = /attempt=(\d+)/.exec(headers['amz-sdk-request'] ?? '')?.[1];
    const record: RecordedRequest = {
      requestId,
      seq: ++seq,
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      route: match?.route ?? 'Unknown',
      service: host === 'mantle' ? 'bedrock-mantle' : (match?.service ?? 'bedrock-runtime'),
      modelId: match?.modelLabel ? match.label : undefined,
      auth,
      headers,
      body: undefined,
      httpVersion: req.httpVersion === '2.0' ? '2' : '1.1',
      connection: tracker.connectionOf(req),
      attempt: attempt ? Number(attempt) : undefined,
      events: 0,
      bytesOut: 0,
      closed,
    };
    tracker.track(req, closed);
    closed.then(() => {
      options.log?.(
        `${record.method} ${record.path} ${record.route}${record.modelId ? ` ${record.modelId}` : ''} auth=${auth.kind} h${record.httpVersion} → ${record.status ?? '-'}${record.errorCode ? ` ${record.errorCode}` : ''}${record.fault ? ` fault=${record.fault}` : ''}`,
      );
      events.emit('response', record);
    });
    // A bidirectional stream's body lasts the whole session: its handler reads it as it arrives.
    const duplex = match?.route === 'InvokeModelWithBidirectionalStream';
    const rawBody = duplex ? Buffer.alloc(0) : await readBody(req).catch(() => Buffer.alloc(0));
    record.body = parseJson(rawBody);
    const region = auth.region ?? defaultRegion;
    const bodyModel = (record.body as { model?: unknown } | undefined)?.model;
    if (!match?.modelLabel && typeof bodyModel === 'string') record.modelId = bodyModel;
    const tentative = match?.modelLabel && match.label ? lookupModel(state.catalog, match.label, region) : typeof bodyModel === 'string' ? lookupCompatModel(state.catalog, bodyModel, region) : undefined;
    if (tentative) record.resolvedModelId = tentative.model.modelId;
    requests.push(record);
    events.emit('request', record);

    const fault = match ? takeFault(match.route, [record.modelId, tentative?.model.modelId]) : undefined;
    const errorShape = match?.errorShape ?? 'aws';
    const ex = new Exchange(req, res, record, errorShape, fault && !isErrorKind(fault.kind) ? fault : undefined);
    try {
      if (options.latencyMs) await ex.sleep(options.latencyMs);
      if (auth.kind === 'none') throw new ServiceError('MissingAuthenticationTokenException', 403, MESSAGES.missingAuth);
      if (!match) throw new ServiceError('UnknownOperationException', 404, `Unknown operation ${req.method} ${url.pathname}`);
      if (fault) {
        record.fault = fault.kind;
        if (fault.delayMs) await ex.sleep(fault.delayMs);
        const message = echoRequest(fault.message, headers);
        if (isErrorKind(fault.kind)) throw Object.assign(errorForKind(fault.kind, message, fault.status), { retryAfter: fault.retryAfter });
        if (fault.kind === 'refuseStream' && h2stream) {
          // GOAWAY naming the previous stream as the last one processed, as a server closing an
          // idle connection does when a request crosses it: the client must not reuse the session.
          record.refused = true;
          h2stream.session?.goaway(http2.constants.NGHTTP2_NO_ERROR, Math.max(0, (h2stream.id ?? 1) - 2));
          h2stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
          h2stream.session?.close();
          return;
        }
        if (fault.kind === 'resetBeforeHeaders') {
          ex.reset();
          return;
        }
        if (fault.kind === 'htmlBody') {
          await ex.sendHtml(fault.status ?? 200);
          return;
        }
        // A one-shot Responses call reports `failed` in a 200 body (the handler renders it).
        const failedResponse = fault.responsesForm === 'failed' && match.route === 'Responses';
        if ((fault.kind === 'firstFrameException' || fault.kind === 'exceptionAfter' || fault.kind === 'inBandError') && !match.streaming(record.body) && !failedResponse) {
          throw errorForKind(fault.exception ?? 'throttling', message, fault.status);
        }
      }
      const call: RouteCall = { ex, state, record, route: match.route, region, label: match.label, query: record.query, headers, body: record.body, rawBody };
      if (match.modelLabel) {
        call.resolved = resolveModel(state.catalog, match.label ?? '', region);
      }
      await match.handler(call);
    } catch (err) {
      if (err instanceof ServiceError) await ex.sendError(err, fault?.errorTypeHeader !== false);
      else {
        console.error('[emulator] handler failed', err);
        await ex.sendError(errorForKind('internal'));
      }
    }
  }

  const h1 = http.createServer((req, res) => void handle(req, res));
  h1.keepAliveTimeout = 5000;
  const h2 = http2.createServer({}, (req, res) => void handle(req, res));
  h2.on('sessionError', () => undefined);
  h2.on('session', (session) => tracker.onSession(session));
  const server = net.createServer((socket) => {
    // Nagle's algorithm plus the client's delayed ACK would add ~40 ms to responses written as
    // several small frames (HTTP/2 headers, then data) — latency no real endpoint has.
    socket.setNoDelay(true);
    const tracked = tracker.accept(socket);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      // Decide once the bytes seen either match or diverge from the HTTP/2 preface.
      const n = Math.min(head.length, HTTP2_PREFACE.length);
      const isH2Prefix = head.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      if (isH2Prefix && head.length < HTTP2_PREFACE.length) return;
      socket.off('data', onData);
      socket.pause();
      socket.unshift(head);
      // http2 drains the unshifted bytes itself (resuming would feed them twice); http1 needs the resume.
      if (isH2Prefix) tracker.adoptH2(tracked, () => h2.emit('connection', socket));
      else {
        tracker.adoptH1();
        h1.emit('connection', socket);
        socket.resume();
      }
    };
    // Bytes that arrive during the setup delay wait in the socket's buffer.
    if (tracker.connectionDelayMs > 0) setTimeout(() => socket.on('data', onData), tracker.connectionDelayMs);
    else socket.on('data', onData);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return tracker.stats().connections;
    },
    connectionStats: () => tracker.stats(),
    goaway: () => tracker.goaway(),
    closeIdleConnections: () => tracker.closeIdle(),
    setConnectionDelay(ms: number): void {
      tracker.connectionDelayMs = ms;
    },
    requests,
    events,
    catalog: state.catalog,
    fault(spec: FaultSpec): ActiveFault {
      const f: ActiveFault = { spec, remaining: spec.count ?? 1 };
      faults.push(f);
      return f;
    },
    clearFaults(): void {
      faults.length = 0;
    },
    clearRequests(): void {
      requests.length = 0;
    },
    failAsyncJobs(spec?: AsyncFailureSpec): void {
      state.asyncJobs.failNext(spec);
    },
    setScenario(next: Scenario | undefined): void {
      state.scenario = new ScenarioPlayer(loadScenario(next));
    },
    waitForRequest(predicate, timeoutMs = 5000): Promise<RecordedRequest> {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('request', listener);
          reject(new EmulatorTimeoutError(`no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (r: RecordedRequest): void => {
          if (!predicate(r)) return;
          clearTimeout(timer);
          events.off('request', listener);
          resolve(r);
        };
        events.on('request', listener);
      });
    },
    async close(): Promise<void> {
      const done = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      h1.close();
      h2.close();
      state.asyncJobs.s3?.close();
      await done;
    },
  };
}

const ERROR_KINDS: ReadonlySet<string> = new Set<ErrorFaultKind>([
  'throttling', 'modelNotReady', 'serviceUnavailable', 'internal', 'accessDenied', 'expiredToken', 'invalidToken', 'modelTimeout', 'quotaExceeded', 'validation', 'modelError', 'modelStreamError',
]);

function isErrorKind(kind: string): kind is ErrorFaultKind {
  return ERROR_KINDS.has(kind);
}
