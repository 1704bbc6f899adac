// Plain HTTP(S) for the compatible endpoints: node:http so the proxy agent and AbortSignal reach
// the socket (global fetch takes neither an agent nor, on Node 20, a dispatcher we can pass safely).
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { HttpStatusError } from './httpStatusError';

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

/** Kept-alive sockets serve many requests; each gets its error listener once. */
const guardedSockets = new WeakSet<object>();

export function httpRequest(call: HttpCall): Promise<HttpResponse> {
  const url = new URL(call.url);
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      { method: call.method, headers: call.headers, agent: call.agent, signal: call.signal },
      (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
    );
    req.on('error', reject);
    // Aborting after the response arrived destroys the socket with an AbortError: never unhandled.
    req.on('socket', (socket) => {
      if (guardedSockets.has(socket)) return;
      guardedSockets.add(socket);
      socket.on('error', () => undefined);
    });
    req.end(call.body);
  });
}

export async function readText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Throws HttpStatusError for non-2xx, after reading the error body. */
export async function ensureOk(res: HttpResponse): Promise<HttpResponse> {
  if (res.status >= 200 && res.status < 300) return res;
  const text = await readText(res.body).catch(() => '');
  throw HttpStatusError.from(res.status, res.headers, text);
}
