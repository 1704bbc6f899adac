// InvokeModel's token counts and latency travel in response headers that the SDK does not return
// (x-amzn-bedrock-input-token-count, -output-token-count, -invocation-latency, and the cache
// counts). Several families (Mistral, Cohere, DeepSeek…) put no usage in the body, so a
// per-command middleware reads the headers to give every family a usage line.
import type { ChatEvent } from './chatEvent';

type Headers = Record<string, string | undefined>;

interface MiddlewareStackLike {
  add(middleware: unknown, options: { step: 'deserialize'; name: string }): void;
}

/** Adds a middleware to this one command that keeps the raw response headers. */
export function captureHeaders(command: { middlewareStack: MiddlewareStackLike }): { headers: Headers | undefined } {
  const box: { headers: Headers | undefined } = { headers: undefined };
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<{ response: unknown }>) => async (args: unknown) => {
      const result = await next(args);
      box.headers = (result.response as { headers?: Headers } | undefined)?.headers;
      return result;
    },
    { step: 'deserialize', name: 'bedrockMeteringHeaders' },
  );
  return box;
}

const count = (h: Headers, name: string): number | undefined => {
  const v = Number(h[name]);
  return h[name] !== undefined && Number.isFinite(v) ? v : undefined;
};

/** Usage from the headers when the body gave none (events from `start` on), and the latency. */
export function meteredUsage(headers: Headers | undefined, out: ChatEvent[], start: number): void {
  if (!headers) return;
  let bodyUsage = false;
  for (let i = start; i < out.length; i++) if (out[i].type === 'usage') bodyUsage = true;
  const inputTokens = count(headers, 'x-amzn-bedrock-input-token-count');
  const outputTokens = count(headers, 'x-amzn-bedrock-output-token-count');
  if (!bodyUsage && (inputTokens !== undefined || outputTokens !== undefined)) {
    const usage: ChatEvent = { type: 'usage', inputTokens, outputTokens };
    const cacheRead = count(headers, 'x-amzn-bedrock-cache-read-input-token-count');
    const cacheWrite = count(headers, 'x-amzn-bedrock-cache-write-input-token-count');
    if (cacheRead) usage.cacheReadTokens = cacheRead;
    if (cacheWrite) usage.cacheWriteTokens = cacheWrite;
    out.push(usage);
  }
  const latencyMs = count(headers, 'x-amzn-bedrock-invocation-latency');
  if (latencyMs !== undefined) out.push({ type: 'metrics', latencyMs });
}
