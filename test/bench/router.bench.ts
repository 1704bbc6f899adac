// Stream overhead of router + adapter over the raw SDK: the same 20,000-event ConverseStream,
// consumed raw (SDK events) and through Router.stream (unified events), alternated in one run so
// both see the same machine state. Also the first-event latency the router adds.
// The stream is served pre-encoded (emulator frame encoder) by a bare h2c server writing it at
// once: with the emulator pacing its writes in this same process, server time swamps the client
// and the ratio measures noise. Here the client side — SDK decode vs SDK decode + router — is all
// that is timed. The emulator still serves the catalog the router plans from.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '../emulator/emulator';
import { eventFrame } from '../emulator/eventStream';
import { BedrockConnection } from '../../src/core/bedrock/connection/connection';
import { Catalog } from '../../src/core/bedrock/catalog/catalog';
import { MemoryStore } from '../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../src/core/bedrock/routing/router';
import type { ChatRequest } from '../../src/core/bedrock/adapters/chatRequest';

const EVENTS = 20_000;
const ROUNDS = 25;
const LATENCY_ROUNDS = 40;
const MODEL = 'amazon.nova-micro-v1:0';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  // One word per delta; messageStart/stop/metadata make up the rest of the 20,000 events.
  const words = EVENTS - 4;
  const emu = await startEmulator({
    scenario: { rules: [{ match: { promptIncludes: 'long' }, reply: { text: 'w '.repeat(words).trim() } }], defaults: { text: 'hi there' } },
  });
  const longBody = Buffer.concat([
    eventFrame('messageStart', { role: 'assistant' }),
    ...Array.from({ length: words }, (_, i) => eventFrame('contentBlockDelta', { delta: { text: i ? ' w' : 'w' }, contentBlockIndex: 0 })),
    eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
    eventFrame('messageStop', { stopReason: 'end_turn' }),
    eventFrame('metadata', { usage: { inputTokens: 5, outputTokens: words, totalTokens: words + 5 }, metrics: { latencyMs: 1 } }),
  ]);
  const shortBody = Buffer.concat([
    eventFrame('messageStart', { role: 'assistant' }),
    eventFrame('contentBlockDelta', { delta: { text: 'hi' }, contentBlockIndex: 0 }),
    eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
    eventFrame('messageStop', { stopReason: 'end_turn' }),
    eventFrame('metadata', { usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 }, metrics: { latencyMs: 1 } }),
  ]);
  const server = http2.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'bench' });
      res.end(body.includes('long') ? longBody : shortBody);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const streamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const connection = new BedrockConnection(
    { region: 'us-east-1', endpoints: { control: emu.url, runtime: streamUrl, mantle: emu.url }, staticCredentials: { accessKeyId: 'AKID', secretAccessKey: 'x' }, maxAttempts: 1 },
    {},
  );
  const store = new MemoryStore();
  const learned = new LearnedCapabilities(store);
  const catalog = new Catalog(connection, store, learned);
  await catalog.refresh();
  const router = new Router({ connection, directory: catalog, learned });
  const client = await connection.runtime();
  const request = (prompt: string): ChatRequest => ({ modelId: MODEL, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }] });
  const sdkInput = (prompt: string) => ({ modelId: MODEL, messages: [{ role: 'user' as const, content: [{ text: prompt }] }] });

  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const raw = async (prompt: string, firstOnly = false) => {
    const c0 = cpu();
    const t0 = performance.now();
    let first = 0;
    let n = 0;
    const res = await client.send(new ConverseStreamCommand(sdkInput(prompt)));
    let chars = 0;
    for await (const e of res.stream!) {
      // A real consumer reads each event's text, as the router must; the baseline does the same.
      const text = e.contentBlockDelta?.delta?.text;
      if (text !== undefined) {
        chars += text.length;
        if (!first) {
          first = performance.now() - t0;
          if (firstOnly) break;
        }
      }
      n++;
    }
    if (chars < 0) throw new Error('unreachable'); // keeps `chars` live
    return { total: performance.now() - t0, cpu: cpu() - c0, first, n };
  };
  const routed = async (prompt: string, firstOnly = false) => {
    const c0 = cpu();
    const t0 = performance.now();
    let first = 0;
    let n = 0;
    let chars = 0;
    for await (const e of router.stream(request(prompt))) {
      if (e.type === 'text') {
        chars += e.text.length;
        if (!first) {
          first = performance.now() - t0;
          if (firstOnly) break;
        }
      } else if (e.type === 'error') throw new Error(e.error.message);
      n++;
    }
    if (chars < 0) throw new Error('unreachable');
    return { total: performance.now() - t0, cpu: cpu() - c0, first, n };
  };

  // Warm up both paths (JIT, connection setup).
  await raw('long');
  await routed('long');
  // Each round runs both back to back (order alternating); the figure is the median of the
  // per-round ratios, which is robust to load drifting between rounds on a shared machine.
  const rawTimes: number[] = [];
  const routedTimes: number[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  let rawEvents = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? [raw, routed] : [routed, raw];
    const t: Record<string, number> = {};
    for (const f of order) {
      const r = await f('long');
      t[f === raw ? 'raw' : 'routed'] = r.total;
      t[f === raw ? 'rawCpu' : 'routedCpu'] = r.cpu;
      if (f === raw) rawEvents = r.n;
    }
    rawTimes.push(t.raw);
    routedTimes.push(t.routed);
    ratios.push(t.routed / t.raw);
    cpuRatios.push(t.routedCpu / t.rawCpu);
  }
  const added: number[] = [];
  for (let i = 0; i < LATENCY_ROUNDS; i++) {
    const a = await raw('short', true);
    const b = await routed('short', true);
    added.push(b.first - a.first);
  }
  console.log(`  (${rawEvents} events per run; raw ${median(rawTimes).toFixed(1)} ms, routed ${median(routedTimes).toFixed(1)} ms)`);
  // Wall-clock ratio is the headline; the CPU-time ratio (this process: client + the trivial server)
  // is steadier when other work shares the machine.
  console.log(`bench: stream overhead ratio: ${median(ratios).toFixed(3)} x`);
  console.log(`bench: stream overhead ratio (cpu time): ${median(cpuRatios).toFixed(3)} x`);
  console.log(`bench: first-event added latency: ${Math.max(0, median(added)).toFixed(2)} ms`);
  catalog.dispose();
  connection.dispose();
  await emu.close();
  await new Promise((r) => server.close(r));
}
