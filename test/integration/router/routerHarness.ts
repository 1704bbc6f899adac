// Shared setup for the router integration tests: the emulator, a connection pointed at it with the
// real SDK clients, a catalog fetched from it and a router.
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../emulator/emulator';
import { Catalog } from '../../../src/core/bedrock/catalog/catalog';
import { BedrockConnection } from '../../../src/core/bedrock/connection/connection';
import type { ConnectionSettings } from '../../../src/core/bedrock/connection/connectionSettings';
import { MemoryStore } from '../../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../../src/core/bedrock/routing/router';
import type { ChatEvent } from '../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../src/core/bedrock/adapters/chatRequest';

export interface Rig {
  emu: EmulatorHandle;
  connection: BedrockConnection;
  store: MemoryStore;
  learned: LearnedCapabilities;
  catalog: Catalog;
  router: Router;
  dispose(): void;
}

export const FAKE_CREDS = { accessKeyId: 'AKIDEXAMPLEKEY0000', secretAccessKey: 'secret/example', sessionToken: 'session-token-example' };

export async function makeRig(emu: EmulatorHandle, settings: Partial<ConnectionSettings> = {}, env: Record<string, string | undefined> = {}): Promise<Rig> {
  const connection = new BedrockConnection(
    {
      region: 'us-east-1',
      endpoints: { control: emu.url, runtime: emu.url, mantle: `${emu.url}/mantle` },
      staticCredentials: FAKE_CREDS,
      maxAttempts: 1,
      ...settings,
    },
    env,
  );
  const store = new MemoryStore();
  const learned = new LearnedCapabilities(store);
  const catalog = new Catalog(connection, store, learned);
  await catalog.refresh();
  if (catalog.state !== 'fresh') throw new Error(`catalog refresh failed: ${JSON.stringify(catalog.error)}`);
  const router = new Router({ connection, directory: catalog, learned, idleTimeoutSeconds: 5 });
  return {
    emu,
    connection,
    store,
    learned,
    catalog,
    router,
    dispose() {
      catalog.dispose();
      connection.dispose();
    },
  };
}

export { startEmulator };

/** The emulator and the rig one describe block's tests share. */
export interface EmulatorRig {
  readonly emu: EmulatorHandle;
  readonly rig: Rig;
}

/**
 * Starts an emulator and a rig on it before the enclosing describe block's tests and closes both
 * after them; before each test the emulator's request log and faults are cleared, then `eachTest` runs.
 */
export function useEmulatorRig(options: EmulatorOptions = {}, settings: Partial<ConnectionSettings> = {}, eachTest?: (t: EmulatorRig) => void): EmulatorRig {
  const t = {} as { emu: EmulatorHandle; rig: Rig };
  before(async () => {
    t.emu = await startEmulator(options);
    t.rig = await makeRig(t.emu, settings);
  });
  after(async () => {
    t.rig.dispose();
    await t.emu.close();
  });
  beforeEach(() => {
    t.emu.clearRequests();
    t.emu.clearFaults();
    eachTest?.(t);
  });
  return t;
}

/**
 * Like useEmulatorRig, but a new emulator and rig for every test: for tests that count connections,
 * sessions or recorded frames, which a shared emulator would carry from one test into the next.
 */
export function useEmulatorRigPerTest(options: EmulatorOptions = {}, settings: Partial<ConnectionSettings> = {}): EmulatorRig {
  const t = {} as { emu: EmulatorHandle; rig: Rig };
  beforeEach(async () => {
    t.emu = await startEmulator(options);
    t.rig = await makeRig(t.emu, settings);
    t.emu.clearRequests();
  });
  afterEach(async () => {
    t.rig.dispose();
    await t.emu.close();
  });
  return t;
}

export async function collect(it: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

export const textOf = (events: ChatEvent[]) => events.map((e) => (e.type === 'text' ? e.text : '')).join('');
export const routesOf = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'route' ? [`${e.step.api}@${e.step.endpoint}:${e.step.target}`] : []));
export const errorOf = (events: ChatEvent[]) => events.find((e) => e.type === 'error') as Extract<ChatEvent, { type: 'error' }> | undefined;

export function chat(modelId: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { modelId, messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] }], maxTokens: 200, ...extra };
}
