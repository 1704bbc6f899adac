// Embedding a 1 MB file through the router against the emulator with 50 ms per request: the
// default concurrency against one request at a time, measured side by side in one run; then the
// same file with every fifth request throttled, counting chunks that went missing.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator } from '../emulator/emulator';
import { BedrockConnection } from '../../src/core/bedrock/connection/connection';
import { shippedDescriptor } from '../../src/core/bedrock/catalog/catalogBuild';
import type { EmbedResult } from '../../src/core/bedrock/embedding/embedTypes';
import { MemoryStore } from '../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../src/core/bedrock/routing/router';
import { SHIPPED_MODELS } from '../../src/core/bedrock/catalog/shippedCapabilities.generated';
import packageJson from '../../package.json';

const MODEL = 'amazon.titan-embed-text-v2:0';
const DEFAULT_CONCURRENCY = packageJson.contributes.configuration.properties['bedrock.embedding.concurrency'].default;

function oneMegabyte(): string {
  const words: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const w = `word${i % 5003}${i % 7 === 0 ? '.\n' : ''}`;
    words.push(w);
    size += w.length + 1;
  }
  return words.join(' ').slice(0, 1_000_000);
}

/**
 * The emulator in its own process for the timing runs: in this process its per-request work
 * (hashing 25 KB texts into vectors) would share the client's thread and serialise the requests
 * the benchmark means to overlap.
 */
async function emulatorProcess(latencyMs: number): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_EMULATOR_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', join(import.meta.dirname, '..', 'emulator', 'cli.ts'), '--port', '0', '--latency', String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    // A plain listener (not for-await) keeps draining its per-request log lines after the match.
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        out = '';
        resolve({ url: m[1], stop: () => child.kill() });
      }
    });
    child.once('exit', (code) => reject(new Error(`emulator process exited (${code}) before listening:\n${out}`)));
  });
}

function routerFor(emulator: { url: string }): Router {
  const connection = new BedrockConnection({
    region: 'us-east-1',
    endpoints: { control: emulator.url, runtime: emulator.url, mantle: emulator.url },
    staticCredentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
  });
  const learned = new LearnedCapabilities(new MemoryStore());
  return new Router({ connection, learned, directory: { describe: (id) => shippedDescriptor(id, SHIPPED_MODELS) } });
}

/** Chunks missing from full coverage of [0, length): gaps, overlaps and duplicates all count. */
function lostChunks(result: EmbedResult, length: number, expectedChunks: number): number {
  let pos = 0;
  let contiguous = 0;
  for (const c of result.chunks) {
    if (c.start === pos && c.vector.length > 0) contiguous++;
    pos = c.end;
  }
  return Math.max(0, expectedChunks - contiguous) + (pos === length ? 0 : 1);
}

export async function run(): Promise<void> {
  const text = oneMegabyte();
  const remote = await emulatorProcess(50);
  const emulator = await startEmulator({ latencyMs: 50 });
  try {
    const router = routerFor(remote);
    const time = async (concurrency: number) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const result = await router.embed({ modelId: MODEL, texts: [text], concurrency });
      const cpu = process.cpuUsage(c0);
      if (process.env.BENCH_VERBOSE) console.log(`    concurrency ${concurrency}: ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms client CPU`);
      return { ms: performance.now() - t0, result };
    };
    await time(DEFAULT_CONCURRENCY); // warm-up: SDK load, connection set-up
    const sequential: number[] = [];
    const parallel: number[] = [];
    let chunks = 0;
    for (let round = 0; round < 3; round++) {
      sequential.push((await time(1)).ms);
      const p = await time(DEFAULT_CONCURRENCY);
      parallel.push(p.ms);
      chunks = p.result.chunks.length;
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.log(`  (${chunks} chunks of ≤ 50,000 characters; sequential ${best(sequential).toFixed(0)} ms, concurrency ${DEFAULT_CONCURRENCY} ${best(parallel).toFixed(0)} ms)`);
    console.log(`bench: embed speed-up vs sequential: ${(best(sequential) / best(parallel)).toFixed(2)} x`);

    // Every fifth embedding request is throttled (in-process emulator, so faults can be queued as
    // each request arrives).
    const faultyRouter = routerFor(emulator);
    const onRequest = (r: { seq: number; route: string }) => {
      if (r.route === 'InvokeModel' && r.seq % 5 === 0) emulator.fault({ kind: 'throttling', route: 'InvokeModel', count: 1 });
    };
    emulator.clearRequests();
    emulator.events.on('request', onRequest);
    const t0 = performance.now();
    const throttledRun = { result: await faultyRouter.embed({ modelId: MODEL, texts: [text], concurrency: DEFAULT_CONCURRENCY }), ms: 0 };
    throttledRun.ms = performance.now() - t0;
    emulator.events.off('request', onRequest);
    const calls = emulator.requests.filter((r) => r.route === 'InvokeModel');
    const throttled = calls.filter((r) => r.status === 429).length;
    console.log(`  (${calls.length} requests, ${throttled} throttled (${((throttled / calls.length) * 100).toFixed(0)}%), ${throttledRun.ms.toFixed(0)} ms)`);
    console.log(`bench: embed chunks lost under throttling: ${lostChunks(throttledRun.result, text.length, chunks)}`);
  } finally {
    remote.stop();
    await emulator.close();
  }
}
