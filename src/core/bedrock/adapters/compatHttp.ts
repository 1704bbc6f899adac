// Shared plumbing of the compatible-endpoint adapters: POST JSON with bearer or SigV4 auth through
// the connection's agent (keep-alive, or the proxy), retried by the standard policy, then either one
// JSON body or a stream of SSE events.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Readable } from 'node:stream';
import { isStreamingStep, type AdapterCall, type AdapterContext } from './chatAdapter';
import type { ChatEvent } from './chatEvent';
import { compatUrl } from './compatRoutes';
import { HttpStatusError } from '../errors/httpStatusError';
import { httpRequest, readText, statusError, type HttpResponse } from '../connection/httpTransport';
import { retryAfterMs, retryKindOf } from '../routing/retryPolicy';
import { eventStreamBody, parseResponseJson, sseJson } from './responseBody';
import type { WireJson } from '../wireJson';
import type { RouteStep } from '../routing/routePlan';

/**
 * POSTs JSON and returns the 2xx response, retrying throttling, 5xx and connection failures before
 * any response with the connection's retry policy (the same one the SDK clients use). Each attempt
 * is signed afresh.
 */
export async function postJson(ctx: AdapterContext, step: RouteStep, url: string, body: unknown, extraHeaders: Record<string, string> = {}): Promise<HttpResponse> {
  const text = JSON.stringify(body);
  const { connection, signal } = ctx;
  const policy = connection.retryPolicy;
  for (let attempt = 1; ; attempt++) {
    let failure: Error;
    let retryAfter: number | undefined;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'user-agent': connection.userAgent, ...extraHeaders };
      const auth = await connection.authHeaders(step.endpoint === 'mantle' ? 'mantle' : 'runtime', { method: 'POST', url, headers, body: text });
      const agent = await connection.httpAgent(url);
      const res = await httpRequest({ method: 'POST', url, headers: { ...headers, ...auth, 'content-length': String(Buffer.byteLength(text)) }, body: text, agent, signal });
      if (res.status >= 200 && res.status < 300) return res;
      failure = await statusError(res);
      retryAfter = retryAfterMs(res.headers['retry-after']);
    } catch (err) {
      if (signal.aborted || !(err instanceof Error)) throw err;
      failure = err;
    }
    const f = failure as Error & { status?: number; code?: string };
    const reason = failure instanceof HttpStatusError && failure.code ? failure.code : f.status !== undefined ? `HTTP ${f.status}` : (f.code ?? f.name);
    const delay = policy.next(attempt, retryKindOf(f), reason, retryAfter);
    if (delay === undefined) throw failure;
    await sleep(delay, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function jsonBody(res: { status?: number; body: NodeJS.ReadableStream & AsyncIterable<unknown> }): Promise<unknown> {
  return parseResponseJson(await readText(res.body as never), res.status);
}

/** A reply's tail after its last event (a blank line, `[DONE]`) is read for this long before the socket is given up. */
const TAIL_GRACE_MS = 5_000;

/**
 * Parsed SSE events (`data: [DONE]` ends the stream). However the reader stops, the rest of the
 * body is read rather than destroyed, so the keep-alive socket goes back to the pool for the next
 * turn; after `[DONE]` the turn waits for that (the body ends at once), so the next turn finds the
 * socket free. A body that does not end soon is destroyed.
 */
export async function* sseEvents(body: Readable): AsyncGenerator<EventSourceMessage> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => queue.push(e) });
  const decoder = new TextDecoder();
  let done = false;
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false })) {
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      while (queue.length) {
        const e = queue.shift()!;
        if (e.data === '[DONE]') {
          done = true;
          return;
        }
        yield e;
      }
    }
  } finally {
    const released = releaseBody(body);
    if (done) await released;
  }
}

/** Reads what is left of `body` so its socket is reused; resolves when it ended or was given up. */
function releaseBody(body: Readable): Promise<void> {
  if (body.readableEnded || body.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const giveUp = setTimeout(() => body.destroy(), TAIL_GRACE_MS);
    giveUp.unref();
    body.once('close', () => {
      clearTimeout(giveUp);
      resolve();
    });
    body.once('end', resolve);
    body.resume();
  });
}

/** How one compatible API reads its answers: a whole JSON response, or a stream of SSE events. */
export interface CompatReader {
  /** Maps a whole (non-streaming) response. */
  whole(json: WireJson, out: ChatEvent[]): void;
  /** A fresh reader for one stream: each event's parsed data, with its SSE event name. */
  stream(): { event(json: WireJson, name: string | undefined, out: ChatEvent[]): void; end?(out: ChatEvent[]): void };
}

/** Starts one compatible-endpoint call: POSTs the step's body and reads the answer with `reader`. */
export async function startCompatCall(
  ctx: AdapterContext,
  step: RouteStep,
  body: (stream: boolean) => unknown,
  reader: CompatReader,
  extraHeaders?: Record<string, string>,
): Promise<AdapterCall> {
  const stream = isStreamingStep(step);
  const res = await postJson(ctx, step, compatUrl(ctx, step), body(stream), extraHeaders);
  if (!stream) return { events: [await jsonBody(res as never)], map: (raw, out) => reader.whole(raw as WireJson, out) };
  const events = reader.stream();
  return {
    events: sseEvents(await eventStreamBody(res)),
    map(raw, out) {
      const e = raw as { event?: string; data: string };
      events.event(sseJson(e), e.event, out);
    },
    end: events.end,
  };
}
