// Shared plumbing of the compatible-endpoint adapters: POST JSON with bearer or SigV4 auth through
// the connection's proxy agent, then either one JSON body or a stream of SSE events.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { AdapterContext } from './chatAdapter';
import { ensureOk, httpRequest, readText } from './httpTransport';
import { parseResponseJson } from './responseBody';
import type { RouteStep } from './routePlan';

export function compatUrl(ctx: AdapterContext, step: RouteStep, path: string): string {
  const ep = ctx.connection.info.endpoints;
  return step.endpoint === 'mantle' ? `${ep.mantle}${path}` : `${ep.runtime}/openai${path}`;
}

export async function postJson(ctx: AdapterContext, step: RouteStep, url: string, body: unknown, extraHeaders: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...extraHeaders };
  const auth = await ctx.connection.authHeaders(step.endpoint === 'mantle' ? 'mantle' : 'runtime', { method: 'POST', url, headers, body: text });
  const agent = await ctx.connection.proxyAgent();
  const res = await httpRequest({ method: 'POST', url, headers: { ...headers, ...auth, 'content-length': String(Buffer.byteLength(text)) }, body: text, agent, signal: ctx.signal });
  return ensureOk(res);
}

export async function jsonBody(res: { status?: number; body: NodeJS.ReadableStream & AsyncIterable<unknown> }): Promise<unknown> {
  return parseResponseJson(await readText(res.body as never), res.status);
}

/** Parsed SSE events (`data: [DONE]` ends the stream). */
export async function* sseEvents(body: AsyncIterable<unknown>): AsyncGenerator<EventSourceMessage> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => queue.push(e) });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    while (queue.length) {
      const e = queue.shift()!;
      if (e.data === '[DONE]') return;
      yield e;
    }
  }
}
