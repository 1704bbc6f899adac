// Embeds many texts: chunk by the model's limits, batch, run with bounded concurrency, back off on
// throttling, split a chunk the service still finds too long, and put every vector back at its
// chunk. Cancelling stops new calls and aborts the ones in flight.
import { setMaxListeners } from 'node:events';
import { BedrockError, errorAction } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import { hasEndpointOverride } from '../connection/endpointOverrides';
import type { BedrockConnection } from '../connection/connection';
import { embedBody, parseEmbedResponse } from './embedBodies';
import { batches, chunkText, chunkTexts } from './embedChunking';
import type { EmbeddedChunk, EmbedProgress, EmbedRequest, EmbedResult, TextChunk } from './embedTypes';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { EMBED_LIMITS, chunkCharLimit, embedFamilyOf } from '../catalog/modelFamily';
import { parseResponseJson } from '../adapters/responseBody';

const MAX_RETRIES = 5;
const decoder = new TextDecoder();

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface EmbedderOptions {
  /** Base backoff in ms (tests pass a small one). */
  backoffMs?: number;
}

export class Embedder {
  constructor(
    private readonly connection: BedrockConnection,
    private readonly options: EmbedderOptions = {},
  ) {}

  async embed(req: EmbedRequest, target: string, baseModelId: string, signal?: AbortSignal, onProgress?: (p: EmbedProgress) => void): Promise<EmbedResult> {
    const family = embedFamilyOf(baseModelId) ?? embedFamilyOf(target);
    if (!family) throw new BedrockError({ kind: 'validation', message: `${req.modelId} is not a supported embedding model.`, action: errorAction('none') });
    const limits = EMBED_LIMITS[family];
    const maxChars = chunkCharLimit(limits);
    const chunks = chunkTexts(req.texts, maxChars, req.overlapChars);
    const queue = batches(chunks, limits.maxBatch);
    const results: EmbeddedChunk[] = [];
    let inputTokens = 0;
    let done = 0;
    let total = queue.length;
    const purpose = req.purpose ?? 'document';
    const [sdk, client] = await Promise.all([loadAwsSdk(), this.connection.runtime()]);
    const inner = new AbortController();
    // Every request in the window listens on this one signal; more than ten is expected, not a leak.
    setMaxListeners(0, inner.signal);
    const onAbort = () => inner.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const call = async (batch: TextChunk[]): Promise<void> => {
      for (let attempt = 0; ; attempt++) {
        try {
          const body = new TextEncoder().encode(JSON.stringify(embedBody(family, batch.map((c) => c.text), purpose, req.dimensions)));
          const res = await client.send(new sdk.InvokeModelCommand({ modelId: target, body, contentType: 'application/json', accept: 'application/json' }), { abortSignal: inner.signal });
          const parsed = parseEmbedResponse(family, parseResponseJson(decoder.decode(res.body)) as Parameters<typeof parseEmbedResponse>[1]);
          if (parsed.vectors.length !== batch.length) throw new Error(`Expected ${batch.length} embeddings, got ${parsed.vectors.length}`);
          batch.forEach((c, i) => results.push({ ...c, vector: parsed.vectors[i] }));
          inputTokens += parsed.inputTokens ?? 0;
          return;
        } catch (err) {
          if (inner.signal.aborted) throw signal?.reason ?? err;
          const c = classifyError(err, { auth: this.connection.info.auth, endpointOverride: hasEndpointOverride(this.connection.info) });
          if (c.kind === 'validation' && /too many (input )?tokens|too long|exceeds/i.test(c.detail ?? '') && batch.length === 1 && batch[0].text.length > 1) {
            // Our chars-per-token estimate was too generous for this text: split and queue both halves.
            const half = chunkText(batch[0].text, 0, Math.ceil(batch[0].text.length / 2)).map((h) => ({ ...h, textIndex: batch[0].textIndex, start: batch[0].start + h.start, end: batch[0].start + h.end }));
            total += half.length - 1;
            queue.push(...half.map((h) => [h]));
            return;
          }
          if ((c.kind === 'throttled' || c.kind === 'serviceError' || c.kind === 'network') && attempt < MAX_RETRIES) {
            const base = this.options.backoffMs ?? 500;
            await sleep(base * 2 ** attempt * (0.5 + Math.random() / 2), inner.signal);
            continue;
          }
          throw new BedrockError(c, { cause: err });
        }
      }
    };

    const worker = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        // First failure stops the others at once instead of after their current call.
        await call(batch).catch((e) => {
          inner.abort(e);
          throw e;
        });
        done++;
        onProgress?.({ done, total });
      }
    };
    try {
      const n = Math.max(1, Math.min(req.concurrency ?? 4, queue.length));
      const workers = Array.from({ length: n }, worker);
      // Workers may finish while a split pushed more work: loop until the queue drains.
      const settled = await Promise.allSettled(workers);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      while (queue.length) await worker();
    } catch (err) {
      inner.abort();
      throw err instanceof BedrockError ? err : new BedrockError(classifyError(err, { cancelled: signal?.aborted }), { cause: err });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    results.sort((a, b) => a.textIndex - b.textIndex || a.start - b.start);
    return { modelId: req.modelId, chunks: results, dimensions: results[0]?.vector.length ?? 0, inputTokens: inputTokens || undefined };
  }
}

