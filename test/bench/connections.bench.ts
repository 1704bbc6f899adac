// What connection reuse buys, measured side by side in one run against the emulator:
// - connections opened by 100 sequential chat turns (kept session: 1 per endpoint);
// - the time of small sequential requests when each opens a new connection (the SDK's default
//   HTTP/2 handler) against the same requests over the kept session;
// - time to first token for a turn sent after warming against one sent cold, with the emulator
//   delaying each new connection as a TCP + TLS handshake would.
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type EmulatorHandle } from '../emulator/emulator';
import { BedrockConnection } from '../../src/core/bedrock/connection/connection';
import { shippedDescriptor } from '../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { MemoryStore } from '../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../src/core/bedrock/routing/router';
import type { ChatRequest } from '../../src/core/bedrock/adapters/chatRequest';

const NOVA = 'amazon.nova-micro-v1:0';
const GPT_MANTLE = 'openai.gpt-oss-20b';
const CREDS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };
const SMALL_REQUESTS = 100;
const HANDSHAKE_MS = 60;
const WARM_ROUNDS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function rig(emu: EmulatorHandle): { connection: BedrockConnection; router: Router } {
  const connection = new BedrockConnection({
    region: 'us-east-1',
    endpoints: { control: emu.url, runtime: emu.url, mantle: `${emu.url}/mantle` },
    staticCredentials: CREDS,
  });
  const router = new Router({ connection, learned: new LearnedCapabilities(new MemoryStore()), directory: { describe: (id) => shippedDescriptor(id, SHIPPED_MODELS) } });
  return { connection, router };
}

const turn = (modelId: string): ChatRequest => ({ modelId, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], maxTokens: 50 });

async function drain(router: Router, req: ChatRequest): Promise<number | undefined> {
  const t0 = performance.now();
  let first: number | undefined;
  for await (const e of router.stream(req)) {
    if (e.type === 'text' && first === undefined) first = performance.now() - t0;
    if (e.type === 'error') throw new Error(e.error.message);
  }
  return first;
}

/** Connections each endpoint opened for 100 sequential turns with `modelId` (from the emulator's log). */
async function connectionsPer100Turns(emu: EmulatorHandle, modelId: string): Promise<Record<string, number>> {
  const { connection, router } = rig(emu);
  const mark = emu.requests.length;
  for (let i = 0; i < 100; i++) await drain(router, turn(modelId));
  connection.dispose();
  const byService: Record<string, Set<number>> = {};
  for (const r of emu.requests.slice(mark)) (byService[r.service] ??= new Set()).add(r.connection);
  return Object.fromEntries(Object.entries(byService).map(([service, ids]) => [service, ids.size]));
}

async function perRequestMs(send: () => Promise<unknown>): Promise<number> {
  await send(); // warm-up: SDK load, first connection
  const t0 = performance.now();
  for (let i = 0; i < SMALL_REQUESTS; i++) await send();
  return (performance.now() - t0) / SMALL_REQUESTS;
}

export async function run(): Promise<void> {
  const emu = await startEmulator();
  try {
    const runtimeTurns = await connectionsPer100Turns(emu, NOVA);
    const mantleTurns = await connectionsPer100Turns(emu, GPT_MANTLE);
    const show = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`  (ConverseStream: ${show(runtimeTurns)}; Chat Completions, whose first turn probes Converse: ${show(mantleTurns)})`);
    console.log(`bench: connections per 100 sequential turns: ${runtimeTurns['bedrock-runtime']} connections`);
    console.log(`bench: connections per 100 sequential turns on a compatible endpoint: ${mantleTurns['bedrock-mantle']} connections`);

    // The same Converse request through the same SDK client type: the SDK's default handler (a new
    // connection per request) and the extension's connection (one kept session).
    const command = () => new ConverseCommand({ modelId: NOVA, messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 10 } });
    const sdkDefault = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emu.url, credentials: CREDS });
    const kept = rig(emu).connection;
    const keptClient = await kept.runtime();
    const rounds: Array<{ fresh: number; reused: number; freshConnections: number; reusedConnections: number }> = [];
    for (let round = 0; round < 3; round++) {
      let c0 = emu.connectionStats().connections;
      const fresh = await perRequestMs(() => sdkDefault.send(command()));
      const freshConnections = emu.connectionStats().connections - c0;
      c0 = emu.connectionStats().connections;
      const reused = await perRequestMs(() => keptClient.send(command()));
      rounds.push({ fresh, reused, freshConnections, reusedConnections: emu.connectionStats().connections - c0 });
    }
    sdkDefault.destroy();
    kept.dispose();
    const fresh = median(rounds.map((r) => r.fresh));
    const reused = median(rounds.map((r) => r.reused));
    console.log(`  (${SMALL_REQUESTS} sequential Converse calls per round: connections opened ${rounds[0].freshConnections} new-each vs ${rounds[0].reusedConnections} reused)`);
    console.log(`bench: per-request time, new connection each: ${fresh.toFixed(2)} ms`);
    console.log(`bench: per-request time, reused session: ${reused.toFixed(2)} ms`);
    console.log(`bench: per-request overhead vs reused session: ${(fresh / reused).toFixed(2)} x`);

    // First token, cold against warmed, each on a fresh connection object; clients are built
    // before timing so only the network differs.
    emu.setConnectionDelay(HANDSHAKE_MS);
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < WARM_ROUNDS; i++) {
      const a = rig(emu);
      await a.connection.runtime();
      cold.push((await drain(a.router, turn(NOVA)))!);
      a.connection.dispose();
      const b = rig(emu);
      await b.connection.runtime();
      await b.router.warm(NOVA);
      warm.push((await drain(b.router, turn(NOVA)))!);
      b.connection.dispose();
    }
    emu.setConnectionDelay(0);
    console.log(`  (connection setup ${HANDSHAKE_MS} ms; first token cold ${median(cold).toFixed(1)} ms, warmed ${median(warm).toFixed(1)} ms)`);
    console.log(`bench: warm first token vs cold: ${(median(warm) / median(cold)).toFixed(2)} x`);
  } finally {
    await emu.close();
  }
}
