// Plain HTTP(S) for the compatible endpoints: node:http so the agent (keep-alive or proxy) and
// AbortSignal reach the socket (global fetch takes neither an agent nor, on Node 20, a dispatcher
// we can pass safely).
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { HttpStatusError } from '../errors/httpStatusError';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Readable;
}

export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  agent?: http.Agent;
  signal?: AbortSignal;
}

const ignore = (): void => undefined;

/**
 * Sends one request. The request, the response and the socket have an error listener for their
 * whole life: once the caller has stopped reading (the adapter failed on an error event, a bad
 * line) and aborts, the AbortError or reset that follows lands on objects nobody else listens to,
 * and an unheard 'error' event would be an uncaught exception in the extension host. Errors
 * that matter still reach the caller: before the response through the promise, after it through
 * the body's reader.
 */
export function httpRequest(call: HttpCall): Promise<HttpResponse> {
  const url = new URL(call.url);
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: call.method, headers: call.headers, agent: call.agent, signal: call.signal });
    req.on('error', reject);
    req.on('socket', (socket: Socket) => {
      // Pooled sockets serve many requests: listen only while this one owns it.
      socket.on('error', ignore);
      req.once('close', () => socket.off('error', ignore));
    });
    req.on('response', (res) => {
      res.on('error', ignore);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    req.end(call.body);
  });
}

export async function readText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The error of a non-2xx response (HttpStatusError, or UnparseableResponseError for a proxy's page), after reading its body. */
export async function statusError(res: HttpResponse): Promise<Error> {
  const text = await readText(res.body).catch(() => '');
  return HttpStatusError.from(res.status, res.headers, text);
}
