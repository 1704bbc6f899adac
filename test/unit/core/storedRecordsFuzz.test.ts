// Beyond the hand-picked shapes: thousands of seeded random corruptions of good stored values
// (a field, element or entry replaced by null, a number, text, a list, an object, a huge string or
// removed). Whatever is stored, reading never throws, and what comes back drives the code that
// uses it (the explorer tree and details, route planning, the next chat request) without throwing.
import assert from 'node:assert/strict';
import { Catalog } from '../../../src/core/bedrock/catalog/catalog';
import { buildDescriptors } from '../../../src/core/bedrock/catalog/catalogBuild';
import { readCatalogSnapshot } from '../../../src/core/bedrock/catalog/catalogSnapshot';
import { BedrockConnection } from '../../../src/core/bedrock/connection/connection';
import { MemoryStore } from '../../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../../src/core/bedrock/routing/router';
import { SHIPPED_MODELS } from '../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { modelDetailsView, tooltipMarkdown } from '../../../src/core/explorer/modelDetails';
import { buildModelTree } from '../../../src/core/explorer/modelTree';
import { rowOf } from '../../../src/core/explorer/treeRows';
import { learnedKey } from '../../../src/core/storageKeys';
import { beginTurn, toChatRequest } from '../../../src/core/chat/conversationModel';
import { readConversation } from '../../../src/core/chat/historyStore';

const REGION = 'us-east-1';
const RUNS = 400;

/** Small deterministic PRNG (mulberry32), so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [null, 5, -1, 1.5, 'x', '', [], [null], {}, JSON.parse('{"__proto__":{"polluted":1}}'), true, 'y'.repeat(200_000), Number.MAX_VALUE];

/** Replaces (or deletes) `count` randomly chosen nodes of a JSON value, in place. */
function corrupt(value: unknown, random: () => number, count: number): unknown {
  const root = { value };
  for (let n = 0; n < count; n++) {
    // Walk down a random path, then damage where it stops.
    let parent: Record<string, unknown> | unknown[] = root;
    let key: string | number = 'value';
    for (;;) {
      const here: unknown = (parent as Record<string, unknown>)[key as string];
      if (typeof here !== 'object' || here === null || random() < 0.25) break;
      const keys: string[] = Object.keys(here);
      if (!keys.length) break;
      parent = here as Record<string, unknown>;
      key = keys[Math.floor(random() * keys.length)];
    }
    const pick = Math.floor(random() * (JUNK.length + 1));
    if (pick === JUNK.length) delete (parent as Record<string, unknown>)[key as string];
    else (parent as Record<string, unknown>)[key as string] = structuredClone(JUNK[pick]);
  }
  return JSON.parse(JSON.stringify(root.value) ?? 'null');
}

function goodSnapshot() {
  const arn = (id: string) => `arn:aws:bedrock:${REGION}::foundation-model/${id}`;
  const ids = ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-sonnet-4-20250514-v1:0', 'amazon.titan-embed-text-v2:0', 'meta.llama3-1-8b-instruct-v1:0'];
  const descriptors = buildDescriptors({
    models: ids.map((id) => ({ modelId: id, modelArn: arn(id), modelName: id, providerName: id.split('.')[0], inputModalities: ['TEXT'], outputModalities: [id.includes('embed') ? 'EMBEDDING' : 'TEXT'], inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' } })),
    profiles: [{ inferenceProfileId: `us.${ids[1]}`, inferenceProfileArn: `arn:aws:bedrock:${REGION}:123456789012:inference-profile/us.${ids[1]}`, inferenceProfileName: 'US Sonnet 4', type: 'SYSTEM_DEFINED', models: [{ modelArn: arn(ids[1]) }] }],
    shipped: SHIPPED_MODELS,
    learned: {},
  });
  return { v: 1, region: REGION, account: '', fetchedAt: 1, descriptors };
}

const GOOD_CONVERSATION = {
  v: 1,
  id: 'c',
  title: 'T',
  createdAt: 1,
  updatedAt: 2,
  system: 'Be brief.',
  params: { temperature: 0.3, maxTokens: 100, topP: 0.9 },
  api: 'converse-stream',
  turns: [
    { role: 'user', text: 'q' },
    { role: 'assistant', text: 'a', reasoning: [{ text: 'r', signature: 's' }, { text: '', redactedBase64: 'AAAA' }], stats: { modelId: 'm', api: 'converse', outputTokens: 2 }, stopReason: 'end_turn' },
    { role: 'user', text: 'q2' },
    { role: 'assistant', text: 'partial', error: { kind: 'throttled', message: 'slow', action: { id: 'retry', label: 'Retry' }, detail: 'd' } },
  ],
};

const GOOD_LEARNED = {
  v: 1,
  models: {
    'anthropic.claude-sonnet-4-20250514-v1:0': { profile: 'us.anthropic.claude-sonnet-4-20250514-v1:0', maxTokens: 4096, apis: { converse: { supported: true, note: 'n', at: 1 } } },
    'meta.llama3-1-8b-instruct-v1:0': { noSystemPrompt: true, noToolStreaming: true },
  },
};

describe('stored state: random corruption never throws and what is read can be used', () => {
  it(`catalog cache: ${RUNS} corruptions`, () => {
    const random = rng(1);
    for (let run = 0; run < RUNS; run++) {
      const stored = corrupt(goodSnapshot(), random, 1 + Math.floor(random() * 4));
      const snapshot = readCatalogSnapshot(stored, REGION, () => undefined);
      for (const node of buildModelTree(snapshot?.descriptors ?? [], { hideLegacy: run % 2 === 0, text: 'a' })) {
        rowOf(node);
        for (const m of node.models) {
          rowOf(m);
          modelDetailsView(m.descriptor, {});
          tooltipMarkdown(m.descriptor, {});
          for (const p of m.profiles) rowOf(p);
        }
      }
    }
  });

  it(`learned facts with a corrupt catalog cache: ${RUNS} corruptions, every plan still made or refused cleanly`, () => {
    const random = rng(2);
    for (let run = 0; run < RUNS; run++) {
      const store = new MemoryStore();
      store.update(learnedKey(REGION), corrupt(structuredClone(GOOD_LEARNED), random, 1 + Math.floor(random() * 3)));
      const connection = new BedrockConnection({ region: REGION, endpoints: { control: 'http://127.0.0.1:9', runtime: 'http://127.0.0.1:9', mantle: 'http://127.0.0.1:9' } }, {});
      const learned = new LearnedCapabilities(store);
      const catalog = new Catalog(connection, store, learned);
      const router = new Router({ connection, directory: catalog, learned });
      try {
        for (const id of Object.keys(GOOD_LEARNED.models)) {
          try {
            router.plan({ modelId: id, task: 'chat', features: { streaming: true, systemPrompt: true, tools: run % 2 === 0 } });
          } catch (e) {
            // A plan may be refused, but only with the router's own message, never a TypeError.
            assert.ok(!(e instanceof TypeError), `seed 2 run ${run}: ${e}`);
          }
        }
        learned.learn(REGION, 'meta.llama3-1-8b-instruct-v1:0', { maxTokens: 10 + run });
        assert.equal(learned.get(REGION, 'meta.llama3-1-8b-instruct-v1:0')?.maxTokens, 10 + run);
      } finally {
        catalog.dispose();
        connection.dispose();
      }
    }
  });

  it(`conversations: ${RUNS} corruptions, a follow-up request can always be built`, () => {
    const random = rng(3);
    for (let run = 0; run < RUNS; run++) {
      const conv = readConversation(corrupt(structuredClone(GOOD_CONVERSATION), random, 1 + Math.floor(random() * 4)));
      if (!conv) continue;
      const next = beginTurn(conv, { method: 'chat/send', requestId: 'r', conversationId: conv.id, text: 'more' }, 'm', conv.params, 3);
      const req = toChatRequest(next, 'm', conv.params);
      assert.equal(req.messages.at(-1)?.role, 'user', `seed 3 run ${run}`);
      assert.ok(req.messages.every((m) => m.content.every((p) => typeof p === 'object' && p !== null)));
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
