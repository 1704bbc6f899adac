// The emulator's ceiling: how fast a raw @aws-sdk/client-bedrock-runtime consumer (default HTTP/2
// handler) can drain ConverseStream on loopback. Later benchmarks are compared with these figures.
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '../emulator/emulator';
import { runtimeClient } from '../emulator/sdkClients';

const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const STREAMS = 8;

export async function run(): Promise<void> {
  // ~256 KB replies in 48-character deltas: many small frames, like a real token stream.
  const text = 'Bedrock streams tokens as event-stream frames; '.repeat(5600);
  const emu = await startEmulator({ scenario: { defaults: { text, chunkChars: 48 } } });
  try {
    const client = runtimeClient(emu.url);
    const once = async (): Promise<number> => {
      const out = await client.send(new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'bench' }] }] }));
      let n = 0;
      for await (const _ of out.stream!) n++;
      return n;
    };
    await once(); // warm-up: JIT, first h2 session
    const mark = emu.requests.length;
    const t0 = performance.now();
    let events = 0;
    for (let i = 0; i < STREAMS; i++) events += await once();
    const seconds = (performance.now() - t0) / 1000;
    const bytes = emu.requests.slice(mark).reduce((n, r) => n + r.bytesOut, 0);
    console.log(`bench: emulator converse-stream: ${Math.round(events / seconds)} events/s`);
    console.log(`bench: emulator converse-stream throughput: ${(bytes / 1e6 / seconds).toFixed(2)} MB/s`);
  } finally {
    await emu.close();
  }
}
