// A router started on corrupt stored state (learned facts and catalog cache, as activation reads
// them) still streams a reply through the real SDK clients, and the store keeps what it then learns.
import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/bedrock/catalog/catalog';
import { BedrockConnection } from '../../src/core/bedrock/connection/connection';
import { MemoryStore } from '../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../src/core/bedrock/routing/router';
import { catalogKey, learnedKey } from '../../src/core/storageKeys';
import { FAKE_CREDS, chat, collect, errorOf, startEmulator, textOf } from './router/routerHarness';
import type { EmulatorHandle } from '../emulator/emulator';

const REGION = 'us-east-1';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
const REPLY = 'Still here';

describe('router on corrupt stored state (emulator)', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator({ scenario: { defaults: { text: REPLY } } });
  });
  after(() => emu.close());

  const learnedShapes: [string, unknown][] = [
    ['"garbage"', 'garbage'],
    ['5', 5],
    ['profile: 5', { v: 1, models: { [HAIKU]: { profile: 5 }, [SONNET4]: { profile: 5 } } }],
    ['apis: [null]', { v: 1, models: { [HAIKU]: { apis: [null] }, [SONNET4]: { apis: { 'converse-stream': null } } } }],
  ];
  const cacheShapes: [string, unknown][] = [
    ['descriptors: null', { v: 1, region: REGION, account: '', fetchedAt: 1, descriptors: null }],
    ['descriptors: [null, {id}]', { v: 1, region: REGION, account: '', fetchedAt: 1, descriptors: [null, { id: HAIKU }, { id: SONNET4, kind: 'model' }] }],
    ['descriptors: "x"', { v: 1, region: REGION, account: '', fetchedAt: 1, descriptors: 'x' }],
  ];

  for (const [learnedName, learnedRaw] of learnedShapes) {
    for (const [cacheName, cacheRaw] of cacheShapes) {
      it(`learned ${learnedName} + cache ${cacheName}: a turn streams, and what is learned is saved`, async () => {
        const store = new MemoryStore();
        store.update(learnedKey(REGION), learnedRaw);
        store.update(catalogKey(REGION, undefined), cacheRaw);
        const warnings: string[] = [];
        const warn = (m: string) => warnings.push(m);
        const connection = new BedrockConnection({ region: REGION, endpoints: { control: emu.url, runtime: emu.url, mantle: emu.url }, staticCredentials: FAKE_CREDS, maxAttempts: 1 }, {});
        const learned = new LearnedCapabilities(store, warn);
        const catalog = new Catalog(connection, store, learned, warn);
        const router = new Router({ connection, directory: catalog, learned, idleTimeoutSeconds: 5 });
        try {
          const haiku = await collect(router.stream(chat(HAIKU)));
          assert.equal(errorOf(haiku), undefined);
          assert.equal(textOf(haiku), REPLY);
          // The background refresh replaces the cache; a model that needs a profile then goes
          // through it, and a limit the service states is learned next to the surviving facts.
          await catalog.refresh();
          assert.equal(catalog.state, 'fresh');
          const sonnet = await collect(router.stream(chat(SONNET4)));
          assert.equal(textOf(sonnet), REPLY, JSON.stringify(errorOf(sonnet)));
          const capped = await collect(router.stream(chat(HAIKU, { maxTokens: 1_000_000 })));
          assert.equal(textOf(capped), REPLY, JSON.stringify(errorOf(capped)));
          assert.equal(learned.get(REGION, HAIKU)?.maxTokens, 4096);
          const saved = store.get<{ v: number; models: Record<string, { maxTokens?: number }> }>(learnedKey(REGION))!;
          assert.equal(saved.v, 1);
          assert.equal(saved.models[HAIKU].maxTokens, 4096);
          assert.equal(warnings.length, 2, `one warning per corrupt store: ${JSON.stringify(warnings)}`);
        } finally {
          catalog.dispose();
          connection.dispose();
        }
      });
    }
  }
});
