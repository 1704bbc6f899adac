// Embeddings through the router against the emulator: per-family bodies, chunking and batching by
// model limits, backoff on throttling, cancellation, nothing lost or duplicated.
import assert from 'node:assert/strict';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import { useEmulatorRig } from './routerHarness';
import { Embedder } from '../../../src/core/bedrock/embedding/embedder';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('router: embeddings (emulator)', function () {
  const t = useEmulatorRig({}, { maxAttempts: 1 });

  const cases: Array<[string, (b: J) => void, number]> = [
    ['amazon.titan-embed-text-v2:0', (b) => assert.equal(typeof b.inputText, 'string'), 1024],
    ['amazon.titan-embed-text-v1', (b) => assert.equal(typeof b.inputText, 'string'), 1536],
    ['amazon.titan-embed-image-v1', (b) => assert.equal(typeof b.inputText, 'string'), 1024],
    ['cohere.embed-english-v3', (b) => assert.equal(b.input_type, 'search_document'), 1024],
    ['cohere.embed-v4:0', (b) => assert.deepEqual(b.embedding_types, ['float']), 1536],
    ['amazon.nova-2-multimodal-embeddings-v1:0', (b) => assert.equal(b.taskType, 'SINGLE_EMBEDDING'), 3072],
  ];
  for (const [id, check, dims] of cases) {
    it(`${id}: InvokeModel with its body, one vector per chunk`, async () => {
      const res = await t.rig.router.embed({ modelId: id, texts: ['hello world', 'second text'] });
      assert.equal(res.chunks.length, 2);
      assert.deepEqual(res.chunks.map((c) => [c.textIndex, c.start, c.end]), [[0, 0, 11], [1, 0, 11]]);
      assert.ok(res.chunks.every((c) => c.vector.length === res.dimensions && c.vector.every(Number.isFinite)));
      assert.ok(res.dimensions > 0);
      void dims;
      const r = t.emu.requests.find((x) => x.route === 'InvokeModel')!;
      check(r.body as J);
    });
  }

  it('Cohere: batches of at most 96 texts of at most 2,048 characters; nothing lost or duplicated', async () => {
    const long = 'lorem ipsum dolor sit amet. '.repeat(300); // 8,400 chars → 5 chunks
    const texts = [...Array.from({ length: 150 }, (_, i) => `text number ${i}`), long];
    const res = await t.rig.router.embed({ modelId: 'cohere.embed-english-v3', texts, concurrency: 3 });
    const calls = t.emu.requests.filter((r) => r.route === 'InvokeModel');
    for (const c of calls) {
      const b = c.body as J;
      assert.ok(b.texts.length <= 96);
      assert.ok(b.texts.every((t: string) => t.length <= 2048));
    }
    const sent = calls.reduce((n, c) => n + (c.body as J).texts.length, 0);
    assert.equal(sent, res.chunks.length);
    const longChunks = res.chunks.filter((c) => c.textIndex === 150);
    assert.ok(longChunks.length >= 5);
    assert.equal(longChunks.map((c) => long.slice(c.start, c.end)).join(''), long, 'chunks tile the text exactly');
    assert.equal(new Set(res.chunks.map((c) => `${c.textIndex}:${c.start}`)).size, res.chunks.length);
  });

  it('Titan v2: one text per call, long text chunked by its limit', async () => {
    const text = 'x'.repeat(60_000);
    const res = await t.rig.router.embed({ modelId: 'amazon.titan-embed-text-v2:0', texts: [text], concurrency: 2 });
    const calls = t.emu.requests.filter((r) => r.route === 'InvokeModel');
    assert.equal(calls.length, res.chunks.length);
    assert.ok(calls.every((c) => ((c.body as J).inputText as string).length <= 50_000));
    assert.equal(res.chunks.reduce((n, c) => n + (c.end - c.start), 0), 60_000);
  });

  it('backs off and retries on throttling, then succeeds', async () => {
    t.emu.fault({ kind: 'throttling', route: 'InvokeModel', count: 2 });
    const embedder = new Embedder(t.rig.connection, { backoffMs: 5 });
    const res = await embedder.embed({ modelId: 'amazon.titan-embed-text-v2:0', texts: ['a', 'b'] }, 'amazon.titan-embed-text-v2:0', 'amazon.titan-embed-text-v2:0');
    assert.equal(res.chunks.length, 2);
    assert.equal(t.emu.requests.filter((r) => r.route === 'InvokeModel').length, 4);
  });

  it('is cancellable: rejects as cancelled and stops sending', async () => {
    const ac = new AbortController();
    const texts = Array.from({ length: 50 }, (_, i) => `t${i}`);
    let seen = 0;
    const p = t.rig.router.embed({ modelId: 'amazon.titan-embed-text-v2:0', texts, concurrency: 2 }, ac.signal, () => {
      if (++seen === 3) ac.abort();
    });
    await assert.rejects(p, (e: unknown) => e instanceof BedrockError && e.classified.kind === 'cancelled');
    assert.ok(t.emu.requests.filter((r) => r.route === 'InvokeModel').length < 50);
  });

  it('non-retryable errors surface classified', async () => {
    t.emu.fault({ kind: 'accessDenied', route: 'InvokeModel' });
    await assert.rejects(t.rig.router.embed({ modelId: 'cohere.embed-english-v3', texts: ['a'] }), (e: unknown) => e instanceof BedrockError && e.classified.kind === 'modelNotEnabled');
  });
});
