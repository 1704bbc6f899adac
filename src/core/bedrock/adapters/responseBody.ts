// Bodies that are not Bedrock's: an HTML page, or a document cut short, answered by a proxy or a
// captive portal (often with status 200). Parsing through here turns them into one classified
// failure that shows the first bytes, never "Unexpected token '<'".
import type { Readable } from 'node:stream';
import type { HttpResponse } from '../connection/httpTransport';
import type { WireJson } from '../wireJson';

/** How much of the body Details shows. */
const SHOWN_CHARS = 400;

export class UnparseableResponseError extends Error {
  override readonly name = 'UnparseableResponseError';
  /** The start of the body, for Details. */
  readonly bodyStart: string;
  constructor(
    readonly status: number | undefined,
    body: string,
    options?: { cause?: unknown },
  ) {
    super(`The response${status ? ` (HTTP ${status})` : ''} was not Bedrock's JSON.`, options);
    this.bodyStart = body.slice(0, SHOWN_CHARS);
  }
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml|title|center|h1)[\s>]/i.test(text);
}

/** JSON.parse for a whole response body; anything unparseable is an UnparseableResponseError. */
export function parseResponseJson(text: string, status = 200): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UnparseableResponseError(status, text, { cause: e });
  }
}

/** The body of a streamed answer, unless the 200 is an HTML page (a portal) rather than Bedrock's stream. */
export async function eventStreamBody(res: HttpResponse): Promise<Readable> {
  if (!String(res.headers['content-type'] ?? '').includes('text/html')) return res.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res.body) {
    chunks.push(c as Buffer);
    if ((size += (c as Buffer).length) >= SHOWN_CHARS) break; // enough for Details; the loop's exit closes the body
  }
  throw new UnparseableResponseError(res.status, Buffer.concat(chunks).toString('utf8'));
}

/** One SSE event's JSON. A plain-text `error` event is still that error; other bad lines name what came. */
export function sseJson(e: { event?: string; data: string }): WireJson {
  try {
    return JSON.parse(e.data);
  } catch (err) {
    if (e.event === 'error') return { error: { message: e.data } };
    throw new UnparseableResponseError(undefined, e.data, { cause: err });
  }
}
